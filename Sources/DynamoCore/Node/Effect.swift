/// What a node asks the world to do in answer to an input. The node itself does no I/O.
public enum Effect: Sendable, Equatable {
    case send(to: NodeID, Message)
    case setTimer(TimerID, after: Millis)
    case reply(ClientReply)
    case trace(NodeEvent)
}

/// Something a node did that is worth showing in the trace.
public enum NodeEvent: Sendable, Equatable {
    /// A replica stopped answering in time; the coordinator now believes it down.
    case suspected(NodeID)
    /// A write meant for `owner` went to `holder` instead.
    case hintSent(key: String, holder: NodeID, owner: NodeID)
    /// A held hint was delivered to its owner and deleted here.
    case handedOff(key: String, owner: NodeID)
    /// Stale replicas were sent the reconciled versions after a read.
    case readRepair(key: String, nodes: [NodeID])
    /// A write arrived at a node outside the preference list and was passed on.
    case forwarded(key: String, to: NodeID)
    /// The coordinator reached its quorum.
    case quorum(key: String, kind: String, nodes: [NodeID])

    public var description: String {
        switch self {
        case .suspected(let node): "now believes \(node) down"
        case .hintSent(let key, let holder, let owner): "hint: \(holder) holds \(key) for \(owner)"
        case .handedOff(let key, let owner): "handed \(key) back to \(owner); hint deleted"
        case .readRepair(let key, let nodes):
            "read repair of \(key) on " + nodes.map(\.name).joined(separator: " ")
        case .forwarded(let key, let node): "forwarded put \(key) to \(node) (preference list)"
        case .quorum(let key, let kind, let nodes):
            "\(kind) quorum for \(key): " + nodes.map(\.name).joined(separator: " ")
        }
    }
}
