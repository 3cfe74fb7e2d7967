/// Versions a node keeps on behalf of another, the intended owner, until it can hand them off
/// (hinted handoff, the paper, section 4.6). Kept apart from the node's own store.
public struct HintStore: Sendable, Equatable {
    /// One hinted key: who it is for and the versions held.
    public struct Hint: Sendable, Equatable {
        public let owner: NodeID
        public let key: String
        public var versions: [Version]
    }

    private struct Slot: Hashable { let owner: NodeID; let key: String }
    private var hints: [Slot: [Version]] = [:]

    public init() {}

    public var isEmpty: Bool { hints.isEmpty }
    public var count: Int { hints.count }

    /// Every hint, sorted by owner then key.
    public var all: [Hint] {
        hints.map { Hint(owner: $0.key.owner, key: $0.key.key, versions: $0.value) }
            .sorted { ($0.owner, $0.key) < ($1.owner, $1.key) }
    }

    /// The hinted versions of `key`, for any owner.
    public func versions(of key: String) -> [Version] {
        all.filter { $0.key == key }.flatMap(\.versions)
    }

    public mutating func add(_ versions: [Version], for owner: NodeID, key: String, policy: VersioningPolicy) {
        let slot = Slot(owner: owner, key: key)
        hints[slot] = policy.merge(hints[slot] ?? [], versions)
    }

    /// Forgets the versions of a hint that the owner acknowledged; versions that arrived since
    /// the handoff was sent stay.
    public mutating func acknowledge(_ dots: [Dot], for owner: NodeID, key: String) {
        let slot = Slot(owner: owner, key: key)
        guard var versions = hints[slot] else { return }
        versions.removeAll { dots.contains($0.dot) }
        hints[slot] = versions.isEmpty ? nil : versions
    }
}
