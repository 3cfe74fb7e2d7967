/// The three ways of partitioning the key space and placing the partitions that the paper
/// compares (section 6.2, Figures 7 and 8). S is the number of nodes.
public enum PartitionStrategy: Sendable, Hashable {
    /// Strategy 1: each node draws T random tokens and every two consecutive tokens bound a
    /// range; the partitioning the lab's ring uses (section 4.2).
    case randomTokens(perNode: Int)
    /// Strategy 2: each node draws T random tokens, but the key space is cut into Q equal-sized
    /// partitions; the tokens only place each partition, on the first N distinct nodes met
    /// walking clockwise from the partition's end.
    case randomTokensEqualPartitions(perNode: Int, partitions: Int)
    /// Strategy 3: Q equal-sized partitions, placed as in strategy 2, with one token at the end
    /// of each partition and every node holding Q/S of the tokens, dealt out at random.
    case equalPartitions(partitions: Int)

    /// 1, 2 or 3, as the paper numbers the strategies.
    public var number: Int {
        switch self {
        case .randomTokens: 1
        case .randomTokensEqualPartitions: 2
        case .equalPartitions: 3
        }
    }

    /// The membership information each node keeps, in the abstract units of Figure 8's x axis:
    /// every node's tokens (strategies 1 and 2) plus the partition table (strategies 2 and 3).
    public func metadataSize(nodes: Int) -> Int {
        switch self {
        case .randomTokens(let perNode): nodes * perNode
        case .randomTokensEqualPartitions(let perNode, let partitions): nodes * perNode + partitions
        case .equalPartitions(let partitions): partitions
        }
    }

    /// Places `nodes` under this strategy, drawing every random choice from `generator`.
    ///
    /// Strategy 3 needs the partition count to be a multiple of the node count, so that every
    /// node gets exactly Q/S tokens.
    public func layout(nodes: [NodeID], using generator: inout some RandomNumberGenerator) -> PartitionLayout {
        switch self {
        case .randomTokens(let perNode):
            return PartitionLayout(ring: Self.randomRing(nodes: nodes, perNode: perNode, using: &generator), partitions: nil)
        case .randomTokensEqualPartitions(let perNode, let partitions):
            precondition(partitions > 0, "strategy 2 needs at least one partition")
            return PartitionLayout(ring: Self.randomRing(nodes: nodes, perNode: perNode, using: &generator), partitions: partitions)
        case .equalPartitions(let partitions):
            precondition(!nodes.isEmpty && partitions > 0 && partitions % nodes.count == 0,
                         "strategy 3 needs a positive partition count that is a multiple of the node count")
            var owners = nodes.flatMap { Array(repeating: $0, count: partitions / nodes.count) }
            owners.shuffle(using: &generator)
            let tokens = owners.enumerated().map { partition, node in
                Token(position: PartitionLayout.start(of: partition + 1, partitions: partitions), node: node)
            }
            return PartitionLayout(ring: Ring(tokens: tokens), partitions: partitions)
        }
    }

    /// `perNode` uniformly random tokens for each node, drawn node by node.
    private static func randomRing(nodes: [NodeID], perNode: Int, using generator: inout some RandomNumberGenerator) -> Ring {
        var tokens: [Token] = []
        tokens.reserveCapacity(nodes.count * perNode)
        for node in nodes {
            for _ in 0..<perNode {
                let high = generator.next(), low = generator.next()
                tokens.append(Token(position: UInt128(high) << 64 | UInt128(low), node: node))
            }
        }
        return Ring(tokens: tokens)
    }
}

/// Where keys live under a partitioning strategy: the ring of tokens and, for strategies 2 and
/// 3, the number of equal-sized partitions Q.
public struct PartitionLayout: Sendable, Equatable {
    public let ring: Ring
    /// Q, or nil when the tokens themselves bound the ranges (strategy 1).
    public let partitions: Int?

    public init(ring: Ring, partitions: Int?) {
        self.ring = ring
        self.partitions = partitions
    }

    /// The first position of partition `index` of `partitions`: ⌈index · 2¹²⁸ / Q⌉, so that
    /// partition p holds exactly the positions x with ⌊x · Q / 2¹²⁸⌋ = p. Index Q wraps to 0.
    public static func start(of index: Int, partitions: Int) -> RingPosition {
        guard index % partitions != 0 else { return 0 }
        let (quotient, remainder) = UInt128(partitions).dividingFullWidth((high: UInt128(index), low: 0))
        return remainder == 0 ? quotient : quotient + 1
    }

    /// The equal-sized partition holding `position`, or nil under strategy 1.
    public func partition(of position: RingPosition) -> Int? {
        partitions.map { Int(position.multipliedFullWidth(by: UInt128($0)).high) }
    }

    /// The number of ranges whose keys share their replicas: partitions, or under strategy 1
    /// the ranges between consecutive tokens.
    public var rangeCount: Int { partitions ?? max(ring.tokens.count, 1) }

    /// The range holding `position`: its partition, or under strategy 1 the index of the token
    /// that ends its range.
    public func range(of position: RingPosition) -> Int {
        partition(of: position) ?? ring.firstTokenIndex(after: position)
    }

    /// The nodes that replicate every position of `range`: under strategy 1 the first `n`
    /// distinct nodes clockwise from the range's token; under strategies 2 and 3 those
    /// clockwise from the end of the partition.
    public func preferenceList(ofRange range: Int, n: Int) -> [NodeID] {
        guard let partitions else { return Array(RingWalk(tokens: ring.tokens, start: range).prefix(n)) }
        return ring.walk(from: Self.start(of: range + 1, partitions: partitions) &- 1, limit: n)
    }

    /// The nodes that replicate `position`.
    public func preferenceList(for position: RingPosition, n: Int) -> [NodeID] {
        preferenceList(ofRange: range(of: position), n: n)
    }
}
