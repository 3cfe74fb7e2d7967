import DynamoCore
import DynamoSim
import Testing
@testable import DynamoLab

/// Membership changes, forwarded writes and the views that show them.
@Suite struct OperatorCommandTests {
    func field(_ result: CommandResult?, _ name: String) -> JSON? {
        result?.fields.first { $0.0 == name }?.1
    }

    @Test func aNodeThatIsDownCanLeaveAndTheOthersLearnIt() throws {
        let lab = Lab()
        run(lab, "put cart milk", "put list tea", "join node6", "wait 5s", "kill node6")
        let leave = try #require(lab.execute("leave node6"))
        #expect(leave.ok, "\(leave.text)")
        #expect(leave.text.hasPrefix("node6 is down and leaves the ring"))
        #expect(!lab.cluster.ring.nodes.contains(NodeID(6)))
        run(lab, "wait 10s")
        #expect(run(lab, "expect view node3 node6 left")?.status == .ok)
        #expect(run(lab, "expect views agree")?.status == .ok)
        run(lab, "sync", "wait 20s")
        #expect(run(lab, "expect lost 0")?.status == .ok)
        #expect(run(lab, "expect divergent 0")?.status == .ok)
    }

    /// A node that leaves while down hands nothing over: the hints it holds wait on its disk.
    /// `leave`, `hints` and `audit` say so, and say what delivers them: its running again,
    /// restarted as a node that left or rejoined.
    @Test(arguments: ["restart", "join"])
    func hintsHeldByANodeThatLeftWhileDownWaitForItToRunAgain(bringingBack: String) throws {
        let lab = Lab()
        run(lab, "kill node3", "wait 12s", "put k1 milk", "wait 1s")
        let holder = try #require(lab.cluster.snapshot(traceLimit: 0).nodes.first { !$0.hints.isEmpty }?.id)
        run(lab, "kill \(holder)")
        let leave = try #require(run(lab, "leave \(holder)"))
        #expect(leave.text.hasSuffix("; its hint waits on its disk until it runs again (restart \(holder) or join \(holder))"),
                "\(leave.text)")
        run(lab, "restart node3", "wait 2m")
        #expect(run(lab, "hints")?.text.hasSuffix("\(holder) left while down: the hint waits for it to run again (restart or join \(holder))") == true)
        let audit = try #require(run(lab, "audit"))
        #expect(audit.text.contains("\n  1 hint held by \(holder), which left while down: it waits for it to run again (restart or join \(holder))"),
                "\(audit.text)")
        #expect(field(audit, "hints_held_by_nodes_left_down") == .int(1))
        run(lab, "\(bringingBack) \(holder)", "wait 30s")
        #expect(run(lab, "expect hints 0")?.status == .ok)
        #expect(run(lab, "audit")?.text.contains("left while down") == false)
    }

    /// Every live node is told that a node down has left, not one of them: the news survives
    /// the node first told failing, and leaving while down, before it gossips again.
    @Test func theLeaveOfADownNodeOutlivesTheFirstNodeTold() throws {
        let lab = Lab()
        run(lab, "kill node5", "leave node5", "kill node1", "leave node1", "wait 30s")
        for node in ["node2", "node3", "node4"] {
            #expect(run(lab, "expect view \(node) node5 left")?.status == .ok, "\(node)")
        }
        #expect(run(lab, "expect views agree")?.status == .ok)
        run(lab, "put key3 x", "wait 60s")
        #expect(run(lab, "expect hints 0")?.status == .ok, "no hint is kept for a node that left")
        #expect(run(lab, "expect divergent 0")?.status == .ok)
    }

    /// A node that leaves still holds its keys until its owners take them (section 4.9): audit
    /// lists them to hand over, and `expect misplaced` counts them, until the hand-off round.
    @Test func keysOfANodeThatLeftAreHeldOffTheirPreferenceListUntilHandedOver() throws {
        let lab = Lab()
        let owner = lab.cluster.ring.walk(from: .of(key: "cart"), limit: 1)[0]
        run(lab, "put cart milk", "wait 1s", "leave \(owner.name)")
        let audit = try #require(run(lab, "audit"))
        #expect(audit.text.contains("\n  held off their preference list, to hand over: cart"), "\(audit.text)")
        #expect(field(audit, "misplaced") == .strings(["cart"]))
        #expect(run(lab, "expect misplaced 0")?.status == .expectationFailed)
        #expect(run(lab, "expect misplaced 1")?.status == .ok)
        run(lab, "wait 30s")
        #expect(run(lab, "expect misplaced 0")?.status == .ok)
        #expect(try #require(run(lab, "audit")).text.contains("to hand over") == false)
        #expect(run(lab, "expect lost 0")?.status == .ok)
    }

    @Test(arguments: ["wipe node1", "leave node1"])
    func aNodeThatLeftHasNothingToWipeOrHandOver(_ line: String) throws {
        let lab = Lab()
        run(lab, "leave node1", "wait 5s")
        let result = try #require(lab.execute(line))
        #expect(result.status == .rejected)
        #expect(result.text == "error: node1 has left the ring: join node1 adds it back")
    }

    /// A node that left still runs and gossips, so a partition that does not name it is bridged
    /// by it, as the answer warns; named on a side, or killed, it carries nothing across.
    @Test func aNodeThatLeftCanBeCutOffOrKilled() throws {
        let lab = Lab()
        run(lab, "join", "wait 10s", "leave node6", "wait 10s")
        let bridged = try #require(run(lab, "partition node1,node2 node3,node4,node5"))
        #expect(bridged.text.hasSuffix("; node6 has left the ring but still gossips between the sides: name it on a side, or kill it, to cut it off too"), "\(bridged.text)")
        run(lab, "wait 15s")
        #expect(run(lab, "expect view node1 node3 up")?.status == .ok, "heartbeats cross through node6")
        run(lab, "heal", "wait 5s")
        let named = try #require(run(lab, "partition node1,node2 node3,node4,node5,node6"))
        #expect(!named.text.contains("node6 has left"), "\(named.text)")
        run(lab, "wait 15s")
        #expect(run(lab, "expect view node1 node3 down")?.status == .ok)
        #expect(run(lab, "expect view node6 node1 down")?.status == .ok)

        run(lab, "heal", "wait 15s")
        #expect(run(lab, "expect view node1 node3 up")?.status == .ok)
        #expect(run(lab, "kill node6")?.ok == true)
        let killed = try #require(run(lab, "partition node1,node2 node3,node4,node5"))
        #expect(!killed.text.contains("node6"), "a node that is down reaches no side: \(killed.text)")
        run(lab, "wait 15s")
        let table = try #require(run(lab, "nodes")).text
        #expect(!table.contains("reaches every side"), "\(table)")
        #expect(table.split(separator: "\n").contains { $0.firstMatch(of: /^node6\s+left\s+-\s/) != nil }, "no side: \(table)")
        #expect(run(lab, "expect view node1 node3 down")?.status == .ok)
        #expect(run(lab, "restart node6")?.ok == true)
        #expect(run(lab, "kill node6", "join node6")?.text.hasPrefix("node6 rejoins the ring with its 8 tokens, restarted") == true)

        // Partitions add up: the warning is of the sides in force, whichever partition made them.
        run(lab, "heal", "leave node6", "wait 10s", "partition node1 node2")
        let second = try #require(run(lab, "partition node1,node2 node3,node4"))
        #expect(second.text.hasSuffix("; node6 has left the ring but still gossips between the sides: name it on a side, or kill it, to cut it off too"), "\(second.text)")
    }

    /// `join` alone adds the next new node, after every node the lab has had, those that
    /// left included; it never brings one back.
    @Test func joinAloneAddsTheNextNewNode() throws {
        let lab = Lab()
        #expect(try CommandParser.parse("join") == .join(nil))
        #expect(run(lab, "join")?.text.hasPrefix("node6 joins with 8 tokens") == true)
        run(lab, "leave node6", "wait 20s")
        #expect(run(lab, "join")?.text.hasPrefix("node7 joins with 8 tokens") == true)
        #expect(lab.cluster.ring.nodes.map(\.name) == ["node1", "node2", "node3", "node4", "node5", "node7"])
        #expect(lab.execute("join node9")?.text == "error: cannot join node9: the next new node is node8")
        let full = Lab()
        run(full, "config nodes=\(Lab.maximumNodes)")
        #expect(full.execute("join")?.text == "error: cannot join another node: the lab holds at most \(Lab.maximumNodes) nodes")
    }

    /// Section 4.8.1: nodes "can be removed and added back multiple times". A node that left
    /// while up, or while down, takes its tokens again and is handed its keys back.
    @Test(arguments: [false, true])
    func aNodeThatLeftCanBeAddedBack(whileDown: Bool) throws {
        let lab = Lab()
        let owner = lab.cluster.ring.walk(from: .of(key: "cart"), limit: 1)[0]
        let tokens = lab.cluster.ring.tokens.filter { $0.node == owner }
        run(lab, "put cart milk", "wait 1s")
        if whileDown { run(lab, "kill \(owner.name)") }
        run(lab, "leave \(owner.name)", "wait 20s")
        #expect(run(lab, "get cart")?.text.contains("milk") == true, "its keys went to the new owners")
        let join = try #require(run(lab, "join \(owner.name)"))
        #expect(join.status == .ok)
        #expect(join.text.hasPrefix("\(owner.name) rejoins the ring with its \(tokens.count) tokens"))
        #expect(lab.cluster.ring.tokens.filter { $0.node == owner } == tokens)
        #expect(lab.cluster.isAlive(owner))
        run(lab, "wait 30s")
        #expect(run(lab, "expect views agree")?.status == .ok)
        let versions = try #require(run(lab, "versions cart"))
        #expect(versions.text.contains("\(owner.name)  replica 1  up  milk"), "\(versions.text)")
        #expect(run(lab, "leave \(owner.name)")?.status == .ok, "and it may leave again")
    }

    /// `versions` marks a replica behind as `stale` and the versions a node keeps side by side
    /// as `sibling`s; a hint's copies are never siblings, and its JSON marks them as its text does.
    @Test func versionsMarksStaleReplicasAndSiblings() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        run(lab, "put cart milk", "wait 1s", "partition \(owners[2].name)", "get cart", "put cart eggs", "wait 1s")
        let behind = try #require(run(lab, "versions cart")).text.split(separator: "\n")
        #expect(behind.filter { $0.hasSuffix("stale") }.map { $0.split(separator: " ")[0] } == [Substring(owners[2].name)],
                "\(behind.joined(separator: "\n"))")
        // A client with no context writes beside what the first owners hold.
        run(lab, "client alice", "put cart tea", "wait 1s")
        let versions = try #require(run(lab, "versions cart"))
        let lines = versions.text.split(separator: "\n")
        for owner in owners.prefix(2) {
            let rows = lines.filter { $0.hasPrefix("  \(owner.name) ") }
            #expect(rows.count == 2 && rows.allSatisfy { $0.hasSuffix("sibling") }, "\(lines.joined(separator: "\n"))")
        }
        let hinted = lines.filter { $0.contains("hint for") }
        #expect(hinted.count == 2 && hinted.allSatisfy { !$0.hasSuffix("sibling") }, "\(lines.joined(separator: "\n"))")
        #expect(lines.contains { $0.hasPrefix("  \(owners[2].name) ") && $0.hasSuffix("stale") })
        let json = versions.json.rendered
        #expect(json.contains(#""marks":["sibling","sibling"]"#) && json.contains(#""marks":["stale"]"#), "\(json)")
        #expect(json.contains(#""hinted":[{"for":"\#(owners[2].name)","values":["eggs","tea"],"clocks":["#), "\(json)")
    }

    /// Marks follow the settings in force: once last-write-wins rules, the siblings written
    /// before are no longer siblings, and all but the latest are stale, as a get would say.
    @Test func versionsMarksFollowAChangeToLastWriteWins() throws {
        let lab = Lab()
        run(lab, "put cart a", "put cart b", "wait 100ms")
        #expect(try #require(run(lab, "versions cart")).text.split(separator: "\n").filter { $0.hasSuffix("sibling") }.count >= 4)
        run(lab, "config conflicts=lww")
        let lines = try #require(run(lab, "versions cart")).text.split(separator: "\n").dropFirst()
        #expect(!lines.contains { $0.hasSuffix("sibling") }, "\(lines.joined(separator: "\n"))")
        let latest = Set(lines.filter { !$0.hasSuffix("stale") }.map { $0.split(separator: " ", omittingEmptySubsequences: true)[4] })
        #expect(latest == ["b"], "\(lines.joined(separator: "\n"))")
        #expect(run(lab, "get cart")?.text.contains("1 version") == true)
    }

    @Test func keysAndNodesAgreeThatANodeLeft() {
        let lab = Lab()
        run(lab, "put cart milk", "leave node2", "wait 5s")
        #expect(run(lab, "keys node2")?.text.hasPrefix("node2 (left)") == true)
        #expect(run(lab, "nodes")?.text.split(separator: "\n").contains { $0.hasPrefix("node2  left") } == true)
    }

    @Test func aLeaveRefusedForTooFewNodesSaysWhy() {
        let lab = Lab()
        run(lab, "config nodes=3")
        #expect(lab.execute("leave node1")?.text
            == "error: a leave needs more than N=3 nodes in the ring, so that N=3 remain to hold each key's replicas")
    }

    @Test func aWriteViaANodeOutsideThePreferenceListSaysWhereItWasForwarded() throws {
        let lab = Lab()
        // cart's preference list is node2 node1 node4: node5 forwards to node2.
        let put = try #require(lab.execute("put cart milk via node5"))
        #expect(put.text.hasPrefix("put cart: ok via node5 → coordinated by node2,"))
        #expect(field(put, "coordinator") == .string("node2"))
        #expect(field(put, "forwarded_by") == .string("node5"))
        let direct = try #require(lab.execute("put cart tea via node1"))
        #expect(direct.text.hasPrefix("put cart: ok via node1,"))
        #expect(field(direct, "forwarded_by") == nil)
    }

    @Test func theViewMatrixStaysAlignedBeyondNineNodes() throws {
        let lab = Lab()
        run(lab, "config nodes=12", "kill node11", "wait 20s")
        let lines = try #require(run(lab, "nodes")?.text.split(separator: "\n").map(String.init))
        let header = try #require(lines.first)
        let one = try #require(header.range(of: "view")).upperBound
        let twelve = try #require(header.range(of: "12"))
        for row in lines[1...12] where !row.contains("(down)") {
            #expect(row[one...].hasPrefix("  ·") || row[one...].hasPrefix("  ✓"), "\(row)")
            #expect(row.count == header.count, "\(row)")
        }
        #expect(header.distance(from: header.startIndex, to: twelve.lowerBound) == header.count - 2)
    }

    @Test func aNodeNotYetHeardOfIsMarkedAndTheLegendSaysSo() throws {
        let lab = Lab()
        run(lab, "join node6")
        let text = try #require(run(lab, "nodes")?.text)
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("node") && !$0.hasPrefix("node ") }
        #expect(rows.filter { $0.hasSuffix("∅") }.count >= 4, "the old nodes have not heard of node6 yet:\n\(text)")
        #expect(text.contains("∅ not heard of yet"))
        run(lab, "wait 10s")
        #expect(run(lab, "nodes")?.text.split(separator: "\n").filter { $0.hasPrefix("node") && $0.hasSuffix("∅") }.isEmpty == true)
    }

    @Test func nodesOfOneNodeShowsHowLongSinceNewsOfEachPeer() throws {
        let lab = Lab()
        run(lab, "kill node3", "wait 7s")
        let view = try #require(run(lab, "nodes node1"))
        #expect(view.text.hasPrefix("node1 (up) sees, at 7.000s:"))
        let line = try #require(view.text.split(separator: "\n").first { $0.contains("node3") })
        #expect(line.contains("suspected"))
        #expect(line.hasSuffix("s ago"))
        guard case .array(let peers)? = field(view, "view") else { Issue.record("no view"); return }
        #expect(peers.count == 4)
        #expect(run(lab, "nodes node3")?.text == "node3 (down): a node that is down has no view until it restarts")
        #expect(lab.execute("nodes node9")?.status == .rejected)
    }

    @Test func ringPositionsInJSONAreZeroPaddedSoStringOrderIsRingOrder() throws {
        let lab = Lab()
        guard case .array(let tokens)? = field(run(lab, "ring"), "tokens") else { Issue.record("no tokens"); return }
        let positions = tokens.compactMap { token -> String? in
            guard case .object(let pairs) = token, case .string(let position)? = pairs.first(where: { $0.0 == "position" })?.1 else { return nil }
            return position
        }
        #expect(positions.count == 40)
        #expect(positions.allSatisfy { $0.count == 32 })
        #expect(positions == positions.sorted())
    }

    @Test func historyShowsDeletesAndCarriesValuesDotsAndReasons() throws {
        let lab = Lab()
        run(lab, "put cart milk", "get cart", "delete cart")
        let history = try #require(run(lab, "history"))
        #expect(history.text.contains("delete cart"))
        #expect(!history.text.contains("<deleted>"))
        let json = history.json.rendered
        #expect(json.contains(#""op":"put","invoked_ms":0,"completed_ms":2,"value":"milk","ok":true,"dot":"node2:1""#), "\(json)")
        #expect(json.contains(#""op":"get""#) && json.contains(#""values":["milk"]"#))
        #expect(json.contains(#""op":"delete""#))
    }

    @Test func aFailedOperationKeepsItsReasonInTheHistory() throws {
        let lab = Lab()
        run(lab, "cut node2 -> node1", "cut node2 -> node4", "cut node2 -> node3", "cut node2 -> node5", "put cart milk w=2")
        let json = try #require(run(lab, "history")).json.rendered
        #expect(json.contains(#""ok":false,"reason":""#), "\(json)")
    }

    @Test func helpInJSONCarriesItsText() throws {
        let help = try #require(Lab().execute("help trace"))
        #expect(help.json.rendered.contains(#""topic":"trace","text":"usage: trace [N] [all]"#))
        let overview = try #require(Lab().execute("help"))
        #expect(field(overview, "text") == .string(overview.text))
    }

    @Test func nodesNamesOnlyTheSidesOfThePartitionAndWhoReachesEverySide() throws {
        let lab = Lab()
        let nodes = try #require(run(lab, "partition node1 node2 node3", "nodes"))
        #expect(nodes.text.hasSuffix("sides: A = node1, B = node2, C = node3; node4 node5 reach every side (no link of theirs is cut)"))
        let rows = nodes.text.split(separator: "\n").filter { $0.hasPrefix("node4 ") || $0.hasPrefix("node1 ") }
        #expect(rows.map { $0.split(separator: " ")[2] } == ["A", "any"])
        let big = Lab(config: ClusterConfig(nodeCount: 64))
        let report = try #require(run(big, "partition node1,node2,node3 node4", "nodes"))
        #expect(report.text.hasSuffix("sides: A = node1 node2 node3, B = node4; the other 60 nodes reach every side (no link of theirs is cut)"))
        let one = try #require(run(Lab(), "partition node1,node2 node3,node4", "nodes"))
        #expect(one.text.hasSuffix("; node5 reaches every side (none of its links is cut)"))
    }

    /// Not having heard of a node is a belief of its own: a node just joined is disputed until
    /// gossip reaches everyone, and no node is taken to believe it up before then.
    @Test func aNodeNotYetHeardOfIsDisputedAndNotBelievedUp() throws {
        let lab = Lab()
        run(lab, "join node6")
        let unheard = try #require(lab.cluster.snapshot(traceLimit: 0).nodes.first { node in node.id != NodeID(6) && !node.view.contains { $0.node == NodeID(6) } })
        let check = try #require(run(lab, "expect view \(unheard.id.name) node6 up"))
        #expect(check.status == .expectationFailed)
        #expect(check.text.contains("\(unheard.id.name) has not heard of node6"), "\(check.text)")
        #expect(run(lab, "expect views agree")?.status == .expectationFailed)
        #expect(try #require(run(lab, "nodes")).text.contains("\nviews disagree about node6"))
        run(lab, "wait 20s")
        #expect(run(lab, "expect views agree")?.status == .ok)
        #expect(run(lab, "expect view \(unheard.id.name) node6 up")?.status == .ok)
    }

    /// A node that rejoins believes itself a member while the others still believe it left:
    /// they agree with one another, but not with it.
    @Test func aRejoinedNodeIsDisputedUntilTheOthersHearOfIt() {
        let lab = Lab()
        run(lab, "leave node1", "wait 10s", "join node1")
        #expect(lab.cluster.snapshot(traceLimit: 0).disputedNodes == [NodeID(1)])
        #expect(run(lab, "expect view node1 node1 up")?.status == .ok, "node1 knows it is back")
        #expect(run(lab, "expect view node2 node1 left")?.status == .ok)
        run(lab, "wait 10s")
        #expect(lab.cluster.snapshot(traceLimit: 0).disputedNodes.isEmpty)
    }

    /// N counts the nodes in the ring: with one gone, the ring has too few for N=5.
    @Test func nCannotExceedTheNodesLeftInTheRing() throws {
        let lab = Lab()
        run(lab, "leave node1")
        let before = fingerprint(lab)
        let refused = try #require(lab.execute("config n=5"))
        #expect(refused.text == "error: n=5 needs at least 5 nodes in the ring; it has 4 (join adds one)")
        #expect(fingerprint(lab) == before)
        #expect(run(lab, "config n=4")?.status == .ok)
        #expect(run(lab, "join node1", "config n=5")?.status == .ok)
        #expect(run(lab, "join node6", "config n=6")?.status == .ok, "a node joined counts")
        #expect(lab.execute("config n=7")?.text == "error: n=7 needs at least 7 nodes in the ring; it has 6 (join adds one)")
    }

    /// `nodes=` is the size the cluster was built with, what a rebuild and `save` start
    /// from; `config` says so when joins and leaves have changed the ring, and only then.
    @Test func configSaysWhenTheRingNoLongerHasTheNodesItWasBuiltWith() throws {
        let lab = Lab()
        #expect(lab.execute("config")?.text.contains("\n") == false)
        run(lab, "join node6")
        let note = "nodes=5 is the size the cluster was built with; joins and leaves have left 6 in the ring"
        #expect(lab.execute("config")?.text.hasSuffix("seed=1\nnote: " + note) == true)
        #expect(field(lab.execute("config"), "notes") == .strings([note]), "JSON carries the note as the text does")
        #expect(lab.execute("config n nodes")?.text == "n=3 nodes=5\nnote: " + note)
        #expect(field(lab.execute("config nodes"), "notes") == .strings([note]))
        #expect(lab.execute("config nodes=5")?.text.hasSuffix("\nnote: " + note) == true, "nodes= at its value rebuilds nothing")
        #expect(lab.cluster.ring.nodes.count == 6)
        #expect(lab.execute("config w")?.text == "w=2", "a setting other than nodes")
        #expect(lab.execute("config w=2")?.text.contains(note) == false, "a change of another setting is answered with the settings only")
        run(lab, "leave node6")
        #expect(lab.execute("config nodes")?.text == "nodes=5")
    }

    /// `cut` tells whether the way back is cut too, and a link already cut is not announced
    /// as a new cut.
    @Test func cutSaysWhetherTheOtherWayWorksAndWhenTheLinkWasCutAlready() {
        let lab = Lab()
        #expect(lab.execute("cut node1 -> node2")?.text == "cut node1 -> node2: messages that way are lost (the other way still works)")
        #expect(lab.execute("cut node2 -> node1")?.text == "cut node2 -> node1: messages that way are lost (the other way is cut too)")
        #expect(lab.execute("cut node2 -> node1")?.text == "node2 -> node1 was already cut; the other way is cut too")
        run(lab, "partition node3 node4")
        let partitioned = lab.execute("cut node4 -> node3")
        #expect(partitioned?.text == "node4 -> node3 was already cut; the other way is cut too")
        #expect(field(partitioned, "already_cut") == .bool(true))
    }

    /// A loss rate for every link replaces those set for single links, and says which.
    @Test func aLossForEveryLinkNamesTheLinkRatesItReplaces() {
        let lab = Lab()
        run(lab, "loss 50% node1 -> node2", "loss 5% node3 -> node1")
        #expect(lab.execute("loss 20%")?.text == "loss 20% on every link, replacing 50% on node1 -> node2, 5% on node3 -> node1")
        #expect(lab.cluster.network.linkLoss.isEmpty)
        #expect(lab.execute("loss 10%")?.text == "loss 10% on every link")
        run(lab, "loss 0% node1 -> node2")
        #expect(lab.execute("loss 0%")?.text == "loss 0% on every link", "a link already at the new rate is not replaced")
    }

    /// Sides group nodes cut alike: after a heal between some of them, `faults` names the
    /// sides that are no longer cut apart, so that node1 and node2, never cut, do not read as
    /// unable to talk. A clean partition names none.
    @Test func sidesNoLongerCutApartAreNamed() throws {
        let lab = Lab()
        run(lab, "partition node1,node2 node3,node4,node5")
        #expect(lab.execute("faults")?.text.hasPrefix("sides: A = node1 node2, B = node3 node4 node5\ncut: ") == true)
        run(lab, "heal node1 node3")
        let faults = try #require(lab.execute("faults")?.text)
        #expect(faults.hasPrefix("sides: A = node1, B = node2, C = node3, D = node4 node5; pairs of sides with no link cut between them: A–B A–C C–D\n"),
                "\(faults)")
        run(lab, "heal", "cut node1 -> node3")
        #expect(lab.execute("faults")?.text.contains("no link cut between") == false, "a one-way cut is a cut")
    }

    @Test func aPartitionOnTopOfAnotherSaysWhatIsCutNow() throws {
        let lab = Lab()
        let first = try #require(run(lab, "partition node1 node2 node3"))
        #expect(first.text == "partition node1 | node2 | node3: 6 links cut; node4 node5 reach every side (no link of theirs is cut)")
        let second = try #require(run(lab, "partition node1,node2"))
        #expect(second.text == "partition node1,node2 | node3,node4,node5: 14 links cut in all, with the cuts already in force; "
            + "sides now: A = node1, B = node2, C = node3 node4 node5")
    }

    /// A node that rejoined and leaves again must see every owner take its keys anew: the
    /// owners that took them the first time took other versions.
    @Test func aSecondLeaveWaitsForEveryOwnerAgain() throws {
        let lab = Lab()
        let script = ["put k v0 via node4", "kill node2", "wait 30s", "leave node4", "wait 3s", "join node4", "wait 5s",
                      "put k v1 via node4", "restart node2", "wait 3s",
                      "loss 100% node4 -> node1", "loss 100% node4 -> node5", "leave node4", "wait 3s"]
        for line in script { #expect(run(lab, line)?.ok == true, "\(line)") }
        let owners = lab.cluster.ring.walk(from: .of(key: "k"), limit: 3)
        let snapshot = lab.cluster.snapshot(traceLimit: 0)
        let missing = owners.filter { snapshot.node($0)?.store.versions(of: "k").count != 2 }
        #expect(!missing.isEmpty, "an owner is cut off from node4")
        #expect(snapshot.node(NodeID(4))?.store.keys == ["k"], "so node4 keeps k")
    }

    /// A hint for an owner that left goes to the key's current owners; with the link to the
    /// first of them cut one way (its gossip still arriving, so it is believed up), another
    /// takes it, and the hint ends, once: the others' answers change nothing.
    @Test func aHintForANodeThatLeftReachesAnOwnerPastACutLink() throws {
        let lab = Lab()
        run(lab, "config nodes=8")
        let walk = lab.cluster.ring.walk(from: .of(key: "cart"), limit: 5)
        let (first, second, third, holder) = (walk[0], walk[1], walk[2], walk[4])
        run(lab, "put cart milk", "kill \(third.name)", "kill \(second.name)", "put cart eggs", "wait 1s")
        let held = lab.cluster.snapshot(traceLimit: 0).node(holder)?.hints.map(\.owner)
        #expect(held == [third], "the second fallback keeps the hint for the third owner")
        run(lab, "cut \(holder.name) -> \(first.name)", "leave \(third.name)", "wait 60s")
        let snapshot = lab.cluster.snapshot(traceLimit: 0)
        #expect(snapshot.node(holder)?.hints.isEmpty == true)
        #expect(snapshot.node(walk[3])?.store.versions(of: "cart").count == 2, "the new third owner took both writes")
        let handedOff = lab.cluster.trace.filter { $0.body.hasPrefix("\(holder) handed cart") }
        #expect(handedOff.map(\.body) == ["\(holder) handed cart to \(walk[3]) for \(third), which left; hint deleted"])
    }

    /// `sync` runs the cluster until its round is over, however slow the messages, and says
    /// how long that took.
    @Test func syncFinishesItsRoundUnderSlowMessages() throws {
        let lab = Lab()
        let owner = lab.cluster.ring.walk(from: .of(key: "cart"), limit: 1)[0]
        run(lab, "put cart milk", "wait 1s", "wipe \(owner.name)", "restart \(owner.name)", "delay 200ms..400ms")
        let round = try #require(run(lab, "sync"))
        #expect(round.text.contains("the round ran for 6s of virtual time"), "\(round.text)")
        #expect(lab.cluster.snapshot(traceLimit: 0).node(owner)?.store.versions(of: "cart").map(\.value) == [.data("milk")])
    }

    /// `sync`'s figures are its own round's, whatever scheduled rounds run meanwhile: one
    /// under way when it starts, one due during it, several during a round slowed by latency.
    /// On an empty cluster each exchange answered compares its one root hash.
    @Test(arguments: [["wait 1s"], ["wait 10s"], ["wait 9500ms"], ["config anti-entropy=1s", "wait 500ms"],
                      ["delay 800ms..800ms", "wait 5s"], ["delay 3s..3s", "wait 10s"]])
    func syncCountsItsOwnRoundOnly(before: [String]) throws {
        let alone = try #require(field(run(Lab(), "wait 1s", "sync"), "exchanges"))
        let lab = Lab()
        for line in before { run(lab, line) }
        let round = try #require(run(lab, "sync"))
        #expect(field(round, "exchanges") == alone, "\(before): \(round.text)")
        #expect(field(round, "hashes_compared") == alone, "\(before): \(round.text)")
    }

    /// A forward to a node already believed down suspects it no further: the trace tells once
    /// that it is believed down, not again after a needless suspicion.
    @Test func aForwardToANodeBelievedDownTellsNothingTwice() throws {
        let lab = Lab()
        run(lab, "config gossip=100ms suspicion=1s replica-timeout=5s timeout=20s", "kill node2", "put cart milk via node3", "wait 2s")
        let told = lab.cluster.snapshot(traceLimit: 1_000).trace.compactMap { entry -> String? in
            guard case .node(NodeID(3), let event) = entry.kind else { return nil }
            switch event {
            case .believes(NodeID(2), let status, _, _, _): return status.rawValue
            case .suspected(NodeID(2)): return "suspected by a request"
            default: return nil
            }
        }
        #expect(told.filter { $0 == "down" }.count == 1, "\(told)")
        #expect(told.first == "suspected" || told.first == "suspected by a request", "\(told)")
    }

    /// A node just killed is still believed up, so `sync` opens exchanges with it that nobody
    /// answers: the answer names it and counts them. On an empty cluster every exchange answered
    /// compares one root hash, so the unanswered ones are exactly those the count leaves out.
    /// Once gossip has told of the failure, nobody opens one with it.
    @Test(arguments: [("kill node3", "down"), ("partition node3 node1,node2,node4,node5", "cut off"), ("loss 100%", "lost")])
    func syncNamesThePeersItsExchangesNeverReached(fault: String, why: String) throws {
        let lab = Lab()
        run(lab, "wait 1s", fault)
        let round = try #require(run(lab, "sync"))
        let count = { (name: String) -> Int64 in
            if case .int(let value)? = self.field(round, name) { return value } else { return -1 }
        }
        guard case .object(let peers)? = field(round, "unreached") else { Issue.record("\(round.text)"); return }
        let total = peers.reduce(Int64(0)) { sum, peer in
            guard case .object(let causes) = peer.1 else { return sum }
            return causes.reduce(sum) { if case .int(let value) = $1.1 { $0 + value } else { $0 } }
        }
        #expect(total > 0 && total == count("exchanges") - count("hashes_compared"), "\(round.text)")
        #expect(round.text.contains("\n  \(total) of the exchanges never reached their peer"), "\(round.text)")
        #expect(round.text.contains(", \(why))") && round.text.contains("node3 ("), "\(round.text)")
        if fault.hasPrefix("kill") {
            #expect(peers.map(\.0) == ["node3"])
            run(lab, "wait 30s")
            #expect(field(run(lab, "sync"), "unreached") == .object([]), "gossip has told every node of the failure")
        }
    }

    /// Each unanswered exchange is told by why its opening never arrived, as the network
    /// dropped it: a peer cut off from one node and reached by loss from the others is named
    /// with both.
    @Test func syncTellsWhyEachExchangeWentUnanswered() throws {
        let lab = Lab()
        run(lab, "wait 1s", "cut node2 -> node1", "loss 50%")
        let round = try #require(run(lab, "sync"))
        guard case .object(let peers)? = field(round, "unreached"),
              case .object(let node1)? = peers.first(where: { $0.0 == "node1" })?.1 else { Issue.record("\(round.text)"); return }
        #expect(Set(node1.map(\.0)) == ["cut off", "lost"], "\(round.text)")
        #expect(round.text.contains("node1 ("), "\(round.text)")
        #expect(peers.filter { $0.0 != "node1" }.allSatisfy { peer in
            if case .object(let causes) = peer.1 { causes.map(\.0) == ["lost"] } else { false }
        }, "\(round.text)")
    }

    /// A scheduled round that runs during `sync` may repair what the sync then finds alike: its
    /// work is told apart, so that every key diverging before and none after is accounted for.
    @Test func syncTellsWhatScheduledRoundsDidMeanwhile() throws {
        let lab = Lab()
        for index in 0..<30 { run(lab, "put k\(index) v") }
        run(lab, "wait 1s", "config n=4", "delay 300ms..300ms", "wait 9400ms")
        #expect(lab.cluster.audit().divergent.count == 30)
        let round = try #require(run(lab, "sync"))
        #expect(lab.cluster.audit().divergent.isEmpty)
        let sent = [field(round, "keys_sent"), field(round, "scheduled_keys_sent")].map { value -> Int64 in
            if case .int(let count)? = value { return count } else { return 0 }
        }
        #expect(sent[1] > 0 && sent.reduce(0, +) >= 30, "\(round.text)")
        #expect(round.text.contains("\n  meanwhile scheduled rounds compared "), "\(round.text)")
        #expect(run(Lab(), "sync")?.text.contains("meanwhile") == false, "a round alone says nothing of others")
    }

    /// With a few keys over many ranges the trees cost more hashes than comparing the keys
    /// would: the answer says so rather than seem to report a saving. With many keys it does not.
    @Test func syncAndMerkleSayWhenTheTreesCostMoreThanTheKeys() throws {
        let few = Lab()
        run(few, "put cart milk")
        let round = try #require(run(few, "sync")?.text)
        #expect(round.contains(" keys, fewer than the trees cost here: they pay off when ranges hold many keys"), "\(round)")
        let merkle = try #require(run(few, "merkle node1 node2")?.text)
        #expect(merkle.contains("fewer than the trees cost here"), "\(merkle)")
        let many = Lab()
        for index in 0..<400 { run(many, "put key\(index) v") }
        run(many, "wait 1s")
        let settled = try #require(run(many, "sync")?.text)
        #expect(settled.contains("comparing every key would look at") && !settled.contains("fewer than the trees cost"), "\(settled)")
    }

    /// `audit` counts keys by the versions they hold across their owners, and names siblings.
    @Test func auditCountsKeysByTheVersionsTheyHold() throws {
        let lab = Lab()
        run(lab, "put a x", "put b y", "put cart milk", "put cart eggs", "wait 1s")
        let split = try #require(run(lab, "audit")).text
        #expect(split.hasSuffix("\n  2 keys hold 1 version each, 1 key holds 2 versions (siblings)"), "\(split)")
        run(lab, "get cart", "put cart tea", "wait 1s")
        let merged = try #require(run(lab, "audit")).text
        #expect(merged.hasSuffix("\n  3 keys hold 1 version each"), "\(merged)")
    }

    /// An anti-entropy exchange names the keys whose versions differed, each once, not the
    /// others that share their leaf: the first three, then how many more.
    @Test func anAntiEntropyExchangeNamesTheKeysThatDiffered() throws {
        let lab = Lab()
        run(lab, "config handoff=1h anti-entropy=1h merkle-depth=0")
        for index in 0..<60 { run(lab, "put key\(index) v") }
        run(lab, "wait 1s", "kill node2", "put key8 w", "wait 1s", "restart node2", "sync")
        let one = try #require(run(lab, "trace 200")).text.split(separator: "\n").filter { $0.contains(" anti-entropy with ") }
        #expect(!one.isEmpty && one.allSatisfy { $0.hasSuffix(": key key8 differed and was exchanged") }, "\(one)")

        run(lab, "wipe node2", "restart node2", "sync")
        let held = Set(lab.cluster.snapshot(traceLimit: 0).node(NodeID(2))?.store.keys ?? [])
        let many = try #require(run(lab, "trace 200")).text.split(separator: "\n").filter { $0.contains(" anti-entropy with ") }
        #expect(many.contains { $0.contains(" more differed and were exchanged") }, "a range of many keys counts the rest: \(many)")
        for line in many.filter({ $0.contains(" more ") }) {
            let match = try #require(line.firstMatch(of: /keys (.+) and (\d+) more differed/), "\(line)")
            let named = match.1.split(separator: ", ").map(String.init)
            #expect(named.count == 3 && named == named.sorted() && named.allSatisfy(held.contains), "\(line)")
        }
    }

    @Test func speedIsEchoedAsTyped() throws {
        let lab = Lab()
        #expect(run(lab, "speed 1000")?.text.hasPrefix("speed 1000: ") == true)
        #expect(run(lab, "speed 0.25")?.text.hasPrefix("speed 0.25: ") == true)
        run(lab, "pause")
        let headless = try #require(run(lab, "run"))
        #expect(headless.text == "run: no live clock here, as there is no screen; time moves with wait and step")
        #expect(!lab.live.running && headless.fields.contains { $0.0 == "live" && $0.1 == .bool(false) })
        lab.onScreen = true
        #expect(run(lab, "run")?.text == "running at speed 0.25")
        #expect(lab.live.running)
    }

    @Test(arguments: [("config w=0", "w=0: w must be from 1 to N, and N is 3"), ("config r=4", "r=4: r must be from 1 to N, and N is 3"),
                      ("put cart milk w=0", "w=0: w must be from 1 to N"), ("put cart milk w=4", "w=4: w must be from 1 to N, and N is 3"),
                      ("get cart r=-1", "r=-1: r must be from 1 to N"), ("delete cart w=9", "w=9: w must be from 1 to N, and N is 3"),
                      ("put cart milk r=2", "r=2: a write's quorum is w, as in put KEY VALUE [via NODE] [w=W]"),
                      ("delete cart r=2", "r=2: a write's quorum is w, as in delete KEY [via NODE] [w=W]"),
                      ("get cart w=2", "w=2: a read's quorum is r, as in get KEY [via NODE] [r=R]"),
                      ("config w=x", "w=x: expected a whole number"), ("config n=1", "r is 2, more than n=1: set it too, as in config n=1 r=1 w=1")])
    func quorumSizesAreCheckedAgainstN(_ line: String, _ message: String) throws {
        let lab = Lab()
        let result = try #require(lab.execute(line))
        #expect(result.status == .rejected)
        #expect(result.text.contains(message), "\(result.text)")
    }

    @Test func nCanShrinkToTheQuorumsInForce() throws {
        let lab = Lab()
        let result = try #require(lab.execute("config n=2"))
        #expect(result.ok, "\(result.text)")
        #expect(run(lab, "config")?.text.contains("n=2") == true)
    }

    @Test func suspicionIsAutoByDefaultScaledInJSONAndSavedAsAuto() throws {
        let lab = Lab(config: ClusterConfig(nodeCount: 64))
        let config = try #require(run(lab, "config"))
        #expect(config.text.contains("suspicion=auto"))
        #expect(field(config, "suspicion_ms") == .int(12_000))
        #expect(lab.savedScript.contains("suspicion=auto"))
        let set = try #require(run(lab, "config suspicion=7s"))
        #expect(field(set, "suspicion_ms") == .int(7_000))
        #expect(run(lab, "config suspicion=auto").map { field($0, "suspicion_ms") } == .int(12_000))
    }
}
