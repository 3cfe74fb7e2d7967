/// What nodes say to one another.
///
/// The rare cases with large payloads are stored out of line, so the messages of the request
/// path stay small as the event queue and the trace move them.
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
    /// A node outside the preference list offers a write to one inside it (sections 4.5, 6.4); the
    /// receiver holds it until told to coordinate it.
    indirect case forward(ClientRequest)
    /// The receiver of a forwarded write is up and holds it.
    case forwardAccepted(RequestID)
    /// Forwarder to the first node that accepted: coordinate the write you hold.
    case forwardConfirmed(RequestID)
    /// Forwarder to a node that accepted too late: another coordinates the write; drop it.
    case forwardWithdrawn(RequestID)
    /// The answer to a forwarded request, on its way back to the node the client called.
    indirect case forwardedReply(ClientReply)
    /// Hint holder to owner (or, when the owner left the ring, to a current owner).
    case handoff(key: String, versions: [Version], owner: NodeID)
    /// Stored; the holder may delete exactly these versions of its hint for `owner`. The
    /// versions themselves come back, not their dots: a dot stamped under plain clocks may name
    /// two versions, and one that replaced the other since must stay.
    case handedOff(key: String, owner: NodeID, versions: [Version])
    /// Gossip (section 4.8.1): the sender's membership records; the receiver answers with its own.
    case gossip([MemberRecord])
    case gossipReply([MemberRecord])
    /// Anti-entropy (section 4.7): tree hashes at one level of a range's Merkle tree.
    indirect case treeLevel(ExchangeID, range: KeyRange, level: Int, hashes: [TreeHash])
    /// Anti-entropy: every hash sent matched; the replicas agree on the range.
    case treeAgrees(ExchangeID)
    /// Anti-entropy: the versions of the keys in leaves that differ; `final` when answering.
    indirect case syncKeys(ExchangeID, range: KeyRange, leaves: [Int], entries: [KeyVersions], final: Bool)
    /// Membership change (section 4.9): a key this node no longer replicates, for an owner.
    case transfer(key: String, versions: [Version])
    /// The owner stored these versions of it.
    case transferred(key: String, versions: [Version])

    /// What kind of message this is, without its payload.
    public var kind: Kind {
        switch self {
        case .store: .store
        case .stored: .stored
        case .fetch: .fetch
        case .fetched: .fetched
        case .repair: .repair
        case .forward: .forward
        case .forwardAccepted: .forwardAccepted
        case .forwardConfirmed: .forwardConfirmed
        case .forwardWithdrawn: .forwardWithdrawn
        case .forwardedReply: .forwardedReply
        case .handoff: .handoff
        case .handedOff: .handedOff
        case .gossip: .gossip
        case .gossipReply: .gossipReply
        case .treeLevel(_, _, let level, _): .treeLevel(level)
        case .treeAgrees: .treeAgrees
        case .syncKeys: .syncKeys
        case .transfer: .transfer
        case .transferred: .transferred
        }
    }

    /// A message's kind: the case without its payload, so traces can keep it for free.
    public enum Kind: Hashable, Sendable, CustomStringConvertible {
        case store, stored, fetch, fetched, repair
        case forward, forwardAccepted, forwardConfirmed, forwardWithdrawn, forwardedReply
        case handoff, handedOff, gossip, gossipReply
        /// A Merkle exchange's hashes at this level of the tree.
        case treeLevel(Int)
        case treeAgrees, syncKeys, transfer, transferred

        /// The name traces print: `store`, `fetch`, `merkle-level-2`, ...
        public var description: String {
            switch self {
            case .store: "store"
            case .stored: "stored"
            case .fetch: "fetch"
            case .fetched: "fetched"
            case .repair: "repair"
            case .forward: "forward"
            case .forwardAccepted: "forward-accepted"
            case .forwardConfirmed: "forward-confirmed"
            case .forwardWithdrawn: "forward-withdrawn"
            case .forwardedReply: "forwarded-reply"
            case .handoff: "handoff"
            case .handedOff: "handed-off"
            case .gossip: "gossip"
            case .gossipReply: "gossip-reply"
            case .treeLevel(let level): "merkle-level-\(level)"
            case .treeAgrees: "merkle-agrees"
            case .syncKeys: "merkle-keys"
            case .transfer: "transfer"
            case .transferred: "transferred"
            }
        }
    }

    /// The key the message is about, when it is about one.
    public var key: String? {
        switch self {
        case .store(_, let key, _, _), .fetch(_, let key), .repair(let key, _),
            .handoff(let key, _, _), .handedOff(let key, _, _), .transfer(let key, _), .transferred(let key, _):
            key
        case .forward(let request): request.key
        case .forwardedReply(let reply): reply.key
        default: nil
        }
    }

    /// The key whose store entry the receiver looks up first on the request path: that of a
    /// `store` for the receiver itself, a `fetch` or a `repair`. Only a hint for the simulator,
    /// which may start loading the entry early (`Store.prefetch`); a hinted `store` goes to the
    /// receiver's hints, and other messages are rare. Inlinable, as the simulator asks it of
    /// every message it sends.
    @inlinable
    package var requestPathKey: String? {
        switch self {
        case .store(_, let key, _, nil), .fetch(_, let key), .repair(let key, _): key
        default: nil
        }
    }

    /// The owner a hinted `store` stands in for.
    public var hintFor: NodeID? {
        if case .store(_, _, _, let owner) = self { owner } else { nil }
    }
}

/// One anti-entropy exchange, named by the node that started it.
public struct ExchangeID: Hashable, Sendable {
    public let initiator: NodeID
    public let number: UInt64
    /// Started by an operator's `sync` rather than by the node's own timer: counted apart too,
    /// so that a round run by hand reports its own work whatever scheduled round overlaps it.
    public let byHand: Bool
}

/// A Merkle tree node's hash at a known index of its level.
public struct TreeHash: Hashable, Sendable {
    public let index: Int
    public let hash: UInt64
}

/// One key with the versions a replica holds.
public struct KeyVersions: Hashable, Sendable {
    public let key: String
    public let versions: [Version]
}
