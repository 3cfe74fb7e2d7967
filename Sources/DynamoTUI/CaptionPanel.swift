/// A lesson's current `say` caption, large enough to read from the back of a lecture hall.
enum CaptionPanel {
    static func wantedRows(_ model: ScreenModel, width: Int) -> Int {
        guard let caption = model.caption else { return 0 }
        return 1 + min(TextWidth.wrap(caption, width - 4).count, 4)
    }

    static func draw(_ model: ScreenModel, in rect: Rect, on frame: inout Frame) {
        guard let caption = model.caption, rect.height > 0 else { return }
        frame.title("Lesson", detail: model.lesson ?? "", in: rect)
        for (offset, line) in TextWidth.wrap(caption, rect.width - 4).prefix(rect.height - 1).enumerated() {
            frame.write(line, in: rect, row: 1 + offset, column: 2, style: Style(.accent, bold: true))
        }
    }
}
