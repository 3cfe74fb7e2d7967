/// The event that created a version: the coordinator and its counter for that key.
///
/// Keeping the dot apart from the causal context it descends (dotted version vectors) lets two
/// writes from the same read through the same coordinator both survive as siblings.
public struct Dot: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let node: NodeID
    public let counter: UInt64

    public init(node: NodeID, counter: UInt64) {
        self.node = node
        self.counter = counter
    }

    public var description: String { "\(node.name):\(counter)" }

    public static func < (lhs: Dot, rhs: Dot) -> Bool {
        (lhs.node, lhs.counter) < (rhs.node, rhs.counter)
    }
}
