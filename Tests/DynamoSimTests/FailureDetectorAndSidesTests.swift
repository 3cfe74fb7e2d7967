import DynamoCore
import Testing
@testable import DynamoSim

/// What screens are told about partitions, and how long silence lasts before a healthy peer
/// would be suspected at different cluster sizes.
@Suite struct FailureDetectorAndSidesTests {
    func ids(_ indices: Int...) -> [NodeID] { indices.map(NodeID.init) }

    @Test func sidesAreTheGroupsNamedAndNodesWithNoCutLinkAreOnNone() {
        var network = Network()
        let five = (1...5).map(NodeID.init)
        #expect(network.sides(of: five).isEmpty)
        network.partition([ids(1), ids(2), ids(3)])
        #expect(network.sides(of: five) == [ids(1), ids(2), ids(3)])
        network.healAll()
        network.partition([ids(1, 2), ids(3, 4, 5)])
        #expect(network.sides(of: five) == [ids(1, 2), ids(3, 4, 5)])
    }

    @Test func aPartitionOfAFewNodesLeavesTheRestOfALargeClusterOnNoSide() {
        var network = Network()
        network.partition([ids(1, 2, 3), ids(4)])
        #expect(network.sides(of: (1...64).map(NodeID.init)) == [ids(1, 2, 3), ids(4)])
    }

    @Test func partitionsAddUpAndHealingPartOfOneMergesSides() {
        var network = Network()
        let five = (1...5).map(NodeID.init)
        network.partition([ids(1), ids(2), ids(3)])
        network.partition([ids(1, 2), ids(3, 4, 5)])
        #expect(network.sides(of: five) == [ids(1), ids(2), ids(3, 4, 5)])
        network.heal([ids(1), ids(2)])
        #expect(network.sides(of: five) == [ids(1, 2), ids(3, 4, 5)])
    }

    @Test func aOneWayCutPutsItsTwoEndsOnDifferentSides() {
        var network = Network()
        network.cut(Network.Link(from: NodeID(4), to: NodeID(5)))
        #expect(network.sides(of: (1...5).map(NodeID.init)) == [ids(4), ids(5)])
    }

    /// A node cut off alone believes every other down while they believe one another up:
    /// those are disputed. About the lone node itself every live view agrees.
    @Test func aNodeCutOffAloneMakesEveryOtherNodeDisputed() throws {
        let cluster = Cluster()
        try cluster.partition([ids(1)])
        cluster.advance(by: 12_000)
        #expect(cluster.snapshot(traceLimit: 0).disputedNodes == ids(2, 3, 4, 5))
        try cluster.kill(NodeID(1))
        #expect(cluster.snapshot(traceLimit: 0).disputedNodes.isEmpty, "a node that is down has no say")
    }

    /// With most of the cluster dead, gossip still reaches the live nodes often enough for
    /// their heartbeats to beat the suspicion timeout: rounds go to peers not believed down.
    /// Drawn among every member, a round went to a dead peer three times in four, and a live,
    /// reachable node was suspected about one second in thirty.
    @Test func liveNodesAreNotSuspectedWhileMostOfTheClusterIsDead() throws {
        let cluster = Cluster()
        for dead in [3, 4, 5] { try cluster.kill(NodeID(dead)) }
        var suspicions: [String] = []
        for _ in 0..<1_200 {
            cluster.advance(by: 1_000)
            let snapshot = cluster.snapshot(traceLimit: 0)
            for live in ids(1, 2) {
                let peer = NodeID(3 - live.index)
                let status = try #require(snapshot.node(live)?.view.first { $0.node == peer }?.status)
                if status != .up { suspicions.append("\(live) saw \(peer) \(status) at \(cluster.now)") }
            }
        }
        #expect(suspicions.isEmpty, "\(suspicions.prefix(5))")
        let views = try #require(cluster.snapshot(traceLimit: 0).node(NodeID(1))?.view)
        #expect(views.filter { $0.status == .down }.map(\.node) == ids(3, 4, 5), "the dead are still believed down")
    }

