import ArgumentParser
import DynamoLab

/// `dynamo-lab experiment ...`: the paper's experiments, run headless.
struct ExperimentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "experiment",
        abstract: "Reproduce one of the paper's experiments.",
        subcommands: [PartitioningCommand.self])
}

/// `dynamo-lab experiment partitioning`: Figure 8 of the paper (section 6.2).
struct PartitioningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "partitioning",
        abstract: "Load-balancing efficiency of partitioning strategies 1, 2 and 3 (the paper's Figure 8).",
        discussion: """
            Prints a table and a plot of mean load / max load for each strategy across sizes of \
            the membership information kept at each node. The same seed gives the same output.
            """)

    /// The default of --n, named in errors.
    static let standardN = 3

    @Option(parsing: .unconditional, help: SeedArgument.help("Seed for tokens, partition placement and the workload."),
            transform: SeedArgument.parse)
    var seed = SeedArgument.standard
    @Option(parsing: .unconditional, help: "Number of nodes (S), from 1 to 1000.") var nodes = 30
    @Option(parsing: .unconditional, help: "Replicas per key (N), from 1 to --nodes.") var n = Self.standardN
    @Option(parsing: .unconditional, help: "Distinct keys in the workload, from 1 to 10000000.") var keys = 1_000_000
    @Option(parsing: .unconditional, help: "Requests in the workload, from 1 to 100000000.") var requests = 1_000_000

    func validate() throws {
        guard (1...1_000).contains(nodes) else { throw ValidationError("--nodes must be from 1 to 1000") }
        guard (1...nodes).contains(n) else {
            throw ValidationError("--n must be from 1 to --nodes (\(nodes))" + (n == Self.standardN ? "; --n defaults to \(n)" : ""))
        }
        guard (1...10_000_000).contains(keys) else { throw ValidationError("--keys must be from 1 to 10000000") }
        guard (1...100_000_000).contains(requests) else { throw ValidationError("--requests must be from 1 to 100000000") }
    }

    func run() {
        let experiment = PartitioningExperiment(seed: seed, nodes: nodes, replicas: n, keys: keys, requests: requests)
        let progress = ProgressBar(total: PartitioningExperiment.sizesPerNode.count, unit: "sizes")
        let results = experiment.run(progress: progress.update)
        progress.update(PartitioningExperiment.sizesPerNode.count)
        progress.finish()
        print(experiment.report(results))
    }
}
