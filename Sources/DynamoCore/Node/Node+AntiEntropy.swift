/// Replica synchronisation with Merkle trees (the paper, section 4.7).
///
/// Each round, for every key range it replicates, a node picks another replica of that range
/// and sends its tree's root. The two then walk down together, level by level, sending only the
/// children of nodes whose hashes differ; at the leaves they swap the versions of just the keys
/// there, and each merges what it lacked.
struct PendingExchange: Sendable {
    let peer: NodeID
    let tree: MerkleTree
}

extension Node {
    mutating func startAntiEntropy(now: Millis, effects: inout [Effect]) {
        for (range, replicas) in ring.keyRanges(n: settings.n) where replicas.contains(id) {
            let peers = replicas.filter { $0 != id && believesUp($0, now: now) }
            guard !peers.isEmpty else { continue }
            let peer = peers[Int.random(in: 0..<peers.count, using: &random)]
            let tree = MerkleTree(range: range, depth: settings.merkleDepth, store: store)
            nextExchange += 1
            let exchange = ExchangeID(initiator: id, number: nextExchange)
            exchanges[exchange] = PendingExchange(peer: peer, tree: tree)
            antiEntropy.exchanges += 1
            antiEntropy.keysInComparedRanges += tree.keyCount
            effects.append(.send(to: peer, .treeLevel(exchange, range: range, level: 0, hashes: [TreeHash(index: 0, hash: tree.root)])))
            effects.append(.setTimer(.exchange(exchange), after: settings.antiEntropyInterval))
        }
    }

    /// The peer's hashes at one level: answer with our children where they differ, or, at the
    /// leaves, with the versions of the keys there.
    mutating func receiveTreeLevel(_ exchange: ExchangeID, range: KeyRange, level: Int, hashes: [TreeHash],
                                   from peer: NodeID, effects: inout [Effect]) {
        let tree = exchanges[exchange]?.tree ?? MerkleTree(range: range, depth: settings.merkleDepth, store: store)
        guard tree.range == range, level < tree.levels.count,
              hashes.allSatisfy({ tree.levels[level].indices.contains($0.index) })
        else { return }
        antiEntropy.hashesCompared += hashes.count
        let differing = hashes.filter { tree.levels[level][$0.index] != $0.hash }.map(\.index)
        if differing.isEmpty {
            exchanges[exchange] = nil
            effects.append(.send(to: peer, .treeAgrees(exchange)))
        } else if level == tree.depth {
            exchanges[exchange] = PendingExchange(peer: peer, tree: tree)
            let entries = entries(in: differing, of: tree)
            antiEntropy.keysSent += entries.count
            effects.append(.send(to: peer, .syncKeys(exchange, range: range, leaves: differing, entries: entries, final: false)))
        } else {
            exchanges[exchange] = PendingExchange(peer: peer, tree: tree)
            let children = tree.children(of: differing, at: level).map { TreeHash(index: $0.index, hash: $0.hash) }
            effects.append(.send(to: peer, .treeLevel(exchange, range: range, level: level + 1, hashes: children)))
        }
    }

    /// The peer's versions of the keys in differing leaves: merge them, and answer with what the
    /// peer lacks.
    mutating func receiveSyncKeys(_ exchange: ExchangeID, range: KeyRange, leaves: [Int], entries: [KeyVersions],
                                  final: Bool, from peer: NodeID, effects: inout [Effect]) {
        let policy = settings.versioning
        for entry in entries {
            store.merge(entry.versions, into: entry.key, policy: policy)
            noteOwnership(of: entry.key)
        }
        defer { exchanges[exchange] = nil }
        guard !final, let tree = exchanges[exchange]?.tree else { return }
        let sent = Dictionary(uniqueKeysWithValues: entries.map { ($0.key, $0.versions) })
        let lacking = Set(tree.leafKeys(in: leaves) + entries.map(\.key)).sorted().compactMap { key -> KeyVersions? in
            let mine = store.versions(of: key)
            return sent[key] == mine ? nil : KeyVersions(key: key, versions: mine)
        }
        antiEntropy.keysSent += lacking.count
        effects.append(.send(to: peer, .syncKeys(exchange, range: range, leaves: leaves, entries: lacking, final: true)))
        effects.append(.trace(.synced(range: range, peer: peer, keys: entries.count + lacking.count)))
    }

    private func entries(in leaves: [Int], of tree: MerkleTree) -> [KeyVersions] {
        tree.leafKeys(in: leaves).map { KeyVersions(key: $0, versions: store.versions(of: $0)) }
    }
}
