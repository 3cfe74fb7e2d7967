import Foundation
import DynamoSim
import Testing
@testable import DynamoLab

/// What `put` and `get` say of themselves: where a write's hints went and whether they are
/// known to be there, what a write that did not see everything held saw, and which of a
/// read's replies came from nodes standing in for replicas.
@Suite struct RequestReportTests {
    func hintLines(_ result: CommandResult?) -> [String] {
        (result?.text ?? "").split(separator: "\n").filter { $0.hasPrefix("  hint for") }.map(String.init)
    }

    /// A write sent through a node outside the preference list that no owner took from it is
    /// coordinated there, and the answer says why, and how long the forwards took on top of the
    /// coordinator's own timeout: each owner tried for a replica timeout, then the request's.
    /// A forward an owner takes says nothing of the kind.
    @Test func aWriteNoOwnerTookFromItsForwarderSaysWhyItWasCoordinatedThere() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        let outsider = try #require(lab.cluster.nodeIDs.first { !owners.contains($0) })
        let rest = lab.cluster.nodeIDs.filter { $0 != outsider }.map(\.name).joined(separator: ",")
        run(lab, "partition \(outsider.name) \(rest)")
        let failed = try #require(run(lab, "put cart milk via \(outsider.name)"))
        let settings = lab.cluster.settings
        let took = DurationText.of(3 * settings.replicaTimeout + settings.requestTimeout)
        #expect(failed.text.hasSuffix("\n  \(outsider) coordinated it itself: no owner of cart it believed up took the write it forwarded (\(took) in all)"),
                "\(failed.text)")
        #expect(failed.fields.contains { $0.0 == "coordinated_by_forwarder" })
        run(lab, "heal", "wait 30s")
        let forwarded = try #require(run(lab, "put cart eggs via \(outsider.name)"))
        #expect(forwarded.text.contains("coordinated by \(owners[0])") && !forwarded.text.contains("itself"), "\(forwarded.text)")
        #expect(!forwarded.fields.contains { $0.0 == "coordinated_by_forwarder" })
        // With every owner believed down, nothing is forwarded, and the answer says so.
        run(lab, "kill \(owners[0].name)", "kill \(owners[1].name)", "kill \(owners[2].name)", "wait 30s")
        let alone = try #require(run(lab, "put cart tea via \(outsider.name)"))
        #expect(alone.text.contains("\n  \(outsider) coordinated it itself: it believed no owner of cart up, so it forwarded nothing ("),
                "\(alone.text)")
    }

    /// A hint the answer waited for is stored; one sent just before the answer, into a
    /// partition that drops it, is lost, and the holder never gets it.
    @Test func aHintIsCalledStoredOnlyWhenItsHolderAcknowledgedIt() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        run(lab, "kill \(owners[2].name)", "wait 15s")
        let stored = try #require(run(lab, "put cart milk w=3"))
        let line = try #require(hintLines(stored).first, "\(stored.text)")
        #expect(hintLines(stored).count == 1)
        #expect(line.hasPrefix("  hint for \(owners[2].name) stored on "), "\(line)")
        let fallback = String(line.split(separator: " ").last!)
        let acks = stored.text.firstMatch(of: /acks from ([^(]+) \(W=3\)/).map { Set($0.1.split(separator: " ").map(String.init)) }
        #expect(acks == [owners[0].name, owners[1].name, fallback], "\(stored.text)")
        #expect(stored.json.rendered.contains(#""hinted":[{"holder":"\#(fallback)","for":"\#(owners[2].name)","acknowledged":true,"lost":null}]"#))

        // Cut the fallback off with the others, then write before the coordinator suspects it.
        run(lab, "get cart", "partition \(owners[0].name),\(owners[1].name)")
        let dropped = try #require(run(lab, "put cart eggs"))
        #expect(hintLines(dropped) == ["  hint for \(owners[2].name) sent to \(fallback) and lost: link cut"], "\(dropped.text)")
        #expect(dropped.json.rendered.contains(#""acknowledged":false,"lost":"link cut""#))
        run(lab, "wait 5s")
        let held = run(lab, "versions cart")?.text.split(separator: "\n") ?? []
        #expect(held.contains { $0.hasPrefix("  \(fallback) ") && $0.contains("milk") }, "\(held)")
        #expect(!held.contains { $0.hasPrefix("  \(fallback) ") && $0.contains("eggs") }, "the fallback never got eggs: \(held)")
    }

    /// A put whose context clock-max cut says which entries went, in its text and its JSON.
    @Test func aPutSaysWhichEntriesOfItsContextClockMaxDropped() throws {
        let lab = Lab()
        let first = try #require(run(lab, "config clock-max=2", "put cart a via node2", "get cart", "put cart b via node1"))
        #expect(!first.text.contains("dropped") && first.json.rendered.contains(#""truncated":[]"#), "\(first.text)")
        let third = try #require(run(lab, "get cart", "put cart c via node4"))
        #expect(third.text.hasSuffix("\n  clock-max=2 dropped the oldest entry of its context: node2:1"), "\(third.text)")
        #expect(third.json.rendered.contains(#""truncated":["node2:1"]"#))
    }

    /// On a slow network the replicas answer after their deadline: hints go out, and the put is
    /// answered while they are still on their way, neither acknowledged nor lost.
    @Test func aHintStillOnItsWayIsSaidToBeSent() throws {
        let lab = Lab()
        let put = try #require(run(lab, "config timeout=1s", "delay 150ms", "put cart milk"))
        let lines = hintLines(put)
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasSuffix(", not yet acknowledged when the put answered") }, "\(put.text)")
        #expect(put.json.rendered.contains(#""acknowledged":false,"lost":null"#), "\(put.json.rendered)")
    }

    /// A hint whose message the network dropped before the answer is said to be lost, with the
    /// reason the trace gives: the coordinator believes it sent, but no node holds it.
    @Test func aHintDroppedBeforeTheAnswerIsSaidToBeLost() throws {
        let lab = Lab()
        run(lab, "put cart milk", "get cart", "partition node1,node2 node3,node4,node5", "config replica-timeout=2ms")
        let put = try #require(run(lab, "put cart eggs via node2"))
        let lines = hintLines(put)
        #expect(!lines.isEmpty && lines.allSatisfy { $0.hasSuffix(" and lost: link cut") }, "\(put.text)")
        #expect(put.json.rendered.contains(#""acknowledged":false,"lost":"link cut""#), "\(put.json.rendered)")
        run(lab, "wait 1s")
        #expect(run(lab, "hints")?.text.contains("cart") == false, "no node holds it")
    }

    /// With every owner cut off, the node the client asked coordinates the write itself and
    /// keeps the hint: nothing was sent.
    @Test func aCoordinatorStandingInKeepsItsOwnHint() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        let others = lab.cluster.nodeIDs.filter { !owners.contains($0) }
        run(lab, "partition \(others.map(\.name).joined(separator: ",")) \(owners.map(\.name).joined(separator: ","))", "wait 15s")
        let result = run(lab, "put cart milk via \(others[0].name)")
        #expect(hintLines(result).contains("  hint for \(owners[0].name) kept by \(others[0].name), the coordinator"), "\(result?.text ?? "")")
        #expect(!hintLines(result).contains { $0.contains("sent to \(others[0].name)") })
        let trace = try #require(run(lab, "trace 50")).text
        #expect(trace.contains("\(others[0].name) hint: cart for \(owners[0].name) kept here, as the coordinator stands in for it"), "\(trace)")
        #expect(!trace.contains("sent to \(others[0].name)"), "\(trace)")
    }

    /// A write from an old read, through a coordinator that wrote the key since, gets a clock
    /// that seems to follow that write; its answer says what it saw, as `versions` does, so it
    /// reads as the sibling it is.
    @Test func aWriteThatSawLessThanItsClockClaimsSaysWhatItSaw() throws {
        let lab = Lab()
        let coordinator = lab.cluster.ring.preferenceList(for: "cart", n: 3)[0].name
        run(lab, "put cart milk", "get cart", "put cart eggs")
        let blind = try #require(run(lab, "put cart tea"))
        #expect(blind.text.contains("dot \(coordinator):3 saw {\(coordinator):1}"), "\(blind.text)")
        #expect(blind.json.rendered.contains(#""saw":"{\#(coordinator):1}""#))
        let siblings = try #require(run(lab, "get cart")).json.rendered
        #expect(siblings.contains(#""dot":"\#(coordinator):3","saw":"{\#(coordinator):1}""#), "a get's JSON gives what each version saw: \(siblings)")
        let read = try #require(run(lab, "put cart bread"))
        #expect(!read.text.contains("saw"), "a write from a fresh read saw everything its clock claims: \(read.text)")
    }

    /// With two replicas down, a read at R=3 is answered by the live one and two stand-ins;
    /// at R=2 by one stand-in; with every replica up, by replicas alone.
    @Test func aReadNamesTheNodesThatStoodInForReplicas() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        let answered = try #require(run(lab, "put cart milk", "get cart"))
        #expect(answered.text.contains("(R=2); context saved"), "\(answered.text)")
        #expect(answered.json.rendered.contains(#""stand_ins":[]"#))

        run(lab, "kill \(owners[1].name)", "kill \(owners[2].name)", "wait 15s")
        let three = try #require(run(lab, "get cart r=3"))
        let standIns = Set(lab.cluster.ring.walk(from: .of(key: "cart")).filter { !owners.contains($0) }.prefix(2).map(\.name))
        let outside = " standing in, outside the preference list as \(owners[0].name) sees it)"
        // Replies are named in the order they came.
        #expect(named(in: three.text, after: "replies from ", before: " (R=3; ") == standIns.union([owners[0].name]), "\(three.text)")
        #expect(named(in: three.text, after: "(R=3; ", before: outside) == standIns, "\(three.text)")
        let two = try #require(run(lab, "get cart"))
        let first = try #require(named(in: two.text, after: "(R=2; ", before: outside), "\(two.text)")
        #expect(first.count == 1 && first.isSubset(of: standIns), "\(two.text)")
    }

    /// The node names between `start` and `end` in `text`.
    private func named(in text: String, after start: String, before end: String) -> Set<String>? {
        guard let from = text.range(of: start)?.upperBound, let to = text[from...].range(of: end)?.lowerBound else { return nil }
        return Set(text[from..<to].split(separator: " ").map(String.init))
    }

    /// Just after a join, a coordinator that has not heard of the new node still counts the
    /// old owners as replicas: none of their replies is called a stand-in, though they lie
    /// outside the preference list the cluster's ring now gives.
    @Test func anOldOwnerIsNoStandInToACoordinatorThatHasNotHeardOfTheJoin() throws {
        let lab = Lab()
        for index in 1...30 { run(lab, "put k\(index) v") }
        run(lab, "join")
        var answeredByOldOwners = 0
        for index in 1...30 {
            let read = try #require(run(lab, "get k\(index)"))
            #expect(read.status == .ok)
            let json = read.json.rendered
            #expect(json.contains(#""stand_ins":[]"#), "\(json)")
            let owners = lab.cluster.ring.preferenceList(for: "k\(index)", n: 3).map(\.name)
            let replied = json.components(separatedBy: #""replied":["#).last?.prefix { $0 != "]" }
                .split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) } ?? []
            #expect(replied.count == 2)
            if replied.contains(where: { !owners.contains($0) }) { answeredByOldOwners += 1 }
        }
        #expect(answeredByOldOwners > 0, "some read was answered from outside the cluster's new preference list")
    }

    /// A read that fails says who answered, a node from outside the preference list as standing
    /// in, and who never did.
    @Test func aFailedReadNamesItsStandIns() throws {
        let lab = Lab()
        let walk = lab.cluster.ring.walk(from: .of(key: "cart")).map(\.name)
        run(lab, "kill \(walk[1])", "kill \(walk[2])", "wait 15s", "kill \(walk[4])")
        let failed = try #require(lab.execute("get cart r=3"))
        #expect(failed.status == .failed)
        #expect(failed.text.hasSuffix("(answered by \(walk[0]), \(walk[3]) standing in; no answer from \(walk[4]))"), "\(failed.text)")
    }
}
