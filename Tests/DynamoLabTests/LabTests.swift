import Foundation
import DynamoCore
import DynamoSim
import Testing
@testable import DynamoLab

@Suite struct LabTests {
    func field(_ result: CommandResult?, _ name: String) -> JSON? {
        result?.fields.first { $0.0 == name }?.1
    }

    @Test func aPutUsesTheContextOfThisClientsLastGetNeverItsOwnPut() {
        let lab = Lab()
        run(lab, "put cart a", "put cart b")
        #expect(field(run(lab, "get cart"), "siblings") == .int(2), "two puts without a read are concurrent")
        run(lab, "put cart c")
        #expect(field(run(lab, "get cart"), "values") == .strings(["c"]), "a put after the read supersedes both")
    }

    /// Two deletes fail, by two clients, and each leaves its tombstone on a node: c3's covers
    /// v1 and v6, which c3 had read; c1's, blind, covers nothing. The audit ties each tombstone
    /// to the delete whose client's read gave its context, rather than to c1, whose own write
    /// had that clock, so v1, deleted on purpose, is not counted lost.
    @Test func aFailedDeleteIsTiedToTheClientThatSentItsContext() {
        let lab = Lab()
        run(lab, "put k4 v1", "client c1", "put k4 v6", "client c3", "get k4", "partition node3", "delete k4 via node3")
        #expect(lab.cluster.history.last.map { if case .failed = $0.outcome { true } else { false } } == true)
        run(lab, "client c1", "delete k4", "heal", "wait 120s")
        let audit = lab.cluster.audit()
        #expect(audit.lost.isEmpty, "\(audit.lost)")
    }

    /// A blind put that failed is not tied to another client's read of the key: its empty
    /// context was never cut from that read's, so what that read returned stays unseen by it,
    /// and v1, kept nowhere, is lost.
    @Test func aFailedBlindPutIsNotTiedToAnotherClientsRead() {
        let lab = Lab()
        run(lab, "client c1", "kill node2", "put k v1", "wait 500ms", "wipe node5", "restart node5", "restart node2",
            "partition node2", "client c2", "get k", "partition node4", "put k x via node4", "client c1", "put k x via node2",
            "heal", "wipe node4", "wipe node3", "wipe node1")
        #expect(lab.cluster.ring.walk(from: .of(key: "k"), limit: 3) == [4, 2, 3].map { NodeID($0) }, "the scenario's owners")
        let audit = lab.cluster.audit()
        #expect(audit.lost.map(\.value) == [.data("v1")], "\(audit.lost)")
    }

    /// Plain clocks give two puts of one value from one context through one coordinator the
    /// same dot: replicas holding one each differ only in timestamp, and anti-entropy must
    /// still see them differ and bring them together.
    @Test func antiEntropyTellsApartVersionsThatShareADotAndAValue() {
        let lab = Lab()
        run(lab, "config clocks=vv anti-entropy=1h", "put cart milk", "wait 1s", "cut node2 -> node4", "put cart milk", "kill node2",
            "heal", "wait 25s")
        #expect(run(lab, "audit")?.text.contains("diverging: cart") == true, "the replicas differ before a round")
        // The differing copy crosses at least once; more when both replicas start an exchange at once.
        #expect(![nil, .int(0)].contains(field(run(lab, "sync"), "keys_sent")))
        let audit = run(lab, "audit")?.text ?? ""
        #expect(audit.contains("0 of 1 key diverge"), "\(audit)")
    }

    /// Two blind puts through one coordinator under plain clocks share a dot. Switched back to
    /// dots, the replicas must still converge, by read repair, hinted handoff and anti-entropy
    /// alike, rather than each keep the one it holds: on both, as siblings, which is what dots
    /// make of two blind writes.
    @Test(arguments: ["get cart r=3", "wait 60s"])
    func versionsSharingADotFromPlainClocksConvergeUnderDots(settling: String) {
        let lab = Lab()
        run(lab, "config clocks=vv", "put cart a", "wait 1s", "partition node4", "put cart b", "wait 1s", "config clocks=dvv", "heal")
        #expect(lab.cluster.ring.walk(from: .of(key: "cart"), limit: 3) == [2, 1, 4].map { NodeID($0) }, "the scenario's owners")
        // node4 is believed up again, and has its hint for b, before the read asks it.
        run(lab, "wait 5s", settling, "wait 1s")
        let audit = run(lab, "audit")?.text ?? ""
        #expect(audit.contains("0 of 1 key diverge"), "\(audit)")
        #expect(field(run(lab, "get cart via node4 r=1"), "values") == .strings(["a", "b"]))
        run(lab, "put cart c", "wait 1s")
        #expect(field(run(lab, "get cart r=3"), "values") == .strings(["c"]), "a write from that read replaces both")
    }

    /// Under the paper's plain clocks a version is shown by its clock alone: put, get and
    /// versions print no dot, which only dotted clocks give a version apart from its clock.
    @Test func plainClocksShowVersionsWithoutDots() throws {
        let lab = Lab()
        for (clocks, dots) in [("vv", false), ("dvv", true)] {
            run(lab, "config clocks=\(clocks)")
            let answers = ["put cart milk", "get cart", "versions cart"].compactMap { run(lab, $0)?.text }
            #expect(answers.count == 3)
            for answer in answers {
                #expect(answer.contains("{node2:") && answer.contains(" dot ") == dots, "clocks=\(clocks): \(answer)")
            }
        }
    }

