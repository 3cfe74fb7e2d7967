/// Request coordination (the paper, sections 4.5 and 6.4): a node that receives a client
/// request either coordinates it or, for a write outside its preference list, forwards it.
extension Node {
    mutating func coordinate(_ request: consuming ClientRequest, replyTo: NodeID?, now: Millis, effects: inout Effects) {
        let walk = ring.walking(from: request.position)
        let preferenceList = preferenceList(of: walk)
        switch request.operation {
        case .get:
            startRead(request, walk: walk, preferenceList: preferenceList, replyTo: replyTo, now: now, effects: &effects)
        case .put:
            // "Write requests will be coordinated by a node in the key's current preference
            // list" (section 6.4); a forwarded write is coordinated where it lands.
            if preferenceList.contains(id) || replyTo != nil {
                startWrite(request, walk: walk, preferenceList: preferenceList, replyTo: replyTo, now: now, effects: &effects)
            } else {
                forward(request, walk: walk, preferenceList: preferenceList, now: now, effects: &effects)
            }
        }
    }

    /// The first N nodes of `walk`, worked out once for each token a walk starts at and kept
    /// until the ring or N changes, in a ring of at most `tokensForKeptPreferenceLists` tokens.
    private mutating func preferenceList(of walk: RingWalk) -> [NodeID] {
        if walk.start < preferenceLists.count, let known = preferenceLists[walk.start] { return known }
        let list = walk.first(settings.n)
        guard ring.tokens.count <= Self.tokensForKeptPreferenceLists, walk.start < ring.tokens.count else { return list }
        if preferenceLists.isEmpty { preferenceLists = Array(repeating: nil, count: ring.tokens.count) }
        preferenceLists[walk.start] = list
        return list
    }

    /// The largest ring whose preference lists a node keeps: 64 nodes of 64 tokens. In a larger
    /// one, each node would keep thousands of lists for stretches it seldom sees again.
    static var tokensForKeptPreferenceLists: Int { 4_096 }

    /// Passes a write to the first node of its preference list this node believes up; if none
    /// is, or none accepts in time, coordinates it here with hints, so the write is not refused
    /// (sloppy quorum: "the first N healthy nodes", section 4.6).
    ///
    /// A target only holds the write and says so; the forwarder then tells the first that
    /// accepted to coordinate it, and any that accepts later to drop it. A slow target that
    /// accepts after the next one was tried therefore never makes a second version of the write.
    private mutating func forward(_ request: ClientRequest, walk: RingWalk, preferenceList: [NodeID], now: Millis, effects: inout Effects) {
        guard let target = preferenceList.first(where: { believesUp($0, now: now) }) else {
            startWrite(request, walk: walk, preferenceList: preferenceList, replyTo: nil, now: now, effects: &effects)
            return
        }
        forwards[request.id] = PendingForward(request: request, preferenceList: preferenceList, target: target,
                                              deadline: now + forwardPatience)
        sendForward(request, to: target, effects: &effects)
    }

    /// How long a forward waits for its answer, from its latest attempt: time for the target to
    /// accept, coordinate and answer. Counted from each attempt, so that a target tried late
    /// (the fifth of N=5) is not cut short by the time the earlier ones took.
    private var forwardPatience: Millis { 2 * settings.requestTimeout + settings.replicaTimeout }

    /// Sends the write to `target`, which has a replica timeout to accept it, and sets the
    /// timer of the forward's deadline, which the caller has just moved.
    private func sendForward(_ request: ClientRequest, to target: NodeID, effects: inout Effects) {
        effects.append(.trace(.forwarded(key: request.key, to: target)))
        effects.append(.send(to: target, .forward(request)))
        effects.append(.setTimer(.forward(request.id), after: settings.replicaTimeout))
        effects.append(.setTimer(.request(request.id), after: forwardPatience))
    }

    /// A forwarded write arrived: hold it until the forwarder confirms or withdraws it.
    mutating func holdForward(_ request: ClientRequest, from forwarder: NodeID, effects: inout Effects) {
        heldForwards[request.id] = HeldForward(request: request, forwarder: forwarder)
        effects.append(.send(to: forwarder, .forwardAccepted(request.id)))
        effects.append(.setTimer(.heldForward(request.id), after: settings.requestTimeout))
    }

