/// Hinted handoff (the paper, section 4.6): a node holding versions for another offers them
/// back every hand-off round while it believes the owner up; the owner stores them and the
/// holder deletes them. An owner believed down is offered one hint a round, as a probe: that
/// periodic retry is how the holder learns it has recovered (section 4.8.3), even before gossip
/// says so, and its answer brings the rest next round. A hint for a node that has left the
/// ring goes to the key's current owner instead.
extension Node {
    mutating func offerHints(now: Millis, effects: inout [Effect]) {
        guard !hints.isEmpty else { return }
        var probed: [NodeID] = []
        for hint in hints.all {
            if membership.record(of: hint.owner)?.status == .left {
                let current = owners(of: hint.key)
                if current.contains(id) {
                    store.merge(hint.versions, into: hint.key, policy: settings.versioning)
                    hints.acknowledge(hint.versions.map(\.dot), for: hint.owner, key: hint.key)
                } else if let target = current.first(where: { believesUp($0, now: now) }) {
                    effects.append(.send(to: target, .handoff(key: hint.key, versions: hint.versions, owner: hint.owner)))
                }
            } else if believesUp(hint.owner, now: now) || !probed.contains(hint.owner) {
                if !believesUp(hint.owner, now: now) { probed.append(hint.owner) }
                effects.append(.send(to: hint.owner, .handoff(key: hint.key, versions: hint.versions, owner: hint.owner)))
            }
        }
    }

    mutating func receiveHandoff(_ key: String, versions: [Version], owner: NodeID, from holder: NodeID, effects: inout [Effect]) {
        storeReceived(versions, of: key)
        effects.append(.send(to: holder, .handedOff(key: key, owner: owner, dots: versions.map(\.dot))))
    }

    mutating func handoffAcknowledged(_ key: String, owner: NodeID, dots: [Dot], effects: inout [Effect]) {
        hints.acknowledge(dots, for: owner, key: key)
        effects.append(.trace(.handedOff(key: key, owner: owner)))
    }
}