    /// Once a node suspects everyone across a partition, its rounds go to its own side, so it
    /// comes to suspect none of its side. Drawn among every peer not believed down, rounds kept
    /// going to the suspected side, and in six of these forty seeds a node then suspected a
    /// peer on its own, reachable side.
    @Test(arguments: 1...40 as ClosedRange<UInt64>)
    func aPartitionedNodeKeepsBelievingItsOwnSideUp(seed: UInt64) throws {
        let cluster = Cluster(config: ClusterConfig(seed: seed))
        let sides = [ids(1, 2), ids(3, 4, 5)]
        cluster.advance(by: 30_000)
        try cluster.partition(sides)
        var suspicions: [String] = []
        for _ in 0..<400 {
            cluster.advance(by: 100)
            let snapshot = cluster.snapshot(traceLimit: 0)
            for side in sides {
                for node in side {
                    let view = try #require(snapshot.node(node)?.view)
                    let across = view.filter { !side.contains($0.node) }
                    guard across.allSatisfy({ $0.status != .up }) else { continue }
                    for peer in view where side.contains(peer.node) && peer.status != .up {
                        suspicions.append("\(node) saw \(peer.node) \(peer.status) at \(cluster.now)")
                    }
                }
            }
        }
        #expect(suspicions.isEmpty, "\(suspicions.prefix(5))")
    }

    /// What each node's gossip rounds told the trace about `peer`: who, what, since when, after
    /// how much silence, and when it was told.
    func told(about peer: NodeID, in cluster: Cluster)
        -> [(node: NodeID, status: PeerStatus, was: PeerStatus, since: Millis, silence: Millis, time: Millis, text: String)] {
        cluster.snapshot(traceLimit: 1_000).trace.compactMap { entry in
            guard case .node(let node, .believes(peer, let status, let was, let since, let silence)) = entry.kind else { return nil }
            return (node, status, was, since, silence, entry.time, entry.body)
        }
    }

    /// A peer back before it was believed down was only suspected: the trace says the suspicion
    /// ended, not that the peer is up again.
    @Test func aPeerBackBeforeItWasBelievedDownIsNoLongerSuspected() throws {
        let cluster = Cluster()
        let suspicion = cluster.settings.suspicion(members: 5)
        cluster.advance(by: 2_500)
        try cluster.kill(NodeID(4))
        cluster.advance(by: suspicion + suspicion / 2)
        try cluster.restart(NodeID(4))
        cluster.advance(by: suspicion)
        for live in ids(1, 2, 3, 5) {
            let mine = told(about: NodeID(4), in: cluster).filter { $0.node == live }
            try #require(mine.map(\.status) == [.suspected, .up], "\(live): \(mine)")
            #expect(mine[1].text.hasPrefix("\(live) no longer suspects node4 since "), "\(mine[1].text)")
        }
    }

    /// Each live node tells the trace when its detector changes its mind about a dead peer: it
    /// suspects it once its heartbeat has been still for the suspicion timeout, believes it
    /// down at twice that, and up again once it restarts; each once, in that order, told at the
    /// first gossip round after, with when it took effect, which is what its view then says.
    /// Of healthy peers it tells nothing.
    @Test func eachNodeTellsTheTraceWhenItChangesItsMindAboutAPeer() throws {
        let cluster = Cluster()
        let (suspicion, round) = (cluster.settings.suspicion(members: 5), cluster.settings.gossipInterval)
        cluster.advance(by: 2_500)
        try cluster.kill(NodeID(4))
        cluster.advance(by: 3 * suspicion)
        try cluster.restart(NodeID(4))
        cluster.advance(by: suspicion)
        let told = told(about: NodeID(4), in: cluster)
        for live in ids(1, 2, 3, 5) {
            let mine = told.filter { $0.node == live }
            try #require(mine.map(\.status) == [.suspected, .down, .up], "\(live): \(mine)")
            #expect(mine.map(\.was) == [.up, .suspected, .down], "\(live): \(mine)")
            #expect(mine[2].text.hasPrefix("\(live) believes node4 up again since "), "\(mine[2].text)")
            #expect(mine.map(\.silence) == [suspicion, 2 * suspicion, 0], "\(live): \(mine)")
            #expect(mine.allSatisfy { $0.since <= $0.time && $0.time - $0.since < round }, "told at the next round: \(live): \(mine)")
            #expect(mine[1].since - mine[0].since == suspicion, "\(live): \(mine)")
            #expect(mine[0].since > 2_500 + suspicion - 2 * round, "the heartbeat last rose shortly before the kill: \(mine)")
            #expect(mine[2].since > 2_500 + 3 * suspicion)
        }
        let first = try #require(told.first { $0.node == NodeID(1) })
        let line = try #require(cluster.snapshot(traceLimit: 1_000).trace.first { $0.isBelief && $0.body.hasPrefix("node1 ") })
        #expect(line.body == "node1 suspects node4 since \(TraceEntry.format(first.since)): no new heartbeat for 5s")
        let others = ids(1, 2, 3, 5).flatMap { self.told(about: $0, in: cluster) }
        #expect(others.isEmpty, "\(others)")
    }

