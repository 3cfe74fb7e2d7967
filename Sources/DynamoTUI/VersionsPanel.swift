import DynamoCore
import DynamoLab
import DynamoSim

/// The key in focus on every replica: each node of its preference list, then any other node
/// keeping a hint for it or a copy to hand over (a node that fell out of its list or left the
/// ring, section 4.9), with each version's value and vector clock (the paper, section 4.4).
/// Siblings (a replica holding concurrent versions) stand out; versions that another
/// replica's version supersedes are dimmed as stale.
enum VersionsPanel {
    struct Row {
        /// What the node is to the key.
        enum Role: Equatable {
            case replica(Int)
            /// A copy in the store of a node outside the preference list, for its owners.
            case handOver
            case hint(for: NodeID)

            /// `replica 1`, `to hand over`, `hint→node4`; in a narrow panel `r1`, `→own`, `h→n4`.
            func text(short: Bool) -> String {
                switch self {
                case .replica(let rank): short ? "r\(rank)" : "replica \(rank)"
                case .handOver: short ? "→own" : "to hand over"
                case .hint(let owner): short ? "h→n\(owner.index)" : "hint→\(owner.name)"
                }
            }
        }

        let node: NodeID
        let alive: Bool
        /// Whether the node is still in the ring: one that left shows as the Nodes panel shows it.
        var member = true
        let role: Role
        let version: Version?
        var isHint = false
        /// How it stands among every node's versions of the key (`VersionMark`).
        var mark: VersionMark?
        /// One of several versions its node holds that survive every node's.
        var isSibling: Bool { mark == .sibling }
        /// Not among the versions that survive every node's: stale, even among siblings of its own.
        var isStale: Bool { mark == .stale }
        /// Drawn as a warning: a sibling, or a version in conflict.
        var isWarned: Bool { mark == .sibling || mark == .conflict }
    }

    /// Rows the panel would like, its title included, in a panel `width` columns wide.
    static func wantedRows(_ snapshot: Snapshot, focus: String?, width: Int) -> Int {
        1 + max(1, focus.map { lines(snapshot, key: $0, width: width).count } ?? 1)
    }

    /// The panel's rows for `key`, laid out for `width` columns.
    static func lines(_ snapshot: Snapshot, key: String, width: Int) -> [Line] {
        let rows = rows(snapshot, key: key)
        return lines(rows, columns(rows, nameWidth: nameWidth(snapshot), width: width), width: width, dots: showsDots(snapshot))
    }

    /// The name column: the longest name and a gap.
    /// Dots are shown only with dotted clocks: under the paper's plain ones a version is told
    /// by its clock alone.
    private static func showsDots(_ snapshot: Snapshot) -> Bool { snapshot.settings.versioning.clocks == .dotted }

    private static func nameWidth(_ snapshot: Snapshot) -> Int {
        (snapshot.nodes.map { $0.id.name.count }.max() ?? 5) + 2
    }

    static func rows(_ snapshot: Snapshot, key: String) -> [Row] {
        let n = snapshot.settings.n
        var rows: [Row] = []
        for (rank, id) in snapshot.walkThenDeparted(from: key).enumerated() {
            guard let node = snapshot.node(id) else { continue }
            let first = rows.count
            let own = node.store.versions(of: key)
            if rank < n {
                let role = Row.Role.replica(rank + 1)
                if own.isEmpty { rows.append(Row(node: id, alive: node.alive, role: role, version: nil)) }
                for version in own {
                    rows.append(Row(node: id, alive: node.alive, role: role, version: version))
                }
            } else {
                for version in own {
                    rows.append(Row(node: id, alive: node.alive, role: .handOver, version: version))
                }
            }
            for hint in node.hints where hint.key == key {
                for version in hint.versions {
                    rows.append(Row(node: id, alive: node.alive, role: .hint(for: hint.owner), version: version, isHint: true))
                }
            }
            for index in rows.indices.dropFirst(first) { rows[index].member = node.member }
        }
        let marker = VersionMark.Marker(key: key, in: snapshot)
        for index in rows.indices {
            guard let version = rows[index].version, let node = snapshot.node(rows[index].node) else { continue }
            let own = if case .hint(let owner) = rows[index].role {
                node.hints.first { $0.key == key && $0.owner == owner }?.versions ?? []
            } else {
                node.store.versions(of: key)
            }
            rows[index].mark = marker.mark(version, amongOwn: own, inHint: rows[index].isHint)
        }
        return rows
    }

