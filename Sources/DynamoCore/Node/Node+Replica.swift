/// What a node does as a replica: store, answer reads, accept repairs and forwarded requests.
extension Node {
    /// Inlined into `handle`, its one caller, so that a message is switched on where the input
    /// that carries it was, rather than moved into a call first.
    @inline(__always)
    mutating func receive(_ message: consuming Message, from peer: NodeID, now: Millis, effects: inout Effects) {
        switch consume message {
        case .store(let request, let key, let versions, let owner):
            if let owner, owner != id {
                hints.add(versions, for: owner, key: key, policy: settings.versioning)
            } else {
                storeReceived(versions, of: key)
            }
            effects.append(.send(to: peer, .stored(request)))
        case .stored(let request):
            writeAcknowledged(request, by: peer, effects: &effects)
        case .fetch(let request, let key):
            effects.append(.send(to: peer, .fetched(request, versions: heldVersions(of: key))))
        case .fetched(let request, let versions):
            readAnswered(request, by: peer, versions: versions, effects: &effects)
        case .repair(let key, let versions):
            storeReceived(versions, of: key)
        case .forward(let request):
            holdForward(request, from: peer, effects: &effects)
        case .forwardAccepted(let request):
            forwardAccepted(request, by: peer, effects: &effects)
        case .forwardConfirmed(let request):
            if let held = heldForwards.removeValue(forKey: request), held.forwarder == peer {
                coordinate(held.request, replyTo: peer, now: now, effects: &effects)
            }
        case .forwardWithdrawn(let request):
            heldForwards[request] = nil
        case .forwardedReply(let reply):
            forwardedReply(reply, effects: &effects)
        case .handoff(let key, let versions, let owner):
            receiveHandoff(key, versions: versions, owner: owner, from: peer, effects: &effects)
        case .handedOff(let key, let owner, let versions):
            handoffAcknowledged(key, owner: owner, versions: versions, by: peer, effects: &effects)
        case .gossip(let records):
            receiveGossip(records, from: peer, reply: true, now: now, effects: &effects)
        case .gossipReply(let records):
            receiveGossip(records, from: peer, reply: false, now: now, effects: &effects)
        case .treeLevel(let exchange, let range, let level, let hashes):
            receiveTreeLevel(exchange, range: range, level: level, hashes: hashes, from: peer, effects: &effects)
        case .treeAgrees:
            break
        case .syncKeys(let exchange, let range, let leaves, let entries, let final):
            receiveSyncKeys(exchange, range: range, leaves: leaves, entries: entries, final: final, from: peer, effects: &effects)
        case .transfer(let key, let versions):
            receiveTransfer(key, versions: versions, from: peer, effects: &effects)
        case .transferred(let key, let versions):
            transferAcknowledged(key, versions: versions, by: peer, effects: &effects)
        }
    }
}
