import DynamoLab

extension Frame {
    /// A panel's first row: `── Title · detail ─────`, the rule filling the rest of the width.
    mutating func title(_ title: String, detail: String = "", in rect: Rect, detailStyle: Style = .muted) {
        guard rect.height > 0 else { return }
        fill(Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), with: "─", style: .muted)
        var x = write("─ ", in: rect, row: 0, style: .muted)
        x = write(title, x: x, y: rect.y, style: .accent, limit: rect.maxX)
        if !detail.isEmpty {
            x = write(" · ", x: x, y: rect.y, style: .muted, limit: rect.maxX)
            x = write(TextWidth.fit(detail, rect.maxX - x - 1), x: x, y: rect.y, style: detailStyle, limit: rect.maxX)
        }
        write(" ", x: x, y: rect.y, style: .muted, limit: rect.maxX)
    }
}
