/// A node's durable store: the versions it holds for each key it replicates (in memory; it
/// survives `kill` and is lost only by `wipe`).
public struct Store: Sendable, Equatable {
    private var objects: [String: [Version]] = [:]

    public init() {}

    /// The versions held for `key`, sorted by dot; empty when the key is unknown.
    public func versions(of key: String) -> [Version] { objects[key] ?? [] }

    /// Every key held, sorted.
    public var keys: [String] { objects.keys.sorted() }

    public var count: Int { objects.count }

    /// Merges `incoming` into `key`'s versions under `policy`; returns true when anything changed.
    @discardableResult
    public mutating func merge(_ incoming: [Version], into key: String, policy: VersioningPolicy) -> Bool {
        let current = objects[key] ?? []
        let merged = policy.merge(current, incoming)
        guard merged != current else { return false }
        objects[key] = merged
        return true
    }

    /// Removes `key` entirely.
    public mutating func remove(_ key: String) { objects[key] = nil }
}
