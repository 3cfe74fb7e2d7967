import Testing
@testable import DynamoCore

@Suite struct VectorClockTests {
    let a = NodeID(1), b = NodeID(2), c = NodeID(3)
    var actors: (ActorID, ActorID, ActorID) { (ActorID(a), ActorID(b), ActorID(c)) }

    @Test func descendsIsPerEntryAtLeast() {
        let older = VectorClock([(a, 1)])
        let newer = VectorClock([(a, 2), (b, 1)])
        #expect(newer.descends(older))
        #expect(!older.descends(newer))
        #expect(older.descends(older))
        #expect(newer.descends(.empty))
    }

    @Test func clocksThatEachAdvancedAnotherNodeAreConcurrent() {
        // The paper's D3 and D4 (section 4.4, Figure 3): [(Sx,2),(Sy,1)] and [(Sx,2),(Sz,1)].
        let d3 = VectorClock([(a, 2), (b, 1)])
        let d4 = VectorClock([(a, 2), (c, 1)])
        #expect(d3.isConcurrent(with: d4))
        let d5 = d3.merged(with: d4).merged(with: VectorClock([(a, 3)]))
        #expect(d5.descends(d3) && d5.descends(d4))
        #expect(d5.description == "{node1:3 node2:1 node3:1}")
    }

    @Test func advanceNeverLowersACounter() {
        var clock = VectorClock([(a, 5)], timestamp: 10)
        clock.advance(ActorID(a), to: 3, at: 99)
        #expect(clock[ActorID(a)] == 5)
        #expect(clock.entries.first?.timestamp == 10)
    }

    @Test func truncationDropsTheOldestEntriesByTimestamp() {
        let (a, b, c) = actors
        var clock = VectorClock()
        clock.advance(c, to: 1, at: 300)
        clock.advance(a, to: 1, at: 100)
        clock.advance(b, to: 1, at: 200)
        let truncated = clock.truncated(to: 2)
        #expect(truncated.entries.map(\.actor) == [b, c])
        #expect(clock.truncated(to: 3) == clock)
        #expect(clock.truncated(to: 0).isEmpty)
        #expect(clock.truncated(to: 2, keeping: a).entries.map(\.actor) == [a, c], "the oldest, kept; the next oldest goes")
        #expect(clock.truncated(to: 0, keeping: a).entries.map(\.actor) == [a], "the kept entry stays even at no room")
        #expect(clock.truncated(to: 2, keeping: ActorID(NodeID(9))) == clock.truncated(to: 2), "an actor absent keeps nothing")
    }

    @Test func eachLifeOfANodeIsItsOwnEntry() {
        let first = VectorClock([(a, 3)])
        var second = VectorClock()
        second.advance(ActorID(a, epoch: 1), to: 1, at: 0)
        #expect(first.isConcurrent(with: second), "a wiped node's new counter says nothing of its old ones")
        #expect(first.merged(with: second).description == "{node1:3 node1#2:1}")
    }
}
