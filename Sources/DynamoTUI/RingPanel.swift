import DynamoCore
import DynamoLab
import DynamoSim
import Foundation

/// Where ring positions fall on an ellipse of character cells: position 0 at the top, growing
/// clockwise, as the paper draws the ring (section 4.2, figure 2). Cells are about twice as
/// tall as wide, so the ellipse is twice as wide as tall to look round.
public struct RingGeometry: Equatable, Sendable {
    public let center: Point
    public let radiusX: Int
    public let radiusY: Int

    /// The largest round ring that fits in `rect`.
    public init(fitting rect: Rect) {
        let radiusY = max(1, min((rect.height - 1) / 2, (rect.width - 2) / 4))
        self.radiusY = radiusY
        radiusX = max(2, min((rect.width - 2) / 2, 2 * radiusY))
        center = Point(x: rect.x + rect.width / 2, y: rect.y + radiusY)
    }

    /// The cell of the ring position `fraction` (0 ..< 1), moved `inset` cells toward the
    /// centre vertically (twice that horizontally).
    public func cell(at fraction: Double, inset: Int = 0) -> Point {
        let angle = fraction * 2 * Double.pi
        let dx = Double(radiusX - 2 * inset) * sin(angle)
        let dy = -Double(radiusY - inset) * cos(angle)
        return Point(x: center.x + Int(dx.rounded()), y: center.y + Int(dy.rounded()))
    }

    /// The cells of the ring positions `fractions`, each moved clockwise along the outline past
    /// the cells given to the positions before it, so that every one stays visible.
    public func distinctCells(at fractions: [Double]) -> [Point] {
        let outline = outline
        var taken: [Point] = []
        return fractions.map { fraction in
            var cell = cell(at: fraction)
            if taken.contains(cell), !outline.isEmpty {
                var index = outline.firstIndex { $0.fraction >= fraction } ?? 0
                for _ in outline.indices where taken.contains(outline[index].cell) {
                    index = (index + 1) % outline.count
                }
                cell = outline[index].cell
            }
            taken.append(cell)
            return cell
        }
    }

    /// The cells of the ring's outline, in clockwise order from the top, each with the ring
    /// position it stands for.
    public var outline: [(cell: Point, fraction: Double)] {
        let samples = 8 * (radiusX + radiusY)
        var cells: [(cell: Point, fraction: Double)] = []
        for index in 0..<samples {
            let fraction = Double(index) / Double(samples)
            let cell = cell(at: fraction)
            if cells.last?.cell != cell, cells.first?.cell != cell { cells.append((cell, fraction)) }
        }
        return cells
    }
}

/// The ring: every token drawn round a circle as its node's symbol, in its node's colour; the
/// key in focus marked ◆ where it hashes, the clockwise walk from it to its replicas drawn
/// bold, its coordinator and replicas' tokens in reverse video and its first fallbacks
/// underlined, each in a cell of its own.
enum RingPanel {
    /// How many fallbacks past the preference list are marked.
    static let fallbacksShown = 2

    static func draw(_ snapshot: Snapshot, focus: String?, in rect: Rect, on frame: inout Frame) {
        let ring = snapshot.ring
        let n = snapshot.settings.n
        frame.title("Ring", detail: "\(ring.tokens.count) tokens · N=\(n)", in: rect)
        let area = rect.dropping(rows: 1)
        guard area.height >= 5, area.width >= 12, !ring.tokens.isEmpty else { return }
        let geometry = geometry(in: area)
        let alive = Dictionary(uniqueKeysWithValues: snapshot.nodes.map { ($0.id, $0.alive) })
        let walk = focus.map { WalkMarks(key: $0, snapshot: snapshot, fallbacks: fallbacksShown) }

        for (cell, fraction) in geometry.outline {
            let onWalk = walk?.covers(fraction) ?? false
            frame.write(onWalk ? "•" : "·", x: cell.x, y: cell.y, style: onWalk ? .accent : .muted, limit: area.maxX)
        }
        for token in ring.tokens {
            let cell = geometry.cell(at: token.position.fraction)
            var style = Style.node(token.node.index)
            if alive[token.node] == false { style = .muted }
            frame.write(String(NodeGlyph.symbol(token.node)), x: cell.x, y: cell.y, style: style, limit: area.maxX)
        }
        if let walk {
            // Tokens of the walk that would share a cell (many nodes) move clockwise apart.
            let cells = geometry.distinctCells(at: walk.tokens.map(\.token.position.fraction))
            for ((token, role), cell) in zip(walk.tokens, cells) {
                var style = Style.node(token.node.index, bold: true)
                switch role {
                case .coordinator, .replica: style.reverse = true
                case .fallback: style.underline = true
                }
                if alive[token.node] == false { style.ink = .muted }
                frame.write(String(NodeGlyph.symbol(token.node)), x: cell.x, y: cell.y, style: style, limit: area.maxX)
            }
            drawLegend(walk, geometry: geometry, area: area, on: &frame)
            let marker = geometry.cell(at: walk.keyPosition.fraction, inset: 1)
            frame.write("◆", x: marker.x, y: marker.y, style: .accent, limit: area.maxX)
        } else {
            // The longest wording that fits inside the ring, clear of its outline.
            let inner = 2 * geometry.radiusX - 5
            let wordings = [["no key in focus:", "put, get or focus KEY"], ["no key in focus:", "focus KEY"], ["no key in focus"], ["no key", "in focus"]]
            let lines = wordings.first { $0.allSatisfy { TextWidth.columns(of: $0) <= inner } } ?? []
            for (offset, line) in lines.enumerated() {
                let x = geometry.center.x - TextWidth.columns(of: line) / 2
                frame.write(line, x: x, y: geometry.center.y - lines.count / 2 + offset, style: .muted, limit: area.maxX)
            }
        }
        drawKey(area: area, geometry: geometry, snapshot: snapshot, on: &frame)
    }

