/// A replica a coordinator asked, and the owner it stands in for when it holds a hint.
struct ReplicaTarget: Sendable {
    let node: NodeID
    let hintFor: NodeID?
    var answered = false
    /// Timed out and replaced by another node.
    var replaced = false
}

/// A write this node coordinates (the paper, section 4.5).
struct PendingWrite: Sendable {
    let request: ClientRequest
    let version: Version
    /// The sibling set sent to replicas: every version the coordinator holds after the write.
    let versions: [Version]
    let walk: RingWalk
    let preferenceList: [NodeID]
    let required: Int
    let replyTo: NodeID?
    var targets: [ReplicaTarget]
    var acks: [NodeID]
    var replied = false
}

/// A read this node coordinates.
struct PendingRead: Sendable {
    let request: ClientRequest
    let walk: RingWalk
    let preferenceList: [NodeID]
    let required: Int
    let replyTo: NodeID?
    var targets: [ReplicaTarget]
    var answers: [(node: NodeID, versions: [Version])]
    var replied = false
}

/// A write passed on to a node of the preference list (section 6.4).
struct PendingForward: Sendable {
    let request: ClientRequest
    let preferenceList: [NodeID]
    var target: NodeID
    /// The node told to coordinate: the first that accepted. Now only its answer is awaited.
    var coordinator: NodeID?
    /// Targets that did not accept in time.
    var tried: [NodeID] = []
}

/// A write forwarded to this node, waiting for the forwarder to confirm it coordinates it.
struct HeldForward: Sendable {
    let request: ClientRequest
    let forwarder: NodeID
}

extension Node {
    /// The next node of `walk` outside the preference list that is believed up and not yet
    /// used: where sloppy quorum sends a replica meant for an unreachable owner (section 4.6).
    func nextFallback(in walk: RingWalk, preferenceList: [NodeID], used: [ReplicaTarget], now: Millis) -> NodeID? {
        walk.first { node in
            node != id && !preferenceList.contains(node) && believesUp(node, now: now)
                && !used.contains { $0.node == node }
        }
    }
}
