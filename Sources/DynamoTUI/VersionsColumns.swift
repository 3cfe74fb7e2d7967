import DynamoLab
import DynamoCore

/// How the Versions panel shares its width: the clock (or `dot … saw {…}`) comes first, then
/// the value, then the role. A narrow panel shortens the roles, then cuts the value with `…`,
/// then puts the `saw {…}` part on a row of its own if that keeps the mark (`sibling`,
/// `stale`, `conflict`) beside the clock, then puts the marks on rows of their own; a clock
/// still too long for its row carries on into the next, broken between its entries.
extension VersionsPanel {
    struct Columns: Equatable {
        /// Roles as `r1`, `→own`, `h→n4`.
        var shortRoles: Bool
        /// Where the role starts.
        var role: Int
        /// Where the value starts.
        var value: Int
        var valueWidth: Int
        /// Whether a `saw {…}` too long for its row goes on the next one.
        var wrapsSaw: Bool

        /// Where the clock starts: after a gap of two columns, or one beside short roles.
        var clock: Int { value + valueWidth + gap }
        var gap: Int { shortRoles ? 1 : 2 }
    }

    /// One row of the panel.
    struct Line {
        let row: Row
        /// The first row of a node names it.
        var showsNode: Bool
        /// The first row of a node, or of another role on the same node, names the role.
        var showsRole = false
        /// The value, or nil on a row that only carries on the clock of the row above.
        var value: String?
        var clock = ""
        var clockColumn: Int
        /// the mark (`sibling`, `stale`, `conflict`), after the clock or on a row of its own.
        var tail = ""

        /// True on the first row of a version (or of a replica that has none).
        var startsVersion: Bool { value != nil || row.version == nil }
    }

    /// Values are cut no shorter than this while the `saw {…}` part still fits beside them.
    static let shortestValue = 8
    /// Values are cut no shorter than this at all.
    static let tightestValue = 3

    /// The columns for `rows` in a panel `width` wide: long roles and whole values if the
    /// clocks and their marks still fit, else short roles and values cut, else
    /// the `saw {…}` parts wrapped, else with the marks on rows of their own
    /// (`lines`), else both.
    static func columns(_ rows: [Row], nameWidth: Int, width: Int) -> Columns {
        let longest = rows.compactMap { $0.version.map { TextWidth.columns(of: valueText($0.value)) } }.max() ?? 0
        func roleWidth(_ short: Bool) -> Int {
            max(short ? 2 : 10, rows.map { TextWidth.columns(of: $0.role.text(short: short)) }.max() ?? 0) + 1
        }
        // The clock's first row, and its mark when `marked`.
        func clockWidth(_ wraps: Bool, short: Bool, marked: Bool) -> Int {
            rows.compactMap { row in
                row.version.map { TextWidth.columns(of: clockText($0, wraps: wraps)[0]) + (marked ? tail(row, short: short).count : 0) }
            }.max() ?? 0
        }
        // Roles shorten before a mark is left out; values are cut to 8 columns
        // before it is, and a `saw {…}` goes on a row of its own to keep it.
        let value8 = min(longest, shortestValue)
        let tries = [(false, false, longest, true), (true, false, value8, true), (true, true, value8, true),
                     (true, false, value8, false), (true, true, min(longest, tightestValue), false)]
        for (index, (short, wraps, least, marked)) in tries.enumerated() {
            let value = 2 + nameWidth + roleWidth(short)
            let room = width - 1 - value - (short ? 1 : 2) - clockWidth(wraps, short: short, marked: marked)
            if room >= least || index == tries.count - 1 {
                return Columns(shortRoles: short, role: 2 + nameWidth, value: value, valueWidth: max(min(max(longest, 8), room), least), wrapsSaw: wraps)
            }
        }
        preconditionFailure("the last try always answers")
    }

    /// The clock a row shows: the vector clock, or for a write whose clock would seem to
    /// descend from its sibling what `get` prints, `dot node2:2 saw {}`, its `saw {…}` on a
    /// second line when `wraps`.
    static func clockText(_ version: Version, wraps: Bool) -> [String] {
        guard version.clockOverstatesContext else { return [version.clock.description] }
        let (dot, saw) = ("dot \(version.dot)", "saw \(version.context)")
        return wraps ? [dot, saw] : [dot + " " + saw]
    }

