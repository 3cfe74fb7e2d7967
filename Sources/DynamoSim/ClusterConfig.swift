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
    public func makeRing() -> Ring {
        var random = SimRandom(seed: seed, stream: "ring")
        var tokens: [Token] = []
        for index in 1...max(nodeCount, 1) {
            for _ in 0..<vnodes {
                let position = UInt128(random.next()) << 64 | UInt128(random.next())
                tokens.append(Token(position: position, node: NodeID(index)))
            }
        }
        return Ring(tokens: tokens)
    }
}
