import Benchmark
import DynamoCore
import DynamoSim
import Workloads

/// The headless request path: a default cluster (5 nodes, 8 tokens each, N=3 R=2 W=2) with
/// tracing on serves 1,000,000 puts and then 1,000,000 gets over 100,000 keys (`runRequestPath`).
/// Two more runs set the background mechanisms' periods to an hour, then turn tracing off as
/// well, to show what each costs.
let benchmarks: @Sendable () -> Void = {
    let operationsPerSecond = BenchmarkMetric.custom("operations per second", polarity: .prefersLarger, useScalingFactor: false)
    let keys = (0..<100_000).map { "key\($0)" }
    let requests = 1_000_000
    let values = requestPathValues(requests)

    /// Runs the workload on `cluster` and records its rate.
    func run(_ cluster: Cluster, _ benchmark: Benchmark) throws {
        let clock = ContinuousClock()
        let start = clock.now
        try runRequestPath(on: cluster, writing: values, keys: keys)
        let elapsed = (clock.now - start) / .seconds(1)
        benchmark.stopMeasurement()
        benchmark.measurement(operationsPerSecond, Int(Double(2 * requests) / elapsed))
    }

    Benchmark(
        "1M puts then 1M gets, 5 nodes, N=3 R=2 W=2, tracing on",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident, operationsPerSecond],
                             warmupIterations: 0, maxDuration: .seconds(120), maxIterations: 3)
    ) { benchmark in
        try run(Cluster(config: ClusterConfig(seed: 1)), benchmark)
    }

    /// The default cluster with gossip, hand-off and anti-entropy rounds an hour apart.
    var quiet = ClusterConfig(seed: 1)
    quiet.settings.gossipInterval = 3_600_000
    quiet.settings.handoffInterval = 3_600_000
    quiet.settings.antiEntropyInterval = 3_600_000
    let rateOnly = Benchmark.Configuration(metrics: [.wallClock, operationsPerSecond], warmupIterations: 0,
                                           maxDuration: .seconds(120), maxIterations: 3)

    Benchmark("The same with gossip, hand-off and anti-entropy hourly: the request path alone",
              configuration: rateOnly) { [quiet] benchmark in
        try run(Cluster(config: quiet), benchmark)
    }

    Benchmark("The same with tracing off as well: the nodes and the event loop alone",
              configuration: rateOnly) { [quiet] benchmark in
        let cluster = Cluster(config: quiet)
        cluster.tracing = false
        try run(cluster, benchmark)
    }

    Benchmark(
        "Reference: bare event loop, same message pattern, 2M operations",
        configuration: .init(metrics: [.wallClock, operationsPerSecond],
                             warmupIterations: 0, maxDuration: .seconds(60), maxIterations: 3)
    ) { benchmark in
        var loop = BareEventLoop()
        let clock = ContinuousClock()
        let start = clock.now
        blackHole(loop.run(operations: 2 * requests))
        let elapsed = (clock.now - start) / .seconds(1)
        benchmark.stopMeasurement()
        benchmark.measurement(operationsPerSecond, Int(Double(2 * requests) / elapsed))
    }
}
