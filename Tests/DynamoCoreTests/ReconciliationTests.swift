import Testing
@testable import DynamoCore

@Suite struct ReconciliationTests {
    let x = NodeID(1), y = NodeID(2)

    func version(_ value: String, _ dot: (NodeID, UInt64), context: VectorClock = .empty, at time: Int64 = 0) -> Version {
        Version(value: .data(value), dot: Dot(node: dot.0, counter: dot.1), context: context, timestamp: time)
    }

    @Test func aVersionWhoseContextSawAnotherSupersedesIt() {
        let first = version("milk", (x, 1))
        let second = version("milk+eggs", (x, 2), context: first.clock)
        let merged = VersioningPolicy().merge([first], [second])
        #expect(merged == [second])
        #expect(VersioningPolicy().merge([second], [first]) == [second])
    }

    @Test func twoWritesFromOneReadThroughOneCoordinatorBothSurviveWithDots() {
        let read = version("bread", (x, 1))
        let alice = version("bread+milk", (x, 2), context: read.clock)
        let bob = version("bread+eggs", (x, 3), context: read.clock)
        let merged = VersioningPolicy().merge([alice], [bob])
        #expect(merged.map(\.value) == [.data("bread+milk"), .data("bread+eggs")])
        // The merged context supersedes both: a write with it leaves one version.
        let fix = version("bread+milk+eggs", (x, 4), context: VersioningPolicy.context(of: merged))
        #expect(VersioningPolicy().merge(merged, [fix]) == [fix])
    }

    @Test func plainClocksLoseOneOfTwoWritesFromTheSameReadTheSameWayInEitherOrder() {
        var policy = VersioningPolicy()
        policy.clocks = .vectorClock
        let read = version("bread", (x, 1))
        // Both writes increment x's entry of the same context: equal clocks, different values.
        let alice = version("bread+milk", (x, 2), context: read.clock)
        let bob = version("bread+eggs", (x, 2), context: read.clock)
        #expect(policy.merge([alice], [bob]).count == 1)
        #expect(policy.merge([alice], [bob]) == policy.merge([bob], [alice]))
    }

    @Test func equalPlainClocksKeepTheLaterTimestampWhicheverArrivesFirst() {
        var policy = VersioningPolicy()
        policy.clocks = .vectorClock
        let early = version("early", (x, 1), at: 100)
        let late = version("late", (x, 1), at: 200)
        #expect(policy.merge([early], [late]) == [late])
        #expect(policy.merge([late], [early]) == [late])
        #expect(policy.merge([late], [late]) == [late])
    }

    /// Versions stamped under plain clocks can share a dot; once the cluster uses dots, two such
    /// are siblings, as neither saw the other, in every order and however many siblings are
    /// held, and a later write that saw the dot replaces both.
    @Test func versionsSharingADotFromPlainClocksAreSiblingsUnderDots() {
        let dots = VersioningPolicy()
        let early = version("early", (x, 1), at: 100), late = version("late", (x, 1), at: 200)
        #expect(Set(dots.merge([early], [late])) == [early, late])
        #expect(dots.merge([early], [late]) == dots.merge([late], [early]))
        #expect(dots.merge(dots.merge([early], [late]), [early, late]) == dots.merge([early], [late]), "idempotent")
        // Many siblings held: the table that finds met versions by dot tells the two apart too.
        let siblings = (10...20).map { version("s\($0)", (NodeID($0), 1)) }
        #expect(dots.merge(siblings + [early], [late]) == dots.merge([], siblings + [early, late]))
        #expect(dots.merge(siblings + [late], [early]) == dots.merge(siblings + [early], [late]))
        let fix = version("fix", (y, 1), context: late.clock)
        #expect(dots.merge(dots.merge([early], [late]), [fix]) == [fix])
    }

    /// Histories that mix versions stamped with dots and with plain clocks, sharing dots, merge
    /// to the same versions one at a time and in halves, in every order, on the small path and
    /// on the one for many siblings.
    @Test(arguments: [0, 12])
    func mixedHistoriesMergeTheSameInEveryOrder(extraSiblings: Int) {
        let dots = VersioningPolicy(), z = NodeID(3)
        let other = version("other", (z, 1))
        let w = version("w", (x, 2), context: version("", (x, 1)).clock)
        // Written under dots from a context that saw other but not w, then under plain clocks
        // from a read of w: one dot, two writes.
        let stale = version("stale", (x, 3), context: version("", (x, 1)).clock.merged(with: other.clock), at: 5)
        let plain = version("plain", (x, 3), context: w.clock, at: 9)
        let extra = (0..<extraSiblings).map { version("e\($0)", (NodeID(10 + $0), 1)) }
        let all = [w, stale, plain, other] + extra
        var random = TestRandom()
        let expected = all.reduce([]) { dots.merge($0, [$1]) }
        for _ in 0..<40 {
            let shuffled = all.shuffled(using: &random)
            #expect(shuffled.reduce([]) { dots.merge($0, [$1]) } == expected, "\(shuffled.map(\.value))")
            let split = Int.random(in: 0...shuffled.count, using: &random)
            #expect(dots.merge(dots.merge([], Array(shuffled[..<split])), dots.merge([], Array(shuffled[split...]))) == expected)
        }
        #expect(Set(expected) == Set([stale, plain] + extra), "plain saw w, stale saw other, and the two share a dot: siblings")
    }

