import DynamoCore
import Testing
@testable import DynamoSim

/// A dot names exactly one write: replicas drop a version whose dot they already hold, so a
/// coordinator that issued a dot twice would have its second write acknowledged and lost.
@Suite struct DotUniquenessTests {
    func values(_ cluster: Cluster, on node: NodeID, _ key: String = "cart") -> Set<String> {
        Set(cluster.node(node).store.versions(of: key).compactMap(\.value.string))
    }

    @Test func aWriteAfterWipeIsNotMistakenForAnOldOne() throws {
        let cluster = Cluster()
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 3)
        _ = try cluster.call(.put(.data("a"), context: .empty), key: "cart", via: owners[0])
        try cluster.wipe(owners[0])
        try cluster.restart(owners[0])
        let reply = try cluster.call(.put(.data("b"), context: .empty), key: "cart", via: owners[0], client: "bob")
        guard case .written(let version, _, _) = reply.outcome else {
            Issue.record("expected the write to be acknowledged")
            return
        }
        #expect(version.dot.description == "\(owners[0].name)#2:1", "a wiped node writes under a new epoch")
        cluster.advance(by: 100)
        for replica in owners[1...] { #expect(values(cluster, on: replica) == ["a", "b"]) }
    }

    @Test func aFallbackCoordinatorNeverReissuesADotAfterItsHintIsHandedOff() throws {
        let cluster = Cluster()
        let walk = cluster.ring.walk(from: .of(key: "cart"))
        let outsider = walk[4]
        for value in ["x", "y"] {
            try cluster.partition([[outsider, walk[3]]])
            let reply = try cluster.call(.put(.data(value), context: .empty), key: "cart", via: outsider)
            guard case .written(let version, _, let hinted) = reply.outcome, !hinted.isEmpty else {
                Issue.record("expected the outsider to coordinate \(value) with hints")
                return
            }
            #expect(version.dot.node == outsider)
            try cluster.heal()
            cluster.advance(by: 15_000)
            #expect(cluster.node(outsider).hints.isEmpty, "handed off, so the outsider holds nothing of cart")
        }
        #expect(values(cluster, on: walk[0]) == ["x", "y"])
    }

    /// The paper's section 4.4 scenario made sloppy: the outsider coordinates `milk` with
    /// hints and hands them back, then, cut off again, coordinates a blind `eggs`. A reader of
    /// `eggs` must not be handed a context claiming `milk`, or its next write deletes it.
    @Test func aCoordinatorThatGaveItsVersionsAwayClaimsNoneOfThemAfterwards() throws {
        let cluster = Cluster()
        let walk = cluster.ring.walk(from: .of(key: "cart"))
        let outsider = walk[4]
        try cluster.partition([[outsider, walk[3]]])
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart", via: outsider)
        try cluster.heal()
        cluster.advance(by: 15_000)
        #expect(cluster.node(outsider).hints.isEmpty, "milk was handed off: the outsider holds nothing of cart")

        try cluster.partition([[outsider, walk[3]]])
        let eggs = try cluster.call(.put(.data("eggs"), context: .empty), key: "cart", via: outsider, client: "bob")
        guard case .written(let version, _, _) = eggs.outcome else {
            Issue.record("expected eggs to be acknowledged")
            return
        }
        #expect(version.dot.actor == ActorID(outsider, epoch: 1), "a new actor, whose clock claims nothing else")
        let read = try cluster.call(.get, key: "cart", via: outsider, client: "bob")
        guard case .read(_, let context, _) = read.outcome else {
            Issue.record("expected bob's read to answer")
            return
        }
        #expect(context[ActorID(outsider)] == 0, "bob never saw milk")
        _ = try cluster.call(.put(.data("final"), context: context), key: "cart", via: outsider, client: "bob")
        try cluster.heal()
        cluster.advance(by: 15_000)

        #expect(values(cluster, on: walk[0]) == ["milk", "final"])
        #expect(cluster.audit().lost.isEmpty)

        try cluster.wipe(outsider)
        #expect(cluster.node(outsider).actor == ActorID(outsider, epoch: 2), "a wipe takes an epoch above every one used")
    }

    /// A key whose replicas moved away when N fell, and came back when it rose, is written
    /// under a new actor: the old one's versions went with the key.
    @Test func aKeyThatMovedAwayAndBackIsWrittenUnderANewActor() throws {
        let cluster = Cluster()
        let walk = cluster.ring.walk(from: .of(key: "cart"))
        let third = walk[2]
        _ = try cluster.call(.put(.data("milk"), context: .empty), key: "cart", via: third)
        var settings = cluster.settings
        settings.n = 2
        cluster.update(settings)
        cluster.advance(by: 3_000)
        #expect(values(cluster, on: third).isEmpty, "handed over to the two owners left")
        settings.n = 3
        cluster.update(settings)

        let eggs = try cluster.call(.put(.data("eggs"), context: .empty), key: "cart", via: third, client: "bob")
        let read = try cluster.call(.get, key: "cart", via: third, quorum: 1, client: "bob")
        guard case .written(let version, _, _) = eggs.outcome, case .read(_, let context, _) = read.outcome else {
            Issue.record("expected eggs and bob's read to be answered")
            return
        }
        #expect(version.dot.actor.epoch > 0)
        _ = try cluster.call(.put(.data("final"), context: context), key: "cart", via: third, client: "bob")
        cluster.advance(by: 1_000)
        #expect(values(cluster, on: walk[0]) == ["milk", "final"])
        #expect(cluster.audit().lost.isEmpty)
    }

    /// A coordinator that holds its earlier versions keeps its actor: new actors only where
    /// one is needed.
    @Test func aCoordinatorHoldingItsOwnVersionsKeepsItsActor() throws {
        let cluster = Cluster()
        let owner = cluster.ring.walk(from: .of(key: "cart"), limit: 1)[0]
        for (client, value) in [("alice", "milk"), ("bob", "eggs"), ("carol", "jam")] {
            let reply = try cluster.call(.put(.data(value), context: .empty), key: "cart", via: owner, client: client)
            guard case .written(let version, _, _) = reply.outcome else {
                Issue.record("expected \(value) to be acknowledged")
                return
            }
            #expect(version.dot.actor == ActorID(owner))
        }
        #expect(values(cluster, on: owner) == ["milk", "eggs", "jam"], "three blind writes are three siblings")
    }

    /// Last-write-wins drops a coordinator's own versions whenever a later timestamp wins, and
    /// no clock claim could lose more: it keeps its actor.
    @Test func lastWriteWinsKeepsEachCoordinatorsActor() throws {
        var settings = NodeSettings()
        settings.versioning.conflicts = .lastWriteWins
        let cluster = Cluster(config: ClusterConfig(settings: settings))
        let owners = cluster.ring.walk(from: .of(key: "cart"), limit: 2)
        for round in 0..<6 {
            let reply = try cluster.call(.put(.data("v\(round)"), context: .empty), key: "cart", via: owners[round % 2])
            guard case .written(let version, _, _) = reply.outcome else {
                Issue.record("expected v\(round) to be acknowledged")
                return
            }
            #expect(version.dot.actor.epoch == 0, "v\(round): \(version.dot)")
            cluster.advance(by: 1_000)
        }
    }
}
