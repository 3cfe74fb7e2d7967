/// The keys between two adjacent tokens: positions in (start, end], wrapping past zero. All of
/// them share one preference list, so replicas compare them as a unit (section 4.7).
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
        let offset = position &- start
        return offset != 0 && (length == 0 || offset <= length)
    }

    /// Which of `slices` equal slices of the range holds `position`, counted from its start.
    /// Only the top 64 bits of the offset are used: slices of a range shorter than 2^64 (far
    /// smaller than any range of a real ring) all fall in the first.
    func slice(of position: RingPosition, slices: Int) -> Int {
        let offset = UInt64(truncatingIfNeeded: ((position &- start) &- 1) >> 64)
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
}
