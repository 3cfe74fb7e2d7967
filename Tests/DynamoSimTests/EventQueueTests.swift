import DynamoCore
import Testing
@testable import DynamoSim

/// The event queue hands events back by time, ties in scheduling order, through slots it reuses.
@Suite struct EventQueueTests {
    /// A timer that carries its own number as its incarnation.
    private func timer(_ number: Int) -> Event { .timer(NodeID(number % 5 + 1), incarnation: number, .gossip) }

    private func deliver(_ number: UInt64, from: Int = 1, to: Int = 2) -> Event {
        .deliver(from: NodeID(from), to: NodeID(to), .stored(number))
    }

    private func number(of event: Event) -> Int? {
        if case .timer(_, let incarnation, _) = event { return incarnation }
        return nil
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func removesByTimeThenSchedulingOrderWhileSlotsAreReused(seed: UInt64) throws {
        var random = SimRandom(seed: seed)
        var queue = EventQueue()
        var model: [(time: Millis, number: Int)] = []
        var now: Millis = 0
        var scheduled = 0
        while scheduled < 3_000 || !model.isEmpty {
            if scheduled < 3_000, model.isEmpty || Int.random(in: 0..<5, using: &random) < 3 {
                let time = now + Millis.random(in: 0..<12, using: &random)
                queue.schedule(timer(scheduled), at: time)
                model.append((time, scheduled))
                scheduled += 1
            } else {
                let index = model.indices.min { (model[$0].time, model[$0].number) < (model[$1].time, model[$1].number) }!
                let expected = model.remove(at: index)
                try #require(number(of: queue.removeNext()) == expected.number)
                now = expected.time
            }
            try #require(queue.nextTime == model.map(\.time).min())
        }
    }

    /// Events due more than a second ahead wait apart until their time comes within reach; they
    /// still come back by time, ties in scheduling order, also after the clock jumps ahead.
    @Test(arguments: [4, 5, 6] as [UInt64])
    func eventsFarAheadKeepTheirOrder(seed: UInt64) throws {
        var random = SimRandom(seed: seed)
        var queue = EventQueue()
        var model: [(time: Millis, number: Int)] = []
        var now: Millis = 0
        let delays: [ClosedRange<Millis>] = [0...12, 100...100, 300...300, 1_000...1_030, 10_000...10_000, 0...5_000]
        func takeNext() throws {
            let index = model.indices.min { (model[$0].time, model[$0].number) < (model[$1].time, model[$1].number) }!
            let expected = model.remove(at: index)
            try #require(queue.nextTime == expected.time)
            try #require(number(of: queue.removeNext()) == expected.number)
            now = expected.time
        }
        for number in 0..<4_000 {
            switch Int.random(in: 0..<10, using: &random) {
            case 0..<5:
                let delay = Millis.random(in: delays.randomElement(using: &random)!, using: &random)
                queue.schedule(timer(number), at: now + delay)
                model.append((now + delay, number))
            case 5..<9 where !model.isEmpty:
                try takeNext()
            default:
                // The cluster's clock jumping ahead, as `advance(to:)` moves it: every event due
                // by then runs first.
                let deadline = now + Millis.random(in: 0...3_000, using: &random)
                while let earliest = model.map(\.time).min(), earliest <= deadline { try takeNext() }
                now = deadline
            }
            try #require(queue.nextTime == model.map(\.time).min())
        }
        while !model.isEmpty { try takeNext() }
        #expect(queue.nextTime == nil)
    }

    /// 1,023 ms after the last event taken is within the lists' reach and 1,024 beyond it; an
    /// event that waited beyond reach runs before one scheduled at its millisecond after it.
    @Test func anEventFromBeyondReachRunsBeforeOnesScheduledLaterAtItsTime() {
        var queue = EventQueue()
        queue.schedule(timer(0), at: 0)
        #expect(number(of: queue.removeNext()) == 0)
        queue.schedule(timer(1), at: 1_024)
        queue.schedule(timer(2), at: 1_023)
        queue.schedule(timer(3), at: 2_000)
        #expect(queue.nextTime == 1_023)
        #expect(number(of: queue.removeNext()) == 2)
        // 2,000 is now within reach of the lists, and timer 3 has waited there since before.
        queue.schedule(timer(4), at: 2_000)
        #expect(queue.nextTime == 1_024)
        #expect([queue.removeNext(), queue.removeNext(), queue.removeNext()].map(number(of:)) == [1, 3, 4])
        #expect(queue.nextTime == nil)
    }

    /// The cluster's clock never goes back: an event before the last one taken is a bug, caught.
    @Test func schedulingBeforeTheLastEventTakenStopsTheProgram() async {
        await #expect(processExitsWith: .failure) {
            var queue = EventQueue()
            queue.schedule(.timer(NodeID(1), incarnation: 0, .gossip), at: 10)
            _ = queue.removeNext()
            queue.schedule(.timer(NodeID(1), incarnation: 0, .gossip), at: 5)
        }
    }