    /// In a cluster of more than 16 nodes, every other node telling of one failure would push
    /// everything else out of the trace: there the changes of belief go with the routine
    /// entries, which `trace N all` shows; in one of 16, with those `trace` shows.
    @Test(arguments: [16, 17])
    func changesOfBeliefGoWithRoutineEntriesInALargeCluster(nodes: Int) throws {
        let cluster = Cluster(config: ClusterConfig(nodeCount: nodes))
        try cluster.kill(NodeID(4))
        cluster.advance(by: cluster.settings.suspicion(members: nodes) + cluster.settings.gossipInterval)
        let shown = cluster.recentTrace(1_000, routine: false).filter(\.isBelief).count
        let all = cluster.recentTrace(1_000, routine: true).filter(\.isBelief).count
        #expect(all > 0, "nodes suspect node4")
        #expect(shown == (nodes <= 16 ? all : 0), "\(shown) of \(all) shown")
    }

    /// A coordinator that suspects a replica for not answering says so then, and its gossip
    /// round does not say it again: it goes on to tell only that it believes the replica down.
    @Test func aSuspicionToldByACoordinatorIsNotToldAgain() throws {
        let cluster = Cluster()
        let owners = cluster.preferenceList(for: "cart", seenBy: NodeID(1))
        try cluster.kill(owners[1])
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart", via: owners[0])
        cluster.advance(by: 3 * cluster.settings.suspicion(members: 5))
        let trace = cluster.snapshot(traceLimit: 1_000).trace
        #expect(trace.contains { $0.kind == .node(owners[0], .suspected(owners[1])) })
        #expect(told(about: owners[1], in: cluster).filter { $0.node == owners[0] }.map(\.status) == [.down])
    }

    @Test func theDefaultSuspicionGrowsWithTheLogOfTheClusterAndASetOneStays() {
        var settings = NodeSettings()
        #expect([1, 5, 7, 8, 16, 64, 1_000].map { settings.suspicion(members: $0) }
            == [5_000, 5_000, 5_000, 6_000, 8_000, 12_000, 18_000])
        settings.gossipInterval = 2_000
        #expect(settings.suspicion(members: 64) == 24_000)
        // A small cluster whose gossip is slowed keeps a round to spare: log2 + 2 rounds.
        settings.gossipInterval = 3_000
        #expect([2, 3, 4].map { settings.suspicion(members: $0) } == [9_000, 9_000, 12_000])
        settings.suspicionTimeout = 3_000
        #expect(settings.suspicion(members: 64) == 3_000)
    }

    @Test(arguments: [1, 2] as [UInt64])
    func aHealthy64NodeClusterSuspectsNoOneForAMinute(seed: UInt64) {
        let cluster = Cluster(config: ClusterConfig(seed: seed, nodeCount: 64))
        var suspicions: [String] = []
        for _ in 0..<300 {
            cluster.advance(by: 200)
            for node in cluster.snapshot(traceLimit: 0).nodes where !node.suspects.isEmpty {
                suspicions.append("\(node.id) suspects \(node.suspects.map(\.node.name)) at \(cluster.now)ms")
            }
        }
        #expect(suspicions.isEmpty, "\(suspicions.prefix(5))")
    }

    @Test func withTheOld5sTimeoutA64NodeClusterDoesSuspectHealthyPeers() {
        var settings = NodeSettings()
        settings.suspicionTimeout = 5_000
        let cluster = Cluster(config: ClusterConfig(nodeCount: 64, settings: settings))
        var suspected = false
        for _ in 0..<60 where !suspected {
            cluster.advance(by: 1_000)
            suspected = cluster.snapshot(traceLimit: 0).nodes.contains { !$0.suspects.isEmpty }
        }
        #expect(suspected)
    }
}
