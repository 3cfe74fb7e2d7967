import Testing
@testable import DynamoCore

/// The buffer a node's effects pass through keeps them in the order they were asked for,
/// however it is drained and grown.
@Suite struct EffectsTests {
    func timer(_ after: Millis) -> Effect { .setTimer(.gossip, after: after) }

    func delays(_ effects: [Effect]) -> [Millis] {
        effects.compactMap { if case .setTimer(_, let after) = $0 { after } else { nil } }
    }

    @Test func effectsComeOutOldestFirstAndTheBufferEmptiesForTheNextInput() {
        var effects = Effects()
        for delay in 1...3 { effects.append(timer(Millis(delay))) }
        var taken: [Effect] = []
        while let effect = effects.popFirst() { taken.append(effect) }
        #expect(delays(taken) == [1, 2, 3])
        effects.append(timer(4))
        #expect(delays(effects.takeAll()) == [4])
        let after = effects.popFirst()
        #expect(after == nil)
    }

    @Test(arguments: [2, 12])
    func makingRoomPartlyDrainedKeepsTheOrder(taken: Int) {
        // Filled, then drained by fewer or more than half, then appended to past the end.
        var effects = Effects()
        for delay in 0..<16 { effects.append(timer(Millis(delay))) }
        for _ in 0..<taken { _ = effects.popFirst() }
        for delay in 16..<20 { effects.append(timer(Millis(delay))) }
        #expect(delays(effects.takeAll()) == Array(taken..<20).map(Millis.init))
    }

    @Test func growingPartlyDrainedKeepsTheOrder() {
        var effects = Effects()
        for delay in 0..<10 { effects.append(timer(Millis(delay))) }
        for _ in 0..<4 { _ = effects.popFirst() }
        // Well past the first capacity, with the front already taken.
        for delay in 10..<100 { effects.append(timer(Millis(delay))) }
        #expect(delays(effects.takeAll()) == Array(4..<100))
    }
}
