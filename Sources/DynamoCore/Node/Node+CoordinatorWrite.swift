/// The write path (the paper, sections 4.4–4.6): stamp a new version, store it, send it to the
/// other healthy nodes of the preference list (or to fallbacks holding hints), answer after W.
extension Node {
    mutating func startWrite(
        _ request: consuming ClientRequest, walk: consuming RingWalk, preferenceList: consuming [NodeID], replyTo: NodeID?,
        now: Millis, effects: inout Effects
    ) {
        guard case .put(let value, let context) = request.operation else { return }
        let key = request.key
        let policy = settings.versioning
        let (own, issued) = store.held(key)
        let hinted = hints.versions(of: key)
        let held = hinted.isEmpty ? own : policy.merge(own, hinted)
        let writer = writer(of: key, held: held, issued: issued, context: context)
        let version = newVersion(by: writer.actor, held: held, issued: writer.issued, value: value, context: context,
                                 timestamp: wallClock)
        // One array for the store, the replicas and the pending write.
        let written = [version]
        // The new version's clock claims this node's earlier versions of the key, so its own
        // copy keeps every version held along with it, as the replicas' copies do: kept apart,
        // the new one would claim for its readers writes they never saw.
        let withHeld = held.isEmpty ? written : policy.merge(held, written)
        var standsInFor: NodeID?
        let owns = preferenceList.contains(id)
        if owns {
            store.merge(hinted.isEmpty ? written : withHeld, into: key, at: request.position, policy: policy,
                        issued: version.dot.counter)
        } else {
            store.noteIssued(version.dot.counter, for: key)
            if let owner = preferenceList.first(where: { !believesUp($0, now: now) }) ?? preferenceList.last {
                // No owner was reachable to coordinate: this node keeps its copy as a hint.
                hints.add(withHeld, for: owner, key: key, policy: policy)
                standsInFor = owner
            }
        }
        let requestID = request.id, required = request.quorum ?? settings.w
        var write = PendingWrite(
            request: request, version: version, versions: withHeld,
            walk: walk, preferenceList: preferenceList, required: required,
            replyTo: replyTo, targets: spareTargets.popLast() ?? [], acks: [],
            deadline: RequestDeadline(requestID, now: now, settings: settings, effects: &effects))
        write.targets.reserveCapacity(settings.n)
        write.acks.reserveCapacity(settings.n)
        // The coordinator's own copy counts only if it kept one: with no owner in its ring at
        // all, it holds nothing.
        if owns || standsInFor != nil { write.acks.append(id) }
        if let owner = standsInFor {
            write.targets.append(ReplicaTarget(node: id, hintFor: owner, sentAt: now, answered: true))
            effects.append(.trace(.hintSent(key: key, holder: id, owner: owner)))
        }
        for index in write.preferenceList.indices {
            let owner = write.preferenceList[index]
            guard owner != id && owner != standsInFor else { continue }
            if believesUp(owner, now: now) {
                send(&write, to: owner, hintFor: nil, now: now, effects: &effects)
            } else if let holder = nextFallback(in: write.walk, preferenceList: write.preferenceList, used: write.targets, now: now) {
                send(&write, to: holder, hintFor: owner, now: now, effects: &effects)
            } else {
                // No healthy node to stand in: try the owner itself, which may be back
                // ("A periodically retries B to check for the latter's recovery", section 4.8.3).
                send(&write, to: owner, hintFor: nil, now: now, effects: &effects)
            }
        }
        write.replicaDue = replicaDeadline(now: now, effects: &effects)
        Self.replyIfQuorum(&write, coordinator: id, effects: &effects)
        writes.insert(consume write, for: requestID)
    }

