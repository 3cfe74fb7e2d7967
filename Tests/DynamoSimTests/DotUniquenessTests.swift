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
}
