/// The consistent-hashing ring: every node's tokens sorted by position (the paper, section 4.2).
///
/// A key belongs to the first token clockwise from its position; its preference list is the
/// sequence of distinct physical nodes met walking on from there (section 4.3).
public struct Ring: Sendable, Equatable {
    /// Tokens in ring order; ties on position are broken by node so the order is total.
    public private(set) var tokens: [Token]
    /// The ring cut into 2^`sliceBits` equal slices by the positions' top bits, about one token
    /// each: `sliceStarts[s]` is the index of slice s's first token, so a lookup searches one
    /// slice instead of the whole ring.
    private let sliceBits: Int
    private let sliceStarts: [Int]

    public init(tokens: [Token]) {
        self.tokens = tokens.sorted { ($0.position, $0.node) < ($1.position, $1.node) }
        sliceBits = min(20, Int.bitWidth - max(tokens.count - 1, 0).leadingZeroBitCount)
        var starts = [Int](repeating: tokens.count, count: (1 << sliceBits) + 1)
        var index = 0
        for slice in starts.indices {
            while index < self.tokens.count, Self.slice(of: self.tokens[index].position, bits: sliceBits) < slice { index += 1 }
            starts[slice] = index
        }
        sliceStarts = starts
    }

    /// Which of 2^`bits` equal slices of the ring holds `position`, by its top bits: at most
    /// 20 of them, all in the top word, which shifts for less than the whole 128 bits does.
    static func slice(of position: RingPosition, bits: Int) -> Int {
        bits == 0 ? 0 : Int(UInt64(truncatingIfNeeded: position >> 64) &>> (64 - bits))
    }

    /// The physical nodes that own at least one token, in index order.
    public var nodes: [NodeID] { Array(Set(tokens.map(\.node))).sorted() }

    /// Index of the first token with a position larger than `position`, wrapping to 0
    /// ("the first node with a position larger than the item's position", section 4.2).
    public func firstTokenIndex(after position: RingPosition) -> Int {
        let slice = Self.slice(of: position, bits: sliceBits)
        var low = sliceStarts[slice], high = sliceStarts[slice + 1]
        while low < high {
            let mid = (low + high) / 2
            if tokens[mid].position <= position { low = mid + 1 } else { high = mid }
        }
        return low == tokens.count ? 0 : low
    }

    /// Distinct physical nodes met walking clockwise from `position`, at most `limit` of them.
    ///
    /// The first N are the key's preference list; the rest are the fallbacks that sloppy
    /// quorum uses in order (section 4.6). The paper's preference list holds more than N nodes
    /// and speaks of its "top N" (sections 4.3, 4.5); the lab names the top N the preference
    /// list and the rest fallbacks, as its screens do.
    public func walk(from position: RingPosition, limit: Int = .max) -> [NodeID] {
        guard limit > 0 else { return [] }
        return walking(from: position).first(limit)
    }

    /// The same walk as `walk(from:)`, met one node at a time: a request that needs only its
    /// preference list never visits the rest of the ring.
    public func walking(from position: RingPosition) -> RingWalk {
        RingWalk(tokens: tokens, start: tokens.isEmpty ? 0 : firstTokenIndex(after: position))
    }

    /// The key's preference list: its first `n` distinct nodes clockwise.
    public func preferenceList(for key: String, n: Int) -> [NodeID] {
        walk(from: .of(key: key), limit: n)
    }

    /// The clockwise distance from `start` to `end` as a fraction of the ring; a single token
    /// owns the whole ring.
    func arcLength(from start: RingPosition, to end: RingPosition) -> Double {
        if tokens.count == 1 { return 1 }
        return (end &- start).fraction
    }

    /// The ring with `node`'s tokens replaced by `positions`.
    public func replacingTokens(of node: NodeID, with positions: [RingPosition]) -> Ring {
        Ring(tokens: tokens.filter { $0.node != node } + positions.map { Token(position: $0, node: node) })
    }
}
