import DynamoCore
import DynamoLab
import Testing

@Suite struct PartitioningExperimentTests {
    /// A lighter workload than the command's default, so the suite stays quick.
    let experiment = PartitioningExperiment(seed: 1, keys: 20_000, requests: 100_000)

    @Test func everySizeComparesTheThreeStrategiesAtEqualMetadata() {
        for (row, perNode) in zip(experiment.run(), PartitioningExperiment.sizesPerNode) {
            #expect(row.map(\.strategy.number) == [1, 2, 3])
            #expect(row.allSatisfy { $0.metadata == 30 * perNode })
        }
    }

    /// Figure 8's outcome: strategy 3 best, strategy 2 worst.
    @Test func strategyThreeComesOutBestAndStrategyTwoWorst() {
        let results = experiment.run()
        for row in results.prefix(4) {
            #expect(row[2].efficiency > row[0].efficiency, "at \(row[0].metadata) units")
        }
        let mean = { (column: Int) in results.map { $0[column].efficiency }.reduce(0, +) / Double(results.count) }
        #expect(mean(2) > mean(0))
        #expect(mean(0) > mean(1))
    }

    @Test func theSameSeedGivesTheSameReportThatFitsEightyColumns() {
        let report = experiment.report(experiment.run())
        #expect(report == experiment.report(experiment.run()))
        #expect(report.split(separator: "\n").allSatisfy { $0.count <= 80 })
        #expect(report.contains("strategy 3"))
    }
}
