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
        guard let slot = objects.index(forKey: key) else {
            let merged = policy.merge([], incoming)
            guard !merged.isEmpty else { return false }
            objects[key] = merged
            return true
        }
        let merged = policy.merge(objects.values[slot], incoming)
        guard merged != objects.values[slot] else { return false }
        objects.values[slot] = merged
        return true
    }

    /// Removes `key` entirely.
    public mutating func remove(_ key: String) { objects[key] = nil }
}