    /// A target holds the write: the first to accept coordinates it, any other drops it.
    mutating func forwardAccepted(_ request: RequestID, by target: NodeID, effects: inout Effects) {
        guard let forward = forwards[request], forward.coordinator == nil else {
            effects.append(.send(to: target, .forwardWithdrawn(request)))
            return
        }
        forwards[request]?.coordinator = target
        effects.append(.send(to: target, .forwardConfirmed(request)))
    }

    /// The forward target did not accept in time: believe it down and try the next one.
    mutating func forwardDeadline(_ request: RequestID, now: Millis, effects: inout Effects) {
        guard var forward = forwards[request], forward.coordinator == nil else { return }
        if believesUp(forward.target, now: now) {
            membership.suspect(forward.target, now: now, for: suspicionTimeout)
            effects.append(.trace(.suspected(forward.target)))
        }
        forward.tried.append(forward.target)
        if let next = forward.preferenceList.first(where: { !forward.tried.contains($0) && believesUp($0, now: now) }) {
            forward.target = next
            forward.deadline = now + forwardPatience
            forwards[request] = forward
            sendForward(forward.request, to: next, effects: &effects)
        } else {
            forwards[request] = nil
            let request = forward.request
            startWrite(request, walk: ring.walking(from: request.position), preferenceList: forward.preferenceList,
                       replyTo: nil, now: now, effects: &effects)
        }
    }

    func fail(_ request: ClientRequest, replyTo: NodeID?, _ reason: String, effects: inout Effects) {
        let reply = ClientReply(id: request.id, key: request.key, coordinator: id, outcome: .failed(reason: reason))
        Self.answer(reply, replyTo: replyTo, effects: &effects)
    }

    mutating func forwardedReply(_ reply: ClientReply, effects: inout Effects) {
        guard forwards.removeValue(forKey: reply.id) != nil else { return }
        effects.append(.reply(reply))
    }

    /// A request started `now` has its replicas' answers due a replica timeout later: the
    /// `replicas` timer is set for then unless it already fires sooner.
    ///
    /// One timer per node serves every request it coordinates, set for the earliest deadline:
    /// nearly every request is answered long before its deadline, so most never cost a timer.
    mutating func replicaDeadline(now: Millis, effects: inout Effects) -> Millis {
        let due = now + settings.replicaTimeout
        setReplicaTimer(at: due, now: now, effects: &effects)
        return due
    }

    private mutating func setReplicaTimer(at due: Millis, now: Millis, effects: inout Effects) {
        guard replicaTimer.map({ due < $0 }) ?? true else { return }
        replicaTimer = due
        effects.append(.setTimer(.replicas, after: due - now))
    }

    /// The `replicas` timer: each request whose replicas had their chance has the silent ones
    /// believed down and their shares sent to the next healthy nodes, in deadline order; then
    /// the timer is set for the next deadline, if any.
    mutating func replicaDeadlinesPassed(now: Millis, effects: inout Effects) {
        // A stale timer, set before an earlier one replaced it, finds nothing due.
        if replicaTimer == now { replicaTimer = nil }
        // Each request dealt with is due again later, or no more: the loop ends.
        while let (due, request, isWrite) = earliestReplicaDeadline(), due <= now {
            if isWrite {
                replaceSilentWriteReplicas(request, now: now, effects: &effects)
            } else {
                replaceSilentReadReplicas(request, now: now, effects: &effects)
            }
        }
        if let (next, _, _) = earliestReplicaDeadline() { setReplicaTimer(at: next, now: now, effects: &effects) }
    }

    /// The earliest replica deadline of a request this node coordinates, that request (the
    /// lowest-numbered of those due then) and whether it is a write; nil when none has one.
    private func earliestReplicaDeadline() -> (Millis, RequestID, isWrite: Bool)? {
        var earliest: (Millis, RequestID, isWrite: Bool)?
        for (request, write) in writes.all {
            if let due = write.replicaDue, earliest.map({ (due, request) < ($0.0, $0.1) }) ?? true {
                earliest = (due, request, true)
            }
        }
        for (request, read) in reads.all {
            if let due = read.replicaDue, earliest.map({ (due, request) < ($0.0, $0.1) }) ?? true {
                earliest = (due, request, false)
            }
        }
        return earliest
    }

