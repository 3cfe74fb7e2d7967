/// The keys between two adjacent tokens: positions in [start, end), wrapping past zero. Each
/// walks first to the token at `end`, "the first node with a position larger than the item's
/// position" (section 4.2), so all of them share one preference list, and replicas compare
/// them as a unit (section 4.7).
public struct KeyRange: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let start: RingPosition
    public let end: RingPosition

    public init(start: RingPosition, end: RingPosition) {
        self.start = start
        self.end = end
    }

    /// Clockwise length; a range from a token to itself is the whole ring.
    var length: RingPosition { end &- start }

    public func contains(_ position: RingPosition) -> Bool {
        length == 0 || position &- start < length
    }

    /// Which of `slices` equal slices of the range holds `position`, counted from its start.
    /// Only the top 64 bits of the offset are used: slices of a range shorter than 2^64 (far
    /// smaller than any range of a real ring) all fall in the first.
    func slice(of position: RingPosition, slices: Int) -> Int {
        let offset = UInt64(truncatingIfNeeded: (position &- start) >> 64)
        let span = UInt64(truncatingIfNeeded: (length &- 1) >> 64)
        let scaled = offset.multipliedFullWidth(by: UInt64(slices))
        // offset ≤ span, so the quotient is below `slices` even when span + 1 overflows.
        guard span < .max else { return Int(scaled.high) }
        return Int((span + 1).dividingFullWidth(scaled).quotient)
    }

    public var description: String { "\(start.shortHex)..\(end.shortHex)" }

    public static func < (lhs: KeyRange, rhs: KeyRange) -> Bool { (lhs.end, lhs.start) < (rhs.end, rhs.start) }
}

extension Ring {
    /// Every key range with its preference list of `n` nodes, in ring order (by the end of the
    /// range: the first one is the range that wraps past zero).
    public func keyRanges(n: Int) -> [(range: KeyRange, replicas: [NodeID])] {
        guard !tokens.isEmpty else { return [] }
        return tokens.indices.map { index in
            let start = tokens[(index + tokens.count - 1) % tokens.count].position
            return (KeyRange(start: start, end: tokens[index].position), walk(from: start, limit: n))
        }
    }

    /// Each node's fraction of the key space as first owner and as one of the first `n` nodes,
    /// in node order, from one walk per range.
    public func shares(n: Int) -> [(node: NodeID, primary: Double, replica: Double)] {
        var primary: [NodeID: Double] = [:], replica: [NodeID: Double] = [:]
        for (range, replicas) in keyRanges(n: n) {
            let length = arcLength(from: range.start, to: range.end)
            if let first = replicas.first { primary[first, default: 0] += length }
            for node in replicas { replica[node, default: 0] += length }
        }
        return nodes.map { ($0, primary[$0] ?? 0, replica[$0] ?? 0) }
    }

    /// The key ranges `node` replicates, with their preference lists: those of `keyRanges(n:)`
    /// that name it, in the same order. Found by walking back from each of its tokens, past at
    /// most n - 1 other nodes, rather than by walking from every token of the ring: on a ring of
    /// 64,000 tokens a node replicates a few hundred ranges.
    public func keyRanges(replicatedBy node: NodeID, n: Int) -> [(range: KeyRange, replicas: [NodeID])] {
        let count = tokens.count
        // Tokens that share a position make the walk from a range's start skip one: the rare
        // ring that has them is walked in full.
        guard count > 0, n > 0, zip(tokens, tokens.dropFirst()).allSatisfy({ $0.position != $1.position }) else {
            return keyRanges(n: n).filter { $0.replicas.contains(node) }
        }
        var ends: Set<Int> = []
        for index in tokens.indices where tokens[index].node == node {
            var others: Set<NodeID> = []
            var end = index
            // The range ending at `end` begins its walk at `end`; it meets `node` at `index`
            // unless n other nodes come first.
            for _ in 0..<count {
                ends.insert(end)
                end = (end + count - 1) % count
                let owner = tokens[end].node
                if owner == node { break }
                others.insert(owner)
                if others.count >= n { break }
            }
        }
        return ends.sorted().map { index in
            let start = tokens[(index + count - 1) % count].position
            return (KeyRange(start: start, end: tokens[index].position), walk(from: start, limit: n))
        }
    }
}
