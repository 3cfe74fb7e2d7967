/// What nodes say to one another.
public enum Message: Sendable, Equatable {
    /// Coordinator to replica: store these versions of `key`; `hintFor` names the intended owner
    /// when the receiver is standing in for it (section 4.6).
    case store(RequestID, key: String, versions: [Version], hintFor: NodeID?)
    /// Replica to coordinator: stored.
    case stored(RequestID)
    /// Coordinator to replica: send me your versions of `key`.
    case fetch(RequestID, key: String)
    /// Replica to coordinator: the versions held (own and hinted).
    case fetched(RequestID, versions: [Version])
    /// Coordinator to a stale replica after a read (read repair, section 5); no answer expected.
    case repair(key: String, versions: [Version])
    /// A node outside the preference list passes a write to one inside it (section 6.4).
    case forward(ClientRequest)
    /// The node a write was forwarded to will coordinate it.
    case forwardAccepted(RequestID)
    /// The answer to a forwarded request, on its way back to the node the client called.
    case forwardedReply(ClientReply)
    /// Hint holder to owner: these versions were kept for you.
    case handoff(key: String, versions: [Version])
    /// Owner to hint holder: stored; the holder may delete exactly these versions.
    case handedOff(key: String, dots: [Dot])

    /// A short name for traces: `store`, `fetch`, ...
    public var kind: String {
        switch self {
        case .store: "store"
        case .stored: "stored"
        case .fetch: "fetch"
        case .fetched: "fetched"
        case .repair: "repair"
        case .forward: "forward"
        case .forwardAccepted: "forward-accepted"
        case .forwardedReply: "forwarded-reply"
        case .handoff: "handoff"
        case .handedOff: "handed-off"
        }
    }

    /// The key the message is about, when it is about one.
    public var key: String? {
        switch self {
        case .store(_, let key, _, _), .fetch(_, let key), .repair(let key, _),
            .handoff(let key, _), .handedOff(let key, _):
            key
        case .forward(let request): request.key
        case .forwardedReply(let reply): reply.key
        case .stored, .fetched, .forwardAccepted: nil
        }
    }
}
