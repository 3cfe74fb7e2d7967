import DynamoCore
import DynamoLab
import DynamoSim
import Testing
@testable import DynamoTUI

/// Whole screens at the sizes people use: every panel in place and readable.
@Suite struct ScreenLayoutTests {
    /// A lab with a little history: a write, a node down, a hinted write.
    private func busyLab() -> Lab {
        let lab = Lab()
        for line in ["put cart milk", "get cart", "kill node4", "put cart eggs", "wait 500ms"] { _ = lab.execute(line) }
        return lab
    }

    private func model(_ lab: Lab) -> ScreenModel {
        var model = ScreenModel()
        model.focus = lab.focus
        model.append("put cart eggs", .command)
        model.append("put cart: ok via node3, acks from node3 node2 (W=2)", .result)
        model.input = "get ca"
        model.cursor = 6
        return model
    }

    @Test(arguments: [(80, 24), (120, 40), (200, 60)])
    func regionsTileTheScreenWithoutOverlapping(width: Int, height: Int) {
        let regions = ScreenLayout.regions(width: width, height: height, nodes: 7, versions: 5, hints: 3, caption: 3)
        let all = [regions.status, regions.ring, regions.nodes, regions.versions, regions.hints, regions.messages,
                   regions.caption, regions.output, regions.prompt]
        var covered = Set<Int>()
        for rect in all {
            #expect(rect.x >= 0 && rect.y >= 0 && rect.maxX <= width && rect.maxY <= height)
            for y in rect.y..<rect.maxY {
                for x in rect.x..<rect.maxX { #expect(covered.insert(y * width + x).inserted, "\(x),\(y) drawn twice") }
            }
        }
        #expect(regions.status.y == 0)
        #expect(regions.prompt.y == height - 1)
        #expect(regions.versions.height >= 5, "four versions and a title fit, even beside a caption")
        #expect(regions.hints.height >= 3 && regions.messages.height >= 3)
        if height > 24 { #expect(regions.nodes.height >= 7, "five nodes, a title and a header fit") }
        let uncaptioned = ScreenLayout.regions(width: width, height: height, nodes: 7, versions: 5, hints: 3, caption: 0)
        #expect(uncaptioned.nodes.height >= 7)
    }

    /// The log takes a share of a tall screen rather than stopping at ten rows, but never
    /// crowds the panels of a small one.
    @Test func theLogGrowsWithATallScreen() {
        #expect(ScreenLayout.outputRows(height: 24) == 4)
        #expect(ScreenLayout.outputRows(height: 40) == 8)
        #expect(ScreenLayout.outputRows(height: 60) == 12)
        #expect(ScreenLayout.outputRows(height: 100) == 20)
        let regions = ScreenLayout.regions(for: busyLab().cluster.snapshot(traceLimit: 0), ScreenModel(), width: 80, height: 60)
        #expect(regions.output.height == 12)
        #expect(regions.messages.height > 10, "the panels keep most of the screen")
    }

    @Test func at80x24EveryPanelIsReadable() {
        let lab = busyLab()
        let frame = ScreenLayout.render(lab.cluster.snapshot(), model(lab), width: 80, height: 24)
        let rows = (0..<24).map(frame.row)
        #expect(rows[0].hasPrefix(" 0.519s │ ▶ running ×1 │ "), "the title gives way first")
        #expect(rows[0].contains("N=3 R=2 W=2"))
        #expect(rows[0].contains("1 of 5 down │ ◆ cart"))
        #expect(rows[1].hasPrefix("─ Ring · 40 tokens · N=3"))
        #expect(rows[1].contains("Nodes · 4 of 5 up"))
        for index in 1...5 { #expect(frame.text.contains("node\(index)  ● up") || frame.text.contains("node\(index)  ○ down")) }
        #expect(frame.text.contains("Versions of cart"))
        #expect(frame.text.contains("Hints · 1 held"))
        #expect(frame.text.contains("Messages"))
        #expect(frame.text.contains("> put cart eggs"))
        #expect(rows[23] == "dynamo> get ca")
        #expect(frame.cursor == Point(x: 14, y: 23))
    }

    @Test func at80x24BesideALessonCaptionEveryVersionKeepsItsClock() {
        let lab = Lab()
        for line in ["put cart bread", "get cart", "partition node1,node2 node3,node4,node5",
                     "put cart bread+milk via node1", "put cart bread+eggs via node4"] { _ = lab.execute(line) }
        var model = model(lab)
        model.lesson = "03-siblings.dlab 10/23"
        model.caption = "Split the cluster. Both sides keep accepting writes: that is Dynamo's promise."
        let snapshot = lab.cluster.snapshot()
        let frame = ScreenLayout.render(snapshot, model, width: 80, height: 24)
        let versions = VersionsPanel.rows(snapshot, key: "cart").compactMap(\.version)
        #expect(versions.count == 4)
        for version in versions {
            #expect(frame.text.contains("\(VersionsPanel.valueText(version.value)) \(version.clock)"), "\(version.clock) whole")
        }
        #expect(frame.row(0).contains("2 sides │ ◆ cart"))
        let holders = snapshot.nodes.filter { !$0.hints.isEmpty }
        #expect(holders.count == 1)
        for holder in holders {
            #expect(frame.text.contains("\(holder.id) → \(holder.hints[0].owner)  cart"), "the Hints panel shows the one hint")
        }
    }

    /// On a tall screen the versions and hints get every row they want before the messages take
    /// more than a few: a key with many versions shows them all, hints included.
    @Test func aTallScreenShowsEveryVersionBeforeGrowingTheMessages() {
        let tall = ScreenLayout.regions(width: 80, height: 60, nodes: 7, versions: 16, hints: 4, caption: 3)
        #expect(tall.versions.height == 16)
        #expect(tall.hints.height == 4)
        #expect(tall.messages.height >= 8)
        let short = ScreenLayout.regions(width: 80, height: 24, nodes: 7, versions: 16, hints: 4, caption: 0)
        #expect(short.messages.height >= 3 && short.versions.height < 16, "a small screen still shares")
    }

    /// Through a lesson the caption keeps the height of its longest caption, so the ring stays
    /// put as short and long captions follow one another.
    @Test func theRingStaysPutAsALessonsCaptionsChange() {
        let lab = busyLab()
        var model = model(lab)
        model.lesson = "lesson.dlab 3/9"
        let long = "Split the cluster. Both sides keep accepting writes: that is Dynamo's promise, and the price is siblings."
        model.lessonCaptions = ["Write a cart.", long]
        let snapshot = lab.cluster.snapshot(traceLimit: 0)
        model.caption = "Write a cart."
        let short = ScreenLayout.regions(for: snapshot, model, width: 80, height: 24)
        model.caption = long
        let longer = ScreenLayout.regions(for: snapshot, model, width: 80, height: 24)
        #expect(short.ring == longer.ring)
        #expect(short.caption.height == longer.caption.height)
        #expect(short.caption.height > 2, "room for the long caption")
    }

    @Test func at120x40ThePanelsGrowAndTheRingHasItsKey() {
        let lab = busyLab()
        let frame = ScreenLayout.render(lab.cluster.snapshot(), model(lab), width: 120, height: 40)
        #expect(frame.text.contains("1=node1 2=node2 3=node3 4=node4 5=node5"))
        #expect(frame.text.contains("◆ cart @54013ba6"))
        #expect(frame.text.contains("hint→node4"))
        #expect(frame.text.contains("node5 → node4"))
        #expect(frame.row(39) == "dynamo> get ca")
    }

    @Test func smallerThan80x24AsksToEnlargeAndKeepsThePrompt() {
        let lab = Lab()
        var model = ScreenModel()
        model.input = "quit"
        model.cursor = 4
        let frame = ScreenLayout.render(lab.cluster.snapshot(), model, width: 79, height: 24)
        #expect(frame.text.contains("needs a terminal of at least 80×24"))
        #expect(frame.text.contains("This one is 79×24"))
        #expect(frame.row(23) == "dynamo> quit")
    }

    /// However small, the request wraps rather than losing the size needed, and never covers
    /// the prompt.
    @Test(arguments: [(45, 8), (40, 10), (80, 3), (80, 2), (30, 4)])
    func aTinyTerminalStillSaysWhatSizeItNeeds(_ width: Int, _ height: Int) {
        var model = ScreenModel()
        model.input = "quit"
        model.cursor = 4
        let frame = ScreenLayout.render(Lab().cluster.snapshot(), model, width: width, height: height)
        #expect((0..<height - 1).contains { frame.row($0).hasSuffix("80×24.") }, "\(frame.text)")
        #expect(frame.row(height - 1) == "dynamo> quit")
    }

    /// A terminal with no rows or no columns draws nothing, and does not trap.
    @Test(arguments: [(0, 0), (80, 0), (0, 24)])
    func aTerminalWithNoRoomDrawsNothing(_ width: Int, _ height: Int) {
        let frame = ScreenLayout.render(Lab().cluster.snapshot(), ScreenModel(), width: width, height: height)
        #expect(frame.text.allSatisfy { $0 == " " || $0 == "\n" })
    }

    @Test func anOverlayCoversThePanelsButNotTheLogOrPrompt() {
        let lab = Lab()
        var model = ScreenModel()
        model.append("> help", .command)
        model.overlay = ScreenModel.Overlay(title: "help", lines: (1...100).map { "line \($0)" })
        model.overlay?.scroll = 10
        let frame = ScreenLayout.render(lab.cluster.snapshot(), model, width: 80, height: 24)
        #expect(frame.row(1).hasPrefix("─ help · PgUp/PgDn scroll · Enter closes"))
        #expect(frame.row(2) == " line 11")
        #expect(!frame.text.contains("Ring"))
        #expect(frame.text.contains("more lines: PgDn"))
        #expect(frame.text.contains("Output"))
    }

    @Test func sixtyFourNodesFitWithAPointerToTheRest() {
        let lab = Lab(config: ClusterConfig(seed: 9, nodeCount: 64))
        for index in 0..<200 { _ = lab.execute("put key\(index) value\(index)") }
        var model = ScreenModel()
        model.focus = "key7"
        let frame = ScreenLayout.render(lab.cluster.snapshot(), model, width: 120, height: 40)
        #expect(frame.text.contains("Nodes · 64 of 64 up"))
        #expect(frame.text.contains("more: type nodes"))
        #expect(frame.text.contains("Versions of key7"))
    }

    @Test func renderingIsPure() {
        let lab = busyLab()
        let snapshot = lab.cluster.snapshot()
        #expect(ScreenLayout.render(snapshot, model(lab), width: 100, height: 30)
            == ScreenLayout.render(snapshot, model(lab), width: 100, height: 30))
    }
}
