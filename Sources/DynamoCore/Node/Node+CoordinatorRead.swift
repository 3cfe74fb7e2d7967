/// The read path (the paper, sections 4.5 and 5): ask the first N healthy nodes, answer after R
/// with every version no other supersedes, then repair replicas found stale.
extension Node {
    mutating func startRead(
        _ request: consuming ClientRequest, walk: consuming RingWalk, preferenceList: consuming [NodeID], replyTo: NodeID?,
        now: Millis, effects: inout Effects
    ) {
        let deadline = RequestDeadline(request.id, now: now, settings: settings, effects: &effects)
        var targets = spareTargets.popLast() ?? [], reconciled: [Version] = [], answerCount = 0
        targets.reserveCapacity(settings.n)
        // The first N healthy nodes of the walk.
        for node in walk {
            guard targets.count < settings.n else { break }
            guard node == id || believesUp(node, now: now) else { continue }
            if node == id {
                let own = heldVersions(of: request.key)
                reconciled = settings.versioning.merge(reconciled, own)
                targets.append(ReplicaTarget(node: node, hintFor: nil, sentAt: now, answered: true, answer: (own, answerCount)))
                answerCount += 1
            } else {
                targets.append(ReplicaTarget(node: node, hintFor: nil, sentAt: now))
                effects.append(.send(to: node, .fetch(request.id, key: request.key)))
            }
        }
        // Too few healthy nodes: try owners believed down, which may be back (section 4.8.3).
        if targets.count < settings.n {
            for owner in copy preferenceList where targets.count < settings.n && !targets.contains(where: { $0.node == owner }) {
                targets.append(ReplicaTarget(node: owner, hintFor: nil, sentAt: now))
                effects.append(.send(to: owner, .fetch(request.id, key: request.key)))
            }
        }
        let replicaDue = replicaDeadline(now: now, effects: &effects)
        // Built in the table and changed there from now on, so that nothing copies it.
        let position = reads.count
        let requestID = request.id, required = request.quorum ?? settings.r
        reads.insert(PendingRead(request: request, walk: walk, preferenceList: preferenceList,
                                 required: required, replyTo: replyTo, targets: targets,
                                 answerCount: answerCount, reconciled: reconciled,
                                 deadline: deadline, replicaDue: replicaDue),
                     for: requestID)
        progressRead(at: position, effects: &effects)
    }

    /// Everything this node holds for `key`: its own versions and any it keeps as hints.
    func heldVersions(of key: String) -> [Version] {
        let hinted = hints.versions(of: key)
        let own = store.versions(of: key)
        return hinted.isEmpty ? own : settings.versioning.merge(own, hinted)
    }

    mutating func readAnswered(_ request: RequestID, by node: NodeID, versions: consuming [Version], effects: inout Effects) {
        guard let position = reads.position(of: request),
              let index = reads[at: position].targets.firstIndex(where: { $0.node == node && !$0.answered })
        else { return }
        membership.answered(by: node, requestSentAt: reads[at: position].targets[index].sentAt)
        Self.record(versions, of: index, in: &reads[at: position], policy: settings.versioning)
        progressRead(at: position, effects: &effects)
    }

    /// Reconciles `versions` before keeping them with their target, so that keeping them moves
    /// the array that came with the answer rather than copying it.
    private static func record(_ versions: consuming [Version], of target: Int, in read: inout PendingRead,
                               policy: VersioningPolicy) {
        read.reconciled = policy.merge(read.reconciled, versions)
        read.targets[target].answered = true
        read.targets[target].answer = (consume versions, read.answerCount)
        read.answerCount += 1
    }

    /// Answers the client once R nodes replied; once all have, forgets the read and repairs
    /// stale replicas.
    private mutating func progressRead(at position: Int, effects: inout Effects) {
        let policy = settings.versioning
        if Self.readProgressed(&reads[at: position], coordinator: id, policy: policy, effects: &effects) {
            var finished = reads.remove(at: position)
            repairStaleReplicas(finished, effects: &effects)
            keepForReuse(&finished.targets)
        }
    }

    /// Answers the client once R nodes replied: true when every node asked has answered or
    /// been replaced, and the read is over.
    private static func readProgressed(_ read: inout PendingRead, coordinator: NodeID, policy: VersioningPolicy,
                                       effects: inout Effects) -> Bool {
        if !read.replied, read.answerCount >= read.required {
            read.replied = true
            let siblings = read.reconciled
            let replied = (0..<read.answerCount).map { read.target(answeringAt: $0).node }
            effects.append(.trace(.quorum(key: read.request.key, kind: "read", nodes: replied)))
            let reply = ClientReply(
                id: read.request.id, key: read.request.key, coordinator: coordinator,
                outcome: .read(siblings: siblings, context: VersioningPolicy.context(of: siblings), replied: replied))
            answer(reply, replyTo: read.replyTo, effects: &effects)
        }
        return read.replied && read.targets.allSatisfy { $0.answered || $0.replaced }
    }

    /// Read repair (section 5): owners whose answer lacked something the reconciled set has get
    /// it now; the coordinator, when it is one of them, stores it at once.
    mutating func repairStaleReplicas(_ read: PendingRead, effects: inout Effects) {
        let latest = read.reconciled, policy = settings.versioning
        var stale: [NodeID] = []
        for rank in 0..<read.answerCount {
            let target = read.target(answeringAt: rank)
            guard let versions = target.answer?.versions, read.preferenceList.contains(target.node), versions != latest,
                  policy.merge(versions, latest) != versions
            else { continue }
            stale.append(target.node)
        }
        guard !stale.isEmpty else { return }
        effects.append(.trace(.readRepair(key: read.request.key, nodes: stale)))
        for node in stale {
            if node == id {
                storeReceived(latest, of: read.request.key)
            } else {
                effects.append(.send(to: node, .repair(key: read.request.key, versions: latest)))
            }
        }
    }

    /// Replaces read replicas that did not answer in time with the next healthy nodes.
    mutating func replaceSilentReadReplicas(_ request: RequestID, now: Millis, effects: inout Effects) {
        guard var read = reads.remove(request) else { return }
        read.deadline.set(now: now, effects: &effects)
        let (owners, resend) = retireSilentTargets(&read.targets, now: now, effects: &effects)
        for target in resend {
            effects.append(.trace(.resent(key: read.request.key, to: target.node)))
            effects.append(.send(to: target.node, .fetch(request, key: read.request.key)))
        }
        for owner in owners {
            guard let node = nextFallback(in: read.walk, preferenceList: read.preferenceList, used: read.targets, now: now,
                                          orSelf: true)
            else { break }
            effects.append(.trace(.readStandIn(key: read.request.key, node: node, owner: owner)))
            read.targets.append(ReplicaTarget(node: node, hintFor: nil, sentAt: now))
            if node == id {
                Self.record(heldVersions(of: read.request.key), of: read.targets.count - 1, in: &read, policy: settings.versioning)
            } else {
                effects.append(.send(to: node, .fetch(request, key: read.request.key)))
            }
        }
        read.replicaDue = owners.isEmpty && resend.isEmpty ? nil : now + settings.replicaTimeout
        let position = reads.count
        reads.insert(read, for: request)
        progressRead(at: position, effects: &effects)
    }
}
