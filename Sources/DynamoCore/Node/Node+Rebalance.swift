/// Adding and removing nodes (the paper, section 4.9): when the ring changes, keys a node no
/// longer replicates go to their new owners and are deleted here once every owner has them.
extension Node {
    /// The key's preference list in this node's ring.
    func owners(of key: String) -> [NodeID] { ring.walk(from: .of(key: key), limit: settings.n) }

    func owns(_ key: String) -> Bool { owns(at: .of(key: key)) }

    /// Whether a key at `position` is this node's to replicate, walking no further than N nodes.
    func owns(at position: RingPosition) -> Bool { ring.walking(from: position).prefix(settings.n).contains(id) }

    /// Adopts the ring membership now describes, if it differs from the one in use, and finds
    /// the keys this node should give away; returns whether it differed. Records that change
    /// and leave the ring as it was (the same tokens listed in another order) change nothing.
    @discardableResult
    mutating func adoptRing() -> Bool {
        let described = membership.ring
        guard described != ring else { return false }
        ring = described
        findMisplacedKeys()
        return true
    }

    /// Sorts the keys held into those this node replicates and those it must give away: after
    /// a change of ring or of N. A key kept again forgets the owners that took it earlier (a
    /// node that rejoined): should it be given away once more, every owner must take it anew.
    mutating func findMisplacedKeys() {
        misplaced = Set(store.keys.filter { !owns($0) })
        if !handovers.isEmpty { handovers = handovers.filter { misplaced.contains($0.key) } }
    }

    /// Stores versions another node sent. A key new here may be one this node does not
    /// replicate (a sender with an older ring): it is noted to be given on. A key already held
    /// needs no check, since every ring change sorts the keys held anew.
    /// Returns whether the store changed.
    @discardableResult
    mutating func storeReceived(_ versions: [Version], of key: String) -> Bool {
        switch store.merge(versions, into: key, policy: settings.versioning) {
        case .added(let position):
            if !owns(at: position) { misplaced.insert(key) }
            return true
        case .updated:
            // Owners that took the key before took other versions: they must take these too.
            if !handovers.isEmpty { handovers[key] = nil }
            return true
        case .unchanged:
            return false
        }
    }

    /// Offers each misplaced key, with its hints (`giving`), to every owner believed up that has
    /// not yet said it took these versions; repeated until all have. Once all have but the copy
    /// must stay for hints still kept here, it goes to all again, so that their answers try
    /// once more to let it go.
    func handOverMisplacedKeys(now: Millis, effects: inout Effects) {
        guard !misplaced.isEmpty else { return }
        for key in misplaced.sorted() {
            let versions = giving(store.versions(of: key), of: key)
            let owners = owners(of: key).filter { $0 != id }
            let took = handovers[key] ?? []
            let everyOwnerTook = owners.allSatisfy(took.contains)
            for owner in owners where (everyOwnerTook || !took.contains(owner)) && believesUp(owner, now: now) {
                effects.append(.send(to: owner, .transfer(key: key, versions: versions)))
            }
        }
    }

    /// Stores a key given away. Only an owner, in this node's own ring, says it took it: a node
    /// that would give the key away again must not let the sender delete its copy.
    mutating func receiveTransfer(_ key: String, versions: [Version], from peer: NodeID, effects: inout Effects) {
        storeReceived(versions, of: key)
        guard owns(key) else { return }
        effects.append(.send(to: peer, .transferred(key: key, versions: versions)))
    }

    /// An owner stored a misplaced key: once every owner has, the copy here goes, unless hints
    /// kept here would then claim its versions unseen (`mayForget`).
    mutating func transferAcknowledged(_ key: String, versions stored: [Version], by owner: NodeID, effects: inout Effects) {
        guard misplaced.contains(key) else { return }
        guard !owns(key) else {
            misplaced.remove(key)
            return
        }
        guard store.versions(of: key).allSatisfy(stored.contains) else { return }
        var acknowledged = handovers[key] ?? []
        acknowledged.insert(owner)
        let needed = owners(of: key).filter { $0 != id }
        if !needed.isEmpty, needed.allSatisfy(acknowledged.contains), mayForget(store.versions(of: key), keeping: hints.versions(of: key)) {
            store.remove(key)
            misplaced.remove(key)
            handovers[key] = nil
            effects.append(.trace(.handedOver(key: key, owners: needed)))
        } else {
            handovers[key] = acknowledged
        }
    }
}
