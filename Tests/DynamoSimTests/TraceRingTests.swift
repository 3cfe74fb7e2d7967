import DynamoCore
import Testing
@testable import DynamoSim

/// The ring behind the trace keeps the latest entries, oldest first, however often it wraps.
@Suite struct TraceRingTests {
    private func entry(_ sequence: Int) -> TraceEntry {
        TraceEntry(sequence: sequence, time: Millis(sequence), kind: .action("entry \(sequence)"))
    }

    private func ring(capacity: Int, appending count: Int) -> TraceRing {
        var ring = TraceRing(capacity: capacity)
        for sequence in 1...count { ring.append(entry(sequence)) }
        return ring
    }

    @Test(arguments: [1, 3, 4, 5, 9, 100])
    func keepsTheLatestEntriesOldestFirst(appended: Int) {
        let kept = ring(capacity: 4, appending: appended)
        #expect(kept.map(\.sequence) == Array(max(1, appended - 3)...appended))
    }

    @Test func shrinkingKeepsTheMostRecentAndWrapsFromThere() {
        var kept = ring(capacity: 5, appending: 7)
        kept.capacity = 2
        #expect(kept.map(\.sequence) == [6, 7])
        kept.append(entry(8))
        #expect(kept.map(\.sequence) == [7, 8])
    }

    @Test func growingKeepsEverythingAndFillsBeforeWrapping() {
        var kept = ring(capacity: 3, appending: 5)
        kept.capacity = 5
        for sequence in 6...8 { kept.append(entry(sequence)) }
        #expect(kept.map(\.sequence) == [4, 5, 6, 7, 8])
    }

    @Test func aTracedMessageKeepsWhatTheLinePrintsAndNoVersions() {
        let version = Version(value: .data("milk"), dot: Dot(node: NodeID(1), counter: 1), context: .empty, timestamp: 0)
        let hinted = TracedMessage(.store(1, key: "cart", versions: [version], hintFor: NodeID(3)))
        #expect(hinted.kind == .store && hinted.key == "cart" && hinted.hintFor == NodeID(3))
        #expect(hinted.description == "store cart (hint for node3)")
        #expect(TracedMessage(.stored(1)).description == "stored")
        #expect(TracedMessage(.gossip([])).kind.isRoutine)
        #expect(!hinted.kind.isRoutine)
    }
}
