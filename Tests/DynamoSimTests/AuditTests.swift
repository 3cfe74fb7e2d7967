import DynamoCore
import Testing
@testable import DynamoSim

/// The audit's loss check: an acknowledged write counts as kept when it is held, or when a chain
/// of writes that each saw the one before leads to a version held.
@Suite struct AuditTests {
    /// A cluster whose clocks keep at most `clockMax` entries, with `conflicts` as given.
    func cluster(clockMax: Int = 10, conflicts: VersioningPolicy.ConflictMode = .siblings,
                 clocks: VersioningPolicy.ClockMode = .dotted) -> Cluster {
        var settings = NodeSettings()
        settings.versioning.clockMax = clockMax
        settings.versioning.conflicts = conflicts
        settings.versioning.clocks = clocks
        return Cluster(config: ClusterConfig(settings: settings))
    }

    func write(_ value: String, after context: VectorClock, via node: NodeID, in cluster: Cluster) throws -> Version {
        let reply = try cluster.call(.put(.data(value), context: context), key: "cart", via: node)
        guard case .written(let version, _, _) = reply.outcome else { throw AuditTestError.notWritten(reply) }
        return version
    }

    /// Section 4.4's truncation drops the oldest clock entry, so the last write no longer names
    /// the first one's dot; it still descends from it through the write in between.
    @Test func aWriteOverwrittenThroughATruncatedClockIsNotLost() throws {
        let cluster = cluster(clockMax: 2)
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        let first = try write("a", after: .empty, via: owners[0], in: cluster)
        let second = try write("b", after: first.clock, via: owners[1], in: cluster)
        let third = try write("c", after: second.clock, via: owners[2], in: cluster)
        #expect(!third.context.covers(first.dot), "the third write's context lost the first write's entry")
        cluster.advance(by: 1_000)
        #expect(cluster.audit().lost.isEmpty)
    }

    /// A write dropped by last-write-wins stays lost, even when a later write (which never saw
    /// it) is kept.
    @Test func aWriteNoLaterWriteSawIsStillLost() throws {
        let cluster = cluster(conflicts: .lastWriteWins)
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        try cluster.setSkew(owners[0], by: 5_000)
        let early = try write("early", after: .empty, via: owners[0], in: cluster)
        let dropped = try write("dropped", after: .empty, via: owners[1], in: cluster)
        _ = try write("later", after: early.clock, via: owners[0], in: cluster)
        cluster.advance(by: 1_000)
        #expect(cluster.audit().lost.map(\.dot) == [dropped.dot])
    }

    /// With plain clocks, two writes from the same read through one coordinator get equal
    /// clocks and replicas keep only one (section 4.4's clocks cannot tell them apart). The
    /// tie-break that picks it is no overwrite: the other write is lost.
    @Test func aWriteEqualClocksHidFromTheReplicasIsLost() throws {
        let cluster = cluster(clocks: .vectorClock)
        let coordinator = cluster.ring.walk(from: .of(key: "cart"), limit: 1)[0]
        let first = try write("milk", after: .empty, via: coordinator, in: cluster)
        let second = try write("eggs", after: .empty, via: coordinator, in: cluster)
        #expect(first.dot == second.dot, "plain clocks give both writes one event")
        cluster.advance(by: 1_000)
        let lost = cluster.audit().lost
        #expect(lost.count == 1)
        #expect(lost.allSatisfy { $0.value == first.value || $0.value == second.value })
    }
}

enum AuditTestError: Error {
    case notWritten(ClientReply)
}
