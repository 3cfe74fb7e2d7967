import DynamoLab
import DynamoSim
import Foundation

/// The top row: virtual time, whether it runs and how fast (and how fast it really runs when
/// the cluster cannot keep up), N/R/W, the seed, how many nodes are down, the partition's
/// sides, the key in focus and the client. When it is narrow the least telling pieces drop
/// first: the title, the clock spelled out in hours and minutes, the seed, the client, N/R/W;
/// then a lesson's file name, before the key in focus and the partition's sides.
enum StatusBar {
    static func draw(_ snapshot: Snapshot, _ model: ScreenModel, in rect: Rect, on frame: inout Frame) {
        let bar = Style(.plain, reverse: true)
        frame.fill(rect, style: bar)
        let settings = snapshot.settings
        let members = snapshot.nodes.filter(\.member)
        let down = members.filter { !$0.alive }.count
        let sides = snapshot.sides.count
        // Each piece with its rank: when the bar is too narrow, the highest ranks go first. A
        // piece that continues the one before it (the clock spelled out, past ten minutes)
        // follows it with no separator.
        let strong = Style(.plain, bold: true, reverse: true)
        // A piece with a shorter form takes it before any piece ranked 4 or lower goes.
        var pieces: [(text: String, shorter: String?, style: Style, rank: Int, continues: Bool)] = [
            ("Dynamo Lab", nil, strong, 9, false),
            (TraceEntry.format(snapshot.time), nil, strong, 0, false),
        ]
        if snapshot.time >= DurationText.spelledFrom { pieces.append((" (\(DurationText.spelled(snapshot.time)))", nil, strong, 8, true)) }
        let named = Self.state(model), unnamed = Self.state(model, named: false)
        pieces += [
            (named, unnamed == named ? nil : unnamed, bar, 1, false),
            ("N=\(settings.n) R=\(settings.r) W=\(settings.w)", nil, bar, 5, false),
            ("seed \(snapshot.seed)", nil, bar, 7, false),
            (down == 0 ? "\(members.count) nodes up" : "\(down) of \(members.count) down", nil, bar, 2, false),
        ]
        if sides > 1 { pieces.append(("\(sides) sides", nil, bar, 3, false)) }
        if let focus = model.focus { pieces.append(("◆ " + TextWidth.fit(Display.quoted(focus), 20), nil, bar, 4, false)) }
        pieces.append((model.client, nil, bar, 6, false))
        let separator = " │ "
        let room = rect.width - 2
        func width() -> Int {
            pieces.map { TextWidth.columns(of: $0.text) + ($0.continues ? 0 : separator.count) }.reduce(0, +) - separator.count
        }
        while pieces.count > 1, width() > room, let last = pieces.indices.max(by: { pieces[$0].rank < pieces[$1].rank }) {
            if pieces[last].rank <= 4, let long = pieces.firstIndex(where: { $0.shorter != nil }) {
                pieces[long].text = pieces[long].shorter!
                pieces[long].shorter = nil
            } else {
                pieces.remove(at: last)
            }
        }
        var x = rect.x + 1
        for (index, piece) in pieces.enumerated() {
            if index > 0, !piece.continues { x = frame.write(separator, x: x, y: rect.y, style: bar, limit: rect.maxX - 1) }
            x = frame.write(piece.text, x: x, y: rect.y, style: piece.style, limit: rect.maxX - 1)
        }
    }

    /// The lesson being replayed (and its clock's speed while it runs), or whether the clock
    /// runs and how fast: the speed asked, and the speed reached when the cluster cannot keep up.
    /// Not `named`, a lesson's place leaves out its file name: `lesson 7/27`.
    static func state(_ model: ScreenModel, named: Bool = true) -> String {
        if var lesson = model.lesson {
            if !named, let name = model.lessonName, lesson.hasPrefix(name + " ") { lesson.removeFirst(name.count + 1) }
            // A lesson's clock is stopped unless the lesson runs it, and then moves only while
            // one of its requests or waits plays: between lines it holds, as `--script` would.
            guard model.clock.running else { return "lesson \(lesson)" }
            return "lesson \(lesson) · \(model.lessonPlaysLive ? "▶" : "‖") ×\(speed(model.clock.speed))"
        }
        guard model.clock.running else { return "‖ paused ×\(speed(model.clock.speed))" }
        let asked = "▶ running ×\(speed(model.clock.speed))"
        return model.reachedSpeed.map { asked + " (actual ×\(measured($0)))" } ?? asked
    }

    /// A measured speed to two significant digits: `0.12`, `3.4`, `45`.
    static func measured(_ value: Double) -> String {
        guard value >= 0.001 else { return value > 0 ? "<0.001" : "0" }
        let scale = pow(10, Double(1 - Int(log10(value).rounded(.down))))
        return speed((value * scale).rounded() / scale)
    }

    /// `1`, `0.05`, `2.5`: the speed without trailing zeros.
    static func speed(_ value: Double) -> String {
        if value == value.rounded() { return String(Int(value)) }
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
