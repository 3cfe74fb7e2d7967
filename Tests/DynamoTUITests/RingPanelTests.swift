import DynamoCore
import DynamoLab
import DynamoSim
import Testing
@testable import DynamoTUI

/// The ring drawn round a circle: where positions fall, and which tokens are marked.
@Suite struct RingPanelTests {
    @Test func positionsStartAtTheTopAndGoClockwise() {
        let geometry = RingGeometry(fitting: Rect(x: 0, y: 0, width: 34, height: 17))
        #expect(geometry.radiusY == 8)
        #expect(geometry.radiusX == 16)
        let center = geometry.center
        #expect(geometry.cell(at: 0) == Point(x: center.x, y: center.y - 8))
        #expect(geometry.cell(at: 0.25) == Point(x: center.x + 16, y: center.y))
        #expect(geometry.cell(at: 0.5) == Point(x: center.x, y: center.y + 8))
        #expect(geometry.cell(at: 0.75) == Point(x: center.x - 16, y: center.y))
        #expect(geometry.cell(at: 0.25, inset: 1) == Point(x: center.x + 14, y: center.y))
    }

    @Test func everyTokenIsDrawnAsItsNodesSymbolWhereItsPositionFalls() {
        let snapshot = Cluster(config: ClusterConfig(seed: 3, nodeCount: 3, vnodes: 2)).snapshot()
        let rect = Rect(x: 0, y: 0, width: 40, height: 21)
        var frame = Frame(width: 40, height: 21)
        RingPanel.draw(snapshot, focus: nil, in: rect, on: &frame)
        let geometry = RingPanel.geometry(in: rect.dropping(rows: 1))
        let cells = snapshot.ring.tokens.map { geometry.cell(at: $0.position.fraction) }
        for (token, cell) in zip(snapshot.ring.tokens, cells) where cells.filter({ $0 == cell }).count == 1 {
            #expect(frame[cell.x, cell.y].character == Character("\(token.node.index)"))
            #expect(frame[cell.x, cell.y].style.ink == .node(token.node.index))
        }
        #expect(frame.text.contains("no key in focus"))
    }

    /// With no key in focus the ring's middle says so in the longest wording that fits inside
    /// it: never over the ring's outline or tokens, however small the panel.
    @Test(arguments: [(34, 17), (34, 12), (30, 10), (24, 9), (60, 9)])
    func theNoFocusNoteStaysInsideTheRing(width: Int, height: Int) {
        let snapshot = Cluster(config: ClusterConfig(seed: 1)).snapshot()
        let rect = Rect(x: 0, y: 0, width: width, height: height)
        var frame = Frame(width: width, height: height)
        RingPanel.draw(snapshot, focus: nil, in: rect, on: &frame)
        let geometry = RingPanel.geometry(in: rect.dropping(rows: 1))
        let ringCells = geometry.outline.map(\.0) + snapshot.ring.tokens.map { geometry.cell(at: $0.position.fraction) }
        for cell in ringCells {
            #expect("·123456789".contains(frame[cell.x, cell.y].character), "the note covers the ring at \(cell) in \(width)×\(height)")
        }
        #expect(frame.text.contains("no key") || geometry.radiusX < 7, "\(frame.text)")
    }

    @Test func focusMarksTheKeyItsPreferenceListAndFallbacks() {
        let snapshot = Cluster(config: ClusterConfig(seed: 1)).snapshot()
        let walk = WalkMarks(key: "cart", snapshot: snapshot, fallbacks: 2)
        #expect(walk.preferenceList == snapshot.ring.preferenceList(for: "cart", n: 3))
        #expect(walk.fallbacks == Array(snapshot.ring.walk(from: .of(key: "cart")).dropFirst(3).prefix(2)))
        #expect(walk.coordinator == walk.preferenceList.first)
        #expect(walk.covers(RingPosition.of(key: "cart").fraction))
        #expect(walk.covers(walk.tokens[2].token.position.fraction))

        let rect = Rect(x: 0, y: 0, width: 40, height: 21)
        var frame = Frame(width: 40, height: 21)
        RingPanel.draw(snapshot, focus: "cart", in: rect, on: &frame)
        let geometry = RingPanel.geometry(in: rect.dropping(rows: 1))
        let marker = geometry.cell(at: RingPosition.of(key: "cart").fraction, inset: 1)
        #expect(frame[marker.x, marker.y].character == "◆")
        let coordinator = geometry.cell(at: walk.tokens[0].token.position.fraction)
        #expect(frame[coordinator.x, coordinator.y].style.reverse)
        let fallback = geometry.cell(at: walk.tokens[3].token.position.fraction)
        #expect(frame[fallback.x, fallback.y].style.underline)
        #expect(frame.text.contains("coordinator \(walk.preferenceList[0].name)"))
    }

