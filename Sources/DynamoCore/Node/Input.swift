/// Everything that can happen to a node. The simulator delivers these one at a time.
public enum Input: Sendable {
    /// The node process starts (first boot or restart): volatile state is empty.
    case start
    case client(ClientRequest)
    case message(from: NodeID, Message)
    case timer(TimerID)
    /// An operator asked for an anti-entropy round now.
    case syncNow
    /// An operator decommissioned this node: it leaves the ring and hands its keys over.
    case leave
    /// An operator added this node back after it left: it takes its tokens again (section
    /// 4.8.1: nodes "can be removed and added back multiple times").
    case rejoin
    /// An operator changed the tunables: periodic rounds whose interval changed are due one
    /// new interval from now. Boxed, so that the other inputs stay small.
    indirect case configure(NodeSettings)
}

/// A timer a node asked for; it comes back as `Input.timer` unless the node has restarted since.
public enum TimerID: Hashable, Sendable {
    /// The earliest replica deadline among the requests this node coordinates has come: each
    /// replica of a request due now has had its chance to answer.
    case replicas
    /// A forwarded write's target has had its chance to accept.
    case forward(RequestID)
    /// A forwarded write held here was neither confirmed nor withdrawn: drop it.
    case heldForward(RequestID)
    /// The request's overall deadline.
    case request(RequestID)
    /// Time to try handing hints back to their owners, and misplaced keys to theirs.
    case handoff
    /// Time to gossip with a random peer.
    case gossip
    /// Time for an anti-entropy round.
    case antiEntropy
}
