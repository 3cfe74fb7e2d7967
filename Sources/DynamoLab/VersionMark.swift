import DynamoCore

/// How `versions` and the Versions panel mark a version among all those the nodes hold for a
/// key: `stale` when another of them supersedes it (its replica is behind and read repair or
/// anti-entropy will bring it on), `sibling` when its node keeps it beside others that none
/// supersedes (section 4.4: a read returns them all).
public enum VersionMark: String, Sendable {
    case stale, sibling

    /// The mark of `version`, which its node keeps among `kept` versions of the key (its own;
    /// nil for a hint's), when the nodes hold `shown` in all.
    public static func of(_ version: Version, kept: Int?, among shown: [Version], policy: VersioningPolicy) -> VersionMark? {
        if shown.contains(where: { policy.supersedes($0, version) && !policy.supersedes(version, $0) }) { return .stale }
        return (kept ?? 0) > 1 ? .sibling : nil
    }
}
