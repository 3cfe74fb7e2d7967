import DynamoLab

/// A long answer (help, ring, trace...) drawn over the panels, scrollable, until the next
/// command or an empty Enter closes it.
enum OverlayPanel {
    static func draw(_ overlay: ScreenModel.Overlay, in rect: Rect, on frame: inout Frame) {
        frame.fill(rect)
        frame.title(overlay.title, detail: "PgUp/PgDn scroll · Enter closes", in: rect)
        let space = rect.height - 1
        guard space > 0 else { return }
        let lines = overlay.lines.flatMap { TextWidth.wrap($0, rect.width - 2, indent: "    ") }
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

    /// How far the overlay can scroll in a body of `rows` rows.
    static func maximumScroll(_ overlay: ScreenModel.Overlay, rect: Rect) -> Int {
        let lines = overlay.lines.flatMap { TextWidth.wrap($0, rect.width - 2, indent: "    ") }
        return max(lines.count - (rect.height - 1), 0)
    }
}
