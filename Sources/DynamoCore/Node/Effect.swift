/// What a node asks the world to do in answer to an input. The node itself does no I/O.
public enum Effect: Sendable, Equatable {
    case send(to: NodeID, Message)
    case setTimer(TimerID, after: Millis)
    case reply(ClientReply)
    case trace(NodeEvent)
}

/// Something a node did that is worth showing in the trace.
public enum NodeEvent: Sendable, Equatable {
    /// A replica stopped answering in time; the coordinator now suspects it (section 4.8.3).
    case suspected(NodeID)
    /// The node's failure detector changed its belief about a peer from what it `was`, as its
    /// gossip round found: `since` when, after `silence` with no newer heartbeat (the timeout
    /// reached), or when news came (section 4.8.3).
    case believes(NodeID, PeerStatus, was: PeerStatus, since: Millis, silence: Millis)
    /// A write meant for `owner` went to `holder` instead.
    case hintSent(key: String, holder: NodeID, owner: NodeID)
    /// A read's replica did not answer in time and `node`, the next healthy one, was asked in
    /// its place: reads too go to the first N healthy nodes (section 4.6).
    case readStandIn(key: String, node: NodeID, owner: NodeID)
    /// A held hint was delivered and deleted here: to its owner, or, for an owner that has left
    /// the ring, to `to`, one of the key's current owners.
    case handedOff(key: String, owner: NodeID, to: NodeID)
    /// Stale replicas were sent the reconciled versions after a read.
    case readRepair(key: String, nodes: [NodeID])
    /// A replica silent at its deadline has answered a later request of the coordinator's, so
    /// the request or its answer was lost rather than the replica: it was sent again.
    case resent(key: String, to: NodeID)
    /// A write arrived at a node outside the preference list and was passed on.
    case forwarded(key: String, to: NodeID)
    /// The coordinator reached its quorum.
    case quorum(key: String, kind: String, nodes: [NodeID])
    /// Gossip changed this node's view of the ring.
    case ringChanged(tokens: Int)
    /// This node is leaving the ring.
    case leaving
    /// A key this node no longer replicates reached every owner and was deleted here.
    case handedOver(key: String, owners: [NodeID])
    /// Anti-entropy found keys whose versions differed in a range and exchanged them (sorted,
    /// each once).
    indirect case synced(range: KeyRange, peer: NodeID, keys: [String])

    /// What happened at `node`, as trace lines say it after its name, with each key written by
    /// `show` (the lab quotes those that need it).
    public func text(at node: NodeID, showingKeys show: (String) -> String) -> String {
        switch self {
        case .suspected(let node): "now suspects \(node): it did not answer in time"
        // The trace adds since when, and after what silence, in its own forms of time.
        case .believes(let node, .up, .suspected, _, _): "no longer suspects \(node)"
        case .believes(let node, .up, _, _, _): "believes \(node) up again"
        case .believes(let node, .down, _, _, _): "believes \(node) down"
        case .believes(let node, _, _, _, _): "suspects \(node)"
        // Said when the hint goes out: the message carrying it may yet be lost.
        case .hintSent(let key, let holder, let owner) where holder == node: "hint: \(show(key)) for \(owner) kept here, as the coordinator stands in for it"
        case .hintSent(let key, let holder, let owner): "hint: \(show(key)) for \(owner) sent to \(holder)"
        case .readStandIn(let key, let node, let owner): "read of \(show(key)): asked \(node) in place of \(owner)"
        case .handedOff(let key, let owner, let to) where to == owner: "handed \(show(key)) back to \(owner); hint deleted"
        case .handedOff(let key, let owner, let to): "handed \(show(key)) to \(to) for \(owner), which left; hint deleted"
        case .readRepair(let key, let nodes):
            "read repair of \(show(key)) on " + nodes.map(\.name).joined(separator: " ")
        case .resent(let key, let node):
            "resent \(show(key)) to \(node): it answered a later request, so this one or its answer was lost"
        case .forwarded(let key, let node): "forwarded put \(show(key)) to \(node) (preference list)"
        case .quorum(let key, let kind, let nodes):
            "\(kind) quorum for \(show(key)): " + nodes.map(\.name).joined(separator: " ")
        case .ringChanged(let tokens): "learned a new ring by gossip (\(tokens) tokens)"
        case .leaving: "leaves the ring; hands its keys to their new owners"
        case .handedOver(let key, let owners):
            "handed \(show(key)) over to " + owners.map(\.name).joined(separator: " ") + "; deleted here"
        case .synced(let range, let peer, let keys):
            "anti-entropy with \(peer) on \(range): " + (keys.count == 1 ? "key " : "keys ")
                + keys.prefix(Self.keysNamed).map(show).joined(separator: ", ")
                + (keys.count > Self.keysNamed ? " and \(keys.count - Self.keysNamed) more" : "")
                + (keys.count == 1 ? " differed and was exchanged" : " differed and were exchanged")
        }
    }

    /// How many of the keys an anti-entropy exchange took are named; the rest are counted.
    static let keysNamed = 3
}
