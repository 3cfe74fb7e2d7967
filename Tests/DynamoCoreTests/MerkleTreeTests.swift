import Testing
@testable import DynamoCore

/// The Merkle trees a store keeps as it changes (the paper, section 4.7).
@Suite struct MerkleTreeTests {
    let policy = VersioningPolicy()

    func version(_ value: String, node: Int, counter: UInt64) -> Version {
        Version(value: .data(value), dot: Dot(node: NodeID(node), counter: counter), context: .empty, timestamp: 0)
    }

    /// A string's digest folds in its UTF-8 bytes eight at a time (each eight a little-endian
    /// word), then the rest one by one, then its length: the same for short strings kept inline
    /// and long ones kept on the heap, ASCII or not.
    @Test(arguments: ["", "k", "key1234", "key12345", "value123456", "a key longer than fifteen bytes",
                      "ключ", String(repeating: "é", count: 9), String("xkey99999".dropFirst())])
    func aStringIsDigestedEightBytesAtATimeThenByteByByteThenByLength(text: String) {
        let bytes = Array(text.utf8)
        var expected = Digest()
        var index = 0
        while index + 8 <= bytes.count {
            expected.add(bytes[index..<index + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) })
            index += 8
        }
        expected.add(bytes[index...])
        expected.add(UInt64(bytes.count))
        var digest = Digest()
        digest.add(text)
        #expect(digest.value == expected.value)
    }

    /// Four ranges that cover the ring, the last wrapping past zero.
    var ranges: [KeyRange] {
        let quarter = RingPosition.max / 4
        return [KeyRange(start: quarter, end: 2 * quarter), KeyRange(start: 2 * quarter, end: 3 * quarter),
                KeyRange(start: 3 * quarter, end: 123), KeyRange(start: 123, end: quarter)]
    }

    /// Versions equal in all but one field digest apart, so anti-entropy sees every difference
    /// that makes two replicas' versions unequal; equal versions digest alike.
    @Test func aVersionsDigestCoversEveryFieldOfIt() {
        let node1 = ActorID(NodeID(1)), node2 = ActorID(NodeID(2))
        let context = VectorClock([(NodeID(1), 1)], timestamp: 5)
        let base = Version(value: .data("milk"), dot: Dot(node2, counter: 1), context: context, timestamp: 10)
        var laterEntry = context
        laterEntry.advance(node1, to: 2, at: 5)
        let variants = [
            Version(value: .data("eggs"), dot: base.dot, context: context, timestamp: 10),
            Version(value: .tombstone, dot: base.dot, context: context, timestamp: 10),
            Version(value: base.value, dot: Dot(node2, counter: 2), context: context, timestamp: 10),
            Version(value: base.value, dot: Dot(ActorID(NodeID(2), epoch: 1), counter: 1), context: context, timestamp: 10),
            Version(value: base.value, dot: base.dot, context: context, timestamp: 11),
            Version(value: base.value, dot: base.dot, context: .empty, timestamp: 10),
            Version(value: base.value, dot: base.dot, context: laterEntry, timestamp: 10),
            Version(value: base.value, dot: base.dot, context: VectorClock([(NodeID(1), 1)], timestamp: 6), timestamp: 10),
            Version(value: base.value, dot: base.dot, context: VectorClock([(NodeID(3), 1)], timestamp: 5), timestamp: 10),
        ]
        let digest = Digest.of(key: "cart", versions: [base])
        #expect(Digest.of(key: "cart", versions: [Version(value: .data("milk"), dot: base.dot, context: context, timestamp: 10)]) == digest)
        for variant in variants {
            #expect(variant != base)
            #expect(Digest.of(key: "cart", versions: [variant]) != digest, "\(variant)")
        }
    }

    @Test func treesKeptThroughWritesAndRemovalsEqualTreesBuiltAfresh() {
        var store = Store()
        store.track(ranges, depth: 5)
        var random = TestRandom()
        for step in 0..<3_000 {
            let key = "key\(Int.random(in: 0..<400, using: &random))"
            if Int.random(in: 0..<10, using: &random) == 0 {
                store.remove(key)
            } else {
                store.merge([version("v\(step)", node: Int.random(in: 1...3, using: &random), counter: UInt64(step + 1))],
                            into: key, policy: policy)
            }
        }
        for range in ranges {
            let kept = store.tree(of: range)
            #expect(kept == MerkleTree(range: range, depth: 5, store: store))
            #expect(kept?.keyCount ?? 0 > 0)
        }
        #expect(ranges.map { store.tree(of: $0)?.keyCount ?? 0 }.reduce(0, +) == store.count)
    }

    /// A tree emptied of its keys is the empty tree again, every hash 0, and takes keys anew.
    @Test func aTreeEmptiedOfItsKeysIsTheEmptyTreeAndFillsAgain() {
        let range = ranges[0]
        let position = RingPosition.max / 4 + 1_000
        var tree = MerkleTree(range: range, depth: 6)
        let empty = tree
        tree.update("a", at: position, from: nil, to: 42)
        let full = tree
        #expect(tree.root != 0 && tree.keyCount == 1)
        tree.update("a", at: position, from: 42, to: nil)
        #expect(tree == empty)
        #expect(tree.root == 0 && tree.hash(level: 6, index: tree.leaf(of: position)) == 0)
        #expect(tree.leafKeys(in: [tree.leaf(of: position)]).isEmpty)
        #expect(tree.difference(from: full).leaves == [tree.leaf(of: position)])
        tree.update("a", at: position, from: nil, to: 42)
        #expect(tree == full)
    }

    @Test func aChangedKeyChangesItsLeafAndTheRootButNoOtherLeaf() throws {
        var store = Store()
        store.track([KeyRange(start: 0, end: 0)], depth: 4)
        for index in 0..<200 { store.merge([version("a", node: 1, counter: 1)], into: "key\(index)", policy: policy) }
        let before = try #require(store.tree(of: KeyRange(start: 0, end: 0)))
        store.merge([version("b", node: 2, counter: 1)], into: "key7", policy: policy)
        let after = try #require(store.tree(of: KeyRange(start: 0, end: 0)))
        let difference = before.difference(from: after)
        #expect(difference.leaves.count == 1)
        #expect(after.leafKeys(in: difference.leaves).contains("key7"))
        #expect(difference.hashesCompared == 1 + 2 * 4)
    }

    @Test func trackingOtherRangesRebuildsTheTreesAndUntrackedRangesHaveNone() {
        var store = Store()
        for index in 0..<100 { store.merge([version("a", node: 1, counter: 1)], into: "key\(index)", policy: policy) }
        #expect(store.tree(of: ranges[0]) == nil)
        store.track(ranges, depth: 3)
        #expect(store.tree(of: ranges[0]) == MerkleTree(range: ranges[0], depth: 3, store: store))
        store.track(Array(ranges.prefix(2)), depth: 6)
        #expect(store.tree(of: ranges[3]) == nil)
        #expect(store.tree(of: ranges[1])?.depth == 6)
    }

    @Test func slicesOfARangeAreInOrderAndInBounds() {
        let range = KeyRange(start: RingPosition.max - 1_000, end: RingPosition.max / 2)
        var previous = 0
        for step in 1...64 {
            let position = range.start &+ (RingPosition.max / 2 / 64) * RingPosition(step)
            let slice = range.slice(of: position, slices: 16)
            #expect((0..<16).contains(slice))
            #expect(slice >= previous)
            previous = slice
        }
        #expect(range.slice(of: range.start, slices: 16) == 0)
        #expect(range.slice(of: range.end &- 1, slices: 16) == 15)
        #expect(KeyRange(start: 0, end: 0).slice(of: RingPosition.max, slices: 8) == 7)
    }
}
