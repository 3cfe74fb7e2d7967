import DynamoCore

/// What Dynamo promises, checked against the cluster as it is now: no acknowledged write lost
/// while siblings are kept, replicas that agree, hints that drain, keys handed to their owners
/// and views of the ring that converge.
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
    /// Keys a live node holds outside their preference list: still to be handed to their owners
    /// (section 4.9). A node that is down hands nothing over until it runs again.
    public let misplaced: [String]
    /// Live members whose view of the ring is not the cluster's: gossip has yet to reach them
    /// (section 4.8.1).
    public let staleRings: [NodeID]
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
    /// Live members whose view of the ring is not the cluster's: gossip has yet to reach them.
    /// A node that has left is none: the ring it keeps is only for handing its keys over.
    public var staleRings: [NodeID] {
        let members = Set(ring.nodes)
        return nodes.filter { isAlive($0.id) && members.contains($0.id) && $0.ring != ring }.map(\.id)
    }

    /// Checks the cluster's promises against its history.
    public func audit() -> Audit {
        let policy = settings.versioning
        var present: [String: [Version]] = [:]
        var holders: [String: [NodeID]] = [:]
        for node in nodes {
            for key in node.store.keys {
                present[key, default: []] += node.store.versions(of: key)
                if isAlive(node.id) { holders[key, default: []].append(node.id) }
            }
            for hint in node.hints.all { present[hint.key, default: []] += hint.versions }
        }
        let writes = acknowledgedWrites
        let kept = keptVersions(present: present, policy: policy)
        let lost = writes.filter { !kept.contains(KeyVersion(key: $0.operation.key, version: $0.version)) }.map { write in
            Audit.Lost(key: write.operation.key, value: write.version.value, dot: write.version.dot, client: write.operation.client)
        }

        var divergent: [String] = []
        var misplaced: [String] = []
        var siblingCounts: [Int: Int] = [:]
        for key in present.keys.sorted() {
            let owners = ring.walk(from: .of(key: key), limit: settings.n)
            let copies = owners.map { node($0).store.versions(of: key) }
            if Set(copies).count > 1 || copies.contains(where: \.isEmpty) { divergent.append(key) }
            if holders[key, default: []].contains(where: { !owners.contains($0) }) { misplaced.append(key) }
            let merged = copies.reduce([]) { policy.merge($0, $1) }
            siblingCounts[merged.count, default: 0] += 1
        }
        return Audit(acknowledged: acknowledgedWrites.count, lost: lost, divergent: divergent,
                     pendingHints: nodes.reduce(0) { $0 + $1.hints.count }, misplaced: misplaced, staleRings: staleRings,
                     siblingCounts: siblingCounts)
    }

    /// Every version, of those held and those the history saw (acknowledged writes, siblings
    /// returned by reads), that was not lost: one held, or one a kept version's writer had
    /// seen, so that it overwrote it on purpose.
    ///
    /// What a writer had seen is read from the history, not from clocks: the siblings of its
    /// client's latest read of the key, whose context the client sent and the coordinator
    /// recorded in the version. (A caller of `Cluster.call` may instead send the clock of a
    /// write it made, as the audit's tests do: then it had seen that write.) A put that failed
    /// may still have left its version on some node: it is tied to its put by key and value.
    /// A clock can claim more than its writer saw, when a coordinator reuses counters it
    /// forgot; trusting it would hide the very loss the audit is for. Only a version whose
    /// write the history cannot tie to what its client was shown is judged by its context.
    ///
    /// Chains matter once clocks are truncated (section 4.4's `clock-max`): the version held may
    /// no longer name an old write's dot, though it descends from it through the versions in
    /// between. A version can only be seen by a writer after it first appeared in the history,
    /// so one pass from the latest appearance back settles each version in turn.
    private func keptVersions(present: [String: [Version]], policy: VersioningPolicy) -> Set<KeyVersion> {
        var known: [KeyVersion] = []
        var firstSeen: Set<KeyVersion> = []
        var seenByWriter: [KeyVersion: [Version]] = [:]
        var observations: [ClientKey: Observations] = [:]
        // What the client of each put that failed (or is still under way) had been shown then.
        var unacknowledged: [KeyValue: [Observations]] = [:]
        for operation in history {
            let versions: [Version]
            let observer = ClientKey(client: operation.client, key: operation.key)
            switch operation.outcome {
            case .written(let version):
                versions = [version]
                let item = KeyVersion(key: operation.key, version: version)
                seenByWriter[item] = observations[observer, default: Observations()].seen(byWriterOf: version, clockMax: policy.clockMax)
                observations[observer, default: Observations()].note([version], context: version.clock, read: false)
            case .read(let siblings):
                versions = siblings
                observations[observer, default: Observations()].note(siblings, context: VersioningPolicy.context(of: siblings), read: true)
            case .pending, .failed:
                versions = []
                if let value = operation.value {
                    unacknowledged[KeyValue(key: operation.key, value: value), default: []]
                        .append(observations[observer] ?? Observations())
                }
            }
            for version in versions {
                let item = KeyVersion(key: operation.key, version: version)
                if firstSeen.insert(item).inserted { known.append(item) }
            }
        }
        /// What the writer of `item` had seen, if the history tells. A version no acknowledged
        /// write made is tied to a failed put of its key and value: first to one whose client's
        /// latest read gave the version's context, as a client sends it; only then to one whose
        /// client was shown that context otherwise (its own write's clock). Puts of one value are
        /// many: every delete writes a tombstone.
        func seen(byWriterOf item: KeyVersion) -> [Version]? {
            if let seen = seenByWriter[item] { return seen }
            let puts = unacknowledged[KeyValue(key: item.key, value: item.version.value)] ?? []
            return puts.reversed().lazy.compactMap { $0.seenByLatestRead(ofWriterOf: item.version, clockMax: policy.clockMax) }.first
                ?? puts.reversed().lazy.compactMap { $0.seenByContext(ofWriterOf: item.version) }.first
        }
        var kept: Set<KeyVersion> = []
        var seenByKept: Set<KeyVersion> = []
        // Kept versions whose writers' views are unknown: their contexts are taken at their word.
        var trusted: [String: [Version]] = [:]
        func keep(_ item: KeyVersion) {
            if let seen = seen(byWriterOf: item) {
                for version in seen { seenByKept.insert(KeyVersion(key: item.key, version: version)) }
            } else {
                trusted[item.key, default: []].append(item.version)
            }
        }
        // Versions held that no client was shown come last in the history: they go first.
        for key in present.keys.sorted() {
            for version in present[key]! where !firstSeen.contains(KeyVersion(key: key, version: version)) {
                keep(KeyVersion(key: key, version: version))
            }
        }
        for item in known.reversed() {
            let held = present[item.key]?.contains(item.version) == true
            let overwritten = seenByKept.contains(item)
                || trusted[item.key]?.contains { Self.overwrote($0, item.version, policy: policy) } == true
            guard held || overwritten else { continue }
            kept.insert(item)
            keep(item)
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

/// A value written to one key.
private struct KeyValue: Hashable {
    let key: String
    let value: Value
}

/// One client's view of one key.
private struct ClientKey: Hashable {
    let client: String
    let key: String
}

/// What one client was shown of one key, by the context each answer gave it.
private struct Observations {
    private var latestRead: (context: VectorClock, versions: [Version])?
    private var byContext: [VectorClock: [Version]] = [:]

    mutating func note(_ versions: [Version], context: VectorClock, read: Bool) {
        if read { latestRead = (context, versions) }
        byContext[context] = versions
    }

    /// What the client had seen when it made `version`, or nil when its context matches
    /// nothing it was shown. The client sends its latest read's context, which the coordinator
    /// may have cut to `clockMax` entries (section 4.4) before recording it.
    func seen(byWriterOf version: Version, clockMax: Int) -> [Version]? {
        seenByLatestRead(ofWriterOf: version, clockMax: clockMax) ?? seenByContext(ofWriterOf: version)
    }

    /// What an answer with `version`'s context showed the client (a read, or its own write
    /// given back as a clock); nothing for an empty context, a blind write.
    func seenByContext(ofWriterOf version: Version) -> [Version]? {
        version.context.isEmpty ? [] : byContext[version.context]
    }

    /// The client's latest read, when `version` was made from its context: that context as it
    /// was, or cut by the coordinator, which cuts only a context longer than the room a clock
    /// of `clockMax` entries leaves, and only down to that room: a context shorter than that
    /// (the empty context of a blind write) was never cut from a longer one.
    func seenByLatestRead(ofWriterOf version: Version, clockMax: Int) -> [Version]? {
        let recorded = version.context
        guard let latestRead else { return nil }
        let cut = recorded.entries.count >= clockMax - 1 && latestRead.context.entries.count > recorded.entries.count
            && latestRead.context.truncated(to: recorded.entries.count, keeping: version.dot.actor) == recorded
        return latestRead.context == recorded || cut ? latestRead.versions : nil
    }
}
