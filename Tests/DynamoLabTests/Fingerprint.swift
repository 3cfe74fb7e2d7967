import DynamoCore
@testable import DynamoSim
import Testing
@testable import DynamoLab

/// Everything observable about a lab, as text, so tests can say "nothing changed": the
/// session (clients and their contexts, the reads `expect` checks, the focused key, the live
/// clock, the history `save` writes, the settings and seed it rebuilds from), the cluster's
/// time, settings, ring, network faults, messages on the wire and pending events, its client
/// history and trace, and each node's store, hints, membership view, clock actor and
/// anti-entropy counters.
///
/// One thing is left out on purpose: whether the last command succeeded, which a refused line
/// sets to false by design (`expect ok` after it must fail).
func fingerprint(_ lab: Lab) -> String {
    let cluster = lab.cluster
    let snapshot = cluster.snapshot(traceLimit: 1_000)
    var lines = [
        "time \(snapshot.time) next-event \(cluster.nextEventTime.map(String.init) ?? "none")",
        "settings \(snapshot.settings)",
        "baseline \(lab.baseline)",
        "ring \(RingText.ring(cluster.ring))",
        "client \(lab.currentClient)",
        "focus \(lab.focus ?? "none")",
        "live \(lab.live)",
        "live-request \(lab.liveRequest.map { "\($0)" } ?? "none") queued \(lab.queuedLines) gaps \(lab.liveState.gaps)",
        "history \(lab.history)",
    ]
    // The network, field by field, dictionaries sorted so equal values print alike.
    let network = cluster.network
    lines.append("latency \(network.latency) loss \(network.loss)")
    lines.append("link-loss \(network.linkLoss.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
    lines.append("skew \(network.skew.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" })")
    lines.append("cut \(network.cut.sorted())")
    for name in lab.clients.keys.sorted() {
        let session = lab.clients[name]!
        lines.append("client \(name): " + session.keys.map { "\($0)=\(session.context(for: $0))" }.joined(separator: " "))
    }
    for key in lab.lastReads.keys.sorted() {
        lines.append("last-read \(key) \(lab.lastReads[key]!)")
    }
    lines.append("in-flight \(cluster.inFlight.map { "\($0.deliverAt) \($0.from)->\($0.to) \($0.message)" })")
    lines.append("operations \(cluster.history.count) last \(cluster.history.last.map { "\($0)" } ?? "none")")
    lines.append("trace-sequence \(cluster.traceSequence) trace \(snapshot.trace.count)")
    for node in snapshot.nodes {
        let state = cluster.node(node.id)
        lines.append("\(node.id) alive=\(node.alive) member=\(node.member) actor=\(state.actor) settings-match=\(state.settings == snapshot.settings)")
        lines.append("  view \(node.view.map { "\($0.node):\($0.status):\($0.silence)" })")
        lines.append("  records \(state.membership.digest.map { "\($0.node):\($0.status):\($0.heartbeat.incarnation).\($0.heartbeat.beats):\($0.tokens.count)" })")
        lines.append("  node-ring \(RingText.ring(state.ring)) anti-entropy \(node.antiEntropy)")
        for key in node.store.keys { lines.append("  \(key) \(node.store.versions(of: key))") }
        for hint in node.hints { lines.append("  hint \(hint.owner) \(hint.key) \(hint.versions)") }
    }
    return lines.joined(separator: "\n")
}

private enum RingText {
    /// A ring in a line: its size, its members and a hash of every token.
    static func ring(_ ring: Ring) -> String {
        "\(ring.tokens.count) tokens of \(ring.nodes.map(\.name)) #\(ring.tokens.hashValue)"
    }
}

/// Runs each line, recording an issue for any line the lab refuses; returns the last result.
@discardableResult
func run(_ lab: Lab, _ lines: String...) -> CommandResult? {
    var last: CommandResult?
    for line in lines {
        last = lab.execute(line)
        #expect(last?.status != .rejected, "\(line) → \(last?.text ?? "")")
    }
    return last
}
