/// Identifies one client request across the nodes that serve it.
public typealias RequestID = UInt64

/// A client's call into the cluster, `get(key)` or `put(key, context, object)` (the paper,
/// section 4.1). A delete is a put of a tombstone.
public struct ClientRequest: Sendable, Equatable {
    public enum Operation: Sendable, Equatable {
        case get
        case put(Value, context: VectorClock)
    }

    public let id: RequestID
    /// Nodes compare keys as Swift strings, which takes canonically equivalent forms (`é` as one
    /// code point or two) as equal, while the ring places a key by its bytes: a caller passes
    /// every key in one normalization form, as the lab does (NFC).
    public let key: String
    /// Where `key` lies on the ring, hashed once for every node that handles the request.
    public let position: RingPosition
    public let operation: Operation
    /// A per-request R or W, overriding the cluster's.
    public let quorum: Int?

    public init(id: RequestID, key: String, operation: Operation, quorum: Int? = nil) {
        self.id = id
        self.key = key
        position = .of(key: key)
        self.operation = operation
        self.quorum = quorum
    }
}

/// A replica that stored a write on behalf of an unreachable owner.
public struct HintedWrite: Sendable, Equatable, Hashable {
    public let holder: NodeID
    public let owner: NodeID

    public init(holder: NodeID, owner: NodeID) {
        self.holder = holder
        self.owner = owner
    }
}

/// What the coordinator answers a client.
public struct ClientReply: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// The write reached W nodes: `acks` in the order they arrived; `hinted`, the stand-ins
        /// sent a copy for an unreachable owner so far.
        case written(version: Version, acks: [NodeID], hinted: [HintedWrite])
        /// R nodes answered: the versions none supersedes, and a context descending them all.
        case read(siblings: [Version], context: VectorClock, replied: [NodeID])
        case failed(reason: String)
    }

    public let id: RequestID
    public let key: String
    public let coordinator: NodeID
    public let outcome: Outcome

    public init(id: RequestID, key: String, coordinator: NodeID, outcome: Outcome) {
        self.id = id
        self.key = key
        self.coordinator = coordinator
        self.outcome = outcome
    }
}
