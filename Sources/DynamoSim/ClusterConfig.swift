import DynamoCore

/// Everything that fixes a cluster's starting state: with the same config, two clusters behave
/// byte for byte the same under the same commands.
public struct ClusterConfig: Sendable, Equatable {
    public var seed: UInt64 = 1
    public var nodeCount = 5
    /// Virtual nodes (tokens) per physical node [8].
    public var vnodes = 8
    public var settings = NodeSettings()

    public init(seed: UInt64 = 1, nodeCount: Int = 5, vnodes: Int = 8, settings: NodeSettings = NodeSettings()) {
        self.seed = seed
        self.nodeCount = nodeCount
        self.vnodes = vnodes
        self.settings = settings
    }

    /// Strategy 1 of the paper (section 6.2): each node draws `vnodes` random tokens.
    public func tokens(for node: NodeID) -> [RingPosition] {
        var random = SimRandom(seed: seed, stream: "tokens-\(node.name)")
        return (0..<vnodes).map { _ in UInt128(random.next()) << 64 | UInt128(random.next()) }
    }

    /// What every node knows of the others at boot: their tokens. The lab boots a cluster already
    /// formed, rather than one that discovers itself by gossip (section 4.8.1).
    public func initialMembers() -> [MemberRecord] {
        (1...max(nodeCount, 1)).map { index in
            let node = NodeID(index)
            return MemberRecord(node: node, heartbeat: .init(incarnation: 0, beats: 0), tokens: tokens(for: node))
        }
    }

    public func makeRing() -> Ring { Membership(owner: NodeID(1), records: initialMembers()).ring }
}
