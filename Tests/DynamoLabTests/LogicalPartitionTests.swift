import DynamoSim
import Testing
@testable import DynamoLab

/// Section 4.8.2's logical partition: nodes leave and rejoin while they cannot hear each other,
/// until node3 believes every other node left and they believe node3 left. Gossip among
/// members alone never reaches across; the ring must still come together.
@Suite struct LogicalPartitionTests {
    @Test func nodesThatEachBelieveTheOthersLeftFindTheRingAgain() {
        let lab = Lab()
        let cuts = [(3, 1), (3, 2), (4, 1), (4, 2), (5, 1), (5, 2)].flatMap { a, b in
            ["cut node\(a) -> node\(b)", "cut node\(b) -> node\(a)"]
        }
        let lines = ["config n=2 r=1 w=1", "put k1 a", "wait 2s", "leave node3", "leave node1", "leave node2", "wait 10s"]
            + cuts + ["join node1", "join node2", "wait 10s", "leave node5", "leave node4", "wait 10s", "heal", "join node3",
                      "wait 60s", "put k1 d via node3", "wait 5m"]
        for line in lines {
            let result = lab.execute(line)
            #expect(result?.status != .rejected, "\(line) → \(result?.text ?? "")")
        }
        let audit = lab.cluster.audit()
        #expect(audit.staleRings.isEmpty)
        #expect(audit.misplaced.isEmpty)
        #expect(audit.divergent.isEmpty)
        #expect(audit.lost.isEmpty)
        #expect(lab.execute("expect views agree")?.status == .ok)
    }
}
