import Benchmark
import DynamoCore

/// Two replicas of 1,000,000 keys that differ in 100: a Merkle comparison against comparing
/// every key (the paper, section 4.7).
let benchmarks: @Sendable () -> Void = {
    let policy = VersioningPolicy()
    let keyCount = 1_000_000
    let differing = Set(stride(from: 0, to: keyCount, by: keyCount / 100))
    var mine = Store(), theirs = Store()
    for index in 0..<keyCount {
        let key = "key\(index)"
        let version = Version(value: .data("v\(index)"), dot: Dot(node: NodeID(1), counter: 1), context: .empty, timestamp: 0)
        mine.merge([version], into: key, policy: policy)
        if !differing.contains(index) { theirs.merge([version], into: key, policy: policy) }
    }
    let range = KeyRange(start: 0, end: 0)
    let depth = 16
    let left = MerkleTree(range: range, depth: depth, store: mine)
    let right = MerkleTree(range: range, depth: depth, store: theirs)

    Benchmark(
        "Merkle comparison, 1,000,000 keys differing in 100 (depth 16)",
        configuration: .init(
            metrics: [.wallClock, .custom("hashes compared"), .custom("keys exchanged"),
                      .custom("per mille of a full comparison")],
            maxDuration: .seconds(10), maxIterations: 50)
    ) { benchmark in
        let difference = left.difference(from: right)
        let keys = left.leafKeys(in: difference.leaves).count + right.leafKeys(in: difference.leaves).count
        benchmark.measurement(.custom("hashes compared"), difference.hashesCompared)
        benchmark.measurement(.custom("keys exchanged"), keys)
        benchmark.measurement(.custom("per mille of a full comparison"), (difference.hashesCompared + keys) * 1_000 / keyCount)
    }

    Benchmark(
        "Merkle tree build, 1,000,000 keys (depth 16)",
        configuration: .init(metrics: [.wallClock], maxDuration: .seconds(20), maxIterations: 5)
    ) { _ in
        blackHole(MerkleTree(range: range, depth: depth, store: mine))
    }
}
