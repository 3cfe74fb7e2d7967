/// The read path (the paper, sections 4.5 and 5): ask the first N healthy nodes, answer after R
/// with every version no other supersedes, then repair replicas found stale.
extension Node {
    mutating func startRead(
        _ request: ClientRequest, walk: RingWalk, preferenceList: [NodeID], replyTo: NodeID?,
        now: Millis, effects: inout [Effect]
    ) {
        var read = PendingRead(
            request: request, walk: walk, preferenceList: preferenceList,
            required: request.quorum ?? settings.r, replyTo: replyTo, targets: [], answers: [],
            deadline: RequestDeadline(request.id, now: now, settings: settings, effects: &effects))
        read.targets.reserveCapacity(settings.n)
        read.answers.reserveCapacity(settings.n)
        // The first N healthy nodes of the walk.
        for node in walk {
            guard read.targets.count < settings.n else { break }
            guard node == id || believesUp(node, now: now) else { continue }
            read.targets.append(ReplicaTarget(node: node, hintFor: nil))
            if node == id {
                read.targets[read.targets.count - 1].answered = true
                let own = heldVersions(of: request.key)
                read.answers.append(ReadAnswer(node: id, versions: own))
                read.reconciled = settings.versioning.merge(read.reconciled, own)
            } else {
                effects.append(.send(to: node, .fetch(request.id, key: request.key)))
            }
        }
        effects.append(.setTimer(.replica(request.id), after: settings.replicaTimeout))
        if !readProgressed(&read, effects: &effects) { reads.insert(read, for: request.id) }
    }

    /// Everything this node holds for `key`: its own versions and any it keeps as hints.
    func heldVersions(of key: String) -> [Version] {
        let hinted = hints.versions(of: key)
        let own = store.versions(of: key)
        return hinted.isEmpty ? own : settings.versioning.merge(own, hinted)
    }

    mutating func readAnswered(_ request: RequestID, by node: NodeID, versions: [Version], effects: inout [Effect]) {
        guard var read = reads.remove(request) else { return }
        guard let index = read.targets.firstIndex(where: { $0.node == node && !$0.answered }) else {
            reads.insert(read, for: request)
            return
        }
        read.targets[index].answered = true
        read.answers.append(ReadAnswer(node: node, versions: versions))
        read.reconciled = settings.versioning.merge(read.reconciled, versions)
        if !readProgressed(&read, effects: &effects) { reads.insert(read, for: request) }
    }

    /// Answers the client once R nodes replied, and repairs once all have: true when the read
    /// is over, false when it stays pending.
    private func readProgressed(_ read: inout PendingRead, effects: inout [Effect]) -> Bool {
        let request = read.request.id
        if !read.replied, read.answers.count >= read.required {
            read.replied = true
            let siblings = read.reconciled
            let replied = read.answers.map(\.node)
            effects.append(.trace(.quorum(key: read.request.key, kind: "read", nodes: replied)))
            let reply = ClientReply(
                id: request, key: read.request.key, coordinator: id,
                outcome: .read(siblings: siblings, context: VersioningPolicy.context(of: siblings), replied: replied))
            answer(reply, replyTo: read.replyTo, effects: &effects)
        }
        guard read.replied, read.targets.allSatisfy({ $0.answered || $0.replaced }) else { return false }
        repairStaleReplicas(read, effects: &effects)
        return true
    }

    /// Read repair: owners whose answer lacked something the reconciled set has get it now.
    func repairStaleReplicas(_ read: PendingRead, effects: inout [Effect]) {
        let policy = settings.versioning
        let latest = read.reconciled
        let stale = read.answers.filter { answer in
            read.preferenceList.contains(answer.node) && answer.versions != latest
                && policy.merge(answer.versions, latest) != answer.versions
        }.map(\.node)
        guard !stale.isEmpty else { return }
        effects.append(.trace(.readRepair(key: read.request.key, nodes: stale)))
        for node in stale {
            effects.append(.send(to: node, .repair(key: read.request.key, versions: latest)))
        }
    }

    /// Replaces read replicas that did not answer in time with the next healthy nodes.
    mutating func replaceSilentReadReplicas(_ request: RequestID, now: Millis, effects: inout [Effect]) {
        guard var read = reads.remove(request) else { return }
        read.deadline.set(now: now, effects: &effects)
        let owners = retireSilentTargets(&read.targets, now: now, effects: &effects)
        for _ in owners {
            guard let node = nextFallback(in: read.walk, preferenceList: read.preferenceList, used: read.targets, now: now)
            else { break }
            read.targets.append(ReplicaTarget(node: node, hintFor: nil))
            effects.append(.send(to: node, .fetch(request, key: read.request.key)))
        }
        reads.insert(read, for: request)
        if !owners.isEmpty {
            effects.append(.setTimer(.replica(request), after: settings.replicaTimeout))
        }
    }
}