    @Test func nextTimeIsNilWhenEmptyAndTheEarliestPendingTimeOtherwise() {
        var queue = EventQueue()
        #expect(queue.nextTime == nil)
        queue.schedule(timer(1), at: 40)
        #expect(queue.nextTime == 40)
        queue.schedule(timer(2), at: 15)
        queue.schedule(timer(3), at: 25)
        #expect(queue.nextTime == 15)
        _ = queue.removeNext()
        #expect(queue.nextTime == 25)
        _ = queue.removeNext()
        _ = queue.removeNext()
        #expect(queue.nextTime == nil)
        queue.schedule(timer(4), at: 45)
        #expect(queue.nextTime == 45)
    }

    @Test func inFlightListsOnlyDeliveriesInArrivalOrder() {
        var queue = EventQueue()
        queue.schedule(deliver(1, from: 3, to: 1), at: 30)
        queue.schedule(timer(1), at: 10)
        queue.schedule(deliver(2), at: 10)
        queue.schedule(deliver(3), at: 20)
        queue.schedule(timer(2), at: 20)
        queue.schedule(deliver(4, from: 2, to: 3), at: 10)
        var inFlight = queue.inFlight
        #expect(inFlight.map(\.deliverAt) == [10, 10, 20, 30])
        #expect(inFlight.map(\.message) == [.stored(2), .stored(4), .stored(3), .stored(1)])
        #expect(inFlight.map(\.from) == [NodeID(1), NodeID(2), NodeID(1), NodeID(3)])
        #expect(inFlight.map(\.to) == [NodeID(2), NodeID(3), NodeID(2), NodeID(1)])
        _ = queue.removeNext()
        _ = queue.removeNext()
        queue.schedule(deliver(5), at: 20)
        inFlight = queue.inFlight
        #expect(inFlight.map(\.message) == [.stored(4), .stored(3), .stored(5), .stored(1)])
    }

    @Test func timerCountCountsOnlyMatchingPendingTimers() {
        var queue = EventQueue()
        queue.schedule(.timer(NodeID(1), incarnation: 1, .gossip), at: 10)
        queue.schedule(.timer(NodeID(1), incarnation: 1, .request(7)), at: 20)
        queue.schedule(.timer(NodeID(2), incarnation: 1, .gossip), at: 30)
        queue.schedule(.timer(NodeID(1), incarnation: 2, .gossip), at: 40)
        queue.schedule(deliver(1), at: 5)
        #expect(queue.timerCount { _, _, _ in true } == 4)
        #expect(queue.timerCount { node, _, _ in node == NodeID(1) } == 3)
        #expect(queue.timerCount { node, incarnation, timer in node == NodeID(1) && incarnation == 1 && timer == .gossip } == 1)
        #expect(queue.timerCount { _, _, timer in timer == .handoff } == 0)
        _ = queue.removeNext()
        _ = queue.removeNext()
        #expect(queue.timerCount { _, _, timer in timer == .gossip } == 2)
        queue.schedule(.timer(NodeID(3), incarnation: 1, .handoff), at: 50)
        #expect(queue.timerCount { _, _, _ in true } == 4)
        #expect(queue.timerCount { _, _, timer in timer == .handoff } == 1)
    }

    @Test func messagesComeBackWholeThroughReusedSlots() {
        let version = Version(value: .data("milk"), dot: Dot(node: NodeID(2), counter: 3),
                              context: VectorClock([(NodeID(1), 4), (NodeID(3), 1)]), timestamp: 1_234)
        let record = MemberRecord(node: NodeID(4), heartbeat: .init(incarnation: 9, beats: 17), tokens: [5, 500, 50_000])
        let messages: [Message] = [
            .store(1, key: "cart", versions: [version], hintFor: NodeID(3)),
            .gossip([record]),
            .fetched(2, versions: [version, version]),
            .repair(key: "basket", versions: []),
            .handedOff(key: "cart", owner: NodeID(5), versions: [version]),
            .stored(3),
        ]
        var queue = EventQueue()
        for (index, message) in messages.enumerated() {
            queue.schedule(.deliver(from: NodeID(1), to: NodeID(2), message), at: Millis(index))
            #expect(queue.removeNext().message == message)
        }
        queue.schedule(.deliver(from: NodeID(1), to: NodeID(2), messages[0]), at: 100)
        queue.schedule(.deliver(from: NodeID(1), to: NodeID(2), messages[1]), at: 100)
        #expect(queue.removeNext().message == messages[0])
        for (index, message) in messages.enumerated().dropFirst(2) {
            queue.schedule(.deliver(from: NodeID(1), to: NodeID(2), message), at: 100 + Millis(index))
        }
        var removed: [Message?] = []
        while queue.nextTime != nil { removed.append(queue.removeNext().message) }
        #expect(removed == messages.dropFirst().map { $0 })
    }
}

private extension Event {
    var message: Message? {
        if case .deliver(_, _, let message) = self { return message }
        return nil
    }
}
