/// What anti-entropy cost, so a lesson can set it against a full comparison.
public struct AntiEntropyCounters: Sendable, Equatable {
    /// Exchanges this node started.
    public var exchanges = 0
    /// Tree hashes this node compared.
    public var hashesCompared = 0
    /// Keys (with their versions) this node sent to a peer.
    public var keysSent = 0
    /// Keys a full comparison would have looked at: every key of every range compared.
    public var keysInComparedRanges = 0

    public init() {}

    public static func + (lhs: Self, rhs: Self) -> Self {
        var sum = lhs
        sum.exchanges += rhs.exchanges
        sum.hashesCompared += rhs.hashesCompared
        sum.keysSent += rhs.keysSent
        sum.keysInComparedRanges += rhs.keysInComparedRanges
        return sum
    }

    public static func - (lhs: Self, rhs: Self) -> Self {
        var difference = lhs
        difference.exchanges -= rhs.exchanges
        difference.hashesCompared -= rhs.hashesCompared
        difference.keysSent -= rhs.keysSent
        difference.keysInComparedRanges -= rhs.keysInComparedRanges
        return difference
    }
}
