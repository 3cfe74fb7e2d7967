import DynamoCore

/// How `versions` and the Versions panel mark a version among all those the nodes hold for a
/// key: `stale` when it is not among the versions that survive them all (another supersedes
/// it, or under last-write-wins another is later: a replica behind, which read repair or
/// anti-entropy will bring on, or a hint's copy since overwritten), `sibling` when its node
/// keeps it beside other survivors (section 4.4: a read returns them all), and `conflict` when
/// it survives but other nodes hold survivors its node does not, and no node holds them all:
/// the replicas disagree, as after writes on both sides of a partition, and a read that reaches
/// both returns siblings.
public enum VersionMark: String, Sendable {
    case stale, sibling, conflict

    /// The marks for one key's versions.
    public struct Marker {
        /// What reconciling every version the nodes hold leaves.
        private let survivors: Set<Version>
        /// Whether some node (or hint) holds every survivor, side by side.
        private let heldTogether: Bool

        /// A marker for the versions of one key the nodes hold, each node's own, and each hint's,
        /// in a group of its own (`held`), under `policy`.
        public init(held: [[Version]], policy: VersioningPolicy) {
            let survivors = Set(policy.merge([], held.flatMap { $0 }))
            self.survivors = survivors
            heldTogether = held.contains { survivors.isSubset(of: $0) }
        }

        /// The mark of `version`, one of `own`, its node's own versions of the key; nil for
        /// `own` when it is a hint's version, which is never a sibling.
        public func mark(_ version: Version, amongOwn own: [Version]?) -> VersionMark? {
            guard survivors.contains(version) else { return .stale }
            let held = own?.filter(survivors.contains).count ?? 1
            return held > 1 ? .sibling : survivors.count > held && !heldTogether ? .conflict : nil
        }
    }
}