    /// A history with a superseded version, concurrent siblings and a tombstone: two writes from
    /// one read through one coordinator (equal clocks under plain clocks); merged one version at
    /// a time, and in two halves, in every order.
    @Test(arguments: VersioningPolicy.ClockMode.allCases)
    func mergingAnySetOfVersionsGivesTheSameResultInEveryOrder(clocks: VersioningPolicy.ClockMode) {
        var policy = VersioningPolicy()
        policy.clocks = clocks
        let z = NodeID(3)
        let base = version("a", (x, 1), at: 1)
        let versions = [
            base,
            version("b", (x, 2), context: base.clock, at: 2),
            version("c", (x, clocks == .dotted ? 3 : 2), context: base.clock, at: 2),
            version("d", (y, 1), context: base.clock, at: 3),
            Version(value: .tombstone, dot: Dot(node: z, counter: 1), context: .empty, timestamp: 3),
        ]
        let expected = versions.reduce([]) { policy.merge($0, [$1]) }
        for order in permutations(of: Array(versions.indices)) {
            let oneByOne = order.reduce([Version]()) { policy.merge($0, [versions[$1]]) }
            #expect(oneByOne == expected, "order \(order)")
            let halves = policy.merge(policy.merge([], order.prefix(2).map { versions[$0] }),
                                      policy.merge([], order.dropFirst(2).map { versions[$0] }))
            #expect(halves == expected, "halves of \(order)")
        }
        #expect(!expected.contains(base), "every later write saw the first")
    }

    func permutations(of items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(of: rest).map { [first] + $0 }
        }
    }

    @Test func concurrentVersionsAreSiblingsAndTombstonesCountAsSiblings() {
        let base = version("a", (x, 1))
        let left = version("b", (x, 2), context: base.clock)
        let deleted = Version(value: .tombstone, dot: Dot(node: y, counter: 1), context: base.clock, timestamp: 5)
        let merged = VersioningPolicy().merge([base, left], [deleted])
        #expect(merged.count == 2)
        #expect(merged.contains(deleted))
    }

    @Test func lastWriteWinsKeepsOnlyTheLatestTimestamp() {
        var policy = VersioningPolicy()
        policy.conflicts = .lastWriteWins
        let early = version("early", (x, 1), at: 100)
        let late = version("late", (y, 1), at: 200)
        #expect(policy.merge([late], [early]) == [late])
        #expect(policy.merge([early], [late]) == [late])
    }

    @Test func mergingIsIdempotentAndOrderIndependent() {
        let a = version("a", (x, 1)), b = version("b", (y, 1))
        let policy = VersioningPolicy()
        #expect(policy.merge([a], [b]) == policy.merge([b], [a]))
        #expect(policy.merge(policy.merge([a], [b]), [a, b]) == policy.merge([a], [b]))
    }

    @Test func aLargeSiblingSetMergesLikeASmallOneInAnyOrder() {
        let policy = VersioningPolicy()
        let base = version("base", (x, 1))
        // Thirty writes from the same read through thirty coordinators, and ten later ones that
        // each saw one of them.
        let concurrent = (2...31).map { version("v\($0)", (NodeID($0 + 1), 1), context: base.clock) }
        let later = (0..<10).map { index in version("w\(index)", (y, UInt64(index + 1)), context: concurrent[3 * index].clock) }
        let all = [base] + concurrent + later
        var random = TestRandom()
        let expected = all.reduce([]) { policy.merge($0, [$1]) }
        #expect(expected.count == 30, "each later write replaced one of the thirty, the first was seen by all")
        for _ in 0..<20 {
            let shuffled = all.shuffled(using: &random)
            #expect(shuffled.reduce([]) { policy.merge($0, [$1]) } == expected)
            let split = Int.random(in: 0...shuffled.count, using: &random)
            let halves = policy.merge(policy.merge([], Array(shuffled[..<split])), policy.merge([], Array(shuffled[split...])))
            #expect(halves == expected)
            #expect(policy.merge(expected, shuffled) == expected, "meeting what it already holds changes nothing")
        }
    }
}
