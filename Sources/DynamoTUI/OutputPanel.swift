import DynamoLab

/// The session's log: lines typed, their results and notes, wrapped to the width, newest at
/// the bottom; then the request under way and the lines waiting for it.
enum OutputPanel {
    static let keys = "Tab completes · ↑↓ ^R history · PgUp/PgDn scroll · help · quit"

    static func draw(_ model: ScreenModel, in rect: Rect, on frame: inout Frame) {
        frame.title("Output", detail: model.logScroll > 0 ? "scrolled back \(model.logScroll) lines · PgDn returns" : keys,
                    in: rect)
        let space = rect.height - 1
        guard space > 0 else { return }
        // The request under way and the lines waiting for it wrap as the log does, in all rows
        // but one when there are two or more; where they are cut they end in `…`.
        let width = rect.width - 2
        var tail: [(String, Style)] = []
        if let waiting = model.waiting { tail += TextWidth.wrap("… " + waiting, width, indent: "  ").map { ($0, Style(.accent)) } }
        for line in model.queued { tail += TextWidth.wrap("  then: " + line, width, indent: "    ").map { ($0, .muted) } }
        let tailRows = max(space - 1, 1)
        if tail.count > tailRows {
            tail = Array(tail.prefix(tailRows))
            tail[tailRows - 1].0 = TextWidth.fit(tail[tailRows - 1].0 + " …", width)
        }

        // Wrap only as many log lines as can show, from the newest back.
        let logRows = space - tail.count
        var wrapped: [(String, Style)] = []
        for line in model.log.reversed() {
            if wrapped.count >= logRows + model.logScroll { break }
            let pieces = TextWidth.wrap(prefix(line.kind) + line.text, width, indent: "  ")
            wrapped.insert(contentsOf: pieces.map { ($0, style(line.kind)) }, at: 0)
        }
        let end = max(wrapped.count - model.logScroll, 0)
        let visible = wrapped[max(end - logRows, 0)..<end] + tail
        for (offset, (text, style)) in visible.enumerated() {
            frame.write(text, in: rect, row: 1 + offset, column: 1, style: style)
        }
    }

    /// The rows `lines` of an answer take in a panel `width` columns wide, wrapped as the log
    /// wraps them.
    static func rows(_ lines: [String], width: Int) -> Int {
        lines.reduce(0) { $0 + TextWidth.wrap($1, width - 2, indent: "  ").count }
    }

    private static func prefix(_ kind: ScreenModel.LogLine.Kind) -> String {
        kind == .command ? "> " : ""
    }

    private static func style(_ kind: ScreenModel.LogLine.Kind) -> Style {
        switch kind {
        case .command: Style(.plain, bold: true)
        case .result: .plain
        case .failure: .bad
        case .note: .muted
        }
    }
}
