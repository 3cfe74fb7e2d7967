/// Syntactic reconciliation: which versions survive when two sets of versions meet
/// (the paper, section 4.4). Versions that no other version supersedes are the siblings.
extension VersioningPolicy {
    /// True when `newer` makes `older` obsolete.
    ///
    /// With dots, `newer` supersedes `older` when its context has seen `older`'s dot. With plain
    /// clocks, when its clock descends `older`'s; equal clocks supersede each other, so the one
    /// that arrives later replaces the other (the write that plain clocks lose).
    public func supersedes(_ newer: Version, _ older: Version) -> Bool {
        switch clocks {
        case .dotted: return newer.dot != older.dot && newer.context.covers(older.dot)
        case .vectorClock: return newer.clock.descends(older.clock)
        }
    }

    /// The versions that survive when `incoming` meets `existing`, sorted by dot.
    ///
    /// Last-write-wins ignores causality altogether, as such stores do: the latest timestamp
    /// wins even over a version written later from a read that saw it.
    ///
    /// Arrays are copied only when something changes, so meeting versions already held (the
    /// common case on every read and repeated write) allocates nothing.
    public func merge(_ existing: [Version], _ incoming: [Version]) -> [Version] {
        if conflicts == .lastWriteWins {
            return (existing + incoming).max(by: Self.isEarlier).map { [$0] } ?? []
        }
        var result = existing
        for version in incoming {
            if clocks == .dotted, result.contains(where: { $0.dot == version.dot }) { continue }
            if result.contains(where: { supersedes($0, version) && !supersedes(version, $0) }) { continue }
            if result.contains(where: { supersedes(version, $0) }) {
                result.removeAll { supersedes(version, $0) }
            }
            result.append(version)
        }
        let isSorted = zip(result, result.dropFirst()).allSatisfy { !($1.dot < $0.dot) }
        return isSorted ? result : result.sorted { $0.dot < $1.dot }
    }

    /// Last-write-wins order: wall-clock timestamp, then dot, so ties break the same way everywhere.
    static func isEarlier(_ lhs: Version, _ rhs: Version) -> Bool {
        (lhs.timestamp, lhs.dot) < (rhs.timestamp, rhs.dot)
    }

    /// The context a reader gets back: a clock that descends every sibling (section 4.4:
    /// "the client ... performs the reconciliation ... collapsing multiple branches").
    public static func context(of siblings: [Version]) -> VectorClock {
        siblings.count == 1 ? siblings[0].clock : siblings.reduce(VectorClock.empty) { $0.merged(with: $1.clock) }
    }
}
