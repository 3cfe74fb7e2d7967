import DynamoCore
import DynamoLab
import DynamoSim
import Testing
@testable import DynamoTUI

/// The Versions panel gives its width to the clock first, at every terminal width.
@Suite struct VersionsPanelTests {
    /// The panel as the screen lays it out on a terminal `width` columns wide.
    private func panel(_ lab: Lab, key: String, terminal width: Int, rows: Int = 10) -> [String] {
        let panelWidth = ScreenLayout.rightWidth(width: width)
        var frame = Frame(width: panelWidth, height: rows)
        VersionsPanel.draw(lab.cluster.snapshot(), focus: key, in: Rect(x: 0, y: 0, width: panelWidth, height: rows), on: &frame)
        return (0..<rows).map(frame.row)
    }

    /// Lesson 03's end: siblings from both sides of a partition merged by a third write, so
    /// every replica's clock has three entries.
    private func mergedCart() -> Lab {
        let lab = Lab()
        for line in ["put cart bread", "get cart", "partition node1,node2 node3,node4,node5",
                     "put cart bread+milk via node1", "put cart bread+eggs via node4", "heal", "wait 20s",
                     "get cart", "put cart bread+milk+eggs", "get cart"] { _ = lab.execute(line) }
        return lab
    }

    @Test(arguments: [80, 100])
    func threeEntryClocksStayWhole(width: Int) {
        let lab = mergedCart()
        let versions = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart").compactMap(\.version)
        #expect(versions.contains { $0.clock.description.split(separator: " ").count == 3 })
        let rows = panel(lab, key: "cart", terminal: width)
        for version in versions {
            #expect(rows.contains { $0.contains(" \(version.clock)") }, "\(version.clock) whole at \(width) columns:\n\(rows.joined(separator: "\n"))")
        }
        #expect(rows.allSatisfy { !$0.contains("…") || $0.contains("more: type") } || width == 80,
                "at 100 columns nothing needs cutting")
    }

    /// A write through a wiped node, whose new actor joins the clock: four entries, one of
    /// them `node2#2`, longer than the row the clock has at 80 columns.
    private func clockAfterAWipe() -> Lab {
        let lab = Lab()
        for line in ["put cart milk", "get cart", "put cart b via 1", "get cart", "put cart c via 4", "get cart",
                     "wipe 2", "restart 2", "put cart d"] { _ = lab.execute(line) }
        return lab
    }

    /// The panel's text with its rows run together and runs of spaces made one, so that a
    /// clock carried on into the next row reads as it does on one.
    private func runTogether(_ rows: [String]) -> String {
        rows.joined(separator: " ").split(separator: " ").joined(separator: " ")
    }

    @Test(arguments: [80, 100, 160])
    func aClockTooLongForItsRowCarriesOnIntoTheNext(width: Int) throws {
        let lab = clockAfterAWipe()
        let versions = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart").compactMap(\.version)
        let longest = try #require(versions.map(\.clock.description).max { $0.count < $1.count })
        #expect(longest.contains("node2#2"))
        let rows = Array(panel(lab, key: "cart", terminal: width, rows: 12).dropFirst())
        let screen = rows.joined(separator: "\n")
        #expect(!screen.contains("…"), "nothing below the title is cut:\n\(screen)")
        for version in versions {
            #expect(runTogether(rows).contains(" \(version.clock)"), "\(version.clock) whole at \(width) columns:\n\(screen)")
        }
        for replica in ["node2", "node1", "node4"] {
            #expect(rows.contains { $0.hasPrefix(" ● \(replica) ") }, "\(replica) keeps its dot:\n\(screen)")
        }
    }

    /// A replica holding nothing of the key says so as `versions` does.
    @Test func aReplicaWithNothingSaysNothingAsVersionsDoes() throws {
        let lab = Lab()
        let rows = panel(lab, key: "cart", terminal: 100, rows: 6)
        #expect(rows.filter { $0.contains("(nothing)") }.count == 3, "\(rows.joined(separator: "\n"))")
        #expect(try #require(lab.execute("versions cart")).text.components(separatedBy: "(nothing)").count == 4)
    }

    @Test func aShortPanelShowsWholeVersionsAndCountsTheRest() {
        let lab = clockAfterAWipe()
        let rows = panel(lab, key: "cart", terminal: 80, rows: 4)
        let screen = rows.joined(separator: "\n")
        #expect(rows[1].hasPrefix(" ● node2 "), "\(screen)")
        #expect(!screen.contains("…}") && !screen.contains("● node1"), "no version is shown in part:\n\(screen)")
        #expect(rows[3].contains("… 2 more: type versions cart"), "\(screen)")
    }

    /// The line to type for the rest is shown only whole: a long key cut short in it would not
    /// type back.
    @Test func aShortPanelOfALongKeyNamesTheCommandRatherThanCutItsKey() {
        let lab = Lab()
        let key = "a long shopping cart key that fills the row"
        for line in ["put \"\(key)\" milk", "get \"\(key)\"", "put \"\(key)\" b via 1", "get \"\(key)\"",
                     "put \"\(key)\" c via 4", "get \"\(key)\"", "wipe 2", "restart 2", "put \"\(key)\" d"] { _ = lab.execute(line) }
        let rows = panel(lab, key: key, terminal: 80, rows: 3)
        let screen = rows.joined(separator: "\n")
        #expect(rows.last?.contains(" more: versions KEY lists all") == true, "\(screen)")
        #expect(!screen.contains("type versions"), "\(screen)")
    }

    /// Lesson 10's end: with dotted version vectors, two writes from the same read are
    /// siblings whose clocks would seem ordered, so rows show `dot … saw {…}`.
    private func dottedSiblings() -> Lab {
        let lab = Lab()
        for line in ["put basket bread via node2", "client alice", "get basket", "client bob", "get basket",
                     "client alice", "put basket bread+milk via node2", "client bob", "put basket bread+eggs via node2",
                     "get basket r=3"] { _ = lab.execute(line) }
        return lab
    }

    @Test(arguments: [80, 100])
    func whatAWriteSawStaysWholeWrappingWhenNeeded(width: Int) throws {
        let lab = dottedSiblings()
        let snapshot = lab.cluster.snapshot()
        let versions = VersionsPanel.rows(snapshot, key: "basket").compactMap(\.version)
        let overstated = try #require(versions.first { $0.clockOverstatesContext })
        let rows = panel(lab, key: "basket", terminal: width, rows: 12)
        let screen = rows.dropFirst().joined(separator: "\n")
        #expect(screen.contains("dot \(overstated.dot)"), "\(screen)")
        #expect(screen.contains("saw \(overstated.context)"), "\(screen)")
        #expect(!screen.contains("…"), "values stay whole too, the saw part wrapping if need be: \(screen)")
        #expect(screen.contains("bread+milk") && screen.contains("bread+eggs"))
    }

    /// Writes on both sides of a partition leave replicas that hold different versions, neither
    /// superseding the other: each is marked conflict, and the title says what a read will do;
    /// once a read has reached both, the coordinator's repair makes them siblings.
    @Test func versionsHeldApartAreMarkedConflictUntilARead() throws {
        let lab = Lab()
        for line in ["put cart bread", "get cart", "partition node1,node2 node3,node4,node5",
                     "put cart bread+milk via node1", "put cart bread+eggs via node4"] { _ = lab.execute(line) }
        let rows = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart").filter { $0.version != nil }
        #expect(rows.allSatisfy { $0.mark == .conflict }, "\(rows.map { ($0.node, $0.version?.value, $0.mark) })")
        let drawn = panel(lab, key: "cart", terminal: 120).joined(separator: "\n")
        #expect(drawn.contains("replicas in conflict"), "\(drawn)")
        #expect(drawn.contains("bread+milk") && drawn.contains("conflict"))
        // A panel too short for the marks on rows of their own drops them before a version.
        let short = panel(lab, key: "cart", terminal: 80, rows: 5).joined(separator: "\n")
        #expect(short.contains("replicas in conflict") && !short.contains("more:"), "\(short)")
        #expect(short.components(separatedBy: "bread+").count - 1 == rows.count, "\(short)")
        let text = try #require(lab.execute("versions cart")).json.rendered
        #expect(text.contains(#""marks":["conflict"]"#), "\(text)")
        for line in ["heal", "wait 20s", "get cart r=3"] { _ = lab.execute(line) }
        let after = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart").filter { $0.version != nil && !$0.isHint }
        #expect(after.allSatisfy { $0.isSibling }, "\(after.map { ($0.node, $0.version?.value, $0.mark) })")
        // The same for siblings: the title names their nodes, and their marks give way first.
        let siblings = panel(lab, key: "cart", terminal: 80, rows: 7).joined(separator: "\n")
        #expect(siblings.contains("siblings on") && !siblings.contains("more:"), "\(siblings)")
        #expect(siblings.components(separatedBy: "bread+").count - 1 == after.count, "\(siblings)")
    }

    /// A node holding one of the siblings another node already keeps side by side is behind,
    /// not in conflict: a hint made before the second write is not marked.
    @Test func aCopyOfOneSiblingIsNotAConflictWhereANodeHoldsThemAll() throws {
        let lab = Lab()
        for line in ["put cart milk", "get cart", "kill node4", "put cart eggs", "wait 500ms", "partition node1,node2 node3,node4,node5",
                     "put cart tea"] { _ = lab.execute(line) }
        let rows = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart").filter { $0.version != nil }
        let hint = try #require(rows.first { $0.isHint })
        #expect(hint.version?.value == .data("eggs") && hint.mark == nil, "\(rows.map { ($0.node, $0.version?.value, $0.mark) })")
        #expect(rows.filter { $0.mark == .sibling }.count == 4)
        #expect(!rows.contains { $0.mark == .conflict })
    }

    /// Siblings on one side of a partition and a write on the other: no node holds all three
    /// survivors, so every copy of each, siblings on one node or a hint's copy alone, is in
    /// conflict, and none reads as settled siblings.
    @Test func whileNoNodeHoldsEverySurvivorEachCopyIsInConflict() throws {
        let lab = Lab()
        for line in ["put cart milk", "get cart", "kill node4", "put cart eggs", "wait 500ms", "partition node1,node2 node3,node4,node5",
                     "put cart tea", "put cart bread via node3"] { _ = lab.execute(line) }
        let rows = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart").filter { $0.version != nil && !$0.isStale }
        let values = Set(rows.compactMap { $0.version?.value.string })
        #expect(values == ["eggs", "tea", "bread"], "\(values)")
        #expect(rows.allSatisfy { $0.mark == .conflict }, "\(rows.map { ($0.node, $0.version?.value, $0.mark) })")
        #expect(rows.contains { $0.isHint }, "a hint's copy too")
    }

    /// Siblings on a replica cut off while another replica took a write that saw them both are
    /// stale there, not siblings: the cluster has moved past them.
    @Test func siblingsAnotherReplicaSupersedesAreStale() throws {
        let lab = Lab()
        for line in ["put cart bread", "get cart", "partition node1,node2 node3,node4,node5", "put cart bread+milk via node1",
                     "put cart bread+eggs via node4", "heal", "wait 20s", "get cart",
                     "partition node1,node2 node3,node4,node5", "put cart bread+milk+eggs via node1"] { _ = lab.execute(line) }
        let rows = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart").filter { $0.version != nil && !$0.isHint }
        let merged = rows.filter { $0.version?.value == .data("bread+milk+eggs") }
        let old = rows.filter { $0.version?.value != .data("bread+milk+eggs") }
        #expect(!merged.isEmpty && !old.isEmpty)
        #expect(merged.allSatisfy { !$0.isStale && !$0.isSibling })
        #expect(old.allSatisfy { $0.isStale && !$0.isSibling }, "\(old.map { ($0.node, $0.version?.value, $0.isSibling, $0.isStale) })")
        let panel = panel(lab, key: "cart", terminal: 120, rows: 12).joined(separator: "\n")
        #expect(!panel.contains("sibling"), "\(panel)")
    }

    /// Every sibling and stale version is marked at every panel width, with three-entry clocks
    /// and with two writes from one read whose `saw {…}` has three entries too: beside its
    /// clock where it fits, else on a row of its own.
    @Test func everyMarkIsKeptAtEveryPanelWidth() throws {
        let lab = mergedCart()
        for line in ["client alice", "get cart", "client bob", "get cart", "client alice", "put cart tea via node2",
                     "client bob", "put cart jam via node2", "kill node4", "put cart late"] { _ = lab.execute(line) }
        let rows = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart")
        let marked = rows.filter { $0.version != nil && $0.mark != nil }.count
        #expect(marked >= 4, "the scenario has siblings and stale copies")
        #expect(rows.compactMap(\.version).contains { $0.clockOverstatesContext && $0.context.entries.count == 3 })
        for width in 30...135 {
            let columns = VersionsPanel.columns(rows, nameWidth: 5, width: width)
            let lines = VersionsPanel.lines(rows, columns, width: width)
            #expect(lines.filter { !$0.tail.isEmpty }.count == marked, "at \(width) columns")
            #expect(lines.allSatisfy { $0.clockColumn + TextWidth.columns(of: $0.clock + $0.tail) <= width - 1 },
                    "nothing runs past the panel at \(width) columns")
        }
    }

    /// Every sibling row says so at every width, the README's drawing among them: a clock
    /// shown beside `dot … saw {…}` only where `sibling` still fits after it.
    @Test(arguments: [80, 100, 120, 140, 160, 200])
    func everySiblingIsMarkedAtEveryWidth(width: Int) throws {
        let lab = Lab()
        for line in ["put cart milk", "get cart", "kill node4", "put cart eggs", "wait 500ms", "partition node1,node2 node3,node4,node5",
                     "put cart tea"] { _ = lab.execute(line) }
        let rows = panel(lab, key: "cart", terminal: width, rows: 12)
        let screen = rows.joined(separator: "\n")
        // eggs and tea on node2 and on node1; the hint node5 holds for node4 is not one.
        #expect(rows.filter { $0.hasSuffix("sibling") }.count == 4, "\(screen)")
        #expect(screen.contains("dot node2:3"), "\(screen)")
        #expect(screen.contains("saw {node2:1}"), "\(screen)")
    }

    @Test func aNarrowPanelShortensRolesBeforeCuttingValuesAndCutsValuesBeforeClocks() {
        let lab = mergedCart()
        // node4, killed, keeps the shorter value the new one begins with.
        _ = lab.execute("kill node4")
        _ = lab.execute("put cart bread+milk+eggs+a-long-tail-of-groceries")
        let wide = panel(lab, key: "cart", terminal: 160)
        #expect(wide.contains { $0.contains("replica 1  bread+milk+eggs+a-long-tail-of-groceries") })
        let narrow = panel(lab, key: "cart", terminal: 80)
        let row = narrow.first { $0.contains(" r1 ") } ?? ""
        // Cut in the middle, as another replica's value begins the same way.
        #expect(row.contains(" br…ies {"), "the value is cut, the clock is not: \(row)")
        #expect(row.hasSuffix("}"), "\(row)")
    }

    /// Siblings written from one read begin alike: cut at their end, they would look the same,
    /// so they are cut in the middle and keep the ends that tell them apart; where their ends
    /// are alike too, from where they first differ.
    @Test func siblingsThatBeginAlikeAreCutWhereTheyDiffer() throws {
        let lab = Lab()
        for line in ["put cart milk+eggs", "get cart", "client alice", "put cart milk+eggs+bread-and-jam",
                     "client bob", "put cart milk+eggs+butter-and-tea", "wait 1s"] { _ = lab.execute(line) }
        let rows = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart")
        let middle = VersionsPanel.shownValues(rows, width: 12)
        #expect(Set(middle.values).count == 3, "\(middle)")
        #expect(middle["milk+eggs+bread-and-jam"]?.hasSuffix("jam") == true && middle["milk+eggs+butter-and-tea"]?.hasSuffix("tea") == true,
                "\(middle)")
        for width in 4...30 {
            #expect(Set(VersionsPanel.shownValues(rows, width: width).values).count == 3, "\(width)")
        }
        let sameEnds = Lab()
        for line in ["put cart bread", "get cart", "client alice", "put cart bread+milk+eggs", "client bob", "put cart bread+eggs"] {
            _ = sameEnds.execute(line)
        }
        let shown = VersionsPanel.shownValues(VersionsPanel.rows(sameEnds.cluster.snapshot(), key: "cart"), width: 6)
        #expect(shown["bread+milk+eggs"] == "…milk…" && shown["bread+eggs"] == "…eggs", "\(shown)")
    }

    /// At 80 columns a replica's stale version keeps its `stale`: the roles shorten first.
    @Test func aNarrowPanelShortensRolesBeforeLeavingOutStale() {
        let lab = Lab()
        let third = lab.cluster.ring.walk(from: .of(key: "cart"), limit: 3)[2]
        // Values long enough that long roles leave room for the clock but not for `stale`.
        for line in ["put cart milk-and-tea", "get cart", "kill \(third.name)", "put cart eggs-and-jam"] { _ = lab.execute(line) }
        let row = panel(lab, key: "cart", terminal: 80).first { $0.contains("milk-and-tea") } ?? ""
        #expect(row.contains(" r3 "), "\(row)")
        #expect(row.hasSuffix("stale"), "\(row)")
    }

    /// A node holding a copy to hand over and a hint for the same key names each role on the
    /// first row of its versions.
    @Test func eachRoleOfOneNodeIsNamedOnItsFirstRow() {
        let node = NodeID(4)
        let versions = (1...3).map { Version(value: .data("v\($0)"), dot: Dot(node: NodeID(1), counter: UInt64($0)), context: .empty, timestamp: 0) }
        let rows = [VersionsPanel.Row(node: node, alive: true, role: .handOver, version: versions[0]),
                    VersionsPanel.Row(node: node, alive: true, role: .hint(for: NodeID(2)), version: versions[1], isHint: true),
                    VersionsPanel.Row(node: node, alive: true, role: .hint(for: NodeID(2)), version: versions[2], isHint: true)]
        let lines = VersionsPanel.lines(rows, VersionsPanel.columns(rows, nameWidth: 7, width: 60), width: 60)
        #expect(lines.map(\.showsNode) == [true, false, false])
        #expect(lines.map(\.showsRole) == [true, true, false])
    }

    /// A node that left while down is off the ring's walk, yet still holds the key: the panel
    /// shows its copy, as one to hand over, and so does `versions`.
    @Test func aCopyOnANodeThatLeftIsShownAsOneToHandOver() throws {
        let lab = Lab()
        let owner = lab.cluster.ring.walk(from: .of(key: "cart"), limit: 1)[0]
        for line in ["put cart milk", "wait 1s", "kill \(owner.name)", "leave \(owner.name)"] { _ = lab.execute(line) }
        let rows = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart")
        #expect(rows.filter { $0.node == owner }.map(\.role) == [.handOver])
        #expect(rows.filter { $0.role != .handOver }.allSatisfy { $0.node != owner })
        let versions = try #require(lab.execute("versions cart"))
        #expect(versions.text.contains("\(owner.name)  to hand over  left  milk"), "\(versions.text)")
        let row = panel(lab, key: "cart", terminal: 100).first { $0.dropFirst(3).hasPrefix(owner.name) } ?? ""
        #expect(row.contains("◌ \(owner.name)"), "marked as left, as the Nodes panel marks it: \(row)")
    }

    /// A node that left while up still holds its copy until its owners take it: marked as
    /// left, not as up.
    @Test func aNodeThatLeftIsMarkedAsLeft() throws {
        let lab = Lab()
        let owner = lab.cluster.ring.walk(from: .of(key: "cart"), limit: 1)[0]
        for line in ["put cart milk", "leave \(owner.name)"] { _ = lab.execute(line) }
        let rows = VersionsPanel.rows(lab.cluster.snapshot(), key: "cart")
        #expect(rows.filter { $0.node == owner }.map(\.member) == [false])
        #expect(rows.filter { $0.node != owner }.allSatisfy { $0.member })
        let row = panel(lab, key: "cart", terminal: 100).first { $0.dropFirst(3).hasPrefix(owner.name) } ?? ""
        #expect(row.contains("◌ \(owner.name)") && !row.contains("●"), "\(row)")
    }
}
