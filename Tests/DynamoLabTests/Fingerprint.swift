import DynamoCore
import DynamoSim
@testable import DynamoLab

/// Everything observable about a lab, as text, so tests can say "nothing changed".
func fingerprint(_ lab: Lab) -> String {
    let snapshot = lab.cluster.snapshot(traceLimit: 1_000)
    var lines = ["time \(snapshot.time)", "settings \(snapshot.settings)", "client \(lab.currentClient)",
                 "cut \(snapshot.network.cut.sorted())", "trace \(snapshot.trace.count)"]
    for node in snapshot.nodes {
        lines.append("\(node.id) alive=\(node.alive) suspects=\(node.suspects)")
        for key in node.store.keys { lines.append("  \(key) \(node.store.versions(of: key))") }
        for hint in node.hints { lines.append("  hint \(hint.owner) \(hint.key) \(hint.versions)") }
    }
    return lines.joined(separator: "\n")
}

/// Runs each line, failing loudly on rejected input; returns the last result.
@discardableResult
func run(_ lab: Lab, _ lines: String...) -> CommandResult? {
    var last: CommandResult?
    for line in lines {
        last = lab.execute(line)
    }
    return last
}
