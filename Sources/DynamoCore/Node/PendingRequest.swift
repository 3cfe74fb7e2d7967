/// A replica a coordinator asked, and the owner it stands in for when it holds a hint.
struct ReplicaTarget: Sendable {
    let node: NodeID
    let hintFor: NodeID?
    /// When the request first went to it.
    let sentAt: Millis
    var answered = false
    /// Timed out and replaced by another node.
    var replaced = false
    /// Timed out once and sent the request again (`Node.retireSilentTargets`).
    var resent = false
    /// What it answered to a read, and how many answers came before it.
    var answer: (versions: [Version], rank: Int)?
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
    /// Who acknowledged, this node first, until the quorum was met.
    var acks: [NodeID]
    var replied = false
    var deadline: RequestDeadline
    /// When the replicas still silent then are to be replaced (`Node.replicaDeadlinesPassed`);
    /// nil once a deadline passed that found none to replace or ask again.
    var replicaDue: Millis?
}

/// A read this node coordinates.
struct PendingRead: Sendable {
    let request: ClientRequest
    let walk: RingWalk
    let preferenceList: [NodeID]
    let required: Int
    let replyTo: NodeID?
    /// Each holds its answer, so the answers take no array of their own.
    var targets: [ReplicaTarget]
    var answerCount = 0
    /// Every answer so far reconciled: the versions none supersedes.
    var reconciled: [Version] = []
    var replied = false
    var deadline: RequestDeadline
    /// When the replicas still silent then are to be replaced; nil once a deadline passed that
    /// found none to replace or ask again.
    var replicaDue: Millis?

    /// The target that answered after `rank` others did.
    func target(answeringAt rank: Int) -> ReplicaTarget {
        targets.first { $0.answer?.rank == rank }!
    }
}

/// When a coordinated request fails if its quorum has not answered, and whether its timer is set.
///
/// Nearly every request is over long before its first replica deadline, so the timer is set
/// only then, for the few still waiting: one timer per request rather than two.
struct RequestDeadline: Sendable {
    let request: RequestID
    let at: Millis
    private var isSet = false

    /// The deadline of `request`, starting `now`. Its timer is set at once when it is due no
    /// later than the first replica deadline.
    init(_ request: RequestID, now: Millis, settings: NodeSettings, effects: inout Effects) {
        self.request = request
        at = now + settings.requestTimeout
        if settings.requestTimeout <= settings.replicaTimeout { set(now: now, effects: &effects) }
    }

    /// Sets the timer unless it is set already.
    mutating func set(now: Millis, effects: inout Effects) {
        guard !isSet else { return }
        isSet = true
        effects.append(.setTimer(.request(request), after: at - now))
    }
}

/// A write passed on to a node of the preference list (sections 4.5 and 6.4).
struct PendingForward: Sendable {
    let request: ClientRequest
    let preferenceList: [NodeID]
    var target: NodeID
    /// The node told to coordinate: the first that accepted. Now only its answer is awaited.
    var coordinator: NodeID?
    /// Targets that did not accept in time.
    var tried: [NodeID] = []
    /// When the forward fails unless its coordinator has answered: set at each attempt.
    var deadline: Millis
}

/// A write forwarded to this node, waiting for the forwarder to confirm it coordinates it.
struct HeldForward: Sendable {
    let request: ClientRequest
    let forwarder: NodeID
}

extension Node {
    /// The next node of `walk` outside the preference list that is believed up and not yet
    /// used: where sloppy quorum sends a replica meant for an unreachable owner (section 4.6).
    /// A read may count this node itself, the first N healthy nodes being whichever they are;
    /// a write has stored here already.
    func nextFallback(in walk: RingWalk, preferenceList: [NodeID], used: [ReplicaTarget], now: Millis,
                      orSelf: Bool = false) -> NodeID? {
        walk.first { node in
            (orSelf || node != id) && !preferenceList.contains(node) && believesUp(node, now: now)
                && !used.contains { $0.node == node }
        }
    }
}