    /// In a small ring the key's name stays whole and its position goes, and the node lists
    /// take the short form together, so that replicas and fallbacks read alike.
    @Test func aSmallRingKeepsTheKeysNameAndNamesNodesAlike() {
        let snapshot = Cluster(config: ClusterConfig(seed: 1)).snapshot()
        let key = "shopping-cart"
        let walk = WalkMarks(key: key, snapshot: snapshot, fallbacks: 2)
        func centre(_ width: Int, _ height: Int) -> [String] {
            var frame = Frame(width: width, height: height)
            RingPanel.draw(snapshot, focus: key, in: Rect(x: 0, y: 0, width: width, height: height), on: &frame)
            return (0..<height).map { frame.row($0).trimmingCharacters(in: .whitespaces) }
        }
        let small = centre(31, 14)
        #expect(small.contains { $0.contains("◆ \(key)") && !$0.contains("@") && !$0.contains("…") }, "\(small.joined(separator: "\n"))")
        let replicas = "replicas " + walk.preferenceList.map { "n\($0.index)" }.joined(separator: " ")
        let fallbacks = "fallbacks " + walk.fallbacks.map { "n\($0.index)" }.joined(separator: " ")
        #expect(small.contains { $0.contains(replicas) } && small.contains { $0.contains(fallbacks) }, "\(small.joined(separator: "\n"))")
        // Smaller still, the ring's marks label the lists, and no node of the walk is cut off.
        let short = walk.preferenceList.map { "n\($0.index)" }.joined(separator: " ")
        var marked = false
        for (width, height) in [(34, 14), (31, 14), (28, 13), (26, 13), (24, 12)] {
            let rows = centre(width, height)
            let labelled = rows.contains { $0.contains("replicas " + short) }
            marked = marked || rows.contains { $0.contains("▮ " + short) } && rows.contains { $0.contains("coord. n") }
            #expect(labelled || rows.contains { $0.contains("▮ " + short) }, "\(width)×\(height):\n\(rows.joined(separator: "\n"))")
        }
        #expect(marked, "the smallest rings label the lists with their marks")
        let large = centre(60, 30)
        #expect(large.contains { $0.contains("◆ \(key) @\(RingPosition.of(key: key).shortHex)") }, "\(large.joined(separator: "\n"))")
        #expect(large.contains { $0.contains("fallbacks " + walk.fallbacks.map(\.name).joined(separator: " ")) })
    }

    /// A panel made short and wide, as a lesson's caption leaves it, or narrow, as at 80
    /// columns, still explains its marks and its nodes' symbols under the ring; a tall one keeps
    /// a blank row above them.
    @Test func aShortWidePanelStillExplainsItsMarks() {
        let snapshot = Cluster(config: ClusterConfig(seed: 1)).snapshot()
        for (width, height) in [(60, 16), (46, 20), (40, 30), (34, 20)] {
            var frame = Frame(width: width, height: height)
            RingPanel.draw(snapshot, focus: "cart", in: Rect(x: 0, y: 0, width: width, height: height), on: &frame)
            let rows = (0..<height).map { frame.row($0) }
            // Every mark is explained, closer together in a narrow panel (80 columns).
            let marks = rows.firstIndex { $0.contains(width >= 40 ? "◆ key  ▮ replicas  _ fallbacks  • walk" : "◆key ▮replicas _fallbacks •walk") }
            #expect(marks != nil, "\(width)×\(height):\n\(frame.text)")
            #expect(rows.contains { $0.contains("1=node1") || $0.contains("1–5=node1–5") }, "\(width)×\(height):\n\(frame.text)")
            if height == 30, let first = rows.firstIndex(where: { $0.contains("1=node1") }) {
                #expect(rows[first - 1].trimmingCharacters(in: .whitespaces).isEmpty, "a blank row above the key:\n\(frame.text)")
            }
        }
    }

    @Test func with64NodesEveryNodeHasAGlyphAndEveryReplicaOfTheKeyShows() throws {
        let lab = Lab(config: ClusterConfig(seed: 1, nodeCount: 64))
        for line in ["put cart milk", "kill node40"] { _ = lab.execute(line) }
        let snapshot = lab.cluster.snapshot()
        let glyphs = snapshot.nodes.map { NodeGlyph.symbol($0.id) }
        #expect(Set(glyphs).count == 64)
        #expect(!glyphs.contains("•"), "the walk marker stands for no node")
        #expect(NodeGlyph.ranges(snapshot.nodes.map(\.id)) == ["1–9=node1–9", "A–Z=node10–35", "a–z=node36–61", "α–γ=node62–64"])

        var model = ScreenModel()
        model.focus = "cart"
        let frame = ScreenLayout.render(snapshot, model, width: 120, height: 40)
        #expect(frame.text.contains("α–γ=node62–64"))
        #expect(frame.text.contains("◆ key  ▮ replicas"))
        let reversed = (2..<28).flatMap { y in (0..<48).compactMap { x in frame[x, y].style.reverse ? frame[x, y].character : nil } }
        let replicas = snapshot.ring.walk(from: .of(key: "cart"), limit: 3)
        #expect(Set(reversed) == Set(replicas.map(NodeGlyph.symbol)))

        let listed = NodesPanel.listed(snapshot, sides: snapshot.sides, focus: "cart", rows: 4).map(\.id)
        #expect(listed == ([NodeID(40)] + replicas).sorted())
    }

    /// Past the last alphabet every node is drawn `+`: at 80 × 24 the legend shortens its names
    /// until it can still say so, giving up the line of marks if it must.
    @Test func at80By24AHundredNodesStillExplainTheirSymbols() {
        let lab = Lab(config: ClusterConfig(seed: 1, nodeCount: 100))
        _ = lab.execute("put cart milk")
        var model = ScreenModel()
        model.focus = "cart"
        let text = ScreenLayout.render(lab.cluster.snapshot(), model, width: 80, height: 24).text
        #expect(text.contains("+=n85–100"), "\(text)")
        #expect(text.contains("hints susp."), "the Nodes header shortened, not cut:\n\(text)")
        #expect(NodeGlyph.ranges([1, 2, 3, 36].map(NodeID.init), short: true) == ["1–3=n1–3", "a=n36"])
    }

    @Test func aDownCoordinatorPassesToTheNextNodeUp() {
        let cluster = Cluster(config: ClusterConfig(seed: 1))
        let first = cluster.ring.preferenceList(for: "cart", n: 3)
        try? cluster.kill(first[0])
        let walk = WalkMarks(key: "cart", snapshot: cluster.snapshot(), fallbacks: 2)
        #expect(walk.coordinator == first[1])
    }
}
