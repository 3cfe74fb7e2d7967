import DynamoCore
import Testing
@testable import DynamoSim

/// The audit's membership checks: keys a node holds outside their preference list, still to be
/// handed over (section 4.9), and live nodes whose ring gossip has not yet updated (4.8.1).
@Suite struct MembershipAuditTests {
    @Test func keysOfANodeThatLeftWhileDownAreMisplacedOnceItRunsUntilHandedOver() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 2))
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart")
        cluster.advance(by: 1_000)
        #expect(cluster.audit().misplaced.isEmpty)

        try cluster.kill(owners[0])
        try cluster.leave(owners[0])
        #expect(cluster.audit().misplaced.isEmpty, "a node that is down hands nothing over")

        try cluster.restart(owners[0])
        #expect(cluster.audit().misplaced == ["cart"], "running again, it holds the cart but no longer owns it")
        cluster.advance(by: 30_000)
        let audit = cluster.audit()
        #expect(audit.misplaced.isEmpty, "back up, it hands the cart to the new owner")
        #expect(audit.divergent.isEmpty)
        #expect(audit.lost.isEmpty)
    }

    @Test func nodesCutOffFromALeaveHaveStaleRingsUntilGossipReachesThem() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 2))
        let near = [NodeID(1), NodeID(2)], far = [NodeID(3), NodeID(4), NodeID(5)]
        try cluster.partition([near, far])
        try cluster.leave(NodeID(5))
        cluster.advance(by: 5_000)
        #expect(cluster.audit().staleRings == near)

        try cluster.heal()
        cluster.advance(by: 10_000)
        #expect(cluster.audit().staleRings.isEmpty)
    }

    /// Right after two leaves no node has heard of both yet; of those that left, none is
    /// listed: the ring a departed node keeps is only for handing its keys over.
    @Test func aNodeThatLeftIsNotListedAsStale() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 2, nodeCount: 8))
        try cluster.leave(NodeID(3))
        try cluster.leave(NodeID(7))
        let stale = cluster.audit().staleRings
        #expect(stale == [1, 2, 4, 5, 6, 8].map { NodeID($0) }, "\(stale)")
        #expect(cluster.node(NodeID(3)).ring != cluster.ring, "node3 has not heard of node7's leave either")
    }

    @Test func aDownNodesRingIsNotJudged() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 2))
        try cluster.kill(NodeID(1))
        try cluster.leave(NodeID(5))
        cluster.advance(by: 5_000)
        #expect(cluster.audit().staleRings.isEmpty, "node1 is down: it will hear when it restarts")
    }
}
