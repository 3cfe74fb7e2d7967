/// Replica synchronisation with Merkle trees (the paper, section 4.7).
///
/// Each round, for every key range it replicates, a node picks another replica of that range
/// and sends its tree's root. The two then walk down together, level by level, sending only the
/// children of nodes whose hashes differ; at the leaves they swap the versions of just the keys
/// there, and each merges what it lacked. Every message carries what the next step needs, and
/// both sides read their trees as they are now, so an exchange keeps no state between steps.
extension Node {
    mutating func startAntiEntropy(byHand: Bool, now: Millis, effects: inout Effects) {
        for (range, replicas) in trackReplicatedRanges() {
            // Counted, then drawn from, rather than gathered in an array: a round visits every
            // range the node replicates. Loops rather than closures, which would take a copy of
            // the whole node.
            var count = 0
            for replica in replicas where isPeer(replica, now: now) { count += 1 }
            guard count > 0, let tree = store.tree(of: range) else { continue }
            var skip = Int.random(in: 0..<count, using: &random)
            var chosen: NodeID?
            for replica in replicas where isPeer(replica, now: now) {
                if skip == 0 { chosen = replica; break }
                skip -= 1
            }
            guard let peer = chosen else { continue }
            nextExchange += 1
            let exchange = ExchangeID(initiator: id, number: nextExchange, byHand: byHand)
            tally(exchange) {
                $0.exchanges += 1
                $0.keysInComparedRanges += tree.keyCount
            }
            effects.append(.send(to: peer, .treeLevel(exchange, range: range, level: 0, hashes: [TreeHash(index: 0, hash: tree.root)])))
        }
    }

    /// Counts work of `exchange`, apart as well when an operator's `sync` started it.
    private mutating func tally(_ exchange: ExchangeID, _ update: (inout AntiEntropyCounters) -> Void) {
        update(&antiEntropy)
        if exchange.byHand { update(&antiEntropyByHand) }
    }

    /// Another replica this node believes up: one to compare a range with.
    private func isPeer(_ replica: NodeID, now: Millis) -> Bool { replica != id && believesUp(replica, now: now) }

    /// The key ranges this node replicates by its own view of the ring, with their replicas;
    /// the store keeps a tree for each from now on.
    private mutating func trackReplicatedRanges() -> [(range: KeyRange, replicas: [NodeID])] {
        if let replicated = replicatedRanges { return replicated }
        let replicated = ring.keyRanges(replicatedBy: id, n: settings.n)
        store.track(replicated.map(\.range), depth: settings.merkleDepth)
        replicatedRanges = replicated
        return replicated
    }

    /// This node's tree of `range`: the one it keeps, or, for a range it does not replicate by
    /// its own view (the rings of the two nodes differ for a while), one built for the occasion.
    private mutating func tree(of range: KeyRange) -> MerkleTree {
        _ = trackReplicatedRanges()
        return store.tree(of: range) ?? MerkleTree(range: range, depth: settings.merkleDepth, store: store)
    }

    /// The peer's hashes at one level: answer with our children where they differ, or, at the
    /// leaves, with the versions of the keys there.
    mutating func receiveTreeLevel(_ exchange: ExchangeID, range: KeyRange, level: Int, hashes: [TreeHash],
                                   from peer: NodeID, effects: inout Effects) {
        let tree = tree(of: range)
        guard hashes.allSatisfy({ tree.contains(level: level, index: $0.index) }) else { return }
        tally(exchange) { $0.hashesCompared += hashes.count }
        let differing = hashes.filter { tree.hash(level: level, index: $0.index) != $0.hash }.map(\.index)
        if differing.isEmpty {
            effects.append(.send(to: peer, .treeAgrees(exchange)))
        } else if level == tree.depth {
            let entries = tree.leafKeys(in: differing).map { KeyVersions(key: $0, versions: store.versions(of: $0)) }
            tally(exchange) { $0.keysSent += entries.count }
            effects.append(.send(to: peer, .syncKeys(exchange, range: range, leaves: differing, entries: entries, final: false)))
        } else {
            let children = tree.children(of: differing, at: level).map { TreeHash(index: $0.index, hash: $0.hash) }
            effects.append(.send(to: peer, .treeLevel(exchange, range: range, level: level + 1, hashes: children)))
        }
    }

    /// The peer's versions of the keys in differing leaves: merge them, and answer with what the
    /// peer lacks.
    mutating func receiveSyncKeys(_ exchange: ExchangeID, range: KeyRange, leaves: [Int], entries: [KeyVersions],
                                  final: Bool, from peer: NodeID, effects: inout Effects) {
        var changed: [String] = []
        for entry in entries where storeReceived(entry.versions, of: entry.key) { changed.append(entry.key) }
        guard !final else { return }
        let tree = tree(of: range)
        guard leaves.allSatisfy({ tree.contains(level: tree.depth, index: $0) }) else { return }
        let sent = Dictionary(entries.map { ($0.key, $0.versions) }, uniquingKeysWith: { first, _ in first })
        let lacking = Set(tree.leafKeys(in: leaves) + entries.map(\.key)).sorted().compactMap { key -> KeyVersions? in
            let mine = store.versions(of: key)
            return sent[key] == mine ? nil : KeyVersions(key: key, versions: mine)
        }
        tally(exchange) { $0.keysSent += lacking.count }
        effects.append(.send(to: peer, .syncKeys(exchange, range: range, leaves: leaves, entries: lacking, final: true)))
        // The keys whose versions differed: those the peer's changed here, and those it lacks.
        let differed = Set(changed + lacking.map(\.key)).sorted()
        if !differed.isEmpty { effects.append(.trace(.synced(range: range, peer: peer, keys: differed))) }
    }
}
