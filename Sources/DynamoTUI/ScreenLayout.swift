import DynamoLab
import DynamoSim

/// Where every panel goes for a terminal size, and the pure function that draws a whole
/// screen from a `Snapshot` and a `ScreenModel` into a `Frame`, with no terminal involved.
///
/// ```
/// status bar ─────────────────────────────────────────────
/// Ring (left column) │ Nodes
///                    │ Versions of the key in focus
///                    │ Hints
///                    │ Messages in flight and the trace
/// Lesson caption (during a replay) ───────────────────────
/// Output log ─────────────────────────────────────────────
/// dynamo> prompt
/// ```
public enum ScreenLayout {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    /// The rectangles of one screen.
    public struct Regions: Equatable, Sendable {
        public var status: Rect
        /// Everything between the status bar and the caption or output: where an overlay goes.
        public var body: Rect
        public var ring: Rect
        public var nodes: Rect
        public var versions: Rect
        public var hints: Rect
        public var messages: Rect
        public var caption: Rect
        public var output: Rect
        public var prompt: Rect
    }

    /// Rows of the output panel, its title included, for a terminal `height` rows tall: a
    /// quarter of the rows past the minimum, up to 10, or a fifth of a taller screen.
    public static func outputRows(height: Int) -> Int {
        min(max(4 + (height - minimumHeight) / 4, 4), max(10, height / 5))
    }

    /// Columns of the right-hand panels on a terminal `width` columns wide.
    static func rightWidth(width: Int) -> Int {
        width - 1 - min(max(width * 2 / 5, 34), 64)
    }

    /// The regions for a `width`×`height` terminal, given how many rows each right-hand panel
    /// would like (titles included) and how many the caption needs.
    public static func regions(width: Int, height: Int, nodes: Int, versions: Int, hints: Int, caption: Int) -> Regions {
        let output = outputRows(height: height)
        let captionRows = min(caption, 5)
        let outputTop = height - 1 - output
        let bodyTop = 1
        let bodyRows = outputTop - captionRows - bodyTop
        let left = width - 1 - rightWidth(width: width)
        let right = Rect(x: left + 1, y: bodyTop, width: width - left - 1, height: bodyRows)

        // Every panel gets its minimum; then a few rows go to the versions and the hints, then
        // rows to the nodes (up to half the column), more to the versions and the hints, a few
        // to the messages, then all the versions and hints want, and whatever is left to the
        // messages.
        let minimums = [3, 2, 2, 3]
        let rounds = [(1, min(versions, 5)), (2, min(hints, 3)), (0, min(nodes, bodyRows / 2)),
                      (1, min(versions, 9)), (2, min(hints, 6)), (3, 8), (1, versions), (2, hints)]
        var heights = minimums
        var spare = bodyRows - minimums.reduce(0, +)
        for (index, wanted) in rounds where spare > 0 {
            let extra = min(max(wanted - heights[index], 0), spare)
            heights[index] += extra
            spare -= extra
        }
        heights[3] += max(spare, 0)
        var y = bodyTop
        var stacked: [Rect] = []
        for rows in heights {
            stacked.append(Rect(x: right.x, y: y, width: right.width, height: min(rows, bodyTop + bodyRows - y)))
            y += rows
        }
        return Regions(
            status: Rect(x: 0, y: 0, width: width, height: 1),
            body: Rect(x: 0, y: bodyTop, width: width, height: bodyRows),
            ring: Rect(x: 0, y: bodyTop, width: left, height: bodyRows),
            nodes: stacked[0], versions: stacked[1], hints: stacked[2], messages: stacked[3],
            caption: Rect(x: 0, y: outputTop - captionRows, width: width, height: captionRows),
            output: Rect(x: 0, y: outputTop, width: width, height: output),
            prompt: Rect(x: 0, y: height - 1, width: width, height: 1))
    }

