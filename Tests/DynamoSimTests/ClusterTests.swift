import DynamoCore
import Testing
@testable import DynamoSim

/// Whole-cluster scenarios from the paper, run on virtual time.
@Suite struct ClusterTests {
    func preference(_ cluster: Cluster, _ key: String = "cart") -> [NodeID] {
        cluster.ring.walk(from: .of(key: key))
    }

    func written(_ reply: ClientReply) -> (version: Version, acks: [NodeID], hinted: [HintedWrite])? {
        if case .written(let version, let acks, let hinted) = reply.outcome { return (version, acks, hinted) }
        return nil
    }

    func read(_ reply: ClientReply) -> (siblings: [Version], context: VectorClock, replied: [NodeID])? {
        if case .read(let siblings, let context, let replied) = reply.outcome { return (siblings, context, replied) }
        return nil
    }

    func hintCount(_ cluster: Cluster) -> Int {
        cluster.snapshot().nodes.reduce(0) { $0 + $1.hints.count }
    }

    @Test func everyNodeStartsWithTheRingItsSeedsDescribe() {
        let cluster = Cluster(config: ClusterConfig(seed: 4, nodeCount: 7, vnodes: 5))
        let seeds = ClusterConfig(seed: 4, nodeCount: 7, vnodes: 5).initialMembers()
        for id in cluster.nodeIDs {
            #expect(cluster.node(id).ring == Membership(owner: id, records: seeds).ring)
        }
        #expect(cluster.ring.tokens.count == 35)
    }

    /// The history is kept in chunks of 4,096 operations: requests past the first chunk are
    /// found by number and completed where they lie, like those in it.
    @Test func theHistoryKeepsEveryRequestInOrderPastItsFirstChunk() throws {
        let cluster = Cluster()
        for index in 0..<4_200 {
            // Each put to a key of its own, then a get of it.
            _ = try cluster.call(index.isMultiple(of: 2) ? .put(.data("v\(index)"), context: .empty) : .get, key: "k\(index / 2)")
        }
        let history = cluster.history
        #expect(history.count == 4_200)
        #expect(history.map(\.id) == (1...4_200).map { RequestID($0) })
        #expect(history.allSatisfy { $0.completedAt != nil })
        #expect(history[4_098].value == .data("v4098"))
        #expect(history[4_099].value == nil)
        guard case .read(let siblings) = history[4_199].outcome else {
            Issue.record("the last request, a get, was not completed as a read: \(history[4_199].outcome)")
            return
        }
        #expect(siblings.map(\.value) == [.data("v4198")])
        #expect(cluster.acknowledgedWrites.count == 2_100)
    }

