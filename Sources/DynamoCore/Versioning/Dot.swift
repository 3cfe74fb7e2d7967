/// The event that created a version: the actor that coordinated it and its counter for that key.
///
/// Keeping the dot apart from the causal context it descends (dotted version vectors) lets two
/// writes from the same read through the same coordinator both survive as siblings. A dot
/// names one write only: an actor never issues the same counter twice for a key.
public struct Dot: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let actor: ActorID
    public let counter: UInt64

    public init(_ actor: ActorID, counter: UInt64) {
        self.actor = actor
        self.counter = counter
    }

    /// A dot of `node`'s first life.
    public init(node: NodeID, counter: UInt64) {
        self.init(ActorID(node), counter: counter)
    }

    /// The physical node that coordinated the write.
    public var node: NodeID { actor.node }

    public var description: String { "\(actor):\(counter)" }

    public static func < (lhs: Dot, rhs: Dot) -> Bool {
        (lhs.actor, lhs.counter) < (rhs.actor, rhs.counter)
    }
}
