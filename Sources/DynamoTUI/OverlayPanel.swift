import DynamoCore
import DynamoLab
import DynamoSim

/// A long answer (help, ring, trace...) drawn over the panels, scrollable, until the next
/// command or an empty Enter closes it; once the clock has moved on, its title says when the
/// answer was given.
enum OverlayPanel {
    static func draw(_ overlay: ScreenModel.Overlay, now: Millis, in rect: Rect, on frame: inout Frame) {
        frame.fill(rect)
        if let time = overlay.time, now > time {
            frame.title(overlay.title, detail: "as of \(TraceEntry.format(time)) (now \(TraceEntry.format(now))) · PgUp/PgDn scroll · Enter closes",
                        in: rect, detailStyle: .warn)
        } else {
            frame.title(overlay.title, detail: "PgUp/PgDn scroll · Enter closes", in: rect)
        }
        let space = rect.height - 1
        guard space > 0 else { return }
        let lines = wrapped(overlay, width: rect.width - 2)
        let top = min(max(overlay.scroll, 0), max(lines.count - space, 0))
        let more = lines.count - top - space
        let shown = more > 0 ? space - 1 : space
        for (offset, line) in lines.dropFirst(top).prefix(shown).enumerated() {
            frame.write(line, in: rect, row: 1 + offset, column: 1)
        }
        if more > 0 {
            frame.write("↓ \(more + 1) more lines: PgDn", in: rect, row: space, column: 1, style: .muted)
        }
    }

    /// The overlay's lines wrapped to `width`. A row of a table (`help`'s list, `versions`)
    /// continues under its last column, where that leaves room enough; other lines continue
    /// indented by four.
    static func wrapped(_ overlay: ScreenModel.Overlay, width: Int) -> [String] {
        overlay.lines.flatMap { line in
            TextWidth.wrap(line, width, indent: String(repeating: " ", count: lastColumn(of: line, width: width) ?? 4))
        }
    }

    /// Where the last column of a table row (an indented line) starts, after a gap of two
    /// spaces or more within the first `width` columns, if a third of the width at least is
    /// left from there. A line that is not indented, such as a legend, is prose.
    private static func lastColumn(of line: String, width: Int) -> Int? {
        guard line.first == " " else { return nil }
        var column = 0, spaces = 0, start: Int?
        for character in line {
            if column >= width { break }
            if character == " " {
                spaces += 1
            } else {
                if spaces >= 2, column > spaces { start = column }
                spaces = 0
            }
            column += TextWidth.columns(of: character)
        }
        return start.flatMap { width - $0 >= max(width / 3, 12) ? $0 : nil }
    }

    /// How far the overlay can scroll in a body of `rows` rows.
    static func maximumScroll(_ overlay: ScreenModel.Overlay, rect: Rect) -> Int {
        let lines = wrapped(overlay, width: rect.width - 2)
        return max(lines.count - (rect.height - 1), 0)
    }
}
