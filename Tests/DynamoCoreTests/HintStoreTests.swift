import DynamoCore
import Testing

/// A hint forgets exactly the versions its owner acknowledged storing.
@Suite struct HintStoreTests {
    let owner = NodeID(2)

    func version(_ value: String, at time: Int64) -> Version {
        Version(value: .data(value), dot: Dot(node: NodeID(1), counter: 1), context: .empty, timestamp: time)
    }

    @Test func anAcknowledgementForgetsTheVersionsStoredAndNothingElse() {
        var hints = HintStore()
        let policy = VersioningPolicy()
        let stored = version("a", at: 100), other = Version(value: .data("b"), dot: Dot(node: NodeID(3), counter: 1),
                                                            context: .empty, timestamp: 100)
        hints.add([stored, other], for: owner, key: "cart", policy: policy)
        hints.acknowledge([stored], for: owner, key: "cart")
        #expect(hints.versions(of: "cart", for: owner) == [other])
        hints.acknowledge([other], for: owner, key: "cart")
        #expect(hints.isEmpty)
    }

    /// Under plain clocks a later write can share the dot of the version handed off, and replace
    /// it in the hint before the owner's acknowledgement arrives: the later one, never sent, stays.
    @Test func aVersionThatReplacedTheOneHandedOffUnderTheSameDotStays() {
        var hints = HintStore()
        var policy = VersioningPolicy()
        policy.clocks = .vectorClock
        let sent = version("a", at: 100), since = version("b", at: 200)
        hints.add([sent], for: owner, key: "cart", policy: policy)
        hints.add([since], for: owner, key: "cart", policy: policy)
        #expect(hints.versions(of: "cart", for: owner) == [since])
        hints.acknowledge([sent], for: owner, key: "cart")
        #expect(hints.versions(of: "cart", for: owner) == [since])
    }
}
