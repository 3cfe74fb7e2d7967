/// A physical node of the cluster, named `node1`, `node2`, ...
public struct NodeID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// One-based index: `node3` has index 3.
    public let index: Int

    public init(_ index: Int) { self.index = index }

    public var name: String { "node\(index)" }
    public var description: String { name }

    public static func < (lhs: NodeID, rhs: NodeID) -> Bool { lhs.index < rhs.index }
}
