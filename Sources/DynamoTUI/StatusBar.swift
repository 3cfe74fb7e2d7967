import Foundation
import DynamoSim

/// The top row: virtual time, whether it runs and how fast, the seed, N/R/W, how many nodes
/// are up, the client and the key in focus. Pieces drop from the right when it is narrow.
enum StatusBar {
    static func draw(_ snapshot: Snapshot, _ model: ScreenModel, in rect: Rect, on frame: inout Frame) {
        let bar = Style(.plain, reverse: true)
        frame.fill(rect, style: bar)
        let settings = snapshot.settings
        let down = snapshot.nodes.filter { !$0.alive }.count
        let sides = snapshot.sides.count
        let state: String
        if let lesson = model.lesson {
            state = "lesson \(lesson)"
        } else if model.clock.running {
            state = "▶ running ×\(speed(model.clock.speed))"
        } else {
            state = "‖ paused ×\(speed(model.clock.speed))"
        }
        var pieces: [(text: String, style: Style)] = [
            ("Dynamo Lab", Style(.plain, bold: true, reverse: true)),
            (TraceEntry.format(snapshot.time), Style(.plain, bold: true, reverse: true)),
            (state, bar),
            ("N=\(settings.n) R=\(settings.r) W=\(settings.w)", bar),
            ("seed \(snapshot.seed)", bar),
            (down == 0 ? "\(snapshot.nodes.count) nodes up" : "\(down) of \(snapshot.nodes.count) nodes down", bar),
        ]
        if sides > 1 { pieces.append(("\(sides) sides", bar)) }
        if let focus = model.focus { pieces.append(("◆ " + TextWidth.fit(focus, 20), bar)) }
        pieces.append((model.client, bar))
        var x = rect.x + 1
        for (index, piece) in pieces.enumerated() {
            let separator = index == 0 ? "" : " │ "
            let needed = TextWidth.columns(of: separator) + TextWidth.columns(of: piece.text)
            if x + needed > rect.maxX - 1 { break }
            x = frame.write(separator, x: x, y: rect.y, style: bar, limit: rect.maxX)
            x = frame.write(piece.text, x: x, y: rect.y, style: piece.style, limit: rect.maxX)
        }
    }

    /// `1`, `0.05`, `2.5`: the speed without trailing zeros.
    static func speed(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
