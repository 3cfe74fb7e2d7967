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

    /// Where `position` falls in the range, in [0, 1).
    func fraction(of position: RingPosition) -> Double {
        let offset = (position &- start) &- 1
        let length = Double(self.length == 0 ? RingPosition.max : self.length &- 1) + 1
        return min(Double(offset) / length, 0.999_999_999)
    }

    public var description: String { "\(start.shortHex)..\(end.shortHex)" }

    public static func < (lhs: KeyRange, rhs: KeyRange) -> Bool { (lhs.end, lhs.start) < (rhs.end, rhs.start) }
}

extension Ring {
    /// Every key range with its preference list of `n` nodes, in ring order.
    public func keyRanges(n: Int) -> [(range: KeyRange, replicas: [NodeID])] {
        guard !tokens.isEmpty else { return [] }
        return tokens.indices.map { index in
            let start = tokens[(index + tokens.count - 1) % tokens.count].position
            return (KeyRange(start: start, end: tokens[index].position), walk(from: start, limit: n))
        }
    }
}
