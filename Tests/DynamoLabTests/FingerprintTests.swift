import DynamoCore
import DynamoSim
import Testing
@testable import DynamoLab

/// The fingerprint that "nothing changed" checks compare must see a change to any part of
/// the state on its own, or those checks would pass whatever a refused line did.
@Suite struct FingerprintTests {
    static var parts: [(part: String, change: (Lab) throws -> Void)] { [
        ("the current client", { $0.currentClient = "client1" }),
        ("a client's context", { $0.clients["alice"]!.remember(.empty, for: "list") }),
        ("a new client", { $0.clients["bob"] = ClientSession(name: "bob") }),
        ("the reads expect checks", { $0.lastReads["cart"] = [] }),
        ("the focused key", { $0.focus = "list" }),
        ("the live clock running", { $0.live.running = true }),
        ("the live speed", { $0.live.speed = 3 }),
        ("the history save writes", { $0.history.append("say hello") }),
        ("the seed save writes", { $0.baseline.seed += 1 }),
        ("the node count save writes", { $0.baseline.nodeCount += 1 }),
        ("the lines queued behind a live request", { $0.liveState.queue.append("get cart") }),
        ("live time not yet saved", { $0.liveState.add(.wait(5)) }),
        ("a setting", { lab in
            var settings = lab.cluster.settings
            settings.r = 1
            lab.cluster.update(settings)
        }),
        ("loss everywhere", { try $0.cluster.setLoss(0.5) }),
        ("loss on one link", { try $0.cluster.setLoss(0.5, on: Network.Link(from: NodeID(2), to: NodeID(3))) }),
        ("latency", { $0.cluster.setLatency(1...99) }),
        ("clock skew", { try $0.cluster.setSkew(NodeID(1), by: -7) }),
        ("a cut link", { try $0.cluster.cut(Network.Link(from: NodeID(3), to: NodeID(4))) }),
        ("virtual time", { $0.cluster.advance(by: 1) }),
        ("a node's process", { try $0.cluster.kill(NodeID(4)) }),
        ("a request on the wire", { _ = try $0.cluster.submit(.get, key: "cart") }),
    ] }

    @Test func theFingerprintSeesAChangeToEachPartOfTheState() throws {
        for (part, change) in Self.parts {
            let lab = HostileInputTests.preparedLab()
            // Without trace entries, so that each change is seen by itself.
            lab.cluster.tracing = false
            let before = fingerprint(lab)
            try change(lab)
            #expect(fingerprint(lab) != before, "the fingerprint misses \(part)")
        }
    }

    @Test func theFingerprintSeesEveryTraceEntry() throws {
        let lab = HostileInputTests.preparedLab()
        let before = fingerprint(lab)
        lab.cluster.setLatency(lab.cluster.network.latency)
        #expect(fingerprint(lab) != before)
    }
}
