/// Hinted handoff (the paper, section 4.6): a node holding versions for another offers them
/// back every hand-off round while it believes the owner up; the owner stores them and the
/// holder deletes them. An owner believed down is offered one hint a round, as a probe: that
/// periodic retry is how the holder learns it has recovered (section 4.8.3), even before gossip
/// says so, and its answer brings the rest next round. A hint for a node that has left the
/// ring goes to the key's current owners instead. A hint goes with every other version of its
/// key held here (`giving`).
extension Node {
    mutating func offerHints(now: Millis, effects: inout Effects) {
        guard !hints.isEmpty else { return }
        var probed: [NodeID] = []
        for hint in hints.all {
            if membership.record(of: hint.owner)?.status == .left {
                let current = owners(of: hint.key)
                if current.contains(id) {
                    store.merge(hint.versions, into: hint.key, policy: settings.versioning)
                    hints.acknowledge(hint.versions, for: hint.owner, key: hint.key)
                } else {
                    // Every current owner believed up is offered it, not only the first: a link
                    // to that one may be cut one way, which this node cannot tell, while gossip
                    // from it still arrives. The first to take it ends the hint.
                    let versions = giving(hint.versions, of: hint.key)
                    for target in current where believesUp(target, now: now) {
                        effects.append(.send(to: target, .handoff(key: hint.key, versions: versions, owner: hint.owner)))
                    }
                }
            } else if believesUp(hint.owner, now: now) || !probed.contains(hint.owner) {
                if !believesUp(hint.owner, now: now) { probed.append(hint.owner) }
                effects.append(.send(to: hint.owner, .handoff(key: hint.key, versions: giving(hint.versions, of: hint.key), owner: hint.owner)))
            }
        }
    }

    /// `versions` of `key` with every other version of it held here: what this node sends when
    /// it gives versions away, so that none arrives without the earlier ones its clock claims.
    /// Not reconciled, so that the receiver acknowledges each version given, superseded or not.
    func giving(_ versions: [Version], of key: String) -> [Version] {
        let others = heldVersions(of: key).filter { !versions.contains($0) }
        return others.isEmpty ? versions : versions + others
    }

    mutating func receiveHandoff(_ key: String, versions: [Version], owner: NodeID, from holder: NodeID, effects: inout Effects) {
        storeReceived(versions, of: key)
        effects.append(.send(to: holder, .handedOff(key: key, owner: owner, versions: versions)))
    }

    /// The owner stored the hint: its versions go, unless a version this node keeps would then
    /// claim them for its readers unseen (`mayForget`). Those stay, offered again each round,
    /// until that version is gone too. A node that holds the key in its store keeps them there
    /// instead: as an owner, or in the copy it is handing over, which then carries them along.
    /// Otherwise they join another hint of the key, which the blocking version may be in. Either
    /// way the versions travel together from then on, so that no two holdings of one key each
    /// wait for the other to go first.
    mutating func handoffAcknowledged(_ key: String, owner: NodeID, versions stored: [Version], by taker: NodeID,
                                      effects: inout Effects) {
        let leaving = hints.versions(of: key, for: owner).filter(stored.contains)
        // Another of the owners offered a departed node's hint took these versions first.
        guard !leaving.isEmpty else { return }
        let others = hints.hints(of: key)
        let staying = store.versions(of: key) + others.flatMap { hint in
            hint.owner == owner ? hint.versions.filter { !stored.contains($0) } : hint.versions
        }
        if !mayForget(leaving, keeping: staying) {
            if owns(key) || misplaced.contains(key) {
                storeReceived(leaving, of: key)
            } else if let other = others.first(where: { $0.owner != owner })?.owner {
                hints.add(leaving, for: other, key: key, policy: settings.versioning)
            } else {
                return
            }
        }
        hints.acknowledge(stored, for: owner, key: key)
        effects.append(.trace(.handedOff(key: key, owner: owner, to: taker)))
    }
}