    /// The request's time is up: answer with a failure if the quorum was not met. A timer set
    /// for a deadline since moved on finds it not yet due and does nothing: that of a forward
    /// tried again, or of a forward that came back to be coordinated here.
    mutating func requestDeadline(_ request: RequestID, now: Millis, effects: inout Effects) {
        if let position = writes.position(of: request), writes[at: position].deadline.at <= now,
           case let write = writes.remove(at: position), !write.replied {
            fail(write.request, replyTo: write.replyTo,
                 "only \(write.acks.count) of W=\(write.required) acknowledged within \(settings.requestTimeout)ms"
                    + Self.tally(write.acks, of: write.targets, owners: write.preferenceList, answered: "acknowledged by"),
                 effects: &effects)
        }
        if let read = reads.remove(request) {
            if !read.replied {
                fail(read.request, replyTo: read.replyTo,
                     "only \(read.answerCount) of R=\(read.required) answered within \(settings.requestTimeout)ms"
                        + Self.tally(read.targets.filter(\.answered).map(\.node), of: read.targets, owners: read.preferenceList,
                                     answered: "answered by"),
                     effects: &effects)
            }
            repairStaleReplicas(read, effects: &effects)
        }
        if !forwards.isEmpty, let forward = forwards[request], forward.deadline <= now {
            forwards[request] = nil
            fail(forward.request, replyTo: nil, "forwarded to \(forward.coordinator ?? forward.target), which did not answer in time",
                 effects: &effects)
        }
    }

    /// ` (acknowledged by node2, node5 for node1; no answer from node3 node4)`: the nodes that
    /// answered a failed request (`heard`), a stand-in with the owner whose hint it holds (or,
    /// for a read, as standing in, outside the `owners`), and the targets that never did.
    private static func tally(_ heard: [NodeID], of targets: [ReplicaTarget], owners: [NodeID], answered: String) -> String {
        let heard = heard.map { node in
            let standsIn = targets.first { $0.node == node }?.hintFor.map { " for \($0)" } ?? (owners.contains(node) ? "" : " standing in")
            return node.name + standsIn
        }
        let silent = targets.filter { !$0.answered }.map(\.node.name)
        let parts = (heard.isEmpty ? [] : ["\(answered) \(heard.joined(separator: ", "))"])
            + (silent.isEmpty ? [] : ["no answer from \(silent.joined(separator: " "))"])
        return parts.isEmpty ? "" : " (\(parts.joined(separator: "; ")))"
    }

    /// Deals with the targets still silent at a replica deadline. One that has since answered
    /// a later request of this node's is up and reachable, so this request or its answer was
    /// lost (the target may have been down when it arrived, or a partition fell between them
    /// since): it is returned in `resend`, to be sent the
    /// request once more, rather than suspected. Every other silent target is marked
    /// replaced and suspected, and the owner it stood for is returned in `owners`, for a
    /// fallback (section 4.6).
    mutating func retireSilentTargets(_ targets: inout [ReplicaTarget], now: Millis, effects: inout Effects)
        -> (owners: [NodeID], resend: [ReplicaTarget]) {
        var owners: [NodeID] = []
        var resend: [ReplicaTarget] = []
        for index in targets.indices where !targets[index].answered && !targets[index].replaced {
            let node = targets[index].node
            // The resend keeps the first send time: an answer to the first request, arriving
            // late, proves nothing about the node since the resend.
            if !targets[index].resent, believesUp(node, now: now),
               membership.answered(by: node, requestSentSince: targets[index].sentAt) {
                targets[index].resent = true
                resend.append(targets[index])
                continue
            }
            targets[index].replaced = true
            if believesUp(node, now: now) {
                membership.suspect(node, now: now, for: suspicionTimeout)
                effects.append(.trace(.suspected(node)))
            }
            owners.append(targets[index].hintFor ?? node)
        }
        return (owners, resend)
    }
}
