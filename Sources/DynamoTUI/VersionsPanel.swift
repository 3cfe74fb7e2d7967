import DynamoCore
import DynamoSim

/// The key in focus on every replica: each node of its preference list, then any other node
/// keeping a hint for it, with each version's value and vector clock (the paper, section
/// 4.4). Siblings (a replica holding concurrent versions) stand out; versions that another
/// replica's version supersedes are dimmed as stale.
enum VersionsPanel {
    struct Row {
        /// What the node is to the key.
        enum Role: Equatable {
            case replica(Int)
            case fallback
            case hint(for: NodeID)

            /// `replica 1`, `fallback`, `hint→node4`; in a narrow panel `r1`, `fb`, `h→n4`.
            func text(short: Bool) -> String {
                switch self {
                case .replica(let rank): short ? "r\(rank)" : "replica \(rank)"
                case .fallback: short ? "fb" : "fallback"
                case .hint(let owner): short ? "h→n\(owner.index)" : "hint→\(owner.name)"
                }
            }
        }

        let node: NodeID
        let alive: Bool
        let role: Role
        let version: Version?
        var isHint = false
        var isSibling = false
        var isStale = false
    }

    static func wantedRows(_ snapshot: Snapshot, focus: String?) -> Int {
        1 + max(1, focus.map { rows(snapshot, key: $0).count } ?? 1)
    }

    static func rows(_ snapshot: Snapshot, key: String) -> [Row] {
        let n = snapshot.settings.n
        var rows: [Row] = []
        for (rank, id) in snapshot.ring.walk(from: .of(key: key)).enumerated() {
            guard let node = snapshot.node(id) else { continue }
            let own = node.store.versions(of: key)
            if rank < n {
                let role = Row.Role.replica(rank + 1)
                if own.isEmpty { rows.append(Row(node: id, alive: node.alive, role: role, version: nil)) }
                for version in own {
                    rows.append(Row(node: id, alive: node.alive, role: role, version: version, isSibling: own.count > 1))
                }
            } else {
                for version in own {
                    rows.append(Row(node: id, alive: node.alive, role: .fallback, version: version, isSibling: own.count > 1))
                }
            }
            for hint in node.hints where hint.key == key {
                for version in hint.versions {
                    rows.append(Row(node: id, alive: node.alive, role: .hint(for: hint.owner), version: version, isHint: true))
                }
            }
        }
        let policy = snapshot.settings.versioning
        let all = rows.compactMap(\.version)
        for index in rows.indices {
            guard let version = rows[index].version else { continue }
            rows[index].isStale = all.contains { policy.supersedes($0, version) && !policy.supersedes(version, $0) }
        }
        return rows
    }

    static func draw(_ snapshot: Snapshot, focus: String?, in rect: Rect, on frame: inout Frame) {
        guard let key = focus else {
            frame.title("Versions", in: rect)
            frame.write("no key in focus: put, get or focus KEY", in: rect, row: 1, column: 1, style: .muted)
            return
        }
        let rows = rows(snapshot, key: key)
        let siblings = Set(rows.filter(\.isSibling).map(\.node))
        let detail = siblings.isEmpty ? "value and clock per replica"
            : "siblings on " + siblings.sorted().map(\.name).joined(separator: " ")
        frame.title("Versions of " + TextWidth.fit(key, max(8, rect.width / 3)), detail: detail, in: rect,
                    detailStyle: siblings.isEmpty ? .muted : .warn)
        let space = rect.height - 1
        guard space > 0 else { return }
        // A narrow panel (80 columns) gives the clock its room: short roles, a narrower value
        // column, and the sibling or stale word only where it fits (the value's colour says it too).
        let narrow = rect.width < 50
        let nameWidth = (snapshot.nodes.map { $0.id.name.count }.max() ?? 5) + 2
        let roleWidth = max(narrow ? 2 : 10, rows.map { TextWidth.columns(of: $0.role.text(short: narrow)) }.max() ?? 0) + 1
        let values = rows.compactMap { $0.version.map { valueText($0.value) } }
        let longest = values.map { TextWidth.columns(of: $0) }.max() ?? 0
        let longestClock = rows.compactMap { $0.version.map { TextWidth.columns(of: $0.clock.description) } }.max() ?? 0
        let valueRoom = rect.width - (2 + nameWidth + roleWidth) - 2 - longestClock
        let valueWidth = narrow ? min(max(4, longest), max(4, valueRoom)) + 1
            : min(max(8, longest), max(8, rect.width / 3)) + 2
        let shown = rows.count <= space ? rows.count : max(space - 1, 0)
        var previous: NodeID?
        for (offset, entry) in rows.prefix(shown).enumerated() {
            let row = offset + 1
            if entry.node != previous {
                frame.write((entry.alive ? "●" : "○"), in: rect, row: row, column: 1, style: entry.alive ? .good : .bad)
                frame.write(entry.node.name, in: rect, row: row, column: 3, style: .node(entry.node.index, bold: entry.alive))
                frame.write(entry.role.text(short: narrow), in: rect, row: row, column: 2 + nameWidth,
                            style: entry.isHint ? .warn : .muted)
            }
            previous = entry.node
            var x = 2 + nameWidth + roleWidth
            guard let version = entry.version else {
                frame.write("(nothing yet)", in: rect, row: row, column: x, style: .muted)
                continue
            }
            let valueStyle: Style = entry.isSibling ? .warn : entry.isStale ? .muted : .plain
            frame.write(TextWidth.fit(valueText(version.value), valueWidth - 1), in: rect, row: row, column: x, style: valueStyle)
            x += valueWidth
            let room = rect.width - x - 1
            var clock = version.clock.description
            if version.clockOverstatesContext {
                // What `get` prints: the dot and the context it saw, or the clock seems to contradict the siblings.
                let saw = "dot \(version.dot) saw \(version.context)"
                clock = TextWidth.columns(of: clock + "  " + saw) <= room ? clock + "  " + saw : saw
            }
            let word = entry.isSibling ? "sibling" : entry.isStale ? "stale" : ""
            var tail = word.isEmpty ? "" : (narrow ? " " : "  ") + word
            if TextWidth.columns(of: clock) + tail.count > room { tail = "" }
            if !version.clockOverstatesContext, room > 40 + tail.count { clock += "  dot \(version.dot)" }
            x = frame.write(TextWidth.fit(clock, room - tail.count), in: rect, row: row, column: x,
                            style: entry.isStale ? .muted : .plain) - rect.x
            frame.write(tail, in: rect, row: row, column: x, style: entry.isSibling ? .warn : .muted)
        }
        if shown < rows.count {
            frame.write("… \(rows.count - shown) more: type versions \(key)", in: rect, row: rect.height - 1, column: 1, style: .muted)
        }
    }

    static func valueText(_ value: Value) -> String {
        value.string ?? "(deleted)"
    }
}
