import DynamoCore
import Testing
@testable import DynamoSim

/// A replica silent at its deadline is suspected (section 4.6) unless it has answered a
/// later request of the coordinator's: then the request was lost, not the replica, and it is
/// sent once more.
@Suite struct LostRequestTests {
    /// Hand-off and anti-entropy an hour apart, so only the request path moves replicas.
    func cluster() -> Cluster {
        var config = ClusterConfig(seed: 1)
        config.settings.handoffInterval = 3_600_000
        config.settings.antiEntropyInterval = 3_600_000
        return Cluster(config: config)
    }

    func events(_ cluster: Cluster, of node: NodeID) -> [NodeEvent] {
        cluster.trace.compactMap { entry in
            if case .node(node, let event) = entry.kind { return event }
            return nil
        }
    }

    func hintCount(_ cluster: Cluster) -> Int {
        cluster.snapshot().nodes.reduce(0) { $0 + $1.hints.count }
    }

    func suspects(_ cluster: Cluster, of node: NodeID) -> [NodeID] {
        cluster.snapshot().nodes.first { $0.id == node }?.suspects.map(\.node) ?? []
    }

    /// The replica was down when the write reached it, came back, and answered the same
    /// coordinator's read: at the write's deadline it is sent the write again, not believed
    /// down, and no hint is made for it.
    /// The third replica of `cart` is down while a write goes out, comes back, and answers the
    /// coordinator's read of all three replicas.
    func writeMissedByAReplicaThatThenAnswersARead(_ cluster: Cluster) throws -> (coordinator: NodeID, late: NodeID) {
        let owners = cluster.ring.walk(from: .of(key: "cart"))
        let (coordinator, late) = (owners[0], owners[2])
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart")
        cluster.advance(by: 200)
        try cluster.kill(late)
        _ = try cluster.call(.put(.data("eggs"), context: .empty), key: "cart")
        try cluster.restart(late)
        let read = try cluster.call(.get, key: "cart", quorum: 3)
        guard case .read(_, _, let replied) = read.outcome, replied.contains(late) else {
            throw ScenarioError.readWithoutTheLateReplica
        }
        return (coordinator, late)
    }

    enum ScenarioError: Error { case readWithoutTheLateReplica }

    @Test func aReplicaThatAnsweredALaterRequestIsSentTheRequestAgain() throws {
        let cluster = cluster()
        let (coordinator, late) = try writeMissedByAReplicaThatThenAnswersARead(cluster)
        cluster.advance(by: 300)

        #expect(events(cluster, of: coordinator).contains(.resent(key: "cart", to: late)))
        #expect(!events(cluster, of: coordinator).contains(.suspected(late)))
        #expect(suspects(cluster, of: coordinator).isEmpty)
        #expect(hintCount(cluster) == 0)
        #expect(cluster.node(late).store.versions(of: "cart").map(\.value).contains(.data("eggs")))
    }

    /// The replica answered the later read and went down again before the write's resend
    /// reached it: at the next deadline it is suspected and its share goes to a fallback
    /// as a hint.
    @Test func aReplicaStillSilentAfterTheResendIsBelievedDown() throws {
        let cluster = cluster()
        let (coordinator, late) = try writeMissedByAReplicaThatThenAnswersARead(cluster)
        let fallback = cluster.ring.walk(from: .of(key: "cart"))[3]
        try cluster.kill(late)
        cluster.advance(by: 300)

        let said = events(cluster, of: coordinator)
        let resent = try #require(said.firstIndex(of: .resent(key: "cart", to: late)))
        let suspected = try #require(said.firstIndex(of: .suspected(late)))
        #expect(resent < suspected)
        #expect(said.filter { $0 == .resent(key: "cart", to: late) }.count == 1)
        #expect(cluster.node(fallback).hints.all.map(\.owner) == [late])
    }

    /// A message the replica sent before it went down, arriving after the write went out,
    /// proves nothing: the replica is suspected at the first deadline.
    @Test func aMessageSentBeforeTheRequestDoesNotCountAsAnAnswer() throws {
        let cluster = cluster()
        let owners = cluster.ring.walk(from: .of(key: "cart"))
        let (coordinator, late) = (owners[0], owners[2])
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart")
        cluster.advance(by: 200)
        // The late replica coordinates a read: its fetch to the coordinator is on the wire
        // when it goes down and the write goes out.
        _ = try cluster.submit(.get, key: "cart", via: late)
        cluster.advance(by: 0)
        try cluster.kill(late)
        let wentOut = cluster.now
        _ = try cluster.call(.put(.data("eggs"), context: .empty), key: "cart")
        cluster.advance(by: 300)

        let arrivedLate = cluster.trace.contains { entry in
            if case .delivered(late, coordinator, _) = entry.kind { return entry.time > wentOut }
            return false
        }
        #expect(arrivedLate, "the fetch reached the coordinator after the write went out")
        let said = events(cluster, of: coordinator)
        #expect(said.contains(.suspected(late)))
        #expect(!said.contains(.resent(key: "cart", to: late)))
    }
}
