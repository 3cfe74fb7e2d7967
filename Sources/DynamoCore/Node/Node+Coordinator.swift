/// Request coordination (the paper, sections 4.5 and 6.4): a node that receives a client
/// request either coordinates it or, for a write outside its preference list, forwards it.
extension Node {
    mutating func coordinate(_ request: ClientRequest, replyTo: NodeID?, now: Millis, effects: inout [Effect]) {
        let walk = walk(for: request.key)
        let preferenceList = Array(walk.prefix(settings.n))
        switch request.operation {
        case .get:
            startRead(request, walk: walk, preferenceList: preferenceList, replyTo: replyTo, now: now, effects: &effects)
        case .put(let value, let context):
            // "Write requests will be coordinated by a node in the key's current preference
            // list" (section 6.4); a forwarded write is coordinated where it lands.
            if preferenceList.contains(id) || replyTo != nil {
                startWrite(request, value: value, context: context, walk: walk,
                           preferenceList: preferenceList, replyTo: replyTo, now: now, effects: &effects)
            } else {
                forward(request, preferenceList: preferenceList, now: now, effects: &effects)
            }
        }
    }

    private mutating func forward(_ request: ClientRequest, preferenceList: [NodeID], now: Millis, effects: inout [Effect]) {
        guard let target = preferenceList.first(where: { detector.isUp($0, now: now) }) else {
            let names = preferenceList.map(\.name).joined(separator: " ")
            fail(request, replyTo: nil, "\(id) believes every node of the preference list (\(names)) is down", effects: &effects)
            return
        }
        forwards[request.id] = PendingForward(request: request, target: target)
        effects.append(.trace(.forwarded(key: request.key, to: target)))
        effects.append(.send(to: target, .forward(request)))
        effects.append(.setTimer(.request(request.id), after: 2 * settings.requestTimeout))
    }

    func fail(_ request: ClientRequest, replyTo: NodeID?, _ reason: String, effects: inout [Effect]) {
        let reply = ClientReply(id: request.id, key: request.key, coordinator: id, outcome: .failed(reason: reason))
        answer(reply, replyTo: replyTo, effects: &effects)
    }

    mutating func forwardedReply(_ reply: ClientReply, effects: inout [Effect]) {
        guard forwards.removeValue(forKey: reply.id) != nil else { return }
        effects.append(.reply(reply))
    }

    /// A replica had its chance: believe it down and send its share to the next healthy node.
    mutating func replicaDeadline(_ request: RequestID, now: Millis, effects: inout [Effect]) {
        if writes[request] != nil {
            replaceSilentWriteReplicas(request, now: now, effects: &effects)
        } else if reads[request] != nil {
            replaceSilentReadReplicas(request, now: now, effects: &effects)
        }
    }

    /// The request's time is up: answer with a failure if the quorum was not met.
    mutating func requestDeadline(_ request: RequestID, effects: inout [Effect]) {
        if let write = writes.removeValue(forKey: request), !write.replied {
            let silent = write.targets.filter { !$0.answered }.map(\.node.name).joined(separator: " ")
            fail(write.request, replyTo: write.replyTo,
                 "only \(write.acks.count) of W=\(write.required) acknowledged within \(settings.requestTimeout)ms"
                    + (silent.isEmpty ? "" : " (no answer from \(silent))"),
                 effects: &effects)
        }
        if let read = reads.removeValue(forKey: request) {
            if !read.replied {
                fail(read.request, replyTo: read.replyTo,
                     "only \(read.answers.count) of R=\(read.required) answered within \(settings.requestTimeout)ms",
                     effects: &effects)
            }
            repairStaleReplicas(read, effects: &effects)
        }
        if let forward = forwards.removeValue(forKey: request) {
            fail(forward.request, replyTo: nil,
                 "forwarded to \(forward.target), which did not answer within \(2 * settings.requestTimeout)ms",
                 effects: &effects)
        }
    }

    /// Marks silent targets as replaced, suspects them, and returns the owners they stood for.
    mutating func retireSilentTargets(_ targets: inout [ReplicaTarget], now: Millis, effects: inout [Effect]) -> [NodeID] {
        var owners: [NodeID] = []
        for index in targets.indices where !targets[index].answered && !targets[index].replaced {
            targets[index].replaced = true
            let node = targets[index].node
            if detector.isUp(node, now: now) {
                detector.suspect(node, now: now, for: settings.suspicionTimeout)
                effects.append(.trace(.suspected(node)))
            }
            owners.append(targets[index].hintFor ?? node)
        }
        return owners
    }
}