    /// The key's name and its walk, in the middle of the ring.
    private static func drawLegend(_ walk: WalkMarks, geometry: RingGeometry, area: Rect, on frame: inout Frame) {
        let inner = max(8, 2 * geometry.radiusX - 6)
        // The longest wording whose every row fits inside the ring: full names; the short form
        // the commands accept, in every row alike; then the ring's own marks for labels, which
        // its key explains, so that a small ring still names every node of the walk.
        let wordings = [(["coordinator ", "replicas ", "fallbacks "], false), (["coordinator ", "replicas ", "fallbacks "], true),
                        (["coord. ", "▮ ", "_ "], true)]
        let lines = wordings.lazy.map { labels, short in
            let names = { (nodes: [NodeID]) -> String in
                nodes.isEmpty ? "none" : nodes.map { short ? "n\($0.index)" : $0.name }.joined(separator: " ")
            }
            return zip(labels, [walk.coordinator.map { names([$0]) } ?? "none up", names(walk.preferenceList), names(walk.fallbacks)])
                .map { (label: $0, value: $1) }
        }
        let walkRows = lines.first { $0.allSatisfy { TextWidth.columns(of: $0.label + $0.value) <= inner } } ?? lines.last!
        // The key's name before its position: the position goes when both do not fit.
        let key = Display.quoted(walk.key)
        let placed = key + " @" + walk.keyPosition.shortHex
        var rows: [(label: String, value: String, style: Style)] = [
            ("◆ ", TextWidth.columns(of: placed) <= inner - 2 ? placed : TextWidth.fit(key, inner - 2), .accent),
        ] + walkRows.map { ($0.label, $0.value, Style.plain) }
        if geometry.radiusY < 4 { rows.removeLast() }
        let top = geometry.center.y - rows.count / 2
        for (offset, row) in rows.enumerated() {
            let text = TextWidth.fit(row.label + row.value, inner)
            let x = geometry.center.x - TextWidth.columns(of: text) / 2
            let labelEnd = frame.write(String(text.prefix(row.label.count)), x: x, y: top + offset,
                                       style: offset == 0 ? .accent : .muted, limit: area.maxX)
            frame.write(String(text.dropFirst(row.label.count)), x: labelEnd, y: top + offset,
                        style: offset == 0 ? .accent : row.style, limit: area.maxX)
        }
    }

    /// The ring drawn in `area`: the largest round one that leaves two rows below it for its
    /// key, when the area is tall enough to spare them, so that a panel made short (by a lesson's
    /// caption, say) still says what the marks mean.
    static func geometry(in area: Rect) -> RingGeometry {
        RingGeometry(fitting: area.height >= 14 ? Rect(x: area.x, y: area.y, width: area.width, height: area.height - 2) : area)
    }

    /// Below the ring when there is room: which symbol is which node (of those with tokens on
    /// the ring), in runs (`a–z=node36–61`, then `a–z=n36–61`) when one per node does not fit,
    /// and what the marks mean, unless the nodes need every row; a blank row above them when
    /// there is one to spare.
    private static func drawKey(area: Rect, geometry: RingGeometry, snapshot: Snapshot, on frame: inout Frame) {
        let below = geometry.center.y + geometry.radiusY + 1 - area.y
        let space = area.height - below
        guard space > 0 else { return }
        let onRing = Set(snapshot.ring.tokens.map(\.node))
        let listed = snapshot.nodes.filter { onRing.contains($0.id) }
        let alive = listed.map(\.alive)
        var entries = listed.map { "\(NodeGlyph.symbol($0.id))=\($0.id.name)" }
        for short in [false, true] where rowsNeeded(entries, width: area.width - 2) + 1 > space {
            entries = NodeGlyph.ranges(listed.map(\.id), short: short)
        }
        var row = below + (rowsNeeded(entries, width: area.width - 2) + 1 < space ? 1 : 0)
        var x = area.x + 1
        for (index, label) in entries.enumerated() {
            if x + TextWidth.columns(of: label) >= area.maxX {
                row += 1
                x = area.x + 1
                guard row < area.height else { return }
            }
            let style: Style = entries.count < listed.count ? .plain
                : alive[index] ? .node(listed[index].id.index) : .muted
            x = frame.write(label, in: area, row: row, column: x - area.x, style: style) + 1
        }
        row += 1
        // Spaced apart where there is room, closer where not, so that every mark is explained.
        let marks = ["◆ key  ▮ replicas  _ fallbacks  • walk", "◆ key ▮ replicas _ fallbacks • walk", "◆key ▮replicas _fallbacks •walk"]
        let fitting = marks.first { TextWidth.columns(of: $0) <= area.width - 2 } ?? marks[marks.count - 1]
        if row < area.height { frame.write(TextWidth.fit(fitting, area.width - 2), in: area, row: row, column: 1, style: .muted) }
    }