    /// The panel's rows: one per version, more for a version whose `saw {…}` goes on a row of
    /// its own or whose clock is too long for one row.
    static func lines(_ rows: [Row], _ columns: Columns, width: Int, dots: Bool = true) -> [Line] {
        let room = width - 1 - columns.clock
        let fits = { (text: String) in TextWidth.columns(of: text) <= room }
        let shown = shownValues(rows, width: columns.valueWidth)
        var lines: [Line] = []
        var previous: Row?
        for row in rows {
            var line = Line(row: row, showsNode: row.node != previous?.node, clockColumn: columns.clock)
            line.showsRole = line.showsNode || row.role != previous?.role
            previous = row
            guard let version = row.version else {
                lines.append(line)
                continue
            }
            line.value = shown[valueText(version.value)]
            let tail = tail(row, short: columns.shortRoles)
            var pieces: [(text: String, column: Int)]
            if version.clockOverstatesContext {
                let dotAndSaw = clockText(version, wraps: false)[0]
                // The clock too, where it leaves room for the mark after it.
                let whole = "\(version.clock)  " + dotAndSaw
                if fits(whole + tail) {
                    pieces = [(whole, columns.clock)]
                } else if fits(dotAndSaw + tail) || !columns.wrapsSaw {
                    pieces = [(dotAndSaw, columns.clock)]
                } else {
                    let parts = clockText(version, wraps: true)
                    // Under the clock if it fits there, else from the value's column on.
                    let column = fits(parts[1]) ? columns.clock : columns.value
                    pieces = [(parts[0], columns.clock)] + wrapped(parts[1], from: column, hang: 5, width: width)
                }
            } else {
                let clock = version.clock.description
                let withDot = clock + "  dot \(version.dot)"
                pieces = dots && room > 40 + tail.count && fits(withDot + tail) ? [(withDot, columns.clock)]
                    : wrapped(clock, from: columns.clock, hang: 1, width: width)
            }
            line.clock = pieces[0].text
            var shown = [line] + pieces.dropFirst().map {
                Line(row: row, showsNode: false, clock: $0.text, clockColumn: $0.column)
            }
            if !tail.isEmpty {
                // After the clock's last row where it fits, else after its first, else on a row
                // of its own: a sibling is never left unmarked.
                let fitsTail = { (line: Line) in TextWidth.columns(of: line.clock) + tail.count <= width - 1 - line.clockColumn }
                if let index = [shown.count - 1, 0].first(where: { fitsTail(shown[$0]) }) {
                    shown[index].tail = tail
                } else {
                    shown.append(Line(row: row, showsNode: false, clockColumn: columns.clock, tail: tail))
                }
            }
            lines += shown
        }
        return lines
    }

    /// Each value the rows hold as the panel shows it in `width` columns: cut at its end; where
    /// that makes different values look the same (siblings written from one read, say, which
    /// begin alike), in its middle; and where that does too (`bread+milk+eggs`, `bread+eggs`),
    /// from where it first differs from the others that looked the same (`…milk…`, `…eggs`).
    static func shownValues(_ rows: [Row], width: Int) -> [String: String] {
        let values = Set(rows.compactMap { $0.version.map { valueText($0.value) } })
        var shown = Dictionary(uniqueKeysWithValues: values.map { ($0, TextWidth.fit($0, width)) })
        let cuts: [(String, [String]) -> String] = [
            { value, _ in TextWidth.fitMiddle(value, width) },
            { value, alike in
                let common = alike.filter { $0 != value }.map { $0.commonPrefix(with: value).count }.max() ?? 0
                return common == 0 ? TextWidth.fit(value, width) : "…" + TextWidth.fit(String(value.dropFirst(common)), width - 1)
            },
        ]
        for cut in cuts {
            let alike = Dictionary(grouping: shown.keys) { shown[$0]! }.values.filter { $0.count > 1 }
            for group in alike {
                for value in group { shown[value] = cut(value, group) }
            }
        }
        return shown
    }

    /// `  sibling`, `  stale` or `  conflict` after a version's clock (one space beside short
    /// roles), or nothing.
    private static func tail(_ row: Row, short: Bool) -> String {
        row.mark.map { (short ? " " : "  ") + $0.rawValue } ?? ""
    }

    /// `text` from `column` on, on as many rows as it needs, broken between a clock's entries;
    /// rows after the first start `hang` columns further in, inside the clock's braces.
    private static func wrapped(_ text: String, from column: Int, hang: Int, width: Int) -> [(text: String, column: Int)] {
        let room = width - 1 - column
        guard TextWidth.columns(of: text) > room, room > hang + 1 else { return [(text, column)] }
        return TextWidth.wrap(text, room, indent: String(repeating: " ", count: hang)).map { ($0, column) }
    }
}
