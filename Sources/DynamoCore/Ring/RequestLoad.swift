/// How many requests each node serves when every request for a key is served by the key's N
/// replicas, and the paper's measure of balance over it (section 6.2).
public struct RequestLoad: Sendable, Equatable {
    public let nodes: [NodeID]
    /// Requests served by each node, in the order of `nodes`.
    public let served: [Int]

    /// Counts, for each key position, its `count` requests against each of its `n` replicas.
    /// Requests are first summed per range (every key of a range has the same replicas), so
    /// each range's preference list is walked once.
    public init(layout: PartitionLayout, nodes: [NodeID], replicas n: Int,
                requests: [(position: RingPosition, count: Int)]) {
        var perRange = Array(repeating: 0, count: layout.rangeCount)
        for (position, count) in requests { perRange[layout.range(of: position)] += count }
        let slot = Dictionary(uniqueKeysWithValues: nodes.enumerated().map { ($1, $0) })
        var served = Array(repeating: 0, count: nodes.count)
        for (range, count) in perRange.enumerated() where count > 0 {
            for node in layout.preferenceList(ofRange: range, n: n) {
                if let index = slot[node] { served[index] += count }
            }
        }
        self.nodes = nodes
        self.served = served
    }

    /// Load-balancing efficiency: "the ratio of average number of requests served by each node
    /// to the maximum number of requests served by the hottest node" (section 6.2). 1 is
    /// perfect balance; 0 when nothing was served.
    public var efficiency: Double {
        guard let hottest = served.max(), hottest > 0 else { return 0 }
        let mean = Double(served.reduce(0, +)) / Double(served.count)
        return mean / Double(hottest)
    }
}
