import DynamoCore
import Testing
@testable import DynamoSim

/// Gossip, anti-entropy and membership changes (the paper, sections 4.7–4.9).
@Suite struct BackgroundTests {
    func views(_ cluster: Cluster) -> [NodeID: [PeerView]] {
        Dictionary(uniqueKeysWithValues: cluster.snapshot().nodes.map { ($0.id, $0.view) })
    }

    func believes(_ cluster: Cluster, _ node: NodeID, _ peer: NodeID) -> PeerStatus? {
        views(cluster)[node]?.first { $0.node == peer }?.status
    }

    func allAgreeEveryoneIsUp(_ cluster: Cluster) -> Bool {
        cluster.snapshot().nodes.allSatisfy { node in node.view.allSatisfy { $0.status == .up } }
    }

    @Test func duringAPartitionEachSideSeesTheOtherDownAndViewsConvergeAfterHeal() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 3))
        let left = [NodeID(1), NodeID(2)], right = [NodeID(3), NodeID(4), NodeID(5)]
        try cluster.partition([left, right])
        cluster.advance(by: 12_000)
        for a in left {
            for b in right {
                #expect(believes(cluster, a, b) == .down)
                #expect(believes(cluster, b, a) == .down)
            }
        }
        #expect(believes(cluster, NodeID(1), NodeID(2)) == .up)
        try cluster.heal()
        // Convergence bound: with 1s gossip among 5 nodes, every view is back within 6s.
        var converged: Millis?
        for second in 1...6 {
            cluster.advance(by: 1_000)
            if allAgreeEveryoneIsUp(cluster) {
                converged = Millis(second)
                break
            }
        }
        #expect(converged != nil)
    }

    @Test func coordinatorsUseTheirOwnViewToChooseFallbacks() throws {
        let cluster = Cluster()
        let owners = cluster.ring.walk(from: .of(key: "cart"))
        try cluster.kill(owners[1])
        cluster.advance(by: 12_000)
        #expect(believes(cluster, owners[0], owners[1]) == .down)
        // Believed down: the hint goes out at once, and the write needs no replica timeout.
        let start = cluster.now
        let reply = try cluster.call(.put(.data("x"), context: .empty), key: "cart", quorum: 3)
        guard case .written(_, let acks, let hinted) = reply.outcome else {
            Issue.record("expected a write")
            return
        }
        #expect(acks.count == 3)
        #expect(hinted.map(\.owner) == [owners[1]])
        #expect(cluster.now - start < 100)
    }

    /// Setting hand-off hourly takes effect at once, not after the round already scheduled:
    /// a hint made after the change stays held; setting it back hands the hint off a new
    /// interval later.
    @Test func aHandoffIntervalChangeTakesEffectAtOnce() throws {
        let cluster = Cluster()
        let owners = cluster.ring.walk(from: .of(key: "cart"))
        var hourly = cluster.settings
        hourly.handoffInterval = 3_600_000
        cluster.update(hourly)
        try cluster.kill(owners[1])
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart", quorum: 3)
        try cluster.restart(owners[1])
        cluster.advance(by: 5_000)
        #expect(cluster.node(owners[3]).hints.count == 1)

        var everySecond = hourly
        everySecond.handoffInterval = 1_000
        cluster.update(everySecond)
        cluster.advance(by: 900)
        #expect(cluster.node(owners[3]).hints.count == 1, "the next round is a second after the change")
        cluster.advance(by: 200)
        #expect(cluster.node(owners[3]).hints.count == 0)
        #expect(cluster.node(owners[1]).store.versions(of: "cart").map(\.value) == [.data("milk")])
    }

    /// A holder keeps offering a hint to an owner it believes down (section 4.8.3: a node
    /// "periodically retries" a peer that failed), so it finds the owner back without gossip.
    @Test func aHolderRetriesAnOwnerItBelievesDownAndFindsItBack() throws {
        var config = ClusterConfig(seed: 1)
        config.settings.gossipInterval = 3_600_000
        config.settings.suspicionTimeout = 5_000
        let cluster = Cluster(config: config)
        let owners = cluster.ring.walk(from: .of(key: "cart"))
        try cluster.kill(owners[1])
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart", quorum: 3)
        cluster.advance(by: 30_000)
        let holder = try #require(cluster.snapshot(traceLimit: 0).node(owners[3]))
        #expect(holder.hints.count == 1)
        #expect(holder.view.first { $0.node == owners[1] }?.status == .down, "no gossip: no news of the owner")
        try cluster.restart(owners[1])
        cluster.advance(by: 1_100)
        #expect(cluster.node(owners[3]).hints.count == 0)
        #expect(cluster.node(owners[1]).store.versions(of: "cart").map(\.value) == [.data("milk")])
    }

    /// To an owner believed down a holder offers one hint a round, a probe, not all it holds:
    /// the trace is not flooded with dropped hand-offs while the owner is away.
    @Test func anOwnerBelievedDownIsProbedWithOneHintARound() throws {
        let cluster = Cluster()
        let down = NodeID(4)
        try cluster.kill(down)
        let keys = (0..<40).map { "key\($0)" }.filter { cluster.ring.walk(from: .of(key: $0), limit: 3).contains(down) }
        for key in keys { _ = try cluster.call(.put(.data("v"), context: .empty), key: key, quorum: 3) }
        cluster.advance(by: 12_000)
        let holders = cluster.snapshot(traceLimit: 0).nodes.filter { !$0.hints.isEmpty }
        #expect(holders.contains { $0.hints.count > 1 }, "a holder keeps several hints for the owner")
        let since = cluster.now
        cluster.advance(by: 3_000)
        var offers: [NodeID: Int] = [:]
        for entry in cluster.trace where entry.time > since {
            if case .dropped(let from, down, let message, _) = entry.kind, message.kind == .handoff { offers[from, default: 0] += 1 }
        }
        #expect(!offers.isEmpty)
        #expect(offers.values.allSatisfy { $0 <= 3 }, "one offer a round for three rounds: \(offers)")
    }

    @Test func antiEntropyRestoresAWipedNodeWithoutReads() throws {
        let cluster = Cluster()
        for index in 0..<60 { _ = try cluster.call(.put(.data("v\(index)"), context: .empty), key: "key\(index)") }
        cluster.advance(by: 2_000)
        let victim = NodeID(3)
        let before = cluster.node(victim).store
        #expect(before.count > 10)
        try cluster.wipe(victim)
        try cluster.restart(victim)
        #expect(cluster.node(victim).store.count == 0)
        cluster.advance(by: 21_000)
        #expect(cluster.node(victim).store.keys == before.keys)
        for key in before.keys { #expect(cluster.node(victim).store.versions(of: key) == before.versions(of: key)) }
    }

    @Test func merkleExchangeSendsFarLessThanAFullComparison() {
        var store = Store(), other = Store()
        let policy = VersioningPolicy()
        for index in 0..<2_000 {
            let version = Version(value: .data("v"), dot: Dot(node: NodeID(1), counter: 1), context: .empty, timestamp: 0)
            store.merge([version], into: "key\(index)", policy: policy)
            if index % 400 != 0 { other.merge([version], into: "key\(index)", policy: policy) }
        }
        let range = KeyRange(start: 0, end: 0)
        let mine = MerkleTree(range: range, depth: 8, store: store)
        let theirs = MerkleTree(range: range, depth: 8, store: other)
        let difference = mine.difference(from: theirs)
        let missing = Set(mine.leafKeys(in: difference.leaves)).subtracting(other.keys)
        #expect(missing == ["key0", "key400", "key800", "key1200", "key1600"])
        #expect(difference.hashesCompared < 2_000 / 10)
        #expect(mine.leafKeys(in: difference.leaves).count < 2_000 / 20)
        #expect(MerkleTree(range: range, depth: 8, store: store).difference(from: mine).leaves.isEmpty)
    }

    /// Each node tells once of each ring it learns by gossip: a new node, seeded with the ring
    /// it joins, learns nothing new from its first rounds; a node that leaves tells of its own
    /// leaving once, and the others learn of it by gossip.
    @Test func aRingChangeIsToldOnceByEachNode() throws {
        let cluster = Cluster()
        let six = NodeID(6)
        try cluster.join(six)
        cluster.advance(by: 10_000)
        try cluster.leave(six)
        cluster.advance(by: 10_000)
        let lines = cluster.snapshot(traceLimit: 1_000).trace.map(\.body)
        let learned = lines.filter { $0.contains("learned a new ring") }
        #expect(!learned.contains { $0.hasPrefix("node6 ") }, "\(learned)")
        for node in (1...5).map(NodeID.init) {
            #expect(learned.filter { $0.hasPrefix("\(node) ") } == ["\(node) learned a new ring by gossip (48 tokens)",
                                                                   "\(node) learned a new ring by gossip (40 tokens)"])
        }
        #expect(lines.filter { $0.contains("leaves the ring") } == ["node6 leaves the ring; hands its keys to their new owners"])
    }

    @Test func joiningAndLeavingNodesLosesNoAcknowledgedWrite() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 11))
        var written: [String: String] = [:]
        func write(_ count: Int, tag: String) throws {
            for index in 0..<count {
                let key = "k\(index)"
                let reply = try cluster.call(.put(.data("\(tag)\(index)"), context: .empty), key: key)
                if case .written = reply.outcome { written[key, default: ""] += "|\(tag)\(index)" }
            }
        }
        try write(200, tag: "a")
        try cluster.join(NodeID(6))
        try write(200, tag: "b")
        cluster.advance(by: 15_000)
        try cluster.leave(NodeID(2))
        try write(200, tag: "c")
        try cluster.join(NodeID(7))
        cluster.advance(by: 30_000)
        #expect(cluster.node(NodeID(2)).store.count == 0)
        for (key, values) in written {
            let reply = try cluster.call(.get, key: key, quorum: 3)
            guard case .read(let siblings, _, _) = reply.outcome else {
                Issue.record("read of \(key) failed")
                continue
            }
            let seen = Set(siblings.compactMap(\.value.string))
            for value in values.split(separator: "|") { #expect(seen.contains(String(value)), "\(key) lost \(value)") }
        }
    }

    @Test func aHintForANodeThatLeftGoesToTheKeysCurrentOwner() throws {
        let cluster = Cluster()
        cluster.traceCapacity = 100_000
        let owners = cluster.ring.walk(from: .of(key: "cart"))
        let leaving = owners[1]
        try cluster.partition([[leaving]])
        _ = try cluster.call(.put(.data("x"), context: .empty), key: "cart", quorum: 3)
        cluster.advance(by: 500)
        let holder = try #require(cluster.nodeIDs.first { !cluster.node($0).hints.isEmpty })
        // The holder cannot reach the leaving node, so it can only hand the hint on once gossip
        // has told it about the leave.
        try cluster.heal()
        try cluster.partition([[holder], [leaving]])
        try cluster.leave(leaving)
        while cluster.node(holder).membership.record(of: leaving)?.status != .left, cluster.now < 30_000 {
            cluster.advance(by: 100)
        }
        #expect(cluster.node(holder).membership.record(of: leaving)?.status == .left)
        #expect(!cluster.node(holder).hints.isEmpty, "nothing reached the leaving node meanwhile")
        cluster.advance(by: 3_000)
        #expect(cluster.snapshot().nodes.allSatisfy { $0.hints.isEmpty })
        let current = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        #expect(!current.contains(leaving))
        for node in current { #expect(cluster.node(node).store.versions(of: "cart").map(\.value) == [.data("x")]) }
        #expect(!cluster.trace.contains { if case .delivered(holder, leaving, let message) = $0.kind { message.kind == .handoff } else { false } })
    }

    @Test func aOneWayCutDropsOnlyThatDirection() throws {
        let cluster = Cluster()
        cluster.traceCapacity = 100_000
        cluster.routineTraceCapacity = 100_000
        let (one, two) = (NodeID(1), NodeID(2))
        try cluster.cut(Network.Link(from: one, to: two))
        cluster.advance(by: 10_000)
        let trace = cluster.recentTrace(200_000, routine: true)
        func count(_ matches: (TraceEntry.Kind) -> Bool) -> Int { trace.filter { matches($0.kind) }.count }
        #expect(count { if case .dropped(one, two, _, "link cut") = $0 { true } else { false } } > 0)
        #expect(count { if case .delivered(one, two, _) = $0 { true } else { false } } == 0)
        #expect(count { if case .dropped(two, one, _, _) = $0 { true } else { false } } == 0)
        #expect(count { if case .delivered(two, one, _) = $0 { true } else { false } } > 0)
    }

    @Test func lossAndSkewAreFaultsAsData() throws {
        let cluster = Cluster()
        try cluster.setLoss(1.0, on: Network.Link(from: NodeID(1), to: NodeID(2)))
        try cluster.setSkew(NodeID(3), by: 5_000)
        cluster.setLatency(20...200)
        #expect(cluster.network.faults == [
            "loss: 100% on node1 -> node2", "delay: 20ms..200ms", "skew: node3's clock runs 5s ahead",
        ])
        #expect(cluster.localTime(NodeID(3)) == cluster.now + 5_000)
        cluster.advance(by: 3_000)
        #expect(cluster.recentTrace(cluster.routineTraceCapacity, routine: true).contains { if case .dropped(NodeID(1), NodeID(2), _, "lost") = $0.kind { true } else { false } })
    }

    /// Section 4.9's hand-over applies to a smaller N too: a node that no longer replicates a
    /// key gives it to the key's owners and deletes it, and no write is lost.
    @Test func loweringNLeavesEachKeyOnItsNewOwnersOnly() throws {
        let cluster = Cluster()
        let keys = (0..<20).map { "key\($0)" }
        for key in keys { _ = try cluster.call(.put(.data("v"), context: .empty), key: key) }
        cluster.advance(by: 1_000)
        var settings = cluster.settings
        settings.n = 2
        settings.r = 1
        settings.w = 1
        cluster.update(settings)
        cluster.advance(by: 5_000)
        for key in keys {
            let holders = cluster.nodeIDs.filter { !cluster.node($0).store.versions(of: key).isEmpty }
            #expect(holders == cluster.ring.walk(from: .of(key: key), limit: 2).sorted(), "\(key)")
        }
        #expect(cluster.audit().lost.isEmpty)
    }
}
