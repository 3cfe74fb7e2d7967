import DynamoCore
import Testing
@testable import DynamoLab

/// A fixed set of seeds explored on every test run; `dynamo-lab explore` runs more.
@Suite struct ExplorationTests {
    @Test(arguments: Array(UInt64(1)...24))
    func seededFaultsBreakNoPromise(_ seed: UInt64) {
        let run = Exploration.explore(seed: seed, operations: 120)
        #expect(run.refused.isEmpty, "seed \(seed): \(run.refused)")
        #expect(run.violations.isEmpty, "seed \(seed): \(run.violations)\n\(Exploration.script(run))")
        #expect(run.faults > 0)
        #expect(run.acknowledged > 0)
    }

    @Test func theWorkloadUsesOnlyTheNodesTheSetupLeaves() throws {
        let run = Exploration.explore(seed: 3, operations: 80, setup: ["config nodes=3"])
        #expect(run.nodes == 3)
        #expect(run.refused.isEmpty, "\(run.refused)")
        #expect(!run.commands.contains { $0.contains("node4") || $0.contains("node5") })
        #expect(try Exploration.shape(5, after: ["config nodes=7 vnodes=4 n=2"]) == Exploration.Shape(nodes: 7, n: 2, notes: []))
        #expect(throws: LabError.refused("n=9 needs at least 9 nodes in the ring; it has 5 (join adds one)")) { try Exploration.shape(5, after: ["config n=9"]) }
    }

    /// Settings that `config` warns of are reported with the shape, so that explore can say
    /// why the promises may break before it finds that they do.
    @Test func theShapeCarriesTheNotesTheSettingsDraw() throws {
        let notes = try Exploration.shape(5, after: ["config suspicion=500ms timeout=50ms"]).notes
        #expect(notes.count == 2)
        #expect(notes.allSatisfy { $0.hasPrefix("note: ") && !$0.contains("\n") })
        #expect(notes.contains { $0.contains("suspicion=500ms") } && notes.contains { $0.contains("timeout=50ms") })
    }

    /// One replica per write (N=2, R=1, W=1) with nodes leaving and joining: hints and keys
    /// move between nodes most often here, which is where versions came apart from the earlier
    /// ones their clocks claim.
    @Test(arguments: Array(UInt64(9)...14))
    func membershipChurnWithSingleReplicaQuorumsLosesNothing(_ seed: UInt64) {
        let run = Exploration.explore(seed: seed, operations: 300, setup: ["config n=2 r=1 w=1"])
        #expect(run.refused.isEmpty, "seed \(seed): \(run.refused)")
        #expect(run.violations.isEmpty, "seed \(seed): \(run.violations)\n\(Exploration.script(run))")
        #expect(run.commands.contains { $0.hasPrefix("leave ") })
    }

    /// The cluster settles for a minute, or longer when ten gossip rounds and three anti-entropy
    /// and hand-off rounds take longer, so slow repair or gossip is not mistaken for divergence.
    @Test func settlingOutlastsGossipAndRepairRounds() {
        var settings = NodeSettings()
        #expect(Exploration.quiescence(under: settings, nodes: 5) == 60_000)
        settings.antiEntropyInterval = 60_000
        #expect(Exploration.quiescence(under: settings, nodes: 5) == 193_000)
        settings.handoffInterval = 1_500
        #expect(Exploration.quiescence(under: settings, nodes: 5) == 195_000, "whole seconds")
        settings.gossipInterval = 20_000
        #expect(Exploration.quiescence(under: settings, nodes: 5) == 385_000)
        #expect(Exploration.quiescence(under: settings, nodes: 1_000) == 585_000, "news takes 2·(9 + 1) rounds to reach 1,000 nodes twice")
        settings.antiEntropyInterval = 86_400_000
        #expect(Exploration.quiescence(under: settings, nodes: 5) == 86_400_000, "no longer than the longest wait")
        let run = Exploration.explore(seed: 22_001, operations: 300, setup: ["config anti-entropy=1m"])
        #expect(run.violations.isEmpty, "\(run.violations)")
        #expect(run.quiescing.last == "wait 193s")
        let slowGossip = Exploration.explore(seed: 117, operations: 300, setup: ["config gossip=20s"])
        #expect(slowGossip.violations.isEmpty, "\(slowGossip.violations)")
    }

    @Test func theWorkloadOfASeedIsAlwaysTheSame() {
        #expect(Exploration.workload(seed: 9, operations: 50) == Exploration.workload(seed: 9, operations: 50))
        #expect(Exploration.workload(seed: 9, operations: 50) != Exploration.workload(seed: 10, operations: 50))
    }
}

/// The checker can fail: last-write-wins loses acknowledged writes, and exploration finds,
/// shrinks and reproduces that.
@Suite struct ExplorationFindsLostWritesTests {
    @Test func lastWriteWinsIsCaughtShrunkAndReproduced() throws {
        let failing = (UInt64(1)...10).lazy.map { Exploration.explore(seed: $0, operations: 80, setup: ["config conflicts=lww"]) }
            .first { !$0.violations.isEmpty }
        let run = try #require(failing)
        #expect(run.violations.contains { $0.hasPrefix("lost an acknowledged write") })
        let shrunk = Exploration.shrink(run)
        #expect(shrunk.count < run.commands.count)
        #expect(shrunk.first == "config conflicts=lww", "the settings stay")
        let reduced = Exploration.check(shrunk, seed: run.seed)
        #expect(!reduced.violations.isEmpty)
        var transcript: [String] = []
        let script = Script(name: "repro.dlab", text: Exploration.script(reduced))
        let outcome = ScriptRunner(json: false) { transcript.append($0) }.run(script, in: Lab())
        #expect(outcome == .expectationFailed, "\(transcript.joined(separator: "\n"))")
    }
}
