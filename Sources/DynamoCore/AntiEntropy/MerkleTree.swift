/// A hash tree over one key range (the paper, section 4.7): leaves cover equal slices of the
/// range and hash the versions of the keys in them; each parent hashes its two children. Two
/// replicas compare roots, then descend only into children whose hashes differ, so finding a
/// few differing keys costs a few hashes rather than a comparison of every key.
public struct MerkleTree: Sendable, Equatable {
    public let range: KeyRange
    public let depth: Int
    /// `levels[0]` is the root; `levels[depth]` holds the 2^depth leaves.
    public let levels: [[UInt64]]
    /// The keys of each leaf, sorted.
    public let leafKeys: [[String]]

    /// Builds the tree of `range` over `store`'s keys that fall in it.
    public init(range: KeyRange, depth: Int, store: Store) {
        self.init(range: range, depth: depth, entries: store.keys.compactMap { key in
            let position = RingPosition.of(key: key)
            return range.contains(position) ? (key, position, Digest.of(key: key, versions: store.versions(of: key))) : nil
        })
    }

    init(range: KeyRange, depth: Int, entries: [(key: String, position: RingPosition, digest: UInt64)]) {
        self.range = range
        self.depth = depth
        let width = 1 << depth
        var keys = Array(repeating: [String](), count: width)
        var digests = Array(repeating: [UInt64](), count: width)
        for entry in entries.sorted(by: { $0.key < $1.key }) {
            let leaf = min(width - 1, Int(range.fraction(of: entry.position) * Double(width)))
            keys[leaf].append(entry.key)
            digests[leaf].append(entry.digest)
        }
        var level = digests.map { $0.reduce(0) { Digest.combine($0, $1) } }
        var levels = [level]
        while level.count > 1 {
            level = stride(from: 0, to: level.count, by: 2).map { Digest.combine(level[$0], level[$0 + 1]) }
            levels.insert(level, at: 0)
        }
        self.levels = levels
        leafKeys = keys
    }

    public var root: UInt64 { levels[0][0] }

    /// The keys of the given leaves.
    public func leafKeys(in leaves: [Int]) -> [String] { leaves.flatMap { leafKeys[$0] } }

    /// Every key in the tree.
    public var keyCount: Int { leafKeys.reduce(0) { $0 + $1.count } }

    /// The children of the given nodes at `level`, as (index, hash) at `level + 1`.
    public func children(of indices: [Int], at level: Int) -> [(index: Int, hash: UInt64)] {
        let below = levels[level + 1]
        var result: [(index: Int, hash: UInt64)] = []
        result.reserveCapacity(indices.count * 2)
        for index in indices {
            result.append((2 * index, below[2 * index]))
            result.append((2 * index + 1, below[2 * index + 1]))
        }
        return result
    }

    /// The result of comparing two replicas' trees top-down.
    public struct Difference: Sendable, Equatable {
        /// Leaves whose hashes differ.
        public let leaves: [Int]
        /// Hashes looked at on the way down.
        public let hashesCompared: Int
    }

    /// Descends from the root into differing children only.
    public func difference(from other: MerkleTree) -> Difference {
        precondition(range == other.range && depth == other.depth, "trees of different shapes")
        var compared = 1
        var differing = levels[0][0] == other.levels[0][0] ? [] : [0]
        for level in 0..<depth where !differing.isEmpty {
            let next = children(of: differing, at: level)
            compared += next.count
            differing = next.filter { other.levels[level + 1][$0.index] != $0.hash }.map(\.index)
        }
        return Difference(leaves: differing, hashesCompared: compared)
    }
}
