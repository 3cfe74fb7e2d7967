import Foundation
import DynamoCore
import DynamoLab
import DynamoSim
import Testing
@testable import DynamoTUI

/// What each panel says about the cluster.
@Suite struct PanelTests {
    private func draw(_ width: Int = 70, _ height: Int = 12, _ body: (inout Frame, Rect) -> Void) -> Frame {
        var frame = Frame(width: width, height: height)
        body(&frame, Rect(x: 0, y: 0, width: width, height: height))
        return frame
    }

    @Test func siblingsStandOutAndStaleVersionsAreDimmed() {
        let lab = Lab()
        // Two clients write from the same empty context: the versions are concurrent.
        for line in ["client alice", "put cart milk", "client bob", "put cart eggs"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        let rows = VersionsPanel.rows(snapshot, key: "cart")
        #expect(rows.filter(\.isSibling).count >= 2)
        let frame = draw { frame, rect in VersionsPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
        #expect(frame.row(0).contains("siblings on"))
        let sibling = (1..<12).first { frame.row($0).contains("sibling") }
        #expect(sibling != nil)
        if let sibling {
            let column = frame.row(sibling).distance(from: frame.row(sibling).startIndex, to: frame.row(sibling).firstRange(of: "milk")?.lowerBound ?? frame.row(sibling).startIndex)
            #expect(frame[column, sibling].style.ink == .warn)
        }

        _ = lab.execute("get cart")
        _ = lab.execute("put cart milk+eggs")
        let merged = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart")
        #expect(!merged.contains(where: \.isSibling) || merged.contains(where: \.isStale))
    }

    @Test func siblingsWhoseClocksLookOrderedShowTheDotAndWhatTheWriteSaw() {
        let lab = Lab()
        for line in ["put cart milk", "put cart milk+eggs"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        for width in [45, 70] {
            let frame = draw(width, 8) { frame, rect in VersionsPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
            // At 45 columns the `saw {}` goes on a row of its own, to keep the `sibling` mark.
            let rows = (1..<8).map(frame.row)
            let first = rows.firstIndex { $0.contains("milk+eggs") } ?? rows.endIndex
            let shown = rows[first...].prefix(width < 60 ? 2 : 1).joined(separator: " ")
            #expect(shown.contains("dot node2:2") && shown.contains("saw {}"), "at \(width) columns: \(shown)")
            let later = rows.indices.filter { rows[$0].contains("milk+eggs") }
            #expect(later.count == 2 && later.allSatisfy { rows[$0...].prefix(width < 60 ? 2 : 1).last!.hasSuffix("sibling") },
                    "each copy marked: \(rows)")
            #expect(!(1..<8).map(frame.row).contains { $0.contains("milk ") && $0.contains("saw") }, "the first write's clock tells the truth")
        }
    }

    @Test func nodesShowStatusHintsAndWrongBeliefs() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        let (coordinator, replica) = (owners[0], owners[2])
        for line in ["put cart milk", "kill \(replica)", "put cart eggs", "wait 200ms", "restart \(replica)"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        let frame = draw(70, 9) { frame, rect in NodesPanel.draw(snapshot, focus: nil, in: rect, on: &frame) }
        #expect(frame.row(0).contains("Nodes · 5 of 5 up"))
        #expect(frame.row(1).hasPrefix(" node   status side prim keys hints suspects"))
        let y = try #require((2..<9).first { frame.row($0).hasPrefix(" \(coordinator) ") })
        let row = frame.row(y)
        #expect(row.hasPrefix(" \(coordinator)  ● up"))
        #expect(row.hasSuffix(replica.name + "?"), "the coordinator still suspects the restarted replica")
        let column = TextWidth.columns(of: row) - 6
        #expect(frame[column, y].style.ink == .warn, "a belief the network does not explain is a warning")
    }

    /// The panel's columns are those of `nodes`, with the same counts: keys as first owner, keys
    /// in all, hints; and `-` for a node's side when there is no partition.
    @Test func theNodesPanelCountsAsTheNodesCommandDoes() throws {
        let lab = Lab()
        for line in ["put cart milk", "put sack flour", "put box tea", "kill node4", "put cart eggs", "put bag rice"] { _ = lab.execute(line) }
        let command = try #require(lab.execute("nodes")?.text).split(separator: "\n")
        let frame = draw(70, 9) { frame, rect in NodesPanel.draw(lab.cluster.snapshot(), focus: nil, in: rect, on: &frame) }
        for node in lab.cluster.nodeIDs {
            let listed = try #require(command.first { $0.hasPrefix(node.name + " ") }).split(separator: " ")
            let y = try #require((2..<9).first { frame.row($0).hasPrefix(" \(node) ") })
            let drawn = frame.row(y).split(separator: " ")
            // nodes: name, status, side, primary, keys, hints; the panel: name, glyph, status, side, prim, keys, hints.
            #expect(Array(drawn[3...6]) == [listed[2], listed[3], listed[4], listed[5]], "\(node): \(frame.row(y)) against \(listed)")
        }
        let counts = command.dropFirst().map { $0.split(separator: " ") }.filter { $0.count > 5 }.compactMap { Int($0[3]) }
        #expect(counts.contains { $0 > 0 }, "some node is a first owner, so keys in all and further replicas differ")
    }

    /// A long answer drawn narrow: a row of a table continues under its last column, so that
    /// `help`'s descriptions read as a column; a line with no columns continues indented by four.
    @Test func aWrappedTableRowContinuesUnderItsLastColumn() throws {
        let help = try #require(Lab().execute("help")?.text)
        let overlay = ScreenModel.Overlay(title: "help", lines: help.components(separatedBy: "\n") + [Array(repeating: "word", count: 30).joined(separator: " ")])
        let lines = OverlayPanel.wrapped(overlay, width: 78)
        let put = try #require(lines.firstIndex { $0.contains("put KEY VALUE [via NODE] [w=W]") })
        let description = try #require(lines[put].range(of: "write,")).lowerBound
        let column = lines[put].distance(from: lines[put].startIndex, to: description)
        let next = lines[put + 1]
        #expect(next.prefix { $0 == " " }.count == column, "\(lines[put])\n\(next)")
        #expect(lines.allSatisfy { TextWidth.columns(of: $0) <= 78 })
        #expect(lines.suffix(2).last?.hasPrefix("    word") == true)
        // A line that is not indented is prose, however its words are spaced, as `nodes`'s legend.
        let legend = try #require(Lab().execute("nodes")?.text.split(separator: "\n").last.map(String.init))
        let wrappedLegend = OverlayPanel.wrapped(ScreenModel.Overlay(title: "nodes", lines: [legend]), width: 76)
        #expect(wrappedLegend.count > 1 && wrappedLegend.dropFirst().allSatisfy { $0.hasPrefix("    ") && !$0.hasPrefix("     ") }, "\(wrappedLegend)")
    }

    /// A caption longer than its panel ends in `…` rather than stopping mid-sentence as if
    /// it were whole; one that fits has none.
    @Test func aCaptionLongerThanItsPanelSaysSo() {
        var model = ScreenModel()
        model.caption = Array(repeating: "gossip carries heartbeats", count: 12).joined(separator: " ")
        let cut = draw(40, 4) { frame, rect in CaptionPanel.draw(model, in: rect, on: &frame) }
        #expect(cut.row(3).trimmingCharacters(in: .whitespaces).hasSuffix("…"), "\(cut.text)")
        model.caption = "gossip carries heartbeats"
        let whole = draw(40, 4) { frame, rect in CaptionPanel.draw(model, in: rect, on: &frame) }
        #expect(!whole.text.contains("…"), "\(whole.text)")
    }

    /// An answer opened over the panels is of its moment: once the clock has moved on, the
    /// title says when it was given and what the time is now, so that a stale view of the
    /// nodes is not taken for the present.
    @Test func anOverlayOutlivedByTheClockSaysWhenItWasAnswered() throws {
        let overlay = ScreenModel.Overlay(title: "nodes", lines: ["node1 up"], time: 1_311)
        let title = { (now: Millis) -> String in
            var frame = Frame(width: 100, height: 6)
            OverlayPanel.draw(overlay, now: now, in: Rect(x: 0, y: 0, width: 100, height: 6), on: &frame)
            return frame.row(0)
        }
        #expect(title(1_311).contains("PgUp/PgDn scroll · Enter closes"))
        #expect(title(13_311).contains("nodes · as of 1.311s (now 13.311s) · PgUp/PgDn scroll · Enter closes"), "\(title(13_311))")
    }

    /// The suspects column marks each peer as `nodes` does: ? while suspected, ✗ once
    /// believed down.
    @Test func suspectsAreMarkedSuspectedThenDown() throws {
        let lab = Lab()
        let suspicion = lab.cluster.settings.suspicion(members: 5)
        func row(of node: NodeID) throws -> String {
            let frame = draw(70, 9) { frame, rect in NodesPanel.draw(lab.cluster.snapshot(), focus: nil, in: rect, on: &frame) }
            return frame.row(try #require((2..<9).first { frame.row($0).hasPrefix(" \(node) ") }))
        }
        func title() -> String {
            draw(90, 9) { frame, rect in NodesPanel.draw(lab.cluster.snapshot(), focus: nil, in: rect, on: &frame) }.row(0)
        }
        #expect(!title().contains("suspected") && !title().contains("✗"), "no legend while no mark is shown: \(title())")
        _ = lab.execute("kill node4")
        _ = lab.execute("wait \(suspicion + 500)ms")
        #expect(try row(of: NodeID(1)).hasSuffix(" node4?"))
        #expect(title().contains("4 of 5 up · ?=suspected ─"), "\(title())")
        _ = lab.execute("wait \(suspicion)ms")
        #expect(try row(of: NodeID(1)).hasSuffix(" node4✗"))
        #expect(title().contains("4 of 5 up · ✗=down ─"), "\(title())")
        #expect(try row(of: NodeID(4)).hasSuffix(" —"), "a node that is down suspects no one")
    }

    @Test func aNodeThatLeftIsShownLeftAndLeavesTheRingLegend() {
        let lab = Lab()
        for line in ["join node6", "leave node2", "wait 2s"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        let nodes = draw(70, 9) { frame, rect in NodesPanel.draw(snapshot, focus: nil, in: rect, on: &frame) }
        #expect(nodes.row(0).contains("Nodes · 5 of 5 up · 1 left"))
        #expect(nodes.text.contains("node2  ◌ left"))
        let ring = ScreenLayout.render(snapshot, ScreenModel(), width: 120, height: 40)
        #expect(ring.text.contains("1=node1 3=node3"))
        #expect(!ring.text.contains("2=node2"))
        #expect(ring.row(0).contains("5 nodes up"))
        _ = lab.execute("kill node3")
        _ = lab.execute("leave node3")
        let down = draw(70, 9) { frame, rect in NodesPanel.draw(lab.cluster.snapshot(), focus: nil, in: rect, on: &frame) }
        let row = down.text.split(separator: "\n").first { $0.hasPrefix(" node3 ") } ?? ""
        #expect(row.hasPrefix(" node3  ◌ left") && row.hasSuffix("(down)"), "a node that left while down: \(row)")
        #expect(down.text.split(separator: "\n").first { $0.hasPrefix(" node2 ") }?.hasSuffix("—") == true, "node2 left while up")
    }

    @Test func aShortNodesPanelListsTheHintHolderAndTheNodeCutOffBeforeHealthyReplicas() {
        let lab = Lab()
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        // The last owner is cut off: the next write to the key leaves a hint with a stand-in.
        for line in ["put cart milk", "wait 1s", "partition \(owners[2])", "put cart eggs", "wait 1s"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        let holders = snapshot.nodes.filter { !$0.hints.isEmpty }.map(\.id)
        #expect(holders.count == 1 && !owners.contains(holders[0]))
        let listed = NodesPanel.listed(snapshot, sides: snapshot.sides, focus: "cart", rows: 2).map(\.id)
        #expect(listed == (holders + [owners[2]]).sorted())
        // Four rows: the panel's header, the two nodes, and the count of those left out.
        let nodes = draw(70, 5) { frame, rect in NodesPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
        #expect(nodes.text.contains(" \(holders[0].name) ") && nodes.text.contains(" \(owners[2].name) "))
        #expect(nodes.text.contains("… 3 more: type nodes"))
    }

    /// Many nodes cut off by a partition do not push the key's replicas out of a short panel:
    /// a healthy replica, its coordinator among them, comes before a cut-off node that is none.
    @Test func aShortNodesPanelListsTheKeysReplicasBeforeOtherNodesCutOff() {
        let lab = Lab(config: ClusterConfig(seed: 1, nodeCount: 16))
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        let others = lab.cluster.nodeIDs.filter { !owners.contains($0) }
        _ = lab.execute("partition " + others.prefix(5).map(\.name).joined(separator: ","))
        let snapshot = lab.cluster.snapshot()
        #expect(snapshot.sides.count == 2)
        let listed = NodesPanel.listed(snapshot, sides: snapshot.sides, focus: "cart", rows: 4).map(\.id)
        #expect(Set(owners).isSubset(of: Set(listed)), "\(listed)")
    }

    @Test func duringAPartitionANodeOnNoSideReachesAnySide() {
        let lab = Lab()
        _ = lab.execute("partition node1 node2 node3")
        let nodes = draw(70, 9) { frame, rect in NodesPanel.draw(lab.cluster.snapshot(), focus: nil, in: rect, on: &frame) }
        #expect(nodes.text.contains("node1  ● up   A"))
        #expect(nodes.text.contains("node3  ● up   C"))
        #expect(nodes.text.contains("node4  ● up   any"))
    }

    @Test func hintsNameHolderOwnerKeyAndAge() {
        let lab = Lab()
        for line in ["kill node4", "put cart milk", "wait 1500ms"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        let frame = draw(60, 3) { frame, rect in HintsPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
        #expect(frame.row(0).contains("Hints · 1 held"))
        #expect(frame.row(1).contains("→ node4  cart"))
        #expect(frame.row(1).hasSuffix("1.3s old"), "stored when the coordinator's hint reached node5")
    }

    /// A hint whose holder left while down waits for it to rejoin: the panel says its holder
    /// left rather than how old it is.
    @Test func aHintHeldByANodeThatLeftWhileDownSaysItsHolderLeft() throws {
        let lab = Lab()
        for line in ["kill node4", "put cart milk", "wait 1500ms"] { _ = lab.execute(line) }
        let holder = try #require(lab.cluster.snapshot().nodes.first { !$0.hints.isEmpty }?.id)
        for line in ["kill \(holder)", "leave \(holder)"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        let frame = draw(60, 3) { frame, rect in HintsPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
        #expect(frame.row(1).hasPrefix(" \(holder.name) → node4  cart"), "\(frame.row(1))")
        #expect(frame.row(1).hasSuffix("holder left"), "\(frame.row(1))")
    }

    @Test func aHintsAgeIsTheHintsOwnNotItsOldestVersions() {
        let lab = Lab()
        for line in ["put cart milk", "wait 40s", "kill node4", "put cart eggs", "wait 1700ms"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        let frame = draw(60, 3) { frame, rect in HintsPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
        #expect(frame.row(1).contains("cart ×2"), "the hint keeps both siblings")
        // The hint was stored once the coordinator gave up waiting for node4, a little after the put.
        #expect(frame.row(1).hasSuffix(" 1.6s old"))

        // A later hinted write that a partition drops does not make the hint younger.
        for line in ["partition node2 node5", "put cart tea", "wait 500ms"] { _ = lab.execute(line) }
        let later = draw(60, 4) { frame, rect in HintsPanel.draw(lab.cluster.snapshot(), focus: "cart", in: rect, on: &frame) }
        let row = (1..<4).map(later.row).first { $0.contains("node5 → node4") } ?? ""
        #expect(row.hasSuffix(" 2.1s old"), "\(row)")
    }

    @Test func noHintsHeldClaimsNothingAboutHintsDropped() {
        let lab = Lab()
        // Lesson 01: with node3, node4 and node5 down, the hint for node4 goes to node3 and is dropped.
        for line in ["put cart milk", "kill node4", "put cart milk+eggs", "kill node3", "kill node5",
                     "put cart milk+eggs+tea w=3", "get cart", "put cart milk+eggs+tea"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot(traceLimit: 400)
        #expect(snapshot.trace.contains { $0.description.contains("(hint for node4) dropped") })
        let frame = draw(60, 3) { frame, rect in HintsPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
        #expect(frame.row(0).contains("Hints · none held"))
        #expect(!frame.text.contains("every write"))
    }

    @Test func aShortHintsPanelStillListsOneHint() {
        let lab = Lab()
        for line in ["kill node4", "kill node1", "put cart milk", "wait 100ms"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        let frame = draw(60, 2) { frame, rect in HintsPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
        #expect(frame.row(0).contains("Hints · 2 held, 1 shown: type hints"))
        #expect(frame.row(1).contains(" → node4  cart"))
    }

    /// Keys and values that need quotes to be typed are quoted in every panel, as in the
    /// commands' output, so what the screen shows types back as the same text.
    @Test func panelsQuoteKeysAndValuesAsTheyAreTyped() {
        let lab = Lab()
        // With one of the key's owners down, the second write leaves a hint for it.
        let owner = lab.cluster.ring.walk(from: .of(key: "my cart"), limit: 3)[2]
        for line in [#"put "my cart" "milk and eggs""#, "kill \(owner)", #"put "my cart" tea"#, "wait 500ms",
                     #"focus "my cart""#] { _ = lab.execute(line) }
        _ = lab.begin(#"get "my cart""#)
        _ = lab.advanceLive(by: 1)
        let snapshot = lab.cluster.snapshot()
        let versions = draw(90, 8) { frame, rect in VersionsPanel.draw(snapshot, focus: "my cart", in: rect, on: &frame) }
        #expect(versions.row(0).contains(#"Versions of "my cart""#), "\(versions.row(0))")
        #expect(versions.text.contains(#""milk and eggs""#), "\(versions.text)")
        let messages = draw(90, 12) { frame, rect in MessagesPanel.draw(snapshot, focus: "my cart", in: rect, on: &frame) }
        #expect(messages.text.contains(#"fetch "my cart""#), "\(messages.text)")
        #expect(messages.text.contains(#"write quorum for "my cart""#), "\(messages.text)")
        #expect(!messages.text.contains("fetch my cart"))
        let hints = draw(70, 4) { frame, rect in HintsPanel.draw(snapshot, focus: "my cart", in: rect, on: &frame) }
        #expect(hints.text.contains(#"→ \#(owner)  "my cart""#), "\(hints.text)")
        let ring = draw(70, 24) { frame, rect in RingPanel.draw(snapshot, focus: "my cart", in: rect, on: &frame) }
        #expect(ring.text.contains(#"◆ "my cart" @"#), "\(ring.text)")
        var model = ScreenModel()
        model.focus = "my cart"
        let status = draw(120, 1) { frame, rect in StatusBar.draw(snapshot, model, in: rect, on: &frame) }
        #expect(status.row(0).contains(#"◆ "my cart""#), "\(status.row(0))")
    }

    /// Messages in flight that stand still say why, so that none seems stuck: between a
    /// lesson's lines the clock it runs is held; otherwise it is paused, in a lesson too.
    @Test func messagesStandingStillSayWhy() {
        let lab = Lab()
        _ = lab.begin("put cart milk")
        _ = lab.advanceLive(by: 1)
        let snapshot = lab.cluster.snapshot()
        var model = ScreenModel()
        func title() -> String {
            draw(90, 6) { frame, rect in MessagesPanel.draw(snapshot, focus: "cart", stillness: model.stillness, in: rect, on: &frame) }.row(0)
        }
        model.clock.running = false
        #expect(title().contains("in flight · clock paused"), "\(title())")
        model.clock.running = true
        #expect(!title().contains("·  clock") && !title().contains("clock"), "running: \(title())")
        model.lesson = "lesson.dlab 3/9"
        #expect(title().contains("in flight · clock held"), "\(title())")
        model.lessonPlaysLive = true
        #expect(!title().contains("clock"), "a line playing live moves the clock")
        model.clock.running = false
        model.lessonPlaysLive = false
        #expect(title().contains("in flight · clock paused"), "a lesson that never runs its clock: late messages wait for its next line")
    }

    @Test func messagesInFlightTravelAlongTheirTrack() {
        let lab = Lab()
        _ = lab.begin("put cart milk")
        _ = lab.advanceLive(by: 1)
        let snapshot = lab.cluster.snapshot()
        let frame = draw(70, 6) { frame, rect in MessagesPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
        #expect(frame.row(0).contains("\(snapshot.inFlight.count) in flight"))
        let flight = frame.row(1)
        let first = snapshot.inFlight[0]
        #expect(flight.hasPrefix(" \(first.from) ─"))
        #expect(flight.contains("▶ \(first.to) \(TracedMessage(first.message))"))
        #expect(flight.hasSuffix("in \(snapshot.inFlight[0].deliverAt - snapshot.time)ms"))
        // The dot sits further along the nearer the delivery.
        let dot = { (remaining: Millis) -> Int in
            let slowest = snapshot.network.latency.upperBound
            let progress = 1 - min(Double(remaining) / Double(slowest), 1)
            return min(Int(progress * Double(MessagesPanel.trackLength - 1)), MessagesPanel.trackLength - 1)
        }
        #expect(dot(10) == 0)
        #expect(dot(0) == MessagesPanel.trackLength - 1)
        #expect(flight.dropFirst(7).firstIndex(of: "●").map { flight.dropFirst(7).distance(from: flight.dropFirst(7).startIndex, to: $0) }
            == dot(snapshot.inFlight[0].deliverAt - snapshot.time))
        _ = lab.advanceLive(by: 50)
        let done = draw(70, 8) { frame, rect in MessagesPanel.draw(lab.cluster.snapshot(), focus: "cart", in: rect, on: &frame) }
        #expect(done.text.contains("write quorum for cart"))
    }

    @Test func aShortPanelShowsAsManyMessagesInFlightAsFitAndCountsOnlyTheRest() throws {
        let lab = Lab()
        _ = lab.execute("config n=5")
        _ = lab.begin("put cart milk")
        _ = lab.advanceLive(by: 1)
        let snapshot = lab.cluster.snapshot()
        let flying = snapshot.inFlight.count
        try #require(flying >= 3)
        /// The rows of a panel `height` rows tall (title included) showing a message, and the
        /// number the `… N more in flight` row gives, if there is one.
        func shown(height: Int) -> (messages: Int, more: Int?) {
            let width = ScreenLayout.rightWidth(width: 80)
            let frame = draw(width, height) { frame, rect in MessagesPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
            let rows = (1..<height).map(frame.row)
            let more = rows.first { $0.contains("more in flight") }.flatMap { Int($0.split(separator: " ")[1]) }
            return (rows.filter { $0.contains("▶") }.count, more)
        }
        let one = shown(height: 3)
        #expect(one.messages == 1 && one.more == nil, "one row shows a message, not a count: \(one)")
        let some = shown(height: 5)
        #expect(some.messages >= 1 && some.messages < flying, "\(some)")
        #expect(some.more.map { $0 + some.messages } == flying, "the count is of the messages not shown: \(some)")
        let all = shown(height: 12)
        #expect(all.messages == flying && all.more == nil)
    }

    @Test func messagesFoldRepeatedLinesAndKeepThemThroughGossip() {
        let lab = Lab()
        for line in ["put cart milk", "get cart", "kill node4", "put cart eggs", "wait 20s"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot(traceLimit: 400)
        let frame = draw(80, 10) { frame, rect in MessagesPanel.draw(snapshot, focus: "cart", in: rect, on: &frame) }
        #expect(!frame.text.contains("quiet"))
        let rows = (1..<10).map(frame.row)
        #expect(rows.contains { $0.contains("handoff cart dropped: node4 is down ×") }, "identical lines fold into one with a count")
        // Each row without its time and count: no two in a row may say the same, folded or not.
        let bodies = rows.map { row in
            row.split(separator: " ").dropFirst().filter { !$0.hasPrefix("×") }.joined(separator: " ")
        }.filter { !$0.isEmpty }
        #expect(zip(bodies, bodies.dropFirst()).allSatisfy { $0 != $1 }, "no two rows in a row say the same: \(rows)")
        let folded = MessagesPanel.folded(snapshot.trace)
        #expect(folded.map(\.times).reduce(0, +) == snapshot.trace.count)
        #expect(folded.last?.entry.sequence == snapshot.trace.last?.sequence)
    }

    /// A trace line too long for the panel carries on under its body once, then is cut; the
    /// oldest line shown is cut to the rows left, so that no row is left blank.
    @Test func aLongMessageWrapsOnceThenIsCut() throws {
        let lab = Lab()
        for line in ["wait 30s", "partition node1,node2 node3,node4,node5", "wait 5500ms"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot(traceLimit: 400)
        let newest = try #require(snapshot.trace.last)
        #expect(newest.body.contains(" suspects "), "\(newest)")
        let body = newest.body(showingKeys: Display.quoted)
        let time = TraceEntry.format(newest.time) + " "
        for (width, rowsTaken) in [(TextWidth.columns(of: time + body) + 2, 1), (50, 2), (30, 2)] {
            let frame = draw(width, 8) { frame, rect in MessagesPanel.draw(snapshot, focus: nil, in: rect, on: &frame) }
            #expect((1..<8).allSatisfy { !frame.row($0).trimmingCharacters(in: .whitespaces).isEmpty }, "no row left blank:\n\(frame.text)")
            let rows = (8 - rowsTaken..<8).map(frame.row)
            #expect(rows[0].hasPrefix(" " + time), "\(rows)")
            let shown = rows.enumerated().map { $1.dropFirst(1 + time.count).trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            if width == 30 {
                #expect(shown.hasSuffix("…") && body.hasPrefix(String(shown.dropLast())), "cut after its second row: \(rows)")
            } else {
                #expect(shown == body, "whole at \(width) columns: \(rows)")
            }
            #expect(rows.dropFirst().allSatisfy { $0.hasPrefix(" " + String(repeating: " ", count: time.count)) }, "continued under the body: \(rows)")
        }
        let one = draw(50, 2) { frame, rect in MessagesPanel.draw(snapshot, focus: nil, in: rect, on: &frame) }
        #expect(one.row(1).hasPrefix(" " + time) && one.row(1).contains("…"), "\(one.text)")
    }

    @Test func messagesFoldOnlyAdjacentRepeatsCloseInTime() {
        let lab = Lab()
        for line in ["put cart milk", "wait 30s", "put cart milk+eggs"] { _ = lab.execute(line) }
        let trace = lab.cluster.snapshot(traceLimit: 400).trace
        let folded = MessagesPanel.folded(trace)
        let stores = folded.filter { $0.entry.description.hasSuffix("node2 → node1 store cart") }
        #expect(stores.count == 2, "each put keeps its own store line")
        #expect(stores.allSatisfy { $0.times == 1 })
        #expect(folded.map(\.times).reduce(0, +) == trace.count)
        for (earlier, later) in zip(folded, folded.dropFirst()) where earlier.entry.description.dropFirst(8) == later.entry.description.dropFirst(8) {
            #expect(later.entry.time - earlier.entry.time > MessagesPanel.foldWindow, "adjacent repeats close in time fold")
        }
    }

    @Test func statusBarShowsTimeStateAndSettings() {
        let lab = Lab()
        var model = ScreenModel()
        model.clock.speed = 0.05
        let running = draw(100, 1) { frame, rect in StatusBar.draw(lab.cluster.snapshot(), model, in: rect, on: &frame) }
        #expect(running.row(0) == " Dynamo Lab │ 0.000s │ ▶ running ×0.05 │ N=3 R=2 W=2 │ seed 1 │ 5 nodes up │ client1")
        model.clock.running = false
        model.focus = "cart"
        let paused = draw(100, 1) { frame, rect in StatusBar.draw(lab.cluster.snapshot(), model, in: rect, on: &frame) }
        #expect(paused.row(0).contains("‖ paused ×0.05"))
        #expect(paused.row(0).contains("◆ cart"))
    }

    @Test func completionsListedAgainAreLoggedOnce() {
        var model = ScreenModel()
        model.appendOnce("completions: node2  node3")
        model.appendOnce("completions: node2  node3")
        #expect(model.log.map(\.text) == ["completions: node2  node3"])
        model.append("kill node2", .command)
        model.appendOnce("completions: node2  node3")
        #expect(model.log.count == 3)
    }

    @Test func outputShowsTheNewestLinesWrappedAndScrollsBack() {
        var model = ScreenModel()
        for index in 1...10 { model.append("line \(index)", .result) }
        model.append("a long result that needs more than one row of this narrow panel", .failure)
        model.waiting = "put cart milk: sent to node3"
        let frame = draw(40, 6) { frame, rect in OutputPanel.draw(model, in: rect, on: &frame) }
        #expect((1..<6).map(frame.row) == [
            " line 9", " line 10", " a long result that needs more than one", "   row of this narrow panel",
            " … put cart milk: sent to node3",
        ])
        model.logScroll = 3
        let back = draw(40, 6) { frame, rect in OutputPanel.draw(model, in: rect, on: &frame) }
        #expect(back.row(0).contains("scrolled back 3 lines"))
        #expect(back.row(1) == " line 6")
    }

    @Test func theRequestUnderWayWrapsAndACutTailEndsInAnEllipsis() {
        var model = ScreenModel()
        model.append("waits until put cart tea is answered", .note)
        model.waiting = "put cart tea: sent to node2 at 1.973s, waiting for its answer (the clock is paused: step or run)"
        model.queued = ["get cart"]
        let frame = draw(60, 6) { frame, rect in OutputPanel.draw(model, in: rect, on: &frame) }
        #expect((1..<6).map(frame.row) == [
            " waits until put cart tea is answered",
            " … put cart tea: sent to node2 at 1.973s, waiting for its",
            "   answer (the clock is paused: step or run)",
            "   then: get cart",
            "",
        ])
        let short = draw(60, 4) { frame, rect in OutputPanel.draw(model, in: rect, on: &frame) }
        #expect((1..<4).map(short.row) == [
            " waits until put cart tea is answered",
            " … put cart tea: sent to node2 at 1.973s, waiting for its",
            "   answer (the clock is paused: step or run) …",
        ])
    }
}
