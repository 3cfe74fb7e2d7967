import DynamoCore
import DynamoSim

/// How `versions` and the Versions panel mark a version among all those the nodes hold for a
/// key: `stale` when it is not among the versions that survive them all (another supersedes
/// it, or under last-write-wins another is later: a replica behind, which read repair or
/// anti-entropy will bring on, or a hint's copy since overwritten), `conflict` while no node
/// holds every survivor: the replicas disagree, as after writes on both sides of a partition,
/// and a read that reaches them all returns them as siblings, and else `sibling` when its node
/// keeps it beside other survivors (section 4.4: a read returns them all). A copy of some of the
/// siblings where another node already holds them all is behind, as `stale` copies are, and is
/// left unmarked (a node's own copy of several is still marked `sibling`): read repair and
/// anti-entropy bring it on.
public enum VersionMark: String, Sendable {
    case stale, sibling, conflict

    /// The marks for one key's versions.
    public struct Marker {
        /// What reconciling every version the nodes hold leaves.
        private let survivors: Set<Version>
        /// Whether some node (or hint) holds every survivor, side by side.
        private let heldTogether: Bool

        /// A marker for `key`'s versions on the nodes of `snapshot`: each node's own, and each
        /// of its hints', a group of their own.
        public init(key: String, in snapshot: Snapshot) {
            let held = snapshot.nodes.flatMap { node in
                [node.store.versions(of: key)] + node.hints.filter { $0.key == key }.map(\.versions)
            }
            let survivors = Set(snapshot.settings.versioning.merge([], held.flatMap { $0 }))
            self.survivors = survivors
            heldTogether = held.contains { survivors.isSubset(of: $0) }
        }

        /// The mark of `version`, one of `own`: its node's own versions of the key, or the
        /// versions of the hint that holds it (`inHint`), which a get never reads, so that they
        /// are never siblings.
        public func mark(_ version: Version, amongOwn own: [Version], inHint: Bool = false) -> VersionMark? {
            guard survivors.contains(version) else { return .stale }
            if survivors.count > 1 && !heldTogether { return .conflict }
            return !inHint && own.filter(survivors.contains).count > 1 ? .sibling : nil
        }
    }
}
