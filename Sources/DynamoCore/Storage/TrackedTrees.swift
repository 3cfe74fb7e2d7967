/// The trees a store keeps, sorted by the end of their range, found by position as the ring
/// finds a token (`Ring.firstTokenIndex`): every change to a key updates its tree, and a node
/// tracks a tree for each of the dozens or thousands of ranges it replicates.
struct TrackedTrees: Sendable {
    private(set) var all: [MerkleTree] = []
    /// The ring cut into 2^`sliceBits` equal slices, with about one range ending in each:
    /// `sliceStarts[s]` is the index of the first tree whose range ends in slice s or after.
    private var sliceBits = 0
    private var sliceStarts = [0, 0]

    init() {}

    /// Empty trees of `depth` for `ranges`, which are disjoint.
    init(ranges: [KeyRange], depth: Int) {
        all = ranges.sorted { $0.end < $1.end }.map { MerkleTree(range: $0, depth: depth) }
        sliceBits = min(20, Int.bitWidth - max(all.count - 1, 0).leadingZeroBitCount)
        var starts = [Int](repeating: all.count, count: (1 << sliceBits) + 1)
        var index = 0
        for slice in starts.indices {
            while index < all.count, Ring.slice(of: all[index].range.end, bits: sliceBits) < slice { index += 1 }
            starts[slice] = index
        }
        sliceStarts = starts
    }

    /// Updates the tree whose range holds `position`, if any. The ranges are disjoint, sorted by
    /// end, and hold no position equal to their end ([start, end)), so it is the first ending
    /// after `position`, or else the one that wraps past zero; the first ending after it lies
    /// between the first ending in its slice and the first ending in a later one.
    @inline(__always)
    mutating func update(_ key: String, at position: RingPosition, from old: UInt64?, to new: UInt64?) {
        guard !all.isEmpty else { return }
        let slice = Ring.slice(of: position, bits: sliceBits)
        var low = sliceStarts[slice], high = sliceStarts[slice + 1]
        while low < high {
            let middle = (low + high) / 2
            if all[middle].range.end > position { high = middle } else { low = middle + 1 }
        }
        let index = low == all.count ? 0 : low
        guard all[index].range.contains(position) else { return }
        all[index].update(key, at: position, from: old, to: new)
    }
}
