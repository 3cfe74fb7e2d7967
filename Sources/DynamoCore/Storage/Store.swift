/// A node's durable store: the versions it holds for each key it replicates (in memory; it
/// survives `kill` and is lost only by `wipe`), and the last counter the node issued for each
/// key it coordinated a write of.
///
/// It also keeps a Merkle tree for each key range the node replicates (the paper, section
/// 4.7), updated with every change, so an anti-entropy exchange reads its hashes directly.
public struct Store: Sendable {
    /// Laid out so that, with its key and hash, a table slot takes 64 bytes: a cache line's worth.
    private struct Entry: Sendable {
        let position: RingPosition
        var versions: [Version]
        /// `Digest.of(key:versions:)`: what a Merkle leaf accumulates for this key.
        var digest: UInt64
        /// The last counter the node issued for this key; 0 if none.
        var issued: UInt64 = 0
    }

    private var objects = KeyTable<Entry>()
    /// Issued counters of keys not held: those written only as hints, or handed over since.
    /// Kept apart from the versions, which a handoff, a hand-over or a superseding write may
    /// remove, so that a node never issues the same dot twice.
    private var issuedElsewhere: [String: UInt64] = [:]
    /// Trees of the tracked ranges.
    private var trees = TrackedTrees()

    public init() {}

    /// The versions held for `key`, sorted by dot; empty when the key is unknown.
    public func versions(of key: String) -> [Version] { objects.index(of: key).map { objects[at: $0].versions } ?? [] }

    /// The versions held for `key` and the last counter the node issued for it, in one lookup:
    /// what a coordinator needs to stamp a new version.
    public func held(_ key: String) -> (versions: [Version], issued: UInt64) {
        if let slot = objects.index(of: key) { return (objects[at: slot].versions, objects[at: slot].issued) }
        return ([], issuedElsewhere.isEmpty ? 0 : issuedElsewhere[key] ?? 0)
    }

    /// Starts loading the slot where a lookup of `key` begins (`KeyTable.prefetch`): a hint
    /// that changes nothing but how soon the lookup finds it in cache, and that keeps the key's
    /// hash for it.
    ///
    /// Mutating for that, and so that a caller passes the store where it lies: read from an
    /// array of nodes, a store passed to a non-mutating method is copied first, retaining and
    /// releasing its tables, which costs more than the prefetch saves.
    package mutating func prefetch(_ key: HashedKey) { objects.prefetch(key) }

    /// Every key held, sorted.
    public var keys: [String] {
        var keys: [String] = []
        keys.reserveCapacity(objects.count)
        objects.forEach { key, _ in keys.append(key) }
        return keys.sorted()
    }

    public var count: Int { objects.count }

    /// What a merge did.
    public enum Change: Sendable, Equatable {
        case unchanged
        /// The key was held and its versions changed.
        case updated
        /// The key was not held before; it lies at `position` on the ring.
        case added(position: RingPosition)
    }

    /// Merges `incoming` into `key`'s versions under `policy`; a coordinator storing the
    /// version it stamped passes the counter it `issued`.
    @discardableResult
    public mutating func merge(_ incoming: [Version], into key: String, policy: VersioningPolicy, issued: UInt64 = 0) -> Change {
        merge(incoming, into: key, at: nil, policy: policy, issued: issued)
    }

    /// `merge(_:into:policy:issued:)` from a caller that knows `key`'s ring position already (a
    /// coordinator, which routed the request by it), so that a key new to the store is not
    /// hashed again.
    @discardableResult
    mutating func merge(_ incoming: [Version], into key: String, at position: RingPosition?, policy: VersioningPolicy,
                        issued: UInt64) -> Change {
        assert(position.map { $0 == .of(key: key) } ?? true, "a key's position is the MD5 of the key")
        guard let slot = objects.index(of: key) else {
            let merged = policy.merge([], incoming)
            guard !merged.isEmpty else {
                if issued > 0 { noteIssued(issued, for: key) }
                return .unchanged
            }
            let before = issuedElsewhere.isEmpty ? 0 : issuedElsewhere.removeValue(forKey: key) ?? 0
            let entry = Entry(position: position ?? .of(key: key), versions: merged, digest: Digest.of(key: key, versions: merged),
                              issued: max(before, issued))
            objects.insert(entry, for: key)
            trees.update(key, at: entry.position, from: nil, to: entry.digest)
            return .added(position: entry.position)
        }
        let keyDigest = objects.hash(at: slot)
        return Self.merge(incoming, into: &objects[at: slot], key: key, keyDigest: keyDigest, policy: policy,
                          issued: issued, trees: &trees)
    }

