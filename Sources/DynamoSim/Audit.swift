import DynamoCore

/// What Dynamo promises, checked against the cluster as it is now: no acknowledged write lost
/// while siblings are kept, replicas that agree, hints that drain.
public struct Audit: Sendable, Equatable {
    /// Acknowledged writes in the history.
    public let acknowledged: Int
    /// Acknowledged writes neither present on any node nor overwritten by a write that saw
    /// them and was itself kept.
    public let lost: [Lost]
    /// Keys whose owners (the current preference list) hold different versions.
    public let divergent: [String]
    /// Hints not yet handed off.
    public let pendingHints: Int
    /// How many keys have 1, 2, ... versions, across their owners.
    public let siblingCounts: [Int: Int]

    public struct Lost: Sendable, Equatable {
        public let key: String
        public let value: Value
        public let dot: Dot
        public let client: String
    }
}

extension Cluster {
    /// Checks the cluster's promises against its history.
    public func audit() -> Audit {
        let policy = settings.versioning
        var present: [String: [Version]] = [:]
        for node in nodes {
            for key in node.store.keys { present[key, default: []] += node.store.versions(of: key) }
            for hint in node.hints.all { present[hint.key, default: []] += hint.versions }
        }
        let writes = acknowledgedWrites
        let kept = keptVersions(present: present, policy: policy)
        let lost = writes.filter { !kept.contains(KeyVersion(key: $0.operation.key, version: $0.version)) }.map { write in
            Audit.Lost(key: write.operation.key, value: write.version.value, dot: write.version.dot, client: write.operation.client)
        }

        var divergent: [String] = []
        var siblingCounts: [Int: Int] = [:]
        for key in present.keys.sorted() {
            let owners = ring.walk(from: .of(key: key), limit: settings.n)
            let copies = owners.map { node($0).store.versions(of: key) }
            if Set(copies).count > 1 || copies.contains(where: \.isEmpty) { divergent.append(key) }
            let merged = copies.reduce([]) { policy.merge($0, $1) }
            siblingCounts[merged.count, default: 0] += 1
        }
        return Audit(acknowledged: acknowledgedWrites.count, lost: lost, divergent: divergent,
                     pendingHints: nodes.reduce(0) { $0 + $1.hints.count }, siblingCounts: siblingCounts)
    }

    /// Every version, of those held and those the history saw (acknowledged writes, siblings
    /// returned by reads), that was not lost: one held, or one a kept version superseded. A
    /// version superseded by another was overwritten on purpose, by a writer who had seen it.
    ///
    /// Following such chains matters once clocks are truncated (section 4.4's `clock-max`): the
    /// version held may no longer name an old write's dot, though it descends from it through
    /// the versions in between, each of which names the one before. A version can only be
    /// superseded by one written after a client saw it, that is after it first appeared in the
    /// history, so one pass from the latest appearance back settles each version in turn,
    /// merging the contexts of each key's kept versions as it goes. With plain clocks only the
    /// direct check applies: a merge of their clocks could descend a version that no single
    /// one of them descends.
    private func keptVersions(present: [String: [Version]], policy: VersioningPolicy) -> Set<KeyVersion> {
        var known: [KeyVersion] = []
        var firstSeen: Set<KeyVersion> = []
        for operation in history {
            let versions: [Version]
            switch operation.outcome {
            case .written(let version): versions = [version]
            case .read(let siblings): versions = siblings
            case .pending, .failed: versions = []
            }
            for version in versions {
                let item = KeyVersion(key: operation.key, version: version)
                if firstSeen.insert(item).inserted { known.append(item) }
            }
        }
        var kept: Set<KeyVersion> = []
        var seenByKept: [String: VectorClock] = [:]
        for item in known.reversed() {
            let held = (present[item.key] ?? []).contains { $0 == item.version || Self.overwrote($0, item.version, policy: policy) }
            let overwritten = policy.clocks == .dotted && seenByKept[item.key]?.covers(item.version.dot) == true
            guard held || overwritten else { continue }
            kept.insert(item)
            if policy.clocks == .dotted {
                seenByKept[item.key] = (seenByKept[item.key] ?? .empty).merged(with: item.version.context)
            }
        }
        return kept
    }
}

extension Cluster {
    /// Whether `newer` overwrote `older`: with dots, its context covers `older`'s dot. Plain
    /// clocks cannot say who saw what, so a clock strictly after `older`'s counts; of two
    /// versions with equal clocks (the write plain clocks lose), replicas keep one by a
    /// tie-break, which is no overwrite at all. A later write over the survivor hides the loss
    /// from then on, as plain clocks themselves do.
    fileprivate static func overwrote(_ newer: Version, _ older: Version, policy: VersioningPolicy) -> Bool {
        switch policy.clocks {
        case .dotted: policy.supersedes(newer, older)
        case .vectorClock: newer.clock.descends(older.clock) && !older.clock.descends(newer.clock)
        }
    }
}

/// A version of one key.
private struct KeyVersion: Hashable {
    let key: String
    let version: Version
}
