import DynamoLab
import DynamoCore
import DynamoSim

/// One row per node, in node order (a short panel keeps those that most need attention): up,
/// down or left the ring, its side of a partition, the keys it holds as first owner and in all,
/// the hints it keeps for others, and the peers it suspects (believes down): the columns of
/// `nodes`, where they fit.
/// Each node has its own view (the paper, section 4.8.3); a belief the network does not
/// explain (the peer is up and reachable) is drawn as a warning.
enum NodesPanel {
    static func wantedRows(_ snapshot: Snapshot) -> Int { 2 + snapshot.nodes.count }

    /// The `rows` nodes a panel of that many rows lists, in node order: those that most need
    /// attention, so that a short panel still shows them. First those down or left, then those
    /// holding hints, then the replicas of the key in focus (what the ring and the Versions
    /// panel are about), then the other nodes a partition (`sides`) cut off from its largest
    /// side (the first of equals), then the rest; replicas cut off come before the others.
    static func listed(_ snapshot: Snapshot, sides: [[NodeID]], focus: String?, rows: Int) -> [Snapshot.NodeState] {
        let replicas = focus.map { snapshot.ring.walk(from: .of(key: $0), limit: snapshot.settings.n) } ?? []
        let largest = sides.reduce([]) { $1.count > $0.count ? $1 : $0 }
        let cutOff = Set(sides.joined()).subtracting(largest)
        func tier(_ node: Snapshot.NodeState) -> Int {
            if !node.alive || !node.member { return 0 }
            if !node.hints.isEmpty { return 1 }
            if replicas.contains(node.id) { return cutOff.contains(node.id) ? 2 : 3 }
            return cutOff.contains(node.id) ? 4 : 5
        }
        let byNeed = snapshot.nodes.enumerated().sorted { (tier($0.element), $0.offset) < (tier($1.element), $1.offset) }
        return byNeed.prefix(rows).sorted { $0.offset < $1.offset }.map(\.element)
    }

    static func draw(_ snapshot: Snapshot, focus: String?, in rect: Rect, on frame: inout Frame) {
        let sides = snapshot.sides
        let members = snapshot.nodes.filter(\.member)
        let up = members.filter(\.alive).count
        var detail = "\(up) of \(members.count) up"
        if members.count < snapshot.nodes.count { detail += " · \(snapshot.nodes.count - members.count) left" }
        if sides.count > 1 { detail += " · \(sides.count) sides" }
        frame.title("Nodes", detail: detail, in: rect, detailStyle: up == members.count ? .muted : .warn)
        guard rect.height > 1 else { return }

        let nameWidth = max(5, snapshot.nodes.map { $0.id.name.count }.max() ?? 0) + 2
        let columns = [nameWidth, 7, 5, 5, 5, 6]
        let starts = columns.indices.map { 1 + columns[..<$0].reduce(0, +) }
        // The last column's title shortened rather than cut where the names are long.
        let last = rect.width - (starts.last! + columns.last!) >= 8 ? "suspects" : "susp."
        let header = ["node", "status", "side", "prim", "keys", "hints", last]
        for (index, label) in header.enumerated() {
            frame.write(label, in: rect, row: 1, column: index < starts.count ? starts[index] : starts.last! + columns.last!, style: .muted)
        }

        let sideOf = sides.count > 1
            ? Dictionary(uniqueKeysWithValues: sides.enumerated().flatMap { index, side in side.map { ($0, index) } })
            : [:]
        var firstOwner: [String: NodeID] = [:]
        var marked: Set<PeerStatus> = []
        let space = rect.height - 2
        let shown = snapshot.nodes.count <= space ? snapshot.nodes.count : max(space - 1, 0)
        for (offset, node) in listed(snapshot, sides: sides, focus: focus, rows: shown).enumerated() {
            let row = offset + 2
            var primary = 0
            for key in node.store.keys where !snapshot.ring.tokens.isEmpty {
                let owner = firstOwner[key] ?? snapshot.ring.tokens[snapshot.ring.firstTokenIndex(after: .of(key: key))].node
                firstOwner[key] = owner
                if owner == node.id { primary += 1 }
            }
            frame.write(node.id.name, in: rect, row: row, column: starts[0], style: .node(node.id.index, bold: node.alive))
            let state: (text: String, style: Style) = !node.member ? ("◌ left", .muted) : node.alive ? ("● up", .good) : ("○ down", .bad)
            frame.write(state.text, in: rect, row: row, column: starts[1], style: state.style)
            if let side = sideOf[node.id] {
                frame.write(Snapshot.sideName(side), in: rect, row: row, column: starts[2], style: .warn)
            } else {
                // During a partition a live node on no side reaches every side, as `nodes` says.
                frame.write(sideOf.isEmpty || !node.alive ? "-" : "any", in: rect, row: row, column: starts[2], style: .muted)
            }
            frame.write("\(primary)", in: rect, row: row, column: starts[3])
            frame.write("\(node.store.count)", in: rect, row: row, column: starts[4])
            frame.write("\(node.hints.count)", in: rect, row: row, column: starts[5], style: node.hints.isEmpty ? .plain : .warn)
            marked.formUnion(drawView(of: node, snapshot: snapshot, in: rect, row: row, column: starts[5] + columns[5], on: &frame))
        }
        if shown < snapshot.nodes.count {
            frame.write("… \(snapshot.nodes.count - shown) more: type nodes", in: rect, row: rect.height - 1, column: 1, style: .muted)
        }
        // The suspects' marks, explained in the title while any is shown.
        let legend = [(PeerStatus.suspected, "?=suspected"), (.down, "✗=down")].filter { marked.contains($0.0) }.map(\.1)
        if !legend.isEmpty {
            frame.title("Nodes", detail: ([detail] + legend).joined(separator: " · "), in: rect,
                        detailStyle: up == members.count ? .muted : .warn)
        }
    }

    /// Draws the peers `node` suspects or believes down; returns the marks it drew.
    private static func drawView(of node: Snapshot.NodeState, snapshot: Snapshot, in rect: Rect, row: Int, column: Int,
                                 on frame: inout Frame) -> Set<PeerStatus> {
        // Each peer believed not up, marked as `nodes` marks it: ? suspected, ✗ down.
        let suspects = node.alive ? node.suspects : []
        guard !suspects.isEmpty else {
            // A node that left while down says so here, as `nodes` does: its state says only left.
            frame.write(node.alive || node.member ? "—" : "(down)", in: rect, row: row, column: column, style: .muted)
            return []
        }
        func mark(_ peer: PeerView) -> String { peer.status == .down ? "✗" : "?" }
        // Full names when they fit, else the short form the commands accept (n3).
        let full = suspects.map { $0.node.name + mark($0) }.joined(separator: " ")
        let short = TextWidth.columns(of: full) > rect.width - 1 - column
        var x = column
        var marked: Set<PeerStatus> = []
        for (index, suspect) in suspects.enumerated() {
            let peer = suspect.node
            let explained = snapshot.node(peer)?.alive == false || snapshot.network.isCut(from: node.id, to: peer)
            let name = (index == 0 ? "" : " ") + (short ? "n\(peer.index)" : peer.name) + mark(suspect)
            if x + TextWidth.columns(of: name) > rect.width - 1 {
                frame.write(" …", in: rect, row: row, column: x, style: .muted)
                return marked
            }
            x = frame.write(name, in: rect, row: row, column: x, style: explained ? .plain : .warn) - rect.x
            marked.insert(suspect.status)
        }
        return marked
    }
}
