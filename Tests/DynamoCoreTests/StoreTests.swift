import Testing
@testable import DynamoCore

/// The store remembers the counters a coordinator issued, so a node never stamps the same dot
/// twice, even for a key whose versions have left it.
@Suite struct StoreTests {
    private let node = NodeID(1)
    private let policy = VersioningPolicy()

    private func version(_ counter: UInt64, after earlier: [Version] = []) -> Version {
        let context = earlier.reduce(VectorClock.empty) { $0.merged(with: $1.clock) }
        return Version(value: .data("v\(counter)"), dot: Dot(node: node, counter: counter), context: context, timestamp: 0)
    }

    /// Every key's Merkle digest is that of its versions as they stand, whether the key was new
    /// or changed, and however many versions it holds.
    @Test func eachKeysDigestIsThatOfTheVersionsItHolds() {
        var store = Store()
        let first = version(1)
        store.merge([first], into: "cart", policy: policy)
        store.merge([version(1)], into: "a key longer than sixteen bytes", policy: policy)
        store.merge([version(2, after: [first])], into: "cart", policy: policy)
        let sibling = Version(value: .data("x"), dot: Dot(node: NodeID(2), counter: 1), context: .empty, timestamp: 0)
        store.merge([sibling], into: "cart", policy: policy)
        #expect(store.versions(of: "cart").count == 2)
        var checked = 0
        store.forEachEntry { key, _, digest in
            #expect(digest == Digest.of(key: key, versions: store.versions(of: key)), "\(key)")
            checked += 1
        }
        #expect(checked == 2)
    }

    @Test func aKeyNeverSeenHoldsNothingAndIssuedNothing() {
        let held = Store().held("cart")
        #expect(held.versions.isEmpty)
        #expect(held.issued == 0)
    }

    @Test func storingAStampedVersionRemembersItsCounterBesideIt() {
        var store = Store()
        let first = version(3)
        #expect(store.merge([first], into: "cart", policy: policy, issued: 3) == .added(position: .of(key: "cart")))
        #expect(store.held("cart").versions == [first])
        #expect(store.held("cart").issued == 3)
        // A replica's merge, which issues nothing, never lowers the counter.
        let second = version(4, after: [first])
        #expect(store.merge([second], into: "cart", policy: policy) == .updated)
        #expect(store.held("cart") == ([second], 3))
    }

    @Test func theCounterOutlivesTheVersionsItStamped() {
        var store = Store()
        store.merge([version(5)], into: "cart", policy: policy, issued: 5)
        store.remove("cart")
        #expect(store.held("cart").versions.isEmpty)
        #expect(store.held("cart").issued == 5)
        // Held again later, the key keeps the counter it had.
        store.merge([version(2)], into: "cart", policy: policy)
        #expect(store.held("cart").issued == 5)
    }

    @Test func aCounterIssuedForAKeyHeldOnlyAsAHintIsRemembered() {
        var store = Store()
        store.noteIssued(7, for: "cart")
        store.noteIssued(4, for: "cart")
        #expect(store.held("cart") == ([], 7))
        #expect(store.count == 0)
    }
}
