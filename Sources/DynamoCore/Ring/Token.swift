/// One virtual node: a position on the ring owned by a physical node (the paper, section 4.2).
public struct Token: Hashable, Sendable {
    public let position: RingPosition
    public let node: NodeID

    public init(position: RingPosition, node: NodeID) {
        self.position = position
        self.node = node
    }
}
