/// A hash tree over one key range (the paper, section 4.7): leaves cover equal slices of the
/// range and hash the versions of the keys in them; each parent hashes its two children. Two
/// replicas compare roots, then descend only into children whose hashes differ, so finding a
/// few differing keys costs a few hashes rather than a comparison of every key. The paper's
/// leaves are "hashes of the values of individual keys"; here a leaf holds the keys of its
/// slice (`merkle-depth` sets how many slices), and a leaf that differs sends all of them.
///
/// A leaf's hash is the XOR of its keys' digests, so a change to one key updates its leaf and
/// the path above it without looking at any other key: a node keeps its trees current as it
/// writes, instead of rebuilding them for every exchange.
///
/// An empty subtree hashes to 0, so a tree with no keys keeps no arrays at all: a node with
/// many tokens tracks thousands of ranges, most of them empty in a small session.
public struct MerkleTree: Sendable, Equatable {
    public let range: KeyRange
    public let depth: Int
    /// Every node's hash in one array, level after level: the node at `index` of `level` is at
    /// 2^level + index (the root at 1, its children at 2 and 3), so its parent is at half that.
    /// Empty while the tree holds no key.
    private var hashes: [UInt64] = []
    /// The keys of each leaf, sorted; empty while the tree holds no key.
    private var leafKeys: [[String]] = []
    /// Every key in the tree.
    public private(set) var keyCount = 0

    /// An empty tree of `range`.
    public init(range: KeyRange, depth: Int) {
        self.range = range
        self.depth = depth
    }

    /// The tree of `range` over `store`'s keys that fall in it.
    public init(range: KeyRange, depth: Int, store: Store) {
        self.init(range: range, depth: depth)
        store.forEachEntry { key, position, digest in
            if range.contains(position) { update(key, at: position, from: nil, to: digest) }
        }
    }

    public var root: UInt64 { hashes.isEmpty ? 0 : hashes[1] }

    /// True when `level` has a node at `index`.
    public func contains(level: Int, index: Int) -> Bool {
        (0...depth).contains(level) && (0..<(1 << level)).contains(index)
    }

    /// The hash of the node at `index` of `level` (0 is the root's level; `depth`, the leaves').
    public func hash(level: Int, index: Int) -> UInt64 {
        precondition(contains(level: level, index: index), "no node \(index) at level \(level)")
        return hashes.isEmpty ? 0 : hashes[(1 << level) + index]
    }

    /// The leaf that covers `position`, which must lie in the range.
    func leaf(of position: RingPosition) -> Int {
        range.slice(of: position, slices: 1 << depth)
    }

    /// Replaces the digest of `key` (nil: absent) and rehashes the path from its leaf to the root.
    mutating func update(_ key: String, at position: RingPosition, from old: UInt64?, to new: UInt64?) {
        let index = leaf(of: position)
        if hashes.isEmpty {
            // A tree that holds no key has nothing to change or remove.
            guard old == nil, new != nil else { return }
            hashes = Array(repeating: 0, count: 2 << depth)
            leafKeys = Array(repeating: [], count: 1 << depth)
        }
        switch (old, new) {
        case (nil, .some):
            let keys = leafKeys[index]
            leafKeys[index].insert(key, at: keys.partitioningIndex { $0 >= key })
            keyCount += 1
        case (.some, nil):
            leafKeys[index].removeAll { $0 == key }
            keyCount -= 1
        default:
            break
        }
        // One check that the array is not shared for the whole path, rather than one per level.
        hashes.withUnsafeMutableBufferPointer { hashes in
            var node = (1 << depth) + index
            hashes[node] ^= (old ?? 0) ^ (new ?? 0)
            while node > 1 {
                node /= 2
                hashes[node] = Digest.combine(hashes[2 * node], hashes[2 * node + 1])
            }
        }
        if keyCount == 0 {
            hashes = []
            leafKeys = []
        }
    }

    /// The keys of the given leaves, sorted within each leaf.
    public func leafKeys(in leaves: [Int]) -> [String] { leafKeys.isEmpty ? [] : leaves.flatMap { leafKeys[$0] } }

    /// The children of the given nodes at `level`, as (index, hash) at `level + 1`.
    public func children(of indices: [Int], at level: Int) -> [(index: Int, hash: UInt64)] {
        var result: [(index: Int, hash: UInt64)] = []
        result.reserveCapacity(indices.count * 2)
        for index in indices {
            result.append((2 * index, hash(level: level + 1, index: 2 * index)))
            result.append((2 * index + 1, hash(level: level + 1, index: 2 * index + 1)))
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
        var differing = root == other.root ? [] : [0]
        for level in 0..<depth where !differing.isEmpty {
            let next = children(of: differing, at: level)
            compared += next.count
            differing = next.filter { other.hash(level: level + 1, index: $0.index) != $0.hash }.map(\.index)
        }
        return Difference(leaves: differing, hashesCompared: compared)
    }
}

extension Array {
    /// The first index whose element satisfies `belongsInSecondPartition`, for an array already
    /// partitioned by it (a binary search).
    func partitioningIndex(where belongsInSecondPartition: (Element) -> Bool) -> Int {
        var low = startIndex, high = endIndex
        while low < high {
            let middle = low + (high - low) / 2
            if belongsInSecondPartition(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
