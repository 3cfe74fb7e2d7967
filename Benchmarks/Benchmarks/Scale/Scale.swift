import Benchmark
import DynamoCore
import DynamoSim

/// A large ring: 1,000 nodes with 64 virtual nodes (tokens) each.
let benchmarks: @Sendable () -> Void = {
    let config = ClusterConfig(seed: 1, nodeCount: 1_000, vnodes: 64)
    let keys = (0..<100_000).map { "key\($0)" }

    Benchmark(
        "Ring build, 1,000 nodes x 64 tokens",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(10), maxIterations: 20)
    ) { _ in
        blackHole(config.makeRing())
    }

    let ring = config.makeRing()
    Benchmark(
        "Preference-list lookups by key (MD5 included), 1,000 nodes x 64 tokens, N=3",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .mega,
                             maxDuration: .seconds(10), maxIterations: 10)
    ) { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(ring.preferenceList(for: keys[index % keys.count], n: 3))
        }
    }

    let positions = keys.map { RingPosition.of(key: $0) }
    Benchmark(
        "Preference-list lookups by ring position (key hashed beforehand), 1,000 nodes x 64 tokens, N=3",
        configuration: .init(metrics: [.wallClock, .throughput], scalingFactor: .mega,
                             maxDuration: .seconds(10), maxIterations: 10)
    ) { benchmark in
        for index in benchmark.scaledIterations {
            blackHole(ring.walk(from: positions[index % positions.count], limit: 3))
        }
    }

    // What the stores hold, not what the background costs: a thousand nodes gossiping every
    // second and comparing ~190 ranges each every 10 s would spend the run on that traffic.
    var quiet = config
    quiet.settings.gossipInterval = 3_600_000
    quiet.settings.handoffInterval = 3_600_000
    quiet.settings.antiEntropyInterval = 3_600_000
    Benchmark(
        "1,000,000 keys x 3 replicas held, 1,000 nodes x 64 tokens",
        configuration: .init(metrics: [.wallClock, .peakMemoryResident],
                             warmupIterations: 0, maxDuration: .seconds(300), maxIterations: 1)
    ) { _ in
        let cluster = Cluster(config: quiet)
        cluster.tracing = false
        for index in 0..<1_000_000 {
            blackHole(try cluster.call(.put(.data("value"), context: .empty), key: "key\(index)"))
        }
        // Let every replica's write land and every timer fire.
        cluster.advance(by: cluster.settings.requestTimeout)
        let held = cluster.snapshot(traceLimit: 0).nodes.reduce(0) { $0 + $1.store.count }
        precondition(held == 3_000_000, "expected 3,000,000 replicas, found \(held)")
    }
}
