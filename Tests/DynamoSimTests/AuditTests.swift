import DynamoCore
import Testing
@testable import DynamoSim

/// The audit's loss check: an acknowledged write counts as kept when it is held, or when a chain
/// of writes that each saw the one before leads to a version held. What a writer saw is what
/// its client's reads returned, not what its clock claims.
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

    func write(_ value: String, after context: VectorClock, via node: NodeID, by client: String = "client1",
               in cluster: Cluster) throws -> Version {
        let reply = try cluster.call(.put(.data(value), context: context), key: "cart", via: node, client: client)
        guard case .written(let version, _, _) = reply.outcome else { throw AuditTestError.notWritten(reply) }
        return version
    }

    /// `client` reads the cart: the versions it was shown, and the context its next put sends.
    func read(by client: String, in cluster: Cluster) throws -> (siblings: [Version], context: VectorClock) {
        let reply = try cluster.call(.get, key: "cart", client: client)
        guard case .read(let siblings, let context, _) = reply.outcome else { throw AuditTestError.notRead(reply) }
        return (siblings, context)
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

    /// The same chain built by clients that each read the cart before writing it: what ties each
    /// write to the one before is the read its client made.
    @Test func aChainOfReadsAndWritesKeepsTheFirstWriteThoughNoClockNamesIt() throws {
        let cluster = cluster(clockMax: 2)
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        let first = try write("a", after: .empty, via: owners[0], by: "alice", in: cluster)
        cluster.advance(by: 1_000)
        for (client, value, node) in [("bob", "b", owners[1]), ("carol", "c", owners[2])] {
            let seen = try read(by: client, in: cluster)
            _ = try write(value, after: seen.context, via: node, by: client, in: cluster)
            cluster.advance(by: 1_000)
        }
        let last = try read(by: "dave", in: cluster)
        #expect(last.siblings.map(\.value) == [.data("c")])
        #expect(!last.context.covers(first.dot), "truncation dropped the first write's entry")
        #expect(cluster.audit().lost.isEmpty)
    }

    /// A reader of three siblings writes through the first one's coordinator with clock-max=2:
    /// its context keeps the coordinator's entry, the oldest, and drops the next oldest, so the
    /// write replaces the first sibling, which its client saw: nothing is lost.
    @Test func aWriteWhoseContextKeptItsCoordinatorsOldEntryIsTracedToItsRead() throws {
        let cluster = cluster(clockMax: 2)
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        let first = try write("a", after: .empty, via: owners[0], by: "alice", in: cluster)
        cluster.advance(by: 10)
        _ = try write("b", after: .empty, via: owners[1], by: "bob", in: cluster)
        cluster.advance(by: 10)
        _ = try write("c", after: .empty, via: owners[2], by: "carol", in: cluster)
        cluster.advance(by: 1_000)
        let seen = try read(by: "dave", in: cluster)
        #expect(seen.siblings.count == 3 && seen.context.entries.count == 3)
        let last = try write("d", after: seen.context, via: owners[0], by: "dave", in: cluster)
        #expect(last.context.entries.count == 2 && last.context.covers(first.dot), "the coordinator's own entry is kept")
        cluster.advance(by: 1_000)
        let held = cluster.nodes.flatMap { $0.store.versions(of: "cart") }
        #expect(!held.isEmpty && !held.contains { $0.value == .data("a") }, "d replaced a")
        #expect(cluster.audit().lost.isEmpty)
    }

    /// With plain clocks a coordinator counts on from the client's context, so a write through
    /// it can carry the very entry of a write its client never read, and replicas drop that
    /// write as overwritten. Its clock claims it; the history shows nobody saw it: lost.
    @Test func aWriteAClockClaimsButNoReaderSawIsLost() throws {
        let cluster = cluster(clocks: .vectorClock)
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        _ = try write("milk", after: .empty, via: owners[1], by: "bob", in: cluster)
        cluster.advance(by: 1_000)
        let seen = try read(by: "bob", in: cluster)
        let unseen = try write("eggs", after: .empty, via: owners[0], by: "alice", in: cluster)
        cluster.advance(by: 1_000)
        let over = try write("flour", after: seen.context, via: owners[0], by: "bob", in: cluster)
        cluster.advance(by: 1_000)
        #expect(over.clock.descends(unseen.clock), "the plain clock claims the write bob never read")
        #expect(cluster.audit().lost.map(\.value) == [.data("eggs")])
    }

    /// A put that failed may still leave its version on its coordinator, and anti-entropy
    /// spreads it. What its writer saw is still what its client read, not what its clock says:
    /// carol read only b, so the write she made does not excuse the loss of a.
    @Test func aPutThatFailedYetLandedIsJudgedByWhatItsClientRead() throws {
        let cluster = cluster(conflicts: .lastWriteWins)
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        let a = try write("a", after: .empty, via: owners[0], by: "alice", in: cluster)
        _ = try write("b", after: .empty, via: owners[0], by: "bob", in: cluster)
        cluster.advance(by: 1_000)
        let seen = try read(by: "carol", in: cluster)
        #expect(seen.siblings.map(\.value) == [.data("b")])
        #expect(cluster.audit().lost.map(\.dot) == [a.dot])

        try cluster.partition([[owners[0]], cluster.nodeIDs.filter { $0 != owners[0] }])
        let failed = try cluster.call(.put(.data("c"), context: seen.context), key: "cart", via: owners[0], client: "carol")
        guard case .failed = failed.outcome else { throw AuditTestError.notFailed(failed) }
        try cluster.heal()
        cluster.advance(by: 60_000)
        #expect(cluster.audit().lost.map(\.dot) == [a.dot])
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
    case notRead(ClientReply)
    case notFailed(ClientReply)
}
