import DynamoLab

/// The last row: readline's prompt and the line being edited, scrolled sideways so that the
/// insertion point always shows. Sets the frame's cursor.
enum PromptLine {
    static func draw(_ model: ScreenModel, in rect: Rect, on frame: inout Frame) {
        let promptWidth = TextWidth.columns(of: model.prompt)
        let x = frame.write(model.prompt, x: rect.x, y: rect.y, style: .accent, limit: rect.maxX)
        let room = rect.maxX - x - 1
        guard room > 0 else { return }
        // Skip whole characters from the left until the cursor fits.
        var skipped = 0
        var text = Substring(model.input)
        while model.cursor - skipped > room, let first = text.first {
            skipped += TextWidth.columns(of: first)
            text = text.dropFirst()
        }
        frame.write(String(text), x: x, y: rect.y, limit: rect.maxX)
        frame.cursor = Point(x: rect.x + promptWidth + model.cursor - skipped, y: rect.y)
    }
}