    /// Rows `entries` take, separated by spaces and wrapped at `width`.
    private static func rowsNeeded(_ entries: [String], width: Int) -> Int {
        var rows = 1, x = 0
        for entry in entries {
            let columns = TextWidth.columns(of: entry)
            if x > 0, x + columns >= width {
                rows += 1
                x = 0
            }
            x += columns + 1
        }
        return rows
    }
}

/// The key in focus as the ring shows it: its position, the first token of each node met
/// walking clockwise from it, and what each of those nodes is to the key.
struct WalkMarks {
    enum Role { case coordinator, replica, fallback }

    let key: String
    let keyPosition: RingPosition
    let preferenceList: [NodeID]
    let fallbacks: [NodeID]
    /// The first node of the preference list that is up, as a client would pick it.
    let coordinator: NodeID?
    let tokens: [(token: Token, role: Role)]
    /// Ring positions from the key to the last replica's token, clockwise.
    private let arc: (start: Double, length: Double)

    init(key: String, snapshot: Snapshot, fallbacks count: Int) {
        self.key = key
        keyPosition = .of(key: key)
        let ring = snapshot.ring
        let n = snapshot.settings.n
        var met: [Token] = []
        var seen = Set<NodeID>()
        let start = ring.firstTokenIndex(after: keyPosition)
        for step in 0..<ring.tokens.count where met.count < n + count {
            let token = ring.tokens[(start + step) % ring.tokens.count]
            if seen.insert(token.node).inserted { met.append(token) }
        }
        let preference = Array(met.prefix(n))
        preferenceList = preference.map(\.node)
        fallbacks = met.dropFirst(n).map(\.node)
        let up = Set(snapshot.nodes.filter(\.alive).map(\.id))
        let coordinator = ring.walk(from: keyPosition).first { up.contains($0) }
        self.coordinator = coordinator
        tokens = met.enumerated().map { index, token in
            (token, index >= n ? .fallback : token.node == coordinator ? .coordinator : .replica)
        }
        let from = keyPosition.fraction
        let to = preference.last.map(\.position.fraction) ?? from
        arc = (from, (to - from + 1).truncatingRemainder(dividingBy: 1))
    }

    /// True when ring position `fraction` lies on the walk from the key to its last replica.
    func covers(_ fraction: Double) -> Bool {
        (fraction - arc.start + 1).truncatingRemainder(dividingBy: 1) <= arc.length
    }
}

/// The one-character symbol that stands for a node on the ring: 1…9, A…Z, a…z, then Greek
/// letters; nodes past those (node85 on) share the neutral `+`.
enum NodeGlyph {
    private static let groups = ["123456789", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz", "αβγδεζηθικλμνξπρστυφχψω"]
        .map(Array.init)
    private static let symbols = groups.flatMap { $0 }
    static let neutral: Character = "+"

    static func symbol(_ node: NodeID) -> Character {
        (1...symbols.count).contains(node.index) ? symbols[node.index - 1] : neutral
    }

    /// The legend in few words: runs of consecutive nodes as `1–9=node1–9`, `a=node36`; in
    /// fewer still, `short`, as `1–9=n1–9`, `a=n36`.
    static func ranges(_ nodes: [NodeID], short: Bool = false) -> [String] {
        var runs: [[NodeID]] = []
        for node in nodes {
            if let last = runs.last?.last, last.index + 1 == node.index, group(of: last) == group(of: node) {
                runs[runs.count - 1].append(node)
            } else {
                runs.append([node])
            }
        }
        return runs.map { run in
            let (first, last) = (run.first!, run.last!)
            let name = short ? "n\(first.index)" : first.name
            if run.count == 1 { return "\(symbol(first))=\(name)" }
            let glyphs = symbol(first) == neutral ? "\(neutral)" : "\(symbol(first))–\(symbol(last))"
            return "\(glyphs)=\(name)–\(last.index)"
        }
    }

    /// Which alphabet a node's symbol comes from; nodes past them all form one more group.
    private static func group(of node: NodeID) -> Int {
        var end = 0
        for (index, group) in groups.enumerated() {
            end += group.count
            if node.index <= end { return index }
        }
        return groups.count
    }
}