    /// The coordinator's new version, stamped with its wall clock: its context is the client's, truncated so the whole clock
    /// keeps at most `clockMax` entries (section 4.4), never dropping the coordinator's own entry, which this write makes the newest.
    ///
    /// With dots, the dot is a counter this actor never issued for the key: above every counter
    /// it issued (which the store remembers even after the versions themselves moved away with
    /// a handoff or a hand-over), above its entry in the client's context, and above its entry in every version
    /// held here. Plain clocks increment the context's entry, as the paper does, and may repeat.
    private func newVersion(by actor: ActorID, held: [Version], issued: UInt64, value: Value, context: VectorClock,
                            timestamp: Millis) -> Version {
        let policy = settings.versioning
        let counter: UInt64
        switch policy.clocks {
        case .dotted:
            let seen = held.reduce(0) { max($0, $1.counter(of: actor)) }
            counter = max(issued, seen, context[actor]) + 1
        case .vectorClock:
            counter = context[actor] + 1
        }
        let room = context[actor] > 0 ? policy.clockMax : policy.clockMax - 1
        return Version(value: value, dot: Dot(actor, counter: counter),
                       context: context.truncated(to: room, keeping: actor), timestamp: timestamp)
    }

    private func send(_ write: inout PendingWrite, to node: NodeID, hintFor owner: NodeID?, now: Millis, effects: inout Effects) {
        write.targets.append(ReplicaTarget(node: node, hintFor: owner, sentAt: now))
        if let owner {
            effects.append(.trace(.hintSent(key: write.request.key, holder: node, owner: owner)))
        }
        effects.append(.send(to: node, store(write, hintFor: owner)))
    }

    private func store(_ write: PendingWrite, hintFor owner: NodeID?) -> Message {
        .store(write.request.id, key: write.request.key, versions: write.versions, hintFor: owner)
    }

    /// Counts a replica's acknowledgement, changing the pending write where it lies in the table.
    mutating func writeAcknowledged(_ request: RequestID, by node: NodeID, effects: inout Effects) {
        guard let position = writes.position(of: request),
              let index = writes[at: position].targets.firstIndex(where: { $0.node == node && !$0.answered })
        else { return }
        membership.answered(by: node, requestSentAt: writes[at: position].targets[index].sentAt)
        if Self.acknowledge(index, by: node, in: &writes[at: position], coordinator: id, effects: &effects) {
            var finished = writes.remove(at: position)
            keepForReuse(&finished.targets)
        }
    }

    /// Marks target `index` answered and replies at the quorum; true once the write needs
    /// nothing more: it replied and every target answered or was replaced.
    private static func acknowledge(_ index: Int, by node: NodeID, in write: inout PendingWrite, coordinator: NodeID,
                                    effects: inout Effects) -> Bool {
        write.targets[index].answered = true
        // Acknowledgements after the quorum change nothing: the reply already carries its list.
        if !write.replied { write.acks.append(node) }
        replyIfQuorum(&write, coordinator: coordinator, effects: &effects)
        return write.replied && write.targets.allSatisfy { $0.answered || $0.replaced }
    }

    private static func replyIfQuorum(_ write: inout PendingWrite, coordinator: NodeID, effects: inout Effects) {
        guard !write.replied, write.acks.count >= write.required else { return }
        write.replied = true
        let request = write.request.id
        let hinted = write.targets.compactMap { target in
            target.hintFor.map { HintedWrite(holder: target.node, owner: $0) }
        }
        effects.append(.trace(.quorum(key: write.request.key, kind: "write", nodes: write.acks)))
        let reply = ClientReply(id: request, key: write.request.key, coordinator: coordinator,
                                outcome: .written(version: write.version, acks: write.acks, hinted: hinted))
        Self.answer(reply, replyTo: write.replyTo, effects: &effects)
    }

    /// Sloppy quorum: each silent replica's share goes to the next healthy node, as a hint
    /// naming the intended owner (section 4.6).
    mutating func replaceSilentWriteReplicas(_ request: RequestID, now: Millis, effects: inout Effects) {
        guard var write = writes.remove(request) else { return }
        write.deadline.set(now: now, effects: &effects)
        let (owners, resend) = retireSilentTargets(&write.targets, now: now, effects: &effects)
        for target in resend {
            effects.append(.trace(.resent(key: write.request.key, to: target.node)))
            effects.append(.send(to: target.node, store(write, hintFor: target.hintFor)))
        }
        for owner in owners {
            if let holder = nextFallback(in: write.walk, preferenceList: write.preferenceList, used: write.targets, now: now) {
                send(&write, to: holder, hintFor: owner, now: now, effects: &effects)
            }
        }
        write.replicaDue = owners.isEmpty && resend.isEmpty ? nil : now + settings.replicaTimeout
        writes.insert(consume write, for: request)
    }
}
