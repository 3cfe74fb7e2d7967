import Testing
@testable import DynamoCore

/// A change to a round's interval takes effect at once: the timer set under the old interval
/// is ignored when it fires, and the round is next due one new interval from the change.
@Suite struct RoundIntervalTests {
    let members = (1...3).map { index in
        MemberRecord(node: NodeID(index), heartbeat: .init(incarnation: 0, beats: 0),
                     tokens: [RingPosition.of(key: "token-\(index)")])
    }

    func timers(_ effects: [Effect]) -> [(TimerID, Millis)] {
        effects.compactMap { if case .setTimer(let timer, let after) = $0 { (timer, after) } else { nil } }
    }

    func gossips(_ effects: [Effect]) -> Int {
        effects.filter { if case .send(_, .gossip) = $0 { true } else { false } }.count
    }

    @Test func aLongerGossipIntervalSkipsTheRoundTheOldTimerWouldHaveRun() {
        var node = Node(id: NodeID(1), members: members, settings: NodeSettings(), random: TestRandom())
        #expect(timers(node.handle(.start, now: 0)).contains { $0 == (.gossip, 1_000) })
        var slower = node.settings
        slower.gossipInterval = 5_000
        #expect(timers(node.handle(.configure(slower), now: 200)).map(\.0) == [.gossip])

        let stale = node.handle(.timer(.gossip), now: 1_000)
        #expect(gossips(stale) == 0)
        #expect(timers(stale).isEmpty)

        let due = node.handle(.timer(.gossip), now: 5_200)
        #expect(gossips(due) == 1)
        #expect(timers(due).map(\.1) == [5_000])
    }

    @Test func settingsThatLeaveTheIntervalsAloneSetNoTimer() {
        var node = Node(id: NodeID(1), members: members, settings: NodeSettings(), random: TestRandom())
        _ = node.handle(.start, now: 0)
        var other = node.settings
        other.r = 1
        #expect(timers(node.handle(.configure(other), now: 200)).isEmpty)
        #expect(node.settings.r == 1)
        #expect(gossips(node.handle(.timer(.gossip), now: 1_000)) == 1, "the round keeps its time")
    }
}
