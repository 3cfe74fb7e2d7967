import DynamoCore
import DynamoLab
import DynamoSim

/// Hints held (hinted handoff, the paper, section 4.6): holder → intended owner, the key, and
/// how long ago the holder took the hint; or, for a holder that left while down and so hands
/// nothing over until it runs again, that it left.
enum HintsPanel {
    static func wantedRows(_ snapshot: Snapshot) -> Int { 1 + max(1, snapshot.nodes.reduce(0) { $0 + $1.hints.count }) }

    static func draw(_ snapshot: Snapshot, focus: String?, in rect: Rect, on frame: inout Frame) {
        let held = snapshot.nodes.flatMap { node in node.hints.map { (holder: node.id, hint: $0, stranded: node.leftWhileDown) } }
        let space = rect.height - 1
        // At least one hint is listed; the line saying how many more needs a row of its own.
        let shown = held.count <= space ? held.count : max(space - 1, 1)
        let unlisted = held.count - shown
        var detail = held.isEmpty ? "none held" : "\(held.count) held"
        if unlisted > 0, shown == space { detail += ", \(shown) shown: type hints" }
        frame.title("Hints", detail: detail, in: rect, detailStyle: held.isEmpty ? .muted : .warn)
        guard space > 0 else { return }
        // Only what the snapshot shows: a hint may have been sent and dropped, or handed off.
        if held.isEmpty {
            frame.write("no node is keeping a write for another", in: rect, row: 1, column: 1, style: .muted)
            return
        }
        let nameWidth = (snapshot.nodes.map { $0.id.name.count }.max() ?? 5)
        for (offset, entry) in held.prefix(shown).enumerated() {
            let row = offset + 1
            var x = frame.write(TextWidth.pad(entry.holder.name, nameWidth), in: rect, row: row, column: 1,
                                style: entry.stranded ? .muted : .node(entry.holder.index)) - rect.x
            x = frame.write(" → ", in: rect, row: row, column: x, style: .muted) - rect.x
            x = frame.write(TextWidth.pad(entry.hint.owner.name, nameWidth), in: rect, row: row, column: x,
                            style: .node(entry.hint.owner.index)) - rect.x
            let age = entry.stranded ? " holder left"
                : " " + TimeText.duration(snapshot.time - stored(entry.hint, by: entry.holder, in: snapshot)) + " old"
            let versions = entry.hint.versions.count == 1 ? "" : " ×\(entry.hint.versions.count)"
            let keyWidth = max(4, rect.width - x - 2 - TextWidth.columns(of: age) - versions.count)
            x = frame.write("  " + TextWidth.fit(Display.quoted(entry.hint.key), keyWidth), in: rect, row: row, column: x,
                            style: entry.hint.key == focus ? .accent : .plain) - rect.x
            x = frame.write(versions, in: rect, row: row, column: x, style: .warn) - rect.x
            frame.write(age, in: rect, row: row, column: x, style: .muted)
        }
        if unlisted > 0, shown < space {
            frame.write("… \(unlisted) more: type hints", in: rect, row: shown + 1, column: 1, style: .muted)
        }
    }

    /// When `holder` last took this hint: the latest trace line of a hinted store delivered
    /// to it (or of a coordinator keeping the hint itself), else, when the trace no longer
    /// reaches back that far, when its newest version was written.
    static func stored(_ hint: HintStore.Hint, by holder: NodeID, in snapshot: Snapshot) -> Millis {
        let taken = snapshot.trace.last { entry in
            switch entry.kind {
            case .delivered(_, holder, let message):
                message.kind == .store && message.key == hint.key && message.hintFor == hint.owner
            case .node(holder, .hintSent(hint.key, holder, hint.owner)):
                true
            default:
                false
            }
        }
        return taken?.time ?? hint.versions.map(\.timestamp).max() ?? snapshot.time
    }
}
