import DynamoCore
import Testing
@testable import DynamoSim

/// The trace keeps what a client would want to see, however much routine traffic follows.
@Suite struct TraceTests {
    @Test func gossipNeverPushesARequestsLinesOutOfTheTrace() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 1, nodeCount: 64))
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart")
        cluster.advance(by: 60_000)
        #expect(cluster.trace.contains { if case .node(_, .quorum("cart", "write", _)) = $0.kind { true } else { false } })
        #expect(cluster.trace.allSatisfy { !$0.isBackground })
        #expect(!cluster.routineTrace.isEmpty)
        #expect(cluster.routineTrace.count <= cluster.routineTraceCapacity)
    }

    @Test func routineEntriesMergeBackInTheOrderTheyWereRecorded() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 1))
        let before = cluster.traceSequence
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart")
        cluster.advance(by: 3_000)
        let since = cluster.traceEntries(after: before)
        #expect(since.map(\.sequence) == Array(before + 1...cluster.traceSequence))
        let recent = cluster.recentTrace(10, routine: true)
        #expect(recent.count == 10)
        #expect(recent.map(\.sequence) == Array(cluster.traceSequence - 9...cluster.traceSequence))
        #expect(cluster.recentTrace(10, routine: false).allSatisfy { !$0.isBackground })
    }

    /// A hint's line is written as it goes out, and says no more than that: here the message
    /// carrying it is cut, and no node ever holds it.
    @Test func aHintsLineSaysItWasSentNotThatItIsHeld() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 1))
        let walk = cluster.ring.walk(from: .of(key: "cart"))
        try cluster.kill(walk[2])
        try cluster.cut(Network.Link(from: walk[0], to: walk[3]))
        _ = try cluster.submit(.put(.data("milk"), context: .empty), key: "cart", via: walk[0])
        cluster.advance(by: 300)
        let lines = cluster.trace.map(\.body)
        #expect(lines.contains("\(walk[0]) hint: cart for \(walk[2]) sent to \(walk[3])"))
        #expect(lines.contains { $0.hasPrefix("\(walk[0]) ⇸ \(walk[3]) store cart (hint for \(walk[2])) dropped") })
        #expect(cluster.node(walk[3]).hints.isEmpty)
    }
}