    /// The history keeps an operation in a compact form of its own: each comes back with its
    /// client, value, times and outcome as they were, the version a write made whole.
    @Test func theHistoryGivesBackEachOperationAsItEnded() throws {
        let cluster = Cluster()
        let owners = preference(cluster)
        let milk = try #require(written(try cluster.call(.put(.data("milk"), context: .empty), key: "cart", client: "alice")))
        let seen = try #require(read(try cluster.call(.get, key: "cart", client: "bob")))
        let deleted = try #require(written(try cluster.call(.put(.tombstone, context: seen.context), key: "cart", client: "alice")))
        try cluster.partition([[owners[0]], cluster.nodeIDs.filter { $0 != owners[0] }])
        let cut = try cluster.call(.put(.data("eggs"), context: .empty), key: "cart", via: owners[0], client: "carol")
        guard case .failed(let reason) = cut.outcome else {
            Issue.record("a put through a coordinator cut from every other node was acknowledged: \(cut)")
            return
        }
        _ = try cluster.submit(.get, key: "cart", via: owners[1], client: "bob")

        let history = Array(cluster.history)
        #expect(history.map(\.client) == ["alice", "bob", "alice", "carol", "bob"])
        #expect(history.map(\.value) == [.data("milk"), nil, .tombstone, .data("eggs"), nil])
        #expect(history.map(\.outcome) == [.written(milk.version), .read(seen.siblings), .written(deleted.version),
                                           .failed(reason), .pending])
        #expect(history.dropLast().allSatisfy { operation in operation.completedAt.map { $0 >= operation.invokedAt } ?? false })
        #expect(history.last?.completedAt == nil)
        #expect(deleted.version.clock.descends(milk.version.clock))
    }

    @Test func putThenGetReturnsTheValueFromRReplicas() throws {
        let cluster = Cluster()
        let put = try #require(written(try cluster.call(.put(.data("milk"), context: .empty), key: "cart")))
        #expect(put.acks.count == 2)
        let get = try #require(read(try cluster.call(.get, key: "cart")))
        #expect(get.siblings.map(\.value) == [.data("milk")])
        #expect(get.replied.count == 2)
        cluster.advance(by: 100)
        let holders = cluster.nodeIDs.filter { !cluster.node($0).store.versions(of: "cart").isEmpty }
        #expect(Set(holders) == Set(preference(cluster).prefix(3)))
    }

    /// With no coordinator named, every request, first or repeated, goes to the first node of
    /// its own key's preference list, as a client library routes it.
    @Test func everyRequestGoesToTheFirstNodeOfItsKeysPreferenceList() throws {
        let cluster = Cluster(config: ClusterConfig(seed: 3, nodeCount: 8, vnodes: 4))
        let keys = (0..<40).map { "key\($0)" }
        for round in 0..<2 {
            for key in keys {
                let operation: ClientRequest.Operation = round == 0 ? .put(.data(key), context: .empty) : .get
                let (_, coordinator) = try cluster.submit(operation, key: key)
                #expect(coordinator == preference(cluster, key).first, "\(key), round \(round)")
            }
            cluster.advance(by: 1_000)
        }
        #expect(Set(keys.map { preference(cluster, $0).first }).count > 1)
    }

    @Test func putSucceedsWithOneReplicaDownViaHint() throws {
        let cluster = Cluster()
        let owners = preference(cluster)
        try cluster.kill(owners[1])
        let put = try #require(written(try cluster.call(.put(.data("milk"), context: .empty), key: "cart", quorum: 3)))
        #expect(put.acks.count == 3)
        #expect(put.hinted == [HintedWrite(holder: owners[3], owner: owners[1])])
        #expect(cluster.node(owners[3]).hints.all.map(\.owner) == [owners[1]])
        #expect(cluster.node(owners[3]).store.versions(of: "cart").isEmpty, "hints live apart from the store")
    }

    @Test func hintIsHandedOffWhenTheOwnerReturnsAndThenDeleted() throws {
        let cluster = Cluster()
        let owners = preference(cluster)
        try cluster.kill(owners[1])
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart", quorum: 3)
        cluster.advance(by: 3_000)
        #expect(hintCount(cluster) == 1, "the owner is still down")
        try cluster.restart(owners[1])
        cluster.advance(by: 2_000)
        #expect(hintCount(cluster) == 0)
        #expect(cluster.node(owners[1]).store.versions(of: "cart").map(\.value) == [.data("milk")])
        #expect(cluster.trace.contains { if case .node(_, .handedOff("cart", owners[1], owners[1])) = $0.kind { true } else { false } })
    }

    @Test func readRepairBringsAStaleReplicaUpToDate() throws {
        let cluster = Cluster()
        let owners = preference(cluster)
        _ = try cluster.call(.put(.data("v1"), context: .empty), key: "cart")
        let first = try #require(read(try cluster.call(.get, key: "cart")))
        try cluster.partition([[owners[2]]])
        let second = try #require(written(try cluster.call(.put(.data("v2"), context: first.context), key: "cart", via: owners[0])))
        cluster.advance(by: 200)
        // The stand-in that holds owners[2]'s hint crashes, so only a read can mend owners[2].
        let holders = cluster.nodeIDs.filter { !cluster.node($0).hints.isEmpty }
        #expect(holders.count == 1)
        for holder in holders { try cluster.kill(holder) }
        try cluster.heal()
        // Past the coordinator's suspicion of owners[2], so the read asks it again.
        cluster.advance(by: 6_000)
        #expect(cluster.node(owners[2]).store.versions(of: "cart").map(\.value) == [.data("v1")])
        _ = try cluster.call(.get, key: "cart", via: owners[0], quorum: 3)
        cluster.advance(by: 100)
        #expect(cluster.node(owners[2]).store.versions(of: "cart") == [second.version])
        #expect(cluster.trace.contains { if case .node(_, .readRepair("cart", [owners[2]])) = $0.kind { true } else { false } })
    }

    @Test func writesOnBothSidesOfAPartitionBecomeSiblingsAndAReadThenWriteReconciles() throws {
        let cluster = Cluster()
        let owners = preference(cluster)
        _ = try cluster.call(.put(.data("bread"), context: .empty), key: "cart")
        let base = try #require(read(try cluster.call(.get, key: "cart")))
        let left = [owners[0], owners[3]]
        try cluster.partition([left])
        #expect(written(try cluster.call(.put(.data("milk"), context: base.context), key: "cart", via: owners[0])) != nil)
        #expect(written(try cluster.call(.put(.data("eggs"), context: base.context), key: "cart", via: owners[1])) != nil)
        try cluster.heal()
        cluster.advance(by: 20_000)
        let after = try #require(read(try cluster.call(.get, key: "cart", quorum: 3)))
        #expect(Set(after.siblings.compactMap(\.value.string)) == ["milk", "eggs"])
        _ = try cluster.call(.put(.data("milk+eggs"), context: after.context), key: "cart")
        let merged = try #require(read(try cluster.call(.get, key: "cart", quorum: 3)))
        #expect(merged.siblings.map(\.value) == [.data("milk+eggs")])
    }

    /// Two clients read the same version, then both write through its first owner; the versions
    /// a full read finds afterwards.
    func twoWritesFromOneRead(_ config: ClusterConfig) throws -> [Version] {
        let cluster = Cluster(config: config)
        let coordinator = preference(cluster)[0]
        _ = try cluster.call(.put(.data("bread"), context: .empty), key: "cart")
        let shared = try #require(read(try cluster.call(.get, key: "cart")))
        _ = try cluster.call(.put(.data("bread+milk"), context: shared.context), key: "cart", via: coordinator)
        _ = try cluster.call(.put(.data("bread+eggs"), context: shared.context), key: "cart", via: coordinator)
        return try #require(read(try cluster.call(.get, key: "cart", quorum: 3))).siblings
    }

    @Test func twoClientsWritingFromOneReadThroughOneCoordinatorBothSurvive() throws {
        let siblings = try twoWritesFromOneRead(ClusterConfig())
        #expect(Set(siblings.compactMap(\.value.string)) == ["bread+milk", "bread+eggs"])
    }

    @Test func plainVectorClocksLoseOneOfThoseWrites() throws {
        var config = ClusterConfig()
        config.settings.versioning.clocks = .vectorClock
        #expect(try twoWritesFromOneRead(config).count == 1)
    }

    /// With every owner down, a read is coordinated by the first live node past them, and
    /// the first N healthy nodes it asks include itself: its own copy is one of the R.
    @Test func aReadCoordinatedPastTheOwnersCountsItsOwnCopy() throws {
        let cluster = Cluster()
        let walk = preference(cluster)
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart", quorum: 3)
        for owner in walk.prefix(3) { try cluster.kill(owner) }
        let get = try #require(read(try cluster.call(.get, key: "cart")))
        #expect(Set(get.replied) == Set(walk[3...4]))
    }

    @Test func aWriteFailsWhenTooFewNodesAreAlive() throws {
        let cluster = Cluster()
        let owners = preference(cluster)
        for node in owners[1...3] { try cluster.kill(node) }
        let reply = try cluster.call(.put(.data("x"), context: .empty), key: "cart", quorum: 3)
        guard case .failed(let reason) = reply.outcome else {
            Issue.record("expected a failure with two of five nodes alive and W=3")
            return
        }
        #expect(reason.contains("W=3"))
        // The two that did acknowledge: the coordinator, and the one live stand-in with the
        // owner it holds a hint for.
        let standIn = owners[1...2].map { "(acknowledged by \(owners[0]), \(owners[4]) for \($0); " }
        #expect(standIn.contains { reason.contains($0) }, "\(reason)")
        #expect(reason.hasSuffix("no answer from \(owners[1]) \(owners[2]) \(owners[3]))"), "\(reason)")
    }

    /// A read's silent replica is replaced by the next healthy node, as a write's is, and the
    /// trace says so before the stand-in is asked.
    @Test func aReadAsksTheNextHealthyNodeInPlaceOfASilentReplicaAndSaysSo() throws {
        let cluster = Cluster()
        let walk = preference(cluster)
        _ = try cluster.call(.put(.data("x"), context: .empty), key: "cart")
        cluster.advance(by: 1_000)
        try cluster.partition([[walk[2]]])
        _ = try cluster.call(.get, key: "cart")
        cluster.advance(by: 1_000)
        let lines = cluster.trace.map(\.body)
        let said = try #require(lines.firstIndex(of: "\(walk[0]) read of cart: asked \(walk[3]) in place of \(walk[2])"),
                                "\(lines.joined(separator: "\n"))")
        let asked = lines.firstIndex(of: "\(walk[0]) → \(walk[3]) fetch cart")
        #expect(asked.map { $0 > said } == true, "\(lines.joined(separator: "\n"))")
    }

    @Test func aReadThatFailsNamesTheNodesThatNeverAnswered() throws {
        let cluster = Cluster()
        let owners = preference(cluster)
        _ = try cluster.call(.put(.data("x"), context: .empty), key: "cart")
        // The first owner, cut off from every other node, is still the one the read is sent to.
        try cluster.partition([[owners[0]]])
        let reply = try cluster.call(.get, key: "cart", via: owners[0])
        guard case .failed(let reason) = reply.outcome else {
            Issue.record("expected a failure from a coordinator cut off from every replica")
            return
        }
        #expect(reason.hasPrefix("only 1 of R=2 answered"), "\(reason)")
        for owner in owners[1...2] { #expect(reason.contains(" \(owner)"), "\(reason)") }
        #expect(reason.contains("(answered by ") && reason.contains("; no answer from "), "\(reason)")
    }

    @Test func aPartitionedNodeOutsideThePreferenceListStillTakesWrites() throws {
        let cluster = Cluster()
        let owners = preference(cluster)
        let outsider = owners[4]
        try cluster.partition([[outsider, owners[3]]])
        let put = try #require(written(try cluster.call(.put(.data("x"), context: .empty), key: "cart", via: outsider)))
        #expect(Set(put.acks).isSubset(of: [outsider, owners[3]]))
        #expect(put.hinted.count == 2)
    }

    @Test func aSlowForwardTargetDoesNotMakeASecondCoordinator() throws {
        let cluster = Cluster()
        let owners = preference(cluster)
        // A round trip takes longer than the forwarder waits for an acceptance.
        cluster.setLatency(60...90)
        _ = try cluster.call(.put(.data("x"), context: .empty), key: "cart", via: owners[4])
        #expect(cluster.trace.contains { if case .delivered(_, _, let message) = $0.kind { message.kind == .forwardWithdrawn } else { false } },
                "a second target was tried and told to drop the write")
        cluster.setLatency(1...10)
        cluster.advance(by: 1_000)
        let get = try #require(read(try cluster.call(.get, key: "cart", quorum: 3)))
        #expect(get.siblings.map(\.value) == [.data("x")])
    }

    /// N=5 and W=3: the forwarder, cut off from every owner, tries all five a replica timeout
    /// each, then coordinates the write itself, which then has a whole request timeout.
    @Test func aWriteCoordinatedAfterItsForwardFailedKeepsItsOwnDeadline() throws {
        var config = ClusterConfig(seed: 1, nodeCount: 7)
        config.settings.n = 5
        let cluster = Cluster(config: config)
        let owners = preference(cluster)
        let outsider = try #require(cluster.nodeIDs.first { !owners.prefix(5).contains($0) })
        try cluster.partition([[outsider], cluster.nodeIDs.filter { $0 != outsider }])
        let reply = try cluster.call(.put(.data("x"), context: .empty), key: "cart", via: outsider, quorum: 3)
        guard case .failed(let reason) = reply.outcome else {
            Issue.record("expected a failure: only the coordinator and its fallbacks take the write")
            return
        }
        #expect(reason.hasPrefix("only 1 of W=3 acknowledged within 300ms"), "\(reason)")
        let operation = try #require(cluster.history.last)
        let settings = cluster.settings
        #expect(operation.completedAt.map { $0 - operation.invokedAt } == 5 * settings.replicaTimeout + settings.requestTimeout)
    }

    /// The forward's deadline (twice the request timeout and a replica timeout from the first
    /// attempt) falls after the write it came back to has answered but before its replica
    /// deadline: a fallback lost to the partition must still be replaced then, so that every
    /// owner's version is held, by the owner or as a hint for it.
    @Test func aWriteCoordinatedAfterItsForwardFailedStillReplacesSilentReplicas() throws {
        var config = ClusterConfig(seed: 1, nodeCount: 7)
        config.settings.replicaTimeout = 250
        let cluster = Cluster(config: config)
        let owners = Array(preference(cluster).prefix(3))
        let outsider = try #require(cluster.nodeIDs.first { !owners.contains($0) })
        // The owners and one more node are cut off from the forwarder; the rest reach everyone.
        let others = cluster.nodeIDs.filter { $0 != outsider && !owners.contains($0) }
        try cluster.partition([[outsider], owners + [others[0]]])
        _ = try #require(written(try cluster.call(.put(.data("x"), context: .empty), key: "cart", via: outsider)))
        cluster.advance(by: 400)
        let nodes = cluster.snapshot().nodes
        let hinted = Set(nodes.flatMap { node in node.hints.map(\.owner) })
        for owner in owners {
            #expect(hinted.contains(owner) || !nodes[owner.index - 1].store.versions(of: "cart").isEmpty, "\(owner)")
        }
    }

    @Test func killAndRestartRefuseWhatMakesNoSense() throws {
        let cluster = Cluster()
        try cluster.kill(NodeID(2))
        #expect(throws: ClusterError.alreadyDown(NodeID(2))) { try cluster.kill(NodeID(2)) }
        #expect(throws: ClusterError.alreadyUp(NodeID(1))) { try cluster.restart(NodeID(1)) }
        #expect(throws: ClusterError.unknownNode(NodeID(9), count: 5)) { try cluster.kill(NodeID(9)) }
        #expect(throws: ClusterError.nodeDown(NodeID(2))) { try cluster.call(.get, key: "k", via: NodeID(2)) }
    }

    /// A wiped node has nothing left to lose until it runs again: a second wipe is refused and
    /// uses no epoch, so the node comes back as epoch 2, as one wipe promises.
    @Test func aNodeWipedAndNotRestartedCannotBeWipedAgain() throws {
        let cluster = Cluster()
        try cluster.wipe(NodeID(2))
        #expect(throws: ClusterError.alreadyWiped(NodeID(2))) { try cluster.wipe(NodeID(2)) }
        try cluster.restart(NodeID(2))
        #expect(cluster.node(NodeID(2)).actor.description == "node2#2")
        try cluster.wipe(NodeID(2))
        #expect(cluster.node(NodeID(2)).actor.description == "node2#3", "running again, it has a store to lose")
    }

    @Test func timersFromBeforeARestartDoNotFire() throws {
        let cluster = Cluster()
        try cluster.kill(NodeID(1))
        try cluster.restart(NodeID(1))
        try cluster.kill(NodeID(1))
        try cluster.restart(NodeID(1))
        cluster.advance(by: 10_500)
        // One chain of each periodic timer per live incarnation: 5 nodes, one pending each.
        #expect(cluster.pendingTimers(.handoff) == 5)
        #expect(cluster.pendingTimers(.gossip) == 5)
    }

    @Test func theSameSeedGivesTheSameRunAndAnotherSeedAnotherRing() throws {
        func run(seed: UInt64) throws -> [String] {
            let cluster = Cluster(config: ClusterConfig(seed: seed))
            try cluster.kill(NodeID(3))
            for index in 0..<20 {
                _ = try cluster.call(.put(.data("v\(index)"), context: .empty), key: "key\(index % 7)")
            }
            try cluster.restart(NodeID(3))
            cluster.advance(by: 5_000)
            return cluster.trace.map(\.description)
        }
        #expect(try run(seed: 7) == run(seed: 7))
        #expect(ClusterConfig(seed: 7).makeRing() != ClusterConfig(seed: 8).makeRing())
    }

    /// `call` hands a request to its coordinator at once when nothing else is due by then, where
    /// `submit` queues it: the runs are the same event for event, with replies that come in the
    /// coordinator's first step (W=1, R=1), a node down, lost messages and a partition.
    @Test func aCallRunsAsASubmittedRequestRunStepByStep() throws {
        func run(calling: Bool) throws -> (replies: [ClientReply], trace: [String], history: [Operation]) {
            let cluster = Cluster(config: ClusterConfig(seed: 11))
            try cluster.setLoss(0.1)
            try cluster.kill(NodeID(2))
            var replies: [ClientReply] = []
            var context = VectorClock.empty
            for index in 0..<60 {
                if index == 30 { try cluster.partition([[NodeID(1), NodeID(3)]]) }
                let key = "key\(index % 5)", quorum = index % 3 == 0 ? 1 : nil
                let operation: ClientRequest.Operation = index % 2 == 0 ? .put(.data("v\(index)"), context: context) : .get
                let reply: ClientReply
                if calling {
                    reply = try cluster.call(operation, key: key, quorum: quorum)
                } else {
                    let (id, _) = try cluster.submit(operation, key: key, quorum: quorum)
                    var taken = cluster.takeReply(for: id)
                    while taken == nil, cluster.step() { taken = cluster.takeReply(for: id) }
                    reply = try #require(taken)
                }
                if case .read(_, let clock, _) = reply.outcome { context = clock }
                replies.append(reply)
            }
            cluster.advance(by: 2_000)
            return (replies, (Array(cluster.trace) + Array(cluster.routineTrace)).map(\.description), Array(cluster.history))
        }
        let called = try run(calling: true), submitted = try run(calling: false)
        #expect(called.replies == submitted.replies)
        #expect(called.trace == submitted.trace)
        #expect(called.history == submitted.history)
    }

    /// `loss 0% node1 -> node2` under `loss 30%` spares that link, and `faults` says so.
    @Test func aLinkAtNoLossIsSparedTheLossEverywhere() throws {
        let cluster = Cluster()
        let link = Network.Link(from: NodeID(1), to: NodeID(2))
        try cluster.setLoss(0.3)
        try cluster.setLoss(0, on: link)
        #expect(cluster.network.lossRate(from: NodeID(1), to: NodeID(2)) == 0)
        #expect(cluster.network.lossRate(from: NodeID(2), to: NodeID(1)) == 0.3)
        #expect(cluster.network.faults.contains("loss: 0% on node1 -> node2"))
        try cluster.setLoss(0.3, on: link)
        #expect(cluster.network.linkLoss.isEmpty, "back at the loss everywhere")
    }
}