    /// A key that needs quotes to be typed is quoted in trace and step lines, as in every
    /// other answer, text and JSON alike.
    @Test func traceAndStepLinesQuoteAKeyAsItIsTyped() {
        let lab = Lab()
        run(lab, #"put "my cart" milk"#)
        let trace = run(lab, "trace")?.text ?? ""
        #expect(trace.contains(#"store "my cart""#), "\(trace)")
        #expect(trace.contains(#"write quorum for "my cart""#))
        #expect(!trace.contains("store my cart"))
        #expect(field(run(lab, "trace"), "events") == .strings(trace.split(separator: "\n").map(String.init)), "JSON as text")
        run(lab, "pause", #"put "my cart" tea"#)
        let step = run(lab, "step 3")?.text ?? ""
        #expect(step.contains(#"store "my cart""#), "\(step)")
        run(lab, "kill 1", "kill 2", "kill 3", "kill 4", "kill 5")
        let refused = run(lab, #"get "my cart""#)
        #expect(refused?.text == #"get "my cart": failed: no node is up to take a request for "my cart""#)
        #expect(refused?.error == #"no node is up to take a request for "my cart""#, "JSON as text")
    }

    /// `step` shows every event it runs: a message delivered or dropped, or a timer firing,
    /// which otherwise shows only in what it sends; a timer a killed node set is shown ignored.
    /// Routine timers stay out of `trace`, as gossip does; a request's deadlines stay in it.
    @Test func stepShowsEveryEventItRunsTimersIncluded() throws {
        let lab = Lab()
        run(lab, "put cart milk", "kill node3")
        var shown = ""
        for count in [1, 5, 40] {
            let step = try #require(run(lab, "step \(count)"))
            let lines = step.text.split(separator: "\n").dropFirst()
            #expect(step.text.hasPrefix("ran \(count) event"), "\(step.text)")
            #expect(lines.count >= count, "a line an event at least:\n\(step.text)")
            #expect(field(step, "ran") == .int(count))
            #expect(field(step, "events") == .strings(lines.map(String.init)), "JSON as text, named as trace names them")
            shown += step.text
        }
        #expect(shown.contains("node1 timer: gossip round"), "\(shown)")
        #expect(shown.contains("node3 timer: gossip round (set before node3 went down: ignored)"), "\(shown)")
        let trace = try #require(run(lab, "trace")?.text)
        #expect(trace.contains("timer: replica deadline"), "a request's deadline is part of its story:\n\(trace)")
        #expect(!trace.contains("timer: gossip round"), "routine rounds stay out of trace")
        #expect(try #require(run(lab, "trace all")?.text).contains("timer: gossip round"))
    }

    /// `ring` gives each node's share of the key space as first owner (the arcs that end at its
    /// tokens) and as one of N replicas; the first add up to the whole ring, the second to N rings.
    @Test(arguments: [(5, 8, 3), (7, 1, 2), (12, 16, 3), (1, 4, 1)])
    func ringSharesAddUpToOneAndToN(nodes: Int, vnodes: Int, n: Int) throws {
        let lab = Lab(config: ClusterConfig(seed: 3, nodeCount: nodes, vnodes: vnodes))
        _ = lab.execute("config n=\(n) r=1 w=1")
        guard case .array(let shares)? = field(run(lab, "ring"), "shares") else { Issue.record("no shares"); return }
        let tokens = lab.cluster.ring.tokens
        func arcs(endingAt node: NodeID) -> Double {
            guard tokens.count > 1 else { return 1 }
            return tokens.indices.filter { tokens[$0].node == node }.reduce(0.0) { total, index in
                total + (tokens[index].position &- tokens[(index + tokens.count - 1) % tokens.count].position).fraction
            }
        }
        var primaries = 0.0, replicas = 0.0
        for case .object(let fields) in shares {
            func value(_ name: String) -> JSON? { fields.first { $0.0 == name }?.1 }
            guard case .string(let name)? = value("node"), case .number(let primary)? = value("primary"),
                  case .number(let replica)? = value("replica") else { Issue.record("\(fields)"); continue }
            let node = try #require(lab.cluster.nodeIDs.first { $0.name == name })
            #expect(abs(primary - arcs(endingAt: node)) < 1e-9, "\(name)")
            #expect(replica >= primary - 1e-9)
            primaries += primary
            replicas += replica
        }
        #expect(shares.count == nodes)
        #expect(abs(primaries - 1) < 1e-9)
        #expect(abs(replicas - Double(min(n, nodes))) < 1e-9)
    }

    @Test func traceKeepsAWritesLinesThroughMinutesOfGossip() {
        let lab = Lab()
        run(lab, "put cart milk", "kill node3", "wait 30s")
        run(lab, "wait 60s")
        let trace = run(lab, "trace")?.text ?? ""
        #expect(trace != "trace is empty")
        #expect(run(lab, "trace 1000")?.text.contains("write quorum for cart") == true)
        #expect(run(lab, "trace 5 all")?.text.split(separator: "\n").count == 5)
    }

    @Test func eachClientKeepsItsOwnContexts() {
        let lab = Lab()
        run(lab, "put cart bread", "get cart", "client alice", "get cart", "client client1")
        run(lab, "put cart bread+milk", "client alice", "put cart bread+eggs")
        let after = run(lab, "get cart r=3")
        #expect(field(after, "siblings") == .int(2))
        #expect(lab.currentClient == "alice")
        #expect(run(lab, "client")?.text == "clients: *alice client1")
    }

    @Test func aLineThatDoesNotParseCountsAsAFailedCommand() {
        let lab = Lab()
        run(lab, "put cart milk")
        #expect(lab.execute("kill")?.status == .rejected)
        #expect(run(lab, "expect fail")?.status == .ok)
        #expect(run(lab, "expect ok")?.status == .expectationFailed)
    }

    /// A delete concurrent with a put leaves a tombstone sibling: `expect values` counts it,
    /// as `<deleted>`, rather than passing on the live values alone.
    @Test func expectValuesCountsADeleteAmongSiblings() {
        let lab = Lab()
        let owners = lab.cluster.ring.walk(from: .of(key: "cart"))
        run(lab, "put cart milk", "get cart", "partition \(owners[0].name) \(owners[1].name),\(owners[2].name)",
            "delete cart via \(owners[0].name)", "put cart eggs via \(owners[1].name)", "heal", "wait 15s", "get cart")
        #expect(run(lab, "expect siblings cart 2")?.status == .ok)
        #expect(run(lab, "expect values cart eggs")?.status == .expectationFailed)
        #expect(run(lab, "expect values cart eggs <deleted>")?.status == .ok)
        #expect(run(lab, "expect values cart eggs \"<deleted>\"")?.status == .expectationFailed, "quoted, it is text")
        run(lab, "delete cart", "wait 1s", "get cart")
        #expect(run(lab, "expect values cart")?.status == .ok, "tombstones alone read as not found")
        #expect(run(lab, "expect values cart <deleted>")?.status == .ok, "and as the delete they are, as siblings 1 counts it")
        #expect(run(lab, "expect siblings cart 1")?.status == .ok)
        let wrong = run(lab, "expect values cart eggs")
        #expect(wrong?.status == .expectationFailed)
        #expect(wrong?.text == "✗ expectation failed: cart read as deleted: no values, 1 tombstone, expected eggs", "\(wrong?.text ?? "")")
        #expect(run(lab, "expect values cart <deleted> <deleted>")?.status == .expectationFailed, "one tombstone, not two")
        run(lab, "put jar \"<deleted>\"", "get jar")
        #expect(run(lab, "expect values jar \"<deleted>\"")?.status == .ok)
        #expect(run(lab, "expect values jar <deleted>")?.status == .expectationFailed, "a value, not a tombstone")
    }

    /// A key a delete left only tombstones of is still held, and `keys` marks it deleted.
    @Test func keysMarksAKeyLeftOnlyWithTombstones() throws {
        let lab = Lab()
        let owner = lab.cluster.ring.preferenceList(for: "cart", n: 3)[0]
        let listed = try #require(run(lab, "put cart milk", "put jar jam", "get cart", "delete cart", "keys \(owner.name)"))
        #expect(listed.text.contains("cart (deleted)"), "\(listed.text)")
        #expect(!listed.text.contains("jar (deleted)"))
        #expect(listed.json.rendered.contains(#""deleted":["cart"]"#), "\(listed.json.rendered)")
    }

    /// A delete is a put: it takes `w=` as one does, and answers after that many acknowledgements.
    @Test func aDeleteWaitsForTheAcknowledgementsItAsksFor() throws {
        let lab = Lab()
        run(lab, "put cart milk", "get cart")
        let deleted = try #require(lab.execute("delete cart w=3"))
        #expect(deleted.ok, "\(deleted.text)")
        #expect(deleted.text.contains("(W=3)"), "\(deleted.text)")
        #expect(deleted.json.rendered.contains(#""w":3"#))
        let acks = deleted.fields.first { $0.0 == "acks" }.map { "\($0.1.rendered)" } ?? ""
        #expect(acks.split(separator: ",").count == 3, "\(acks)")
        #expect(run(lab, "delete cart w=1")?.text.contains("(W=1)") == true)
        #expect(lab.execute("delete cart w=4")?.status == .rejected)
    }

    @Test func expectFormsCheckTheLastCommandReadsAndHints() {
        let lab = Lab()
        #expect(run(lab, "put cart milk", "expect ok")?.status == .ok)
        #expect(run(lab, "expect fail")?.status == .expectationFailed)
        #expect(run(lab, "get cart", "expect values cart milk")?.status == .ok)
        #expect(run(lab, "expect values cart eggs")?.status == .expectationFailed)
        #expect(run(lab, "expect siblings cart 1")?.status == .ok)
        #expect(run(lab, "expect values nothing")?.status == .expectationFailed, "never read")
        #expect(run(lab, "get nothing", "expect values nothing")?.status == .ok, "read and not found")
        #expect(run(lab, "expect hints 0")?.status == .ok)
        let owners = lab.cluster.ring.walk(from: .of(key: "cart"))
        run(lab, "kill \(owners[1].name)", "put cart tea", "wait 1s")
        #expect(run(lab, "expect hints 1")?.status == .ok)
        #expect(run(lab, "expect hints \(owners[3].name) 1")?.status == .ok)
        #expect(run(lab, "expect hints \(owners[0].name) 1")?.status == .expectationFailed)
    }

    @Test func jsonLinesCarryTheFieldsDesignNames() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.walk(from: .of(key: "cart"))
        run(lab, "kill \(owners[1].name)", "put cart milk", "wait 1s")
        let put = try #require(run(lab, "put cart tea"))
        let rendered = put.json.rendered
        #expect(rendered.hasPrefix(#"{"cmd":"put","ok":true,"error":null,"key":"cart","coordinator":""#))
        #expect(rendered.contains(#""hinted":[{"holder":"\#(owners[3].name)","for":"\#(owners[1].name)","acknowledged":"#))
        #expect(rendered.contains(#""acks":["#))
        let get = try #require(run(lab, "get cart")).json.rendered
        for name in ["key", "values", "siblings", "clocks", "replied"] { #expect(get.contains("\"\(name)\":")) }
        let hints = try #require(run(lab, "hints")).json.rendered
        #expect(hints.contains(#""hints":[{"holder":"\#(owners[3].name)","for":"\#(owners[1].name)","key":"cart","versions":2,"holder_left_down":false}]"#), "milk and tea, written blind, are siblings")
        #expect(try #require(run(Lab(), "put cart milk", "kill node2")).json.rendered.hasSuffix(#""node":"node2","keys":1,"hints":0}"#))
        let versions = try #require(run(lab, "versions cart")).json.rendered
        #expect(versions.contains(#""replicas":[{"node":"\#(owners[0].name)""#))
        // Each version whole, as get gives it: siblings from one coordinator told apart by dot.
        #expect(versions.contains(#""versions":[{"value":"#) && versions.contains(#""dot":""#) && versions.contains(#""saw":""#), "\(versions)")
        let nodes = try #require(run(lab, "nodes")).json.rendered
        #expect(nodes.contains(#"{"node":"\#(owners[1].name)","status":"down","side":null,"#))
        // A view is a list of peers, in `nodes` as in `nodes NODE`; a node that is down has none.
        #expect(nodes.contains(#""hints":0,"view":[]}"#) && nodes.contains(#""view":[{"node":"#), "\(nodes)")
        let one = try #require(run(lab, "nodes \(owners[0].name)")).json.rendered
        let peer = try #require(one.range(of: #""view":[{"node":"#)).upperBound
        #expect(nodes.contains(String(one[peer...].prefix(60))), "the same peer, the same fields: \(one)")
        #expect(try #require(run(lab, "faults")).json.rendered.hasSuffix(#""faults":[],"sides":[]}"#))
        let loss = try #require(run(lab, "loss 10% 1 -> 4")).json.rendered
        #expect(loss.hasSuffix(#""rate":0.1,"from":"node1","to":"node4"}"#), "\(loss)")
        #expect(try #require(run(lab, "faults")).json.rendered.hasSuffix(#""sides":[]}"#), "no partition, no sides")
        let keys = try #require(run(lab, "keys \(owners[0].name)")).json.rendered
        #expect(keys.contains(#""nodes":[{"node":"\#(owners[0].name)","keys":["cart"]"#))
        let error = try #require(lab.execute("kill node42")).json.rendered
        #expect(error == #"{"cmd":"kill","ok":false,"error":"unknown node node42: expected node1..node5"}"#)
    }

    /// Up to 16 nodes `nodes` draws each node's view as a column per peer; past that, each row
    /// names only the peers its node does not believe up, and JSON still gives every peer.
    @Test func nodesOfALargeClusterNameOnlyThePeersInDoubt() throws {
        let small = Lab(config: ClusterConfig(seed: 1, nodeCount: 16))
        let matrix = try #require(run(small, "nodes")).text
        #expect(matrix.split(separator: "\n")[0].hasSuffix("view  1  2  3  4  5  6  7  8  9 10 11 12 13 14 15 16"), "\(matrix)")
        let lab = Lab(config: ClusterConfig(seed: 1, nodeCount: 17))
        run(lab, "kill node3", "wait 20s")
        let result = try #require(run(lab, "nodes"))
        let rows = result.text.split(separator: "\n").map(String.init)
        #expect(rows[0].hasSuffix("view: peers not believed up"), "\(rows[0])")
        #expect(rows[1].hasPrefix("node1 ") && rows[1].hasSuffix(" node3✗"), "\(rows[1])")
        #expect(rows[3].hasPrefix("node3 ") && rows[3].hasSuffix(" (down)"), "\(rows[3])")
        #expect(rows.count == 19 && rows.dropLast().allSatisfy { $0.count < 80 }, "\(result.text)")
        #expect(result.json.rendered.components(separatedBy: #"{"node":"node17","status":"#).count == 17, "every live node's view in JSON")
        run(lab, "restart node3", "wait 20s")
        #expect(run(lab, "nodes")?.text.split(separator: "\n")[1].hasSuffix(" all up") == true)
    }

    @Test func nodesJSONGivesASideOnlyWhenTheNetworkIsPartitioned() throws {
        let lab = Lab()
        #expect(try #require(run(lab, "nodes")).json.rendered.contains(#"{"node":"node1","status":"up","side":null,"#))
        let split = try #require(run(lab, "partition node1,node2", "nodes")).json.rendered
        #expect(split.contains(#"{"node":"node1","status":"up","side":"A","#))
        #expect(split.contains(#"{"node":"node3","status":"up","side":"B","#))
        #expect(!split.contains(#""name":"#))
    }

    @Test func jsonValuesLineUpWithClocksATombstoneBeingNull() throws {
        let lab = Lab()
        run(lab, "client alice", "put cart milk", "client bob", "delete cart")
        let get = try #require(run(lab, "get cart"))
        #expect(field(get, "siblings") == .int(2))
        let clocks = try #require(field(get, "clocks"))
        guard case .array(let values) = field(get, "values"), case .array(let clockList) = clocks else {
            Issue.record("values and clocks are arrays: \(get.json.rendered)")
            return
        }
        #expect(values.count == clockList.count)
        #expect(Set(values.map(\.rendered)) == [#""milk""#, "null"])
        let versions = try #require(run(lab, "versions cart")).json.rendered
        #expect(versions.contains(#""values":["milk",null]"#) || versions.contains(#""values":[null,"milk"]"#), "\(versions)")
        let history = try #require(run(lab, "history 1")).json.rendered
        #expect(history.contains(#""op":"get""#) && history.contains(#""siblings":2"#))
        #expect(history.contains(#""values":["milk",null]"#) || history.contains(#""values":[null,"milk"]"#), "\(history)")
    }

    @Test func hintedVersionsCarryTheirValues() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.walk(from: .of(key: "cart"))
        run(lab, "kill \(owners[1].name)", "put cart milk", "wait 1s", "put cart tea")
        let versions = try #require(run(lab, "versions cart")).json.rendered
        #expect(versions.contains(#""hinted":[{"for":"\#(owners[1].name)","values":["milk"],"clocks":["{"#), "\(versions)")
        #expect(versions.contains(#"{"node":"\#(owners[3].name)","role":"fallback","#), "a hint alone makes a fallback: \(versions)")
    }

    @Test func jsonEscapesWhatNeedsEscaping() {
        let json = JSON.object([("s", .string("a\"b\\c\nd\u{1}é"))])
        #expect(json.rendered == #"{"s":"a\"b\\c\nd\u0001é"}"#)
    }

    @Test func aSavedSessionReplaysToTheSameState() throws {
        let lab = Lab()
        run(lab, "config w=3", "put cart milk", "client bob", "get cart", "kill node2", "put cart eggs",
            "partition node1 node4", "wait 2s", "heal", "restart node2", "step 5", "ring", "wait 3s")
        let replayed = Lab()
        for line in lab.savedScript.split(separator: "\n") {
            let result = replayed.execute(String(line))
            #expect(result?.status != .rejected, "\(line)")
        }
        #expect(fingerprint(replayed) == fingerprint(lab))
    }

    /// A `config` that names `nodes` or `vnodes` at their current values rebuilds nothing: the
    /// session so far, and the settings it changes, are saved and replay; one that changes them
    /// starts the saved session again from the new cluster.
    @Test func aConfigThatRebuildsNothingKeepsTheSavedSession() throws {
        let lab = Lab()
        run(lab, "put cart milk", "kill node3", "config nodes=5 vnodes=8 n=2 r=1 w=1", "join", "config vnodes=8")
        #expect(lab.cluster.nodeIDs.count == 6 && lab.cluster.settings.n == 2)
        let replayed = Lab()
        for line in lab.savedScript.split(separator: "\n") {
            #expect(replayed.execute(String(line))?.status != .rejected, "\(line)")
        }
        #expect(fingerprint(replayed) == fingerprint(lab))
        run(lab, "config nodes=4")
        #expect(lab.history.isEmpty, "a rebuild starts the session again")
        #expect(lab.savedScript.contains("config nodes=4 vnodes=8 n=2 r=1 w=1"), "\(lab.savedScript)")
    }

    @Test func seedAndConfigRebuildTheCluster() {
        let lab = Lab()
        run(lab, "put cart milk", "put list tea", "get cart")
        let reseeded = run(lab, "seed 42")
        #expect(reseeded?.ok == true)
        #expect(reseeded?.text.hasSuffix("the old one's 2 keys and 3 requests are gone") == true, "nothing goes silently")
        #expect(lab.cluster.config.seed == 42)
        #expect(field(run(lab, "get cart"), "siblings") == .int(0))
        #expect(run(lab, "config nodes=7 vnodes=4")?.text.contains("are gone") == true, "the get after the reseed")
        #expect(lab.cluster.nodeIDs.count == 7)
        #expect(run(lab, "reset")?.text.contains("gone") == false, "a fresh cluster loses nothing")
        #expect(lab.cluster.ring.tokens.count == 28)
        #expect(run(lab, "config n=7 r=7 w=7")?.ok == true)
        #expect(run(lab, "kill node7")?.ok == true)
    }

    /// The screen's ^C stops a long wait between two virtual seconds: time stops there, and the
    /// session records the wait that ran, so replaying what `save` writes reaches the same state.
    @Test func aStoppedWaitEndsBetweenSecondsAndIsRecordedAsTheWaitThatRan() {
        let lab = Lab()
        run(lab, "put cart milk")
        let before = lab.cluster.now
        var looks = 0
        lab.stopRequested = {
            looks += 1
            return looks == 5
        }
        let result = lab.execute("wait 24h")
        #expect(result?.status == .ok)
        #expect(result?.text.hasPrefix("stopped by ^C after 5s of 24h; time is ") == true, "\(result?.text ?? "")")
        #expect(lab.cluster.now == before + 5_000)
        #expect(lab.history.last == "wait 5s", "as a wait of that length is typed")

        lab.stopRequested = { false }
        run(lab, "wait 2s")
        #expect(lab.history.last == "wait 2s", "a wait that ran whole is recorded as typed")
        let replay = Lab()
        for line in lab.history { run(replay, line) }
        #expect(fingerprint(replay) == fingerprint(lab))
    }

    /// `save` overwrites an empty file, or a session this lab saved and nobody changed since:
    /// never another file, nor a session saved by another run.
    @Test func saveOverwritesOnlyWhatThisSessionSaved() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = folder.appendingPathComponent("notes.txt").path
        let session = folder.appendingPathComponent("session.dlab").path
        FileManagerShim.write(notes, bytes: Array("my notes\n".utf8))

        let lab = Lab()
        run(lab, "put cart milk")
        let refused = lab.execute("save \(notes)")
        #expect(refused?.status == .rejected)
        #expect(refused?.text == "error: \(notes) exists and holds what this session did not save: save to a new file, or remove it first")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "my notes\n")

        #expect(run(lab, "save \(session)")?.ok == true)
        run(lab, "put cart eggs", "reset", "put cart tea")
        #expect(run(lab, "save \(folder.path)/./session.dlab")?.ok == true, "the same file, however named, after a reset")
        let saved = try String(contentsOfFile: session, encoding: .utf8)
        #expect(saved.hasSuffix("seed 1\nput cart tea\n"))
        // A session edited since it was saved holds what save would lose: a caption added, or
        // a line changed, even with its first line kept.
        for edited in [saved + "say \"my caption\"\n", saved.replacingOccurrences(of: "put cart tea", with: "put cart jam")] {
            FileManagerShim.write(session, bytes: Array(edited.utf8))
            #expect(lab.execute("save \(session)")?.text == "error: \(session) was changed since this session saved it: save to a new file")
            #expect(try String(contentsOfFile: session, encoding: .utf8) == edited)
        }

        // Another run's session, though saved by the lab and unchanged, is another session.
        let other = folder.appendingPathComponent("other.dlab").path
        #expect(run(Lab(), "put cart milk", "save \(other)")?.ok == true)
        let kept = try String(contentsOfFile: other, encoding: .utf8)
        #expect(lab.execute("save \(other)")?.status == .rejected)
        #expect(try String(contentsOfFile: other, encoding: .utf8) == kept)

        let empty = folder.appendingPathComponent("empty.dlab").path
        FileManagerShim.write(empty, bytes: [])
        #expect(run(lab, "save \(empty)")?.ok == true, "an empty file has nothing to lose")
    }

    /// A saved session is the lesson that was given: what changed the cluster, and what showed,
    /// checked or paused it, but not the screen's `run` and `speed`, help or save. A check that
    /// failed is kept as a comment, and `expect ok` or `expect fail` about a line left out is
    /// left out too: replayed, it would check another line.
    @Test func aSavedSessionKeepsWhatWasShownAndChecked() throws {
        let lab = Lab()
        run(lab, "say \"A write, then a look\"", "put cart milk", "get cart", "versions cart", "expect values cart milk",
            "help put", "run", "speed 2", "pause", "nodes node2", "trace 5", "expect hints 0", "kill node2", "expect ok")
        #expect(lab.execute("expect hints 1")?.status == .expectationFailed)
        #expect(lab.execute("versions")?.status == .rejected)
        #expect(lab.execute("expect fail")?.status == .ok)
        #expect(lab.execute("kill node9")?.status == .rejected)
        #expect(lab.execute("expect fail")?.status == .ok)
        run(lab, "speed 1")
        #expect(lab.execute("expect ok")?.status == .ok)
        // A line break, read as a space, stays inside the line saved.
        #expect(lab.execute("expect values cart milk\nput cart x")?.status == .expectationFailed)
        let lines = lab.savedScript.split(separator: "\n").dropFirst(3)
        #expect(lines == ["say \"A write, then a look\"", "put cart milk", "get cart", "versions cart", "expect values cart milk", "pause",
                          "nodes node2", "trace 5", "expect hints 0", "kill node2", "expect ok", "# failed when saved: expect hints 1",
                          "# failed when saved: expect values cart milk put cart x"])
        let replay = Lab()
        for line in lab.savedScript.split(separator: "\n") { _ = replay.execute(String(line)) }
        let uncommented = lab.savedScript.split(separator: "\n").filter { !$0.hasPrefix("# failed when saved: ") }
        #expect(replay.savedScript.split(separator: "\n") == uncommented, "the replay gives the same session, to the same virtual time")
    }

    /// `save` writes through a symbolic link, even one whose file is not there yet, and keeps
    /// the link; it guards the file the link leads to, and refuses links in a loop.
    @Test func saveWritesThroughSymbolicLinks() throws {
        let files = FileManager.default
        let folder = files.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString)").path
        try files.createDirectory(atPath: folder + "/lessons", withIntermediateDirectories: true)
        defer { try? files.removeItem(atPath: folder) }
        try files.createSymbolicLink(atPath: folder + "/today.dlab", withDestinationPath: "lessons/today.dlab")
        try files.createSymbolicLink(atPath: folder + "/notes.dlab", withDestinationPath: folder + "/notes.txt")
        try files.createSymbolicLink(atPath: folder + "/a", withDestinationPath: "b")
        try files.createSymbolicLink(atPath: folder + "/b", withDestinationPath: "a")
        FileManagerShim.write(folder + "/notes.txt", bytes: Array("my notes\n".utf8))

        let lab = Lab()
        run(lab, "put cart milk")
        #expect(run(lab, "save \(folder)/today.dlab")?.ok == true)
        run(lab, "put cart eggs")
        #expect(run(lab, "save \(folder)/today.dlab")?.ok == true, "the session the link leads to is overwritten")
        #expect(try files.destinationOfSymbolicLink(atPath: folder + "/today.dlab") == "lessons/today.dlab")
        #expect(try String(contentsOfFile: folder + "/lessons/today.dlab", encoding: .utf8).hasSuffix("put cart eggs\n"))

        #expect(lab.execute("save \(folder)/notes.dlab")?.status == .rejected, "a link to another file is no session")
        #expect(try String(contentsOfFile: folder + "/notes.txt", encoding: .utf8) == "my notes\n")
        #expect(lab.execute("save \(folder)/a")?.text == "error: cannot write \(folder)/a: its symbolic links lead round in a loop")

        // The same file through a linked directory is the file this session saved.
        try files.createSymbolicLink(atPath: folder + "/linked", withDestinationPath: "lessons")
        #expect(run(lab, "save \(folder)/linked/today.dlab")?.ok == true)
    }

    /// `save` says plainly why a path cannot be written, in the words of `explore --out`.
    @Test func saveSaysWhyAPathCannotBeWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let notes = folder.appendingPathComponent("notes.txt").path
        FileManagerShim.write(notes, bytes: Array("my notes\n".utf8))
        let lab = Lab()
        run(lab, "put cart milk")
        for (path, problem) in [("\(folder.path)/missing/x.dlab", "no such directory \(folder.path)/missing"),
                                (folder.path, "it is a directory"), ("\(notes)/x.dlab", "\(notes) is not a directory")] {
            let result = try #require(lab.execute("save \(path)"))
            #expect(result.status == .rejected)
            #expect(result.text == "error: cannot write \(path): \(problem)")
        }
    }

    /// `heal` restores links only, and says which other faults stay.
    @Test func healSaysWhichFaultsStayInForce() {
        let lab = Lab()
        run(lab, "partition node1 node2", "loss 100%", "skew node2 -1s")
        let healed = run(lab, "heal")
        #expect(healed?.text == "healed: every link restored\n  still in force (heal restores links only): "
            + "loss: 100% of every message; skew: node2's clock runs 1s behind")
        #expect(field(healed, "faults") == .strings(["loss: 100% of every message", "skew: node2's clock runs 1s behind"]))
        run(lab, "loss 0%", "skew node2 0")
        #expect(run(lab, "heal")?.text == "nothing to heal: no link was cut")
    }

    /// `faults` names a partition's sides before the links it cut, which it lists one by one.
    @Test func faultsNameThePartitionsSides() throws {
        let lab = Lab()
        #expect(run(lab, "faults")?.text == "no faults: every link works")
        run(lab, "partition node1,node2 node3,node4,node5")
        let faults = try #require(run(lab, "faults"))
        let lines = faults.text.split(separator: "\n")
        #expect(lines.first == "sides: A = node1 node2, B = node3 node4 node5")
        #expect(lines.count == 2 && lines[1].hasPrefix("cut: node1 -> node3, node1 -> node4"))
        #expect(field(faults, "sides") == .array([.strings(["node1", "node2"]), .strings(["node3", "node4", "node5"])]))
        run(lab, "heal", "loss 5%")
        #expect(run(lab, "faults")?.text == "loss: 5% of every message")
    }

    /// A heal that restores nothing says so, rather than claiming links it did not touch.
    @Test func healSaysWhenThereWasNothingToHeal() {
        let lab = Lab()
        #expect(run(lab, "heal")?.text == "nothing to heal: no link was cut")
        run(lab, "partition node1,node2 node3,node4,node5")
        #expect(run(lab, "heal node1 node2")?.text == "nothing to heal between the sides named; 12 links still cut")
        #expect(run(lab, "heal node1 node3")?.text == "healed between the sides named; 10 links still cut")
        #expect(run(lab, "heal")?.text == "healed: every link restored")
    }

    /// `config` with names only shows those settings, each once, in `config`'s form and with
    /// the JSON fields `config` gives them, and changes nothing.
    @Test func configWithNamesShowsThoseSettings() throws {
        let lab = Lab()
        run(lab, "config timeout=2s")
        let shown = try #require(run(lab, "config n timeout clocks timeout"))
        #expect(shown.text == "n=3 timeout=2s clocks=dvv")
        #expect(shown.fields.map(\.0) == ["n", "timeout_ms", "clocks"])
        let all = try #require(run(lab, "config"))
        for (name, value) in shown.fields { #expect(field(all, name) == value, "\(name)") }
        #expect(field(shown, "timeout_ms") == .int(2_000))
        let before = lab.cluster.settings
        let unknown = try #require(lab.execute("config n quorum"))
        #expect(unknown.status == .rejected)
        #expect(unknown.text.hasPrefix("error: unknown setting 'quorum': expected nodes, vnodes, n, r, w,"))
        #expect(lab.cluster.settings == before)
    }

    /// Settings are shown in the largest unit that divides them, as they would be typed.
    @Test func configShowsDurationsAsTyped() {
        let lab = Lab()
        let text = run(lab, "config handoff=1h gossip=90s anti-entropy=2m timeout=1.5s")?.text ?? ""
        for setting in ["handoff=1h", "gossip=90s", "anti-entropy=2m", "timeout=1500ms"] {
            #expect(text.contains(setting), "\(setting) in \(text)")
        }
    }

    /// A timeout no longer than the replicas' deadline is allowed (explore uses one to make
    /// every request fail) but warned of: sloppy quorum could never stand in.
    @Test func aTimeoutBelowTheReplicaDeadlineIsWarnedOf() {
        let lab = Lab()
        let warned = run(lab, "config timeout=50ms replica-timeout=200ms")?.text ?? ""
        #expect(warned.contains("note: timeout=50ms is not longer than replica-timeout=200ms"))
        #expect(lab.cluster.settings.requestTimeout == 50)
        #expect(run(lab, "config timeout=300ms")?.text.contains("note:") == false)
    }

    /// Background rounds more often than every 100ms are allowed but warned of, naming each:
    /// every node runs one that often, so virtual time passes slowly. At 100ms, no note.
    @Test func backgroundRoundsOftenerThanEvery100msAreWarnedOf() {
        let lab = Lab()
        let warned = run(lab, "config anti-entropy=1ms gossip=50ms")?.text ?? ""
        #expect(warned.contains("note: gossip=50ms anti-entropy=1ms: every node runs these rounds that often, so virtual time passes slowly"), "\(warned)")
        #expect(lab.cluster.settings.antiEntropyInterval == 1)
        #expect(run(lab, "config anti-entropy=100ms gossip=100ms")?.text.contains("note:") == false)
        #expect(run(lab, "config handoff=99ms")?.text.contains("note: handoff=99ms: every node runs such a round that often") == true)
    }

    /// A suspicion timeout shorter than the gossip rounds a heartbeat may take to spread, with
    /// one to spare (⌊log2 nodes⌋ + 2), is allowed, as a lesson may want peers to flap, but warned of; and the
    /// warning is true: a healthy cluster soon has nodes doubting live peers.
    @Test func aSuspicionShorterThanAHeartbeatTakesToSpreadIsWarnedOf() {
        let lab = Lab()
        let warned = run(lab, "config suspicion=1500ms")?.text ?? ""
        #expect(warned.contains("note: suspicion=1500ms is shorter than 4 gossip rounds (gossip=1s), which a heartbeat may need to reach all 5 nodes"))
        #expect(run(lab, "config suspicion=3s")?.json.rendered.contains(#""notes":["suspicion=3s is shorter than 4 gossip rounds"#) == true)
        _ = run(lab, "config suspicion=1500ms")
        #expect(lab.cluster.settings.suspicionTimeout == 1_500)
        _ = run(lab, "wait 20s")
        #expect(!lab.cluster.snapshot().nodes.flatMap(\.suspects).isEmpty, "every peer is alive, yet some node doubts one")

        let quiet = run(lab, "config suspicion=4s")
        #expect(quiet?.text.contains("note:") == false)
        #expect(quiet?.json.rendered.contains(#""notes":[]"#) == true)
        #expect(run(lab, "config gossip=2s")?.text.contains("(gossip=2s), which a heartbeat may need to reach all 5 nodes") == true)
        #expect(run(lab, "config nodes=3 gossip=1s suspicion=2900ms")?.text.contains("shorter than 3 gossip rounds (gossip=1s), which a heartbeat may need to reach all 3 nodes") == true)
        #expect(run(lab, "config suspicion=auto")?.text.contains("note:") == false)
    }

    /// A join that grows the ring past what a hand-set suspicion allows for warns as `config`
    /// would, once: a further join, still too many for it, says nothing new.
    @Test func aJoinThatOutgrowsTheSuspicionWarnsOnce() {
        let lab = Lab()
        #expect(run(lab, "config nodes=3 gossip=1s suspicion=3s")?.text.contains("note:") == false)
        let grown = run(lab, "join")
        #expect(grown?.text.contains("node4 joins") == true)
        #expect(grown?.text.contains("note: suspicion=3s is shorter than 4 gossip rounds (gossip=1s), which a heartbeat may need to reach all 4 nodes") == true)
        #expect(grown?.json.rendered.contains(#""notes":["suspicion=3s is shorter than 4 gossip rounds"#) == true)
        let again = run(lab, "join")
        #expect(again?.text.contains("node5 joins") == true)
        #expect(again?.text.contains("note:") == false)
        #expect(again?.json.rendered.contains(#""notes":[]"#) == true)
        _ = run(lab, "config suspicion=auto")
        #expect(run(lab, "join")?.text.contains("note:") == false)
    }

    @Test func helpExplainsEveryCommand() {
        let lab = Lab()
        let overview = run(lab, "help")?.text ?? ""
        for spec in CommandHelp.specs { #expect(overview.contains(spec.usage)) }
        #expect(run(lab, "help partition")?.text.contains("partition node1,node2 node3,node4,node5") == true)
    }

    /// `help concepts` explains each term the lab's output uses, with the paper's section, and
    /// names the command that shows it.
    @Test func helpConceptsExplainsTheTermsTheOutputUses() throws {
        let lab = Lab()
        let text = try #require(run(lab, "help concepts")?.text)
        #expect(run(lab, "help glossary")?.text == text)
        for term in ["preference list, fallback:", "coordinator:", "sloppy quorum:", "hint, hinted handoff:", "vector clock:", "dot, saw, dvv:",
                     "sibling:", "conflict:", "clock truncation, clock-max:", "last-write-wins, lww:", "tombstone, delete:",
                     "partition, side:", "context:", "stale:", "read repair:", "anti-entropy, Merkle tree:", "gossip, failure detection:"] {
            #expect(text.contains("\n  \(term) "), "\(term)")
        }
        for command in ["ring", "versions", "hints", "merkle", "sync", "nodes"] {
            #expect(CommandHelp.spec(named: command) != nil && text.contains(" \(command) "), "\(command)")
        }
        #expect(run(lab, "help")?.text.contains("help concepts for Dynamo's terms, help TERM for one") == true)
    }

    /// `help TERM` gives the entries of `help concepts` that explain TERM, by any word of it or
    /// its plural, in any case; a command of that name comes first (`help hints`).
    @Test(arguments: [("sibling", ["sibling:"]), ("Siblings", ["sibling:"]), ("sloppy quorum", ["sloppy quorum:"]),
                      ("quorum", ["N, R, W, quorum:", "sloppy quorum:"]), ("hint", ["hint, hinted handoff:"]),
                      ("merkle tree", ["anti-entropy, Merkle tree:"]), ("vector", ["vector clock:"]), ("dots", ["dot, saw, dvv:"]), ("dvv", ["dot, saw, dvv:"]),
                      ("conflict", ["conflict:"]), ("fallbacks", ["preference list, fallback:"]), ("lww", ["last-write-wins, lww:"]),
                      ("clock", ["vector clock:", "clock truncation, clock-max:"]),
                      ("consistent hashing", ["ring, token, virtual node, vnode, consistent hashing:"]),
                      ("vnodes", ["ring, token, virtual node, vnode, consistent hashing:"])])
    func helpOnATermGivesItsEntries(_ topic: String, _ entries: [String]) throws {
        let text = try #require(run(Lab(), "help \(topic)")?.text)
        let lines = text.split(separator: "\n")
        #expect(lines.dropLast().map { String($0.drop { $0 == " " }.prefix { $0 != ":" }) + ":" } == entries, "\(text)")
        #expect(lines.last == "help concepts explains every term")
    }

    @Test func helpOnACommandOrAnUnknownTermIsNotAConcept() throws {
        let lab = Lab()
        #expect(run(lab, "help hints")?.text.hasPrefix("usage: hints") == true)
        #expect(run(lab, "help merkle")?.text.hasPrefix("usage: merkle") == true)
        let unknown = try #require(lab.execute("help warp drive"))
        #expect(unknown.status == .rejected)
        #expect(unknown.text.contains("no help for 'warp drive'"))
        #expect(lab.execute("help siblng")?.text.contains("(did you mean sibling?)") == true, "a mistyped term is suggested too")
    }

    /// Help texts are written across source lines: none carries a line's indentation into its text.
    @Test func helpTextsHaveNoRunsOfSpaces() {
        for topic in CommandHelp.specs.map(\.name) + CommandHelp.topics.flatMap(\.names) + CommandHelp.aliases.keys {
            let text = CommandHelp.text(of: topic) ?? ""
            for line in text.split(separator: "\n") {
                let words = line.drop { $0 == " " }
                #expect(!words.contains("  "), "help \(topic): \(line)")
            }
        }
    }

    /// `é` typed as one code point or as `e` and a combining accent is one key: Swift takes the
    /// two as equal, so the ring must place them as one (the lab reads lines in NFC).
    @Test func aKeyIsOneKeyHoweverItsAccentsWereTyped() throws {
        let lab = Lab()
        run(lab, "put k2e\u{301} decomposed", "put k2\u{e9} precomposed", "wait 10m")
        let holders = lab.cluster.nodeIDs.filter { !lab.cluster.snapshot().node($0)!.store.keys.isEmpty }
        #expect(holders.count == 3, "held by N nodes, not by the owners of two positions")
        #expect(run(lab, "expect misplaced 0")?.status == .ok)
        let versions = try #require(run(lab, "versions k2e\u{301}")).text
        #expect(versions.contains("precomposed") && versions.contains("decomposed"), "\(versions)")
        #expect(try #require(run(lab, "versions k2\u{e9}")).text == versions)
    }

    /// A line is composed a stretch at a time, and the bytes must be those of the whole line
    /// composed at once: text of letters, combining marks whose order composition changes,
    /// Hangul jamo, vowel signs that compose, precomposed letters and marks that no letter
    /// precedes, in long runs that cross the stretches' bounds, with and without ASCII.
    @Test func aLineComposedByStretchesHasTheBytesOfOneComposedWhole() {
        // Letters and the marks that compose with them or reorder (Latin, Greek), Hangul jamo and
        // a syllable, and vowels whose second half is a spacing sign (Oriya, Tamil, Kannada,
        // Sinhala, Malayalam).
        let pieces: [String] = ["e", "a", " ", "\u{301}", "\u{323}", "\u{302}", "\u{1100}", "\u{1161}", "\u{11A8}", "\u{AC00}",
                                "\u{e9}", "\u{3B1}", "\u{345}", "\u{1E0B}", "\u{0B47}", "\u{0B3E}", "\u{0B57}", "o", "\u{31B}",
                                "\u{0BC6}", "\u{0BBE}", "\u{0BD7}", "\u{0CC6}", "\u{0CC2}", "\u{0CD5}", "\u{0DD9}", "\u{0DCF}",
                                "\u{0DDF}", "\u{0D46}", "\u{0D3E}", "\u{0D57}"]
        var random = SimRandom(seed: 7)
        for round in 0..<300 {
            let length = Int.random(in: 1...1_500, using: &random)
            let choices = round % 2 == 0 ? pieces : pieces.filter { !$0.unicodeScalars.allSatisfy(\.isASCII) }
            let line = (0..<length).map { _ in choices.randomElement(using: &random)! }.joined()
            let same = line.composed.utf8.elementsEqual(line.precomposedStringWithCanonicalMapping.utf8)
            #expect(same, "a line of \(line.unicodeScalars.count) scalars")
        }
    }

    /// Seeds are unsigned 64-bit numbers, and JSON shows the largest as typed, not wrapped negative.
    @Test func jsonShowsSeedsPastInt64AsTyped() throws {
        let lab = Lab()
        let seeded = try #require(run(lab, "seed 18446744073709551615")).json.rendered
        #expect(seeded.contains(#""seed":18446744073709551615"#), "\(seeded)")
        let config = try #require(run(lab, "config")).json.rendered
        #expect(config.contains(#""seed":18446744073709551615"#), "\(config)")
    }

    /// The commands about one key bring it into the screen's focus; looking at the cluster does not.
    @Test func commandsAboutAKeyFocusIt() {
        let lab = Lab()
        run(lab, "put cart milk")
        #expect(lab.focus == "cart")
        run(lab, "versions basket")
        #expect(lab.focus == "basket")
        run(lab, "ring", "nodes", "audit")
        #expect(lab.focus == "basket")
        #expect(lab.savedScript.hasSuffix("versions basket\nring\nnodes\naudit\n"), "a saved session follows the same key")
        run(lab, "get cart")
        #expect(lab.focus == "cart")
    }

    /// A failed get is the last get of its key: `expect values` and `expect siblings` do not
    /// look past it to an older read.
    @Test func aFailedGetIsTheLastReadExpectSees() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.walk(from: .of(key: "k"), limit: 3)
        run(lab, "put k v1", "get k", "put k v2")
        for owner in owners { run(lab, "kill \(owner.name)") }
        run(lab, "get k r=3")
        let values = try #require(run(lab, "expect values k v1"))
        #expect(values.status == .expectationFailed)
        #expect(values.text == "✗ expectation failed: the last get of k failed, expected v1")
        #expect(run(lab, "expect siblings k 1")?.status == .expectationFailed)
        for owner in owners { run(lab, "restart \(owner.name)") }
        run(lab, "get k")
        #expect(run(lab, "expect values k v2")?.status == .ok, "a read that succeeds counts again")
    }

    /// `expect ok` and `expect fail` name the command they judged, looks included.
    @Test func expectOutcomeNamesTheCommandItJudged() throws {
        let lab = Lab()
        run(lab, "kill node1", "kill node2", "kill node3", "put k v w=3", "hints")
        let judged = try #require(run(lab, "expect fail"))
        #expect(judged.text == "✗ expectation failed: the last command (hints) succeeded, expected failure")
    }

    /// A node that is down has no view: `expect view` of it fails, as `nodes NODE` says.
    @Test func aDownNodeHasNoViewToExpect() throws {
        let lab = Lab()
        run(lab, "kill node4", "wait 12s")
        let view = try #require(run(lab, "expect view node4 node1 down"))
        #expect(view.text == "✗ expectation failed: node4 is down, with no view until it restarts, expected down")
        #expect(run(lab, "expect view node1 node4 down")?.status == .ok)
    }
}
