/// The tunables every node of a cluster shares (defaults in brackets match DESIGN.md).
public struct NodeSettings: Hashable, Sendable {
    /// Replicas per key [3], reads that must answer [2], writes that must acknowledge [2]
    /// (the paper, section 4.5).
    public var n = 3, r = 2, w = 2
    /// How long a coordinator waits for R or W answers before failing the request [300 ms].
    public var requestTimeout: Millis = 300
    /// How long a coordinator waits for one replica before it writes to the next healthy node
    /// instead (sloppy quorum, section 4.6) [100 ms].
    public var replicaTimeout: Millis = 100
    /// How often a node tries to hand hints back to their owners [1 s].
    public var handoffInterval: Millis = 1_000
    /// Silence after which a peer is suspected (twice that: down), and how long a peer that
    /// failed to answer is believed down before it is tried again. `nil` [default]: scaled to
    /// the cluster's size by `suspicion(members:)`.
    public var suspicionTimeout: Millis?
    /// How often a node gossips with a random peer (section 4.8.1) [1 s].
    public var gossipInterval: Millis = 1_000
    /// How often a node compares its key ranges with peers (section 4.7) [10 s].
    public var antiEntropyInterval: Millis = 10_000
    /// Levels below a Merkle root: each range's tree has 2^depth leaves [4].
    public var merkleDepth = 4
    public var versioning = VersioningPolicy()

    public init() {}

    /// The suspicion timeout for a node that knows of `members` nodes: the one set, or by
    /// default max(5 s, gossip interval × max(2·⌊log2 members⌋, ⌊log2 members⌋ + 2)). A
    /// heartbeat spreads by gossip in about ⌊log2 N⌋ + 1 rounds (the longest silence measured:
    /// 7 s at 64 nodes, 8 s at 1,000), so a healthy cluster of any size suspects no one: 5 s up
    /// to 7 nodes at the default gossip interval, 12 s at 64, 18 s at 1,000; the second term
    /// keeps a round to spare in a small cluster whose gossip is slowed.
    public func suspicion(members: Int) -> Millis {
        if let suspicionTimeout { return suspicionTimeout }
        let log2 = Self.log2(members)
        return max(5_000, gossipInterval * Millis(max(2 * log2, Self.heartbeatRounds(members: members))))
    }

    /// The gossip rounds a heartbeat may need to reach every one of `members` nodes, with one
    /// to spare: ⌊log2 members⌋ + 2. A suspicion timeout shorter than that many rounds lets
    /// nodes suspect healthy peers now and then.
    public static func heartbeatRounds(members: Int) -> Int { log2(members) + 2 }

    private static func log2(_ members: Int) -> Int { Int.bitWidth - 1 - max(members, 1).leadingZeroBitCount }

    /// How long a client waits for an answer before it gives up on its coordinator. Every
    /// request is answered by the coordinator's own deadline, well within this; the bound only
    /// guards against a bug.
    public var clientPatience: Millis { 10 * (requestTimeout + replicaTimeout) }
}
