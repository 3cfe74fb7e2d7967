/// Who issues dots: a node in one life of its durable state.
///
/// A node that loses its store (`wipe`, a permanent failure, section 4.7) forgets which
/// counters it issued, so it cannot go on counting under its old name without reissuing dots
/// that replicas still hold. It returns as a new actor instead, with a fresh epoch, and counts
/// from one again; clocks keep one entry per actor (Riak does the same with its vnode ids).
/// A node that gave away its own versions of one key takes a fresh epoch for that key alone
/// (`Node.writer(of:held:issued:context:)`).
public struct ActorID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let node: NodeID
    /// Zero for the node's first life; each wipe, and each key written again after the node
    /// gave its versions away, takes a new one.
    public let epoch: Int

    public init(_ node: NodeID, epoch: Int = 0) {
        self.node = node
        self.epoch = epoch
    }

    /// `node3` for epoch 0, `node3#2` for epoch 1, and so on.
    public var description: String { epoch == 0 ? node.name : "\(node.name)#\(epoch + 1)" }

    public static func < (lhs: ActorID, rhs: ActorID) -> Bool { (lhs.node, lhs.epoch) < (rhs.node, rhs.epoch) }
}
