import DynamoLab

/// A lesson's current `say` caption, large enough to read from the back of a lecture hall.
///
/// Through a lesson it keeps the height its longest caption needs, so that the panels above,
/// the ring among them, stay where they are while the teacher points at them.
enum CaptionPanel {
    static func wantedRows(_ model: ScreenModel, width: Int) -> Int {
        guard let caption = model.caption else { return 0 }
        let lines = ([caption] + model.lessonCaptions).map { TextWidth.wrap($0, width - 4).count }.max() ?? 1
        return 1 + min(lines, 4)
    }

    static func draw(_ model: ScreenModel, in rect: Rect, on frame: inout Frame) {
        guard let caption = model.caption, rect.height > 0 else { return }
        frame.title("Lesson", detail: model.lesson ?? "", in: rect)
        let lines = TextWidth.wrap(caption, rect.width - 4), rows = rect.height - 1
        var shown = Array(lines.prefix(rows))
        // A caption longer than the panel ends in `…`, with the log below holding it whole.
        if lines.count > rows, let last = shown.indices.last {
            shown[last] = TextWidth.fit(shown[last] + " …", rect.width - 4)
        }
        for (offset, line) in shown.enumerated() {
            frame.write(line, in: rect, row: 1 + offset, column: 2, style: Style(.accent, bold: true))
        }
    }
}