    static func draw(_ snapshot: Snapshot, focus: String?, in rect: Rect, on frame: inout Frame) {
        guard let key = focus else {
            frame.title("Versions", in: rect)
            frame.write("no key in focus: put, get or focus KEY", in: rect, row: 1, column: 1, style: .muted)
            return
        }
        var rows = rows(snapshot, key: key)
        let siblings = Set(rows.filter(\.isSibling).map(\.node))
        let conflict = rows.contains { $0.mark == .conflict }
        let title = "Versions of " + TextWidth.fit(Display.quoted(key), max(8, rect.width / 3))
        // "─ title · detail ": the plain detail shortened rather than cut.
        let room = rect.width - TextWidth.columns(of: title) - 6
        let detail = !siblings.isEmpty ? "siblings on " + siblings.sorted().map(\.name).joined(separator: " ")
            : conflict ? "replicas in conflict" : room >= 27 ? "value and clock per replica" : "per replica"
        frame.title(title, detail: detail, in: rect, detailStyle: siblings.isEmpty && !conflict ? .muted : .warn)
        let space = rect.height - 1
        guard space > 0 else { return }
        var columns = columns(rows, nameWidth: nameWidth(snapshot), width: rect.width)
        var lines = lines(rows, columns, width: rect.width, dots: showsDots(snapshot))
        if lines.count > space, !siblings.isEmpty || conflict {
            // The title says which replicas hold siblings, or that they are in conflict: those
            // marks give way before a version does.
            for index in rows.indices where rows[index].mark == .sibling || rows[index].mark == .conflict { rows[index].mark = nil }
            columns = Self.columns(rows, nameWidth: nameWidth(snapshot), width: rect.width)
            lines = Self.lines(rows, columns, width: rect.width, dots: showsDots(snapshot))
        }
        // Whole versions only; when some are left out, a row after them says how many.
        let shown = lines.count <= space ? lines.count
            : lines.indices.last { $0 < space && lines[$0].startsVersion } ?? 0
        for (offset, line) in lines.prefix(shown).enumerated() {
            draw(line, columns, row: offset + 1, in: rect, on: &frame)
        }
        let left = lines.dropFirst(shown).filter(\.startsVersion).count
        if left > 0 {
            // The line to type, when it fits whole: a key cut short would not type back.
            let typed = "… \(left) more: type versions \(Display.quoted(key))"
            let text = TextWidth.columns(of: typed) <= rect.width - 2 ? typed : "… \(left) more: versions KEY lists all"
            frame.write(text, in: rect, row: shown + 1, column: 1, style: .muted)
        }
    }

    private static func draw(_ line: Line, _ columns: Columns, row: Int, in rect: Rect, on frame: inout Frame) {
        let entry = line.row
        if line.showsNode {
            let (mark, style): (String, Style) = !entry.member ? ("◌", .muted) : entry.alive ? ("●", .good) : ("○", .bad)
            frame.write(mark, in: rect, row: row, column: 1, style: style)
            frame.write(entry.node.name, in: rect, row: row, column: 3, style: .node(entry.node.index, bold: entry.alive && entry.member))
        }
        if line.showsRole {
            frame.write(entry.role.text(short: columns.shortRoles), in: rect, row: row, column: columns.role,
                        style: entry.isHint ? .warn : .muted)
        }
        guard entry.version != nil else {
            frame.write("(nothing)", in: rect, row: row, column: columns.value, style: .muted)
            return
        }
        if let value = line.value {
            frame.write(value, in: rect, row: row, column: columns.value,
                        style: entry.isWarned ? .warn : entry.isStale ? .muted : .plain)
        }
        let room = rect.width - 1 - line.clockColumn - TextWidth.columns(of: line.tail)
        let x = frame.write(TextWidth.fit(line.clock, room), in: rect, row: row, column: line.clockColumn,
                            style: entry.isStale ? .muted : .plain) - rect.x
        frame.write(line.tail, in: rect, row: row, column: x, style: entry.isWarned ? .warn : .muted)
    }

    static func valueText(_ value: Value) -> String {
        value.string.map(Display.quoted) ?? Display.tombstone
    }
}
