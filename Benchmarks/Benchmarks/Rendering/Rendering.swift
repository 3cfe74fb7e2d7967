import Benchmark
import DynamoLab
import DynamoSim
import DynamoTUI

/// One frame of the visualizer for a cluster holding 1,000 keys, at 120x40: the pure layout
/// into a character grid, which the terminal layer then only copies. 64 nodes, and the
/// largest cluster the lab holds, 1,000.
let benchmarks: @Sendable () -> Void = {
    let lab = Lab(config: ClusterConfig(seed: 1, nodeCount: 64))
    for index in 0..<1_000 { _ = lab.execute("put key\(index) value\(index)") }
    _ = lab.execute("kill node7")
    _ = lab.execute("put key7 fresh")
    var model = ScreenModel()
    model.focus = "key7"

    Benchmark(
        "Frame, 64 nodes, 1,000 keys, 120x40 (snapshot and layout)",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(10), maxIterations: 1_000)
    ) { _ in
        blackHole(ScreenLayout.render(lab.cluster.snapshot(traceLimit: 400), model, width: 120, height: 40))
    }

    let large = Lab(config: ClusterConfig(seed: 1, nodeCount: 1_000))
    for index in 0..<1_000 { _ = large.execute("put key\(index) value\(index)") }
    _ = large.execute("kill node7")

    Benchmark(
        "Frame, 1,000 nodes, 1,000 keys, 120x40 (snapshot and layout)",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(10), maxIterations: 200)
    ) { _ in
        blackHole(ScreenLayout.render(large.cluster.snapshot(traceLimit: 400), model, width: 120, height: 40))
    }
}
