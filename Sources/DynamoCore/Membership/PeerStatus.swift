/// How one node sees another.
public enum PeerStatus: String, Sendable, Equatable, CaseIterable {
    /// Fresh news within the suspicion timeout, and it has not failed to answer.
    case up
    /// No news for longer than the suspicion timeout, or it failed to answer a request.
    case suspected
    /// No news for twice the suspicion timeout.
    case down
    /// It has left the ring.
    case left
}

/// One line of a node's view: what it believes about a peer and how long since it heard.
public struct PeerView: Sendable, Equatable {
    public let node: NodeID
    public let status: PeerStatus
    /// Milliseconds since the peer's heartbeat last rose here.
    public let silence: Millis
}
