/// What a node does as a replica: store, answer reads, accept repairs and forwarded requests.
extension Node {
    mutating func receive(_ message: Message, from peer: NodeID, now: Millis, effects: inout [Effect]) {
        let policy = settings.versioning
        switch message {
        case .store(let request, let key, let versions, let owner):
            if let owner, owner != id {
                hints.add(versions, for: owner, key: key, policy: policy)
            } else {
                store.merge(versions, into: key, policy: policy)
            }
            effects.append(.send(to: peer, .stored(request)))
        case .stored(let request):
            writeAcknowledged(request, by: peer, effects: &effects)
        case .fetch(let request, let key):
            effects.append(.send(to: peer, .fetched(request, versions: heldVersions(of: key))))
        case .fetched(let request, let versions):
            readAnswered(request, by: peer, versions: versions, effects: &effects)
        case .repair(let key, let versions):
            store.merge(versions, into: key, policy: policy)
        case .forward(let request):
            effects.append(.send(to: peer, .forwardAccepted(request.id)))
            coordinate(request, replyTo: peer, now: now, effects: &effects)
        case .forwardAccepted(let request):
            forwards[request]?.accepted = true
        case .forwardedReply(let reply):
            forwardedReply(reply, effects: &effects)
        case .handoff(let key, let versions):
            store.merge(versions, into: key, policy: policy)
            effects.append(.send(to: peer, .handedOff(key: key, dots: versions.map(\.dot))))
        case .handedOff(let key, let dots):
            hints.acknowledge(dots, for: peer, key: key)
            effects.append(.trace(.handedOff(key: key, owner: peer)))
        }
    }
}
