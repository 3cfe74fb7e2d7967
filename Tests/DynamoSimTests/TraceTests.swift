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
}