    /// `merge(_:into:policy:issued:)` for a key held, changing its entry in place; `keyDigest`
    /// is the key's hash in the table, which is where its digest starts (`Digest.of`).
    private static func merge(_ incoming: [Version], into entry: inout Entry, key: String, keyDigest: UInt64,
                              policy: VersioningPolicy, issued: UInt64, trees: inout TrackedTrees) -> Change {
        if issued > entry.issued { entry.issued = issued }
        let merged = policy.merge(entry.versions, incoming)
        guard merged != entry.versions else { return .unchanged }
        let old = entry.digest
        // Digested before it is stored, so that storing moves the array rather than copying it.
        entry.digest = Digest.of(keyDigest: keyDigest, versions: merged)
        entry.versions = consume merged
        trees.update(key, at: entry.position, from: old, to: entry.digest)
        return .updated
    }

    /// Removes `key`'s versions; the counter issued for it stays.
    public mutating func remove(_ key: String) {
        guard let slot = objects.index(of: key) else { return }
        let entry = objects.remove(at: slot)
        if entry.issued > 0 { issuedElsewhere[key] = entry.issued }
        trees.update(key, at: entry.position, from: entry.digest, to: nil)
    }

    /// Records that the node issued `counter` for `key`.
    public mutating func noteIssued(_ counter: UInt64, for key: String) {
        if let slot = objects.index(of: key) {
            objects[at: slot].issued = max(objects[at: slot].issued, counter)
        } else {
            issuedElsewhere[key] = max(issuedElsewhere[key] ?? 0, counter)
        }
    }

    /// Forgets the counters issued for `key`: its next writes carry a new actor, which has
    /// issued none.
    mutating func restartIssued(for key: String) {
        if let slot = objects.index(of: key) { objects[at: slot].issued = 0 }
        if !issuedElsewhere.isEmpty { issuedElsewhere[key] = nil }
    }

    /// Calls `body` with every key's ring position and digest, in no particular order.
    func forEachEntry(_ body: (String, RingPosition, UInt64) -> Void) {
        objects.forEach { key, entry in body(key, entry.position, entry.digest) }
    }

    // MARK: Merkle trees

    /// Keeps a tree of `depth` for each of `ranges` (disjoint) from now on; rebuilds them only
    /// when the ranges or the depth changed. Ranges in ring order cost no sorting.
    public mutating func track(_ ranges: [KeyRange], depth: Int) {
        let unchanged = trees.all.count == ranges.count && trees.all.first.map { $0.depth == depth } ?? true
            && zip(trees.all, ranges).allSatisfy { $0.range == $1 }
        guard !unchanged else { return }
        trees = TrackedTrees(ranges: ranges, depth: depth)
        objects.forEach { key, entry in trees.update(key, at: entry.position, from: nil, to: entry.digest) }
    }

    /// The tracked tree of `range`, if there is one.
    public func tree(of range: KeyRange) -> MerkleTree? {
        let index = trees.all.partitioningIndex { $0.range.end >= range.end }
        return index < trees.all.count && trees.all[index].range == range ? trees.all[index] : nil
    }
}

extension Store: Equatable {
    /// Two stores are equal when they hold the same versions; trees are derived state.
    public static func == (lhs: Store, rhs: Store) -> Bool {
        guard lhs.objects.count == rhs.objects.count else { return false }
        var equal = true
        lhs.objects.forEach { key, entry in equal = equal && rhs.versions(of: key) == entry.versions }
        return equal
    }
}