    /// The regions `render` uses for this snapshot and model.
    public static func regions(for snapshot: Snapshot, _ model: ScreenModel, width: Int, height: Int) -> Regions {
        regions(width: width, height: height,
                nodes: NodesPanel.wantedRows(snapshot),
                versions: VersionsPanel.wantedRows(snapshot, focus: model.focus, width: rightWidth(width: width)),
                hints: HintsPanel.wantedRows(snapshot),
                caption: CaptionPanel.wantedRows(model, width: width))
    }

    /// The whole screen. Pure: the same snapshot, model and size always give the same frame.
    public static func render(_ snapshot: Snapshot, _ model: ScreenModel, width: Int, height: Int) -> Frame {
        var frame = Frame(width: width, height: height)
        guard width >= minimumWidth, height >= minimumHeight else {
            drawTooSmall(model, on: &frame)
            return frame
        }
        let regions = regions(for: snapshot, model, width: width, height: height)
        StatusBar.draw(snapshot, model, in: regions.status, on: &frame)
        if let overlay = model.overlay {
            OverlayPanel.draw(overlay, now: snapshot.time, in: regions.body, on: &frame)
        } else {
            RingPanel.draw(snapshot, focus: model.focus, in: regions.ring, on: &frame)
            let titles = Set([regions.nodes.y, regions.versions.y, regions.hints.y, regions.messages.y])
            for y in regions.body.y..<regions.body.maxY {
                let joint = y == regions.body.y ? "┬" : titles.contains(y) ? "├" : "│"
                frame.write(joint, x: regions.ring.maxX, y: y, style: .muted)
            }
            NodesPanel.draw(snapshot, focus: model.focus, in: regions.nodes, on: &frame)
            VersionsPanel.draw(snapshot, focus: model.focus, in: regions.versions, on: &frame)
            HintsPanel.draw(snapshot, focus: model.focus, in: regions.hints, on: &frame)
            MessagesPanel.draw(snapshot, focus: model.focus, stillness: model.stillness, in: regions.messages, on: &frame)
        }
        CaptionPanel.draw(model, in: regions.caption, on: &frame)
        OutputPanel.draw(model, in: regions.output, on: &frame)
        PromptLine.draw(model, in: regions.prompt, on: &frame)
        return frame
    }

    /// Below the minimum size: a clear request to enlarge the terminal, and the prompt, so
    /// that `quit` still works. The request is wrapped, and loses its later lines when the rows
    /// above the prompt are too few, so that the size needed always shows. A lesson being
    /// replayed waits meanwhile, and says so.
    private static func drawTooSmall(_ model: ScreenModel, on frame: inout Frame) {
        let needed = "Dynamo Lab needs a terminal of at least \(minimumWidth)×\(minimumHeight)."
        let enlarge = "This one is \(frame.width)×\(frame.height): please enlarge it" + (model.lesson == nil ? "." : "; the lesson waits.")
        let leaving = model.leaveAsked ? "^C again leaves; save FILE first keeps this session" : "(quit, ^D or ^C twice leaves)"
        // Asked whether to leave, the screen says so before all else.
        let wordings = model.leaveAsked
            ? [[needed, enlarge, leaving], [needed, leaving], [leaving], ["^C again leaves."]]
            : [[needed, enlarge, leaving], [needed, enlarge], [needed], ["Needs \(minimumWidth)×\(minimumHeight)."]]
        guard frame.height > 0, frame.width > 0 else { return }
        let rows = frame.height - 1
        let wrapped = wordings.map { $0.map { TextWidth.wrap($0, frame.width) } }
        let chosen = wrapped.first { $0.joined().count <= rows } ?? [Array((wrapped.last?.first ?? []).prefix(rows))]
        var y = max((rows - chosen.joined().count) / 2, 0)
        for (index, lines) in chosen.enumerated() {
            for line in lines {
                let x = max((frame.width - TextWidth.columns(of: line)) / 2, 0)
                frame.write(line, x: x, y: y, style: index == 0 ? .accent : .plain)
                y += 1
            }
        }
        PromptLine.draw(model, in: Rect(x: 0, y: frame.height - 1, width: frame.width, height: 1), on: &frame)
    }
}
