import DynamoSim
import Testing
@testable import DynamoLab

/// A version's clock claims every earlier counter of its actor, so a node must never hold or
/// send a version without the earlier ones of that actor it claims, or a reader given it
/// alone would delete them with its next write. These sessions, found by `explore` with one
/// replica per write while nodes left and joined, lost acknowledged writes that way.
@Suite struct HandedOnVersionsTests {
    func session(_ lines: [String]) -> Lab {
        let lab = Lab()
        for line in ["config nodes=5", "seed 14", "config n=2 r=1 w=1"] + lines {
            let result = lab.execute(line)
            #expect(result?.status != .rejected, "\(line) → \(result?.text ?? "")")
        }
        return lab
    }

    /// node4 coordinates two writes of k0 for owners it believes down, keeping each as a hint
    /// for a different owner. Its hint for node2 must carry the first write along with the
    /// second, whose clock claims it: node2, given the second alone, showed the reader a clock
    /// that claimed the first, and the reader's next write deleted it.
    @Test func aHintCarriesTheEarlierVersionsItsClockClaims() {
        let lab = session([
            "wait 3309ms", "kill node3", "wait 1620ms", "kill node1", "wait 397ms", "leave node5",
            "put k4 v301", "wait 1625ms", "put k0 v304 via node2", "wait 76ms", "put k1 v305",
            "partition node2,node4", "wait 284ms", "leave node2", "get k3", "get k1", "wait 741ms",
            "put k2 v321 via node4", "get k0", "get k1 via node5", "put k3 v343", "wait 885ms",
            "put k0 v344", "delay 22ms..100ms", "join node2", "get k3 via node5", "wait 1803ms",
            "put k2 v368", "put k0 v372 via node4", "wait 1603ms", "get k0 via node2", "put k0 v377",
            "heal", "delay 1ms..10ms", "restart node1", "restart node3", "wait 60s",
        ])
        let audit = lab.cluster.audit()
        #expect(audit.acknowledged > 0)
        #expect(audit.lost.isEmpty, "\(audit.lost)")
        #expect(audit.pendingHints == 0)
    }

    /// A node whose ring has no member left (it heard that every other node left, and left
    /// itself) keeps no copy of a write it coordinates, so it must not count itself towards W.
    @Test func aCoordinatorThatKeptNoCopyDoesNotAcknowledgeItself() {
        let lab = Lab()
        for line in ["config nodes=3 n=1 r=1 w=1", "leave node1", "leave node2", "wait 10s",
                     "cut node2 -> node1", "cut node1 -> node2", "cut node2 -> node3", "cut node3 -> node2",
                     "join node2", "leave node3", "wait 10s"] {
            #expect(lab.execute(line)?.status != .rejected, "\(line)")
        }
        #expect(lab.execute("put cart milk via node1")?.status == .failed)
        _ = lab.execute("heal")
        _ = lab.execute("wait 60s")
        #expect(lab.cluster.audit().lost.isEmpty)
    }
}
