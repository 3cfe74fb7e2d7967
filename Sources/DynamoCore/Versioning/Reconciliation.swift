/// Syntactic reconciliation: which versions survive when two sets of versions meet
/// (the paper, section 4.4). Versions that no other version supersedes are the siblings.
extension VersioningPolicy {
    /// True when `newer` makes `older` obsolete.
    ///
    /// With dots, `newer` supersedes `older` when its context has seen `older`'s dot. With plain
    /// clocks, when its clock descends `older`'s; of two different versions with equal clocks
    /// (the write plain clocks lose) the later in `precedes` order wins, so every replica keeps
    /// the same one whatever order they arrive in.
    ///
    /// A dot names one write, except in versions stamped under plain clocks, where two writes
    /// from one context through one coordinator share it. With dots, two different versions
    /// that share a dot are siblings, as neither context has seen that dot: what dots would have
    /// made of the two writes, and a relation that stays transitive, so that every replica
    /// keeps the same versions whatever order they arrive in.
    public func supersedes(_ newer: Version, _ older: Version) -> Bool {
        switch clocks {
        case .dotted: return newer.dot != older.dot && newer.context.covers(older.dot)
        case .vectorClock:
            let newClock = newer.clock, oldClock = older.clock
            guard newClock.descends(oldClock) else { return false }
            return !oldClock.descends(newClock) || Self.precedes(older, newer)
        }
    }

    /// The versions that survive when `incoming` meets `existing`, sorted by dot.
    ///
    /// Last-write-wins ignores causality altogether, as such stores do: the latest timestamp
    /// wins even over a version written later from a read that saw it.
    ///
    /// Arrays are copied only when something changes, so meeting versions already held (the
    /// common case on every read and repeated write) allocates nothing, and neither does one
    /// version replacing those it supersedes.
    public func merge(_ existing: [Version], _ incoming: [Version]) -> [Version] {
        if conflicts == .lastWriteWins {
            return (existing + incoming).max(by: Self.precedes).map { [$0] } ?? []
        }
        // Versions meeting themselves (two replicas answering a read with the array a write
        // left with both) change nothing.
        if incoming.isEmpty || existing.sharesStorage(with: incoming) { return existing }
        // One version that supersedes everything held (a write reaching a replica, the first
        // answer to a read) is the result as it came: shared, not rebuilt.
        if incoming.count == 1, existing.allSatisfy({ supersedes(incoming[0], $0) }) { return incoming }
        var result = existing
        // Versions already met, looked up by dot once there are many siblings: a sibling set
        // that meets itself on every write then costs time in its size, not its square.
        var met: [Dot: Version]? = clocks == .dotted && existing.count > 8
            ? Dictionary(existing.map { ($0.dot, $0) }, uniquingKeysWith: { first, _ in first }) : nil
        for version in incoming {
            if met?[version.dot] == version { continue }
            if met != nil, met?[version.dot] == nil { met?[version.dot] = version }
            if result.contains(where: { $0 == version || supersedes($0, version) }) { continue }
            if result.contains(where: { supersedes(version, $0) }) {
                result.removeAll { supersedes(version, $0) }
            }
            result.append(version)
        }
        let isSorted = zip(result, result.dropFirst()).allSatisfy { !Self.sortsBefore($1, $0) }
        return isSorted ? result : result.sorted(by: Self.sortsBefore)
    }

    /// A total order on versions for breaking ties: wall-clock timestamp, then dot, then value,
    /// then context, so ties break the same way everywhere. Last-write-wins keeps the greatest.
    static func precedes(_ lhs: Version, _ rhs: Version) -> Bool {
        if lhs.timestamp != rhs.timestamp { return lhs.timestamp < rhs.timestamp }
        return sortsBefore(lhs, rhs)
    }

    /// The order siblings are listed in: by dot, then value, then context.
    static func sortsBefore(_ lhs: Version, _ rhs: Version) -> Bool {
        if lhs.dot != rhs.dot { return lhs.dot < rhs.dot }
        if lhs.value != rhs.value { return lhs.value.sortKey < rhs.value.sortKey }
        if lhs.context != rhs.context { return lhs.context.description < rhs.context.description }
        return lhs.timestamp < rhs.timestamp
    }

    /// The context a reader gets back: a clock that descends every sibling (section 5: "an
    /// opaque write context that contains the vector clock that subsumes all the remaining
    /// versions"), with which the client's next write collapses them into one (section 4.4).
    public static func context(of siblings: [Version]) -> VectorClock {
        siblings.count == 1 ? siblings[0].clock : siblings.reduce(VectorClock.empty) { $0.merged(with: $1.clock) }
    }
}

extension Array {
    /// True when both arrays are views of the same storage, which makes them equal.
    func sharesStorage(with other: Self) -> Bool {
        withUnsafeBufferPointer { mine in other.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress } }
            && count == other.count
    }
}

extension Value {
    /// Orders values for tie-breaking: a tombstone first, then strings.
    var sortKey: String { string.map { "+" + $0 } ?? "" }
}
