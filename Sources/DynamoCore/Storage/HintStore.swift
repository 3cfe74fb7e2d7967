/// Versions a node keeps on behalf of another, the intended owner, until it can hand them off
/// (hinted handoff, the paper, section 4.6). Kept apart from the node's own store.
public struct HintStore: Sendable, Equatable {
    /// One hinted key: who it is for and the versions held.
    public struct Hint: Sendable, Equatable {
        public let owner: NodeID
        public let key: String
        public var versions: [Version]
    }

    /// Hinted versions by key, then by intended owner: a read finds a key's hints directly.
    private var hints: [String: [NodeID: [Version]]] = [:]
    /// The number of (owner, key) hints held.
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// Every hint, sorted by owner then key.
    public var all: [Hint] {
        hints.flatMap { key, owners in owners.map { Hint(owner: $0.key, key: key, versions: $0.value) } }
            .sorted { ($0.owner, $0.key) < ($1.owner, $1.key) }
    }

    /// The hinted versions of `key`, for any owner, owners in order.
    public func versions(of key: String) -> [Version] {
        guard !hints.isEmpty, let owners = hints[key] else { return [] }
        return owners.sorted { $0.key < $1.key }.flatMap(\.value)
    }

    /// The hints of `key`, owners in order, found without going through every hint.
    public func hints(of key: String) -> [Hint] {
        guard !hints.isEmpty, let owners = hints[key] else { return [] }
        return owners.map { Hint(owner: $0.key, key: key, versions: $0.value) }.sorted { $0.owner < $1.owner }
    }

    /// The versions of `key` held for `owner`.
    public func versions(of key: String, for owner: NodeID) -> [Version] {
        guard !hints.isEmpty else { return [] }
        return hints[key]?[owner] ?? []
    }

    public mutating func add(_ versions: [Version], for owner: NodeID, key: String, policy: VersioningPolicy) {
        let held = hints[key]?[owner]
        if held == nil { count += 1 }
        hints[key, default: [:]][owner] = policy.merge(held ?? [], versions)
    }

    /// Forgets the versions of a hint that the owner acknowledged; versions that arrived since
    /// the handoff was sent stay.
    public mutating func acknowledge(_ stored: [Version], for owner: NodeID, key: String) {
        guard var versions = hints[key]?[owner] else { return }
        versions.removeAll(where: stored.contains)
        if versions.isEmpty {
            count -= 1
            hints[key]![owner] = nil
            if hints[key]!.isEmpty { hints[key] = nil }
        } else {
            hints[key]![owner] = versions
        }
    }
}
