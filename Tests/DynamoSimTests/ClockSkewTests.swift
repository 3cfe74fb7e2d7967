import DynamoCore
import Testing
@testable import DynamoSim

/// Skew moves a node's wall clock, which stamps versions; its timers and failure detector run on
/// true time (the paper, section 4.4 timestamps; section 4.8.3 failure detection).
@Suite struct ClockSkewTests {
    func statuses(_ cluster: Cluster, seenBy node: NodeID) -> [PeerStatus] {
        cluster.snapshot().node(node)?.view.map(\.status) ?? []
    }

    @Test(arguments: [5_000, -5_000] as [Millis])
    func aSkewedNodeDoesNotSuspectHealthyPeers(skew: Millis) throws {
        let cluster = Cluster()
        try cluster.setSkew(NodeID(3), by: skew)
        cluster.advance(by: 3_000)
        #expect(statuses(cluster, seenBy: NodeID(3)).allSatisfy { $0 == .up })
        #expect(cluster.snapshot().node(NodeID(3))?.view.allSatisfy { (0...3_000).contains($0.silence) } == true)
    }

    @Test func aNodeRestartedUnderAnEarlierClockIsStillHeardFrom() throws {
        let cluster = Cluster()
        let node = NodeID(3)
        try cluster.setSkew(node, by: 60_000)
        try cluster.kill(node)
        try cluster.restart(node)
        cluster.advance(by: 1_000)
        try cluster.kill(node)
        try cluster.setSkew(node, by: -60_000)
        try cluster.restart(node)
        cluster.advance(by: 15_000)
        for peer in cluster.nodeIDs where peer != node {
            #expect(cluster.snapshot().node(peer)?.view.first { $0.node == node }?.status == .up)
        }
    }

    /// Two writes without a read between them: last-write-wins keeps the later timestamp,
    /// which skew can make the earlier write's.
    func lastWriteWinsKeeps(skewingFirstCoordinatorBy skew: Millis) throws -> String? {
        var config = ClusterConfig()
        config.settings.versioning.conflicts = .lastWriteWins
        let cluster = Cluster(config: config)
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        try cluster.setSkew(owners[0], by: skew)
        _ = try cluster.call(.put(.data("first"), context: .empty), key: "cart", via: owners[0])
        cluster.advance(by: 1_000)
        _ = try cluster.call(.put(.data("second"), context: .empty), key: "cart", via: owners[1])
        cluster.advance(by: 1_000)
        guard case .read(let siblings, _, _) = try cluster.call(.get, key: "cart", quorum: 3).outcome else { return nil }
        return siblings.count == 1 ? siblings[0].value.string : nil
    }

    @Test func skewChangesWhichWriteLastWriteWinsKeeps() throws {
        #expect(try lastWriteWinsKeeps(skewingFirstCoordinatorBy: 0) == "second")
        #expect(try lastWriteWinsKeeps(skewingFirstCoordinatorBy: 5_000) == "first")
    }

    @Test func truncationDropsTheEntryWithTheOldestSkewedTimestamp() throws {
        var config = ClusterConfig()
        config.settings.versioning.clockMax = 2
        let cluster = Cluster(config: config)
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        // owners[1] writes after owners[0], but its clock runs far behind.
        try cluster.setSkew(owners[1], by: -60_000)
        for (value, coordinator) in zip(["a", "b", "c"], owners) {
            guard case .read(_, let context, _) = try cluster.call(.get, key: "cart", quorum: 3).outcome else {
                Issue.record("expected a read")
                return
            }
            _ = try cluster.call(.put(.data(value), context: context), key: "cart", via: coordinator)
            cluster.advance(by: 1_000)
        }
        guard case .read(let siblings, _, _) = try cluster.call(.get, key: "cart", quorum: 3).outcome else {
            Issue.record("expected a read")
            return
        }
        let last = try #require(siblings.first { $0.value == .data("c") })
        #expect(last.clock.description == "{\(owners[0].name):1 \(owners[2].name):1}")
        #expect(siblings.count == 2, "b's entry was dropped from c's clock, so b looks concurrent")
    }
}
