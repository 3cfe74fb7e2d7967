import DynamoCore

/// How `versions` and the Versions panel mark a version among all those the nodes hold for a
/// key: `stale` when another of them supersedes it (a replica behind, which read repair or
/// anti-entropy will bring on; or a hint's copy of a version since overwritten), `sibling` when
/// its node keeps it beside others that none supersedes (section 4.4: a read returns them all).
public enum VersionMark: String, Sendable {
    case stale, sibling

    /// The mark of `version`, which its node keeps `besideOthers` of its own or not (a hint's
    /// versions are never siblings), when the nodes hold `shown` in all.
    public static func of(_ version: Version, besideOthers: Bool, among shown: [Version], policy: VersioningPolicy) -> VersionMark? {
        if shown.contains(where: { policy.supersedes($0, version) && !policy.supersedes(version, $0) }) { return .stale }
        return besideOthers ? .sibling : nil
    }
}
