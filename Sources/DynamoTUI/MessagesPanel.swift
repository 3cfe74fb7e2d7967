import DynamoCore
import DynamoLab
import DynamoSim

/// Messages on the wire, each on a little track that fills as its delivery nears, above the
/// most recent trace: deliveries, drops, quorums, hints and repairs, newest at the bottom,
/// a run of identical lines folded into its latest with a count (`×12`). Routine gossip and
/// agreeing Merkle roots are left out; `trace all` shows them.
enum MessagesPanel {
    /// Cells of the track a message travels along.
    static let trackLength = 6

    /// `stillness` says why messages in flight stand still, when they do (`clock paused`), so
    /// that none seems stuck.
    static func draw(_ snapshot: Snapshot, focus: String?, stillness: String? = nil, in rect: Rect, on frame: inout Frame) {
        let flying = snapshot.inFlight.filter { !$0.message.kind.isRoutine }
        let trace = folded(snapshot.trace)
        let detail = flying.isEmpty ? "none in flight" : "\(flying.count) in flight" + (stillness.map { " · " + $0 } ?? "")
        frame.title("Messages", detail: detail, in: rect, detailStyle: flying.isEmpty ? .muted : .accent)
        let space = rect.height - 1
        guard space > 0 else { return }
        if flying.isEmpty && trace.isEmpty {
            frame.write("quiet: no requests, faults or repairs yet", in: rect, row: 1, column: 1, style: .muted)
            return
        }
        // In-flight messages take at most two thirds of the rows, so the trace stays visible.
        // When they do not all fit, the last of their rows counts the rest; a single row shows
        // a message, the title counting them all.
        let flyingRows = flying.isEmpty ? 0 : min(flying.count, max(1, space * 2 / 3))
        let flyingShown = flying.count > flyingRows && flyingRows > 1 ? flyingRows - 1 : flyingRows
        var row = 1
        let nameWidth = snapshot.nodes.map { $0.id.name.count }.max() ?? 5
        let slowest = max(snapshot.network.latency.upperBound, 1)
        for message in flying.prefix(flyingShown) {
            let remaining = max(message.deliverAt - snapshot.time, 0)
            drawFlight(message, remaining: remaining, slowest: slowest, nameWidth: nameWidth, focus: focus,
                       in: rect, row: row, on: &frame)
            row += 1
        }
        if flyingShown < flyingRows {
            frame.write("  … \(flying.count - flyingShown) more in flight", in: rect, row: row, column: 1, style: .muted)
            row += 1
        }
        // The newest lines, each on as many rows as it wraps to (up to `rowsPerLine`); the
        // oldest shown is cut to the rows left, so that a full panel leaves no row blank.
        var shown: [(entry: TraceEntry, rows: [String], count: String)] = []
        var rowsLeft = space + 1 - row
        for line in trace.reversed() where rowsLeft > 0 {
            let count = line.times > 1 ? " ×\(line.times)" : ""
            let room = rect.width - 2 - TextWidth.columns(of: TraceEntry.format(line.entry.time) + " ") - count.count
            let rows = wrapped(line.entry.body(showingKeys: Display.quoted), room, rows: min(rowsLeft, rowsPerLine))
            shown.append((line.entry, rows, count))
            rowsLeft -= rows.count
        }
        for line in shown.reversed() {
            drawTrace(line.entry, rows: line.rows, count: line.count, in: rect, row: row, on: &frame)
            row += line.rows.count
        }
    }

    /// The most rows one trace line takes: a long one wraps once, then is cut.
    static let rowsPerLine = 2

    /// `text` broken into at most `rows` rows of `width` columns, the last cut with … if the
    /// text goes on.
    static func wrapped(_ text: String, _ width: Int, rows: Int) -> [String] {
        let lines = TextWidth.wrap(text, max(width, 1))
        guard lines.count > rows, rows > 0 else { return lines }
        return lines.prefix(rows - 1) + [TextWidth.fit(lines[(rows - 1)...].joined(separator: " "), width)]
    }

    /// Runs of identical lines folded into the latest of them, with how many there were: only
    /// lines next to each other in the trace and each within `foldWindow` of the one before,
    /// so that separate requests keep their own lines.
    static func folded(_ trace: [TraceEntry]) -> [(entry: TraceEntry, times: Int)] {
        var runs: [(entry: TraceEntry, times: Int)] = []
        for entry in trace {
            if let last = runs.last, entry.time - last.entry.time <= foldWindow, entry.body == last.entry.body {
                runs[runs.count - 1] = (entry, last.times + 1)
            } else {
                runs.append((entry, 1))
            }
        }
        return runs
    }

    /// Virtual milliseconds between two identical lines that still fold: a background round
    /// a second, give or take the network's latency.
    static let foldWindow: Millis = 1_100

    private static func drawFlight(_ message: Snapshot.InFlight, remaining: Millis, slowest: Millis, nameWidth: Int,
                                   focus: String?, in rect: Rect, row: Int, on frame: inout Frame) {
        let progress = 1 - min(Double(remaining) / Double(slowest), 1)
        let at = min(Int(progress * Double(trackLength - 1)), trackLength - 1)
        let track = String(repeating: "─", count: at) + "●" + String(repeating: "─", count: trackLength - 1 - at) + "▶"
        var x = frame.write(TextWidth.pad(message.from.name, nameWidth), in: rect, row: row, column: 1,
                            style: .node(message.from.index)) - rect.x
        x = frame.write(" " + track + " ", in: rect, row: row, column: x, style: .accent) - rect.x
        x = frame.write(TextWidth.pad(message.to.name, nameWidth), in: rect, row: row, column: x,
                        style: .node(message.to.index)) - rect.x
        let due = "in \(remaining)ms"
        let about = " " + TracedMessage(message.message).text(showingKey: Display.quoted)
        let width = max(4, rect.width - x - 2 - due.count)
        x = frame.write(TextWidth.pad(about, width), in: rect, row: row, column: x,
                        style: message.message.key == focus ? .plain : .muted) - rect.x
        frame.write(" " + due, in: rect, row: row, column: x, style: .muted)
    }

    /// A trace line: its time, then its body's rows one under another, then how many times
    /// it came.
    private static func drawTrace(_ entry: TraceEntry, rows: [String], count: String, in rect: Rect, row: Int, on frame: inout Frame) {
        let column = frame.write(TraceEntry.format(entry.time) + " ", in: rect, row: row, column: 1, style: .muted) - rect.x
        var x = column
        for (offset, text) in rows.enumerated() {
            x = frame.write(text, in: rect, row: row + offset, column: column, style: style(of: entry)) - rect.x
        }
        frame.write(count, in: rect, row: row + max(rows.count - 1, 0), column: x, style: .muted)
    }

    private static func style(of entry: TraceEntry) -> Style {
        switch entry.kind {
        case .delivered: .plain
        case .dropped: .bad
        case .action: .accent
        case .timer: .muted
        case .request: .accent
        case .node(_, let event):
            switch event {
            case .quorum, .handedOff, .handedOver, .believes(_, .up, _, _, _): Style(.good, bold: true)
            case .hintSent, .readStandIn, .suspected, .believes, .leaving: .warn
            case .readRepair, .resent, .forwarded, .synced, .ringChanged: Style(.accent)
            }
        }
    }
}
