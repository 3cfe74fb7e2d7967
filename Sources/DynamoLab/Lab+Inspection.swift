import DynamoCore
import DynamoSim

/// `ring`, `nodes`, `keys`, `hints`, `versions`, `trace`: looking at state without changing it.
/// Everything here reads a `Snapshot`.
extension Lab {
    func ringReport() -> CommandResult {
        let snapshot = cluster.snapshot(traceLimit: 0)
        let ring = snapshot.ring
        let tokenRows = ring.tokens.map { [$0.position.shortHex, $0.node.name] }
        let shares = ring.shares(n: snapshot.settings.n)
        var text = "ring: \(ring.tokens.count) tokens in ring order (position's top 32 bits, owner)\n"
        text += Display.table(tokenRows) + "\n"
        text += "share of the key space (as first owner; as one of N=\(snapshot.settings.n) replicas):\n"
        text += Display.table(shares.map { [$0.node.name, Display.percent($0.primary), Display.percent($0.replica)] })
        return CommandResult(command: "ring", text: text, fields: [
            ("tokens", .array(ring.tokens.map { .object([("position", .string(Display.hex($0.position))), ("node", .string($0.node.name))]) })),
            ("shares", .array(shares.map { .object([("node", .string($0.node.name)), ("primary", .number($0.primary)), ("replica", .number($0.replica))]) })),
        ])
    }

    /// One glyph per peer status in the view matrix.
    static func glyph(_ status: PeerStatus) -> String {
        switch status {
        case .up: "✓"
        case .suspected: "?"
        case .down: "✗"
        case .left: "◌"
        }
    }

    func nodesReport() -> CommandResult {
        let snapshot = cluster.snapshot(traceLimit: 0)
        let sides = snapshot.sides
        let partitioned = !sides.isEmpty
        let ids = snapshot.nodes.map(\.id)
        let matrix = ids.count <= Self.viewMatrixLimit
        // Every column of the view matrix is as wide as the longest node number.
        let width = String(ids.last?.index ?? 1).count
        func cell(_ text: String) -> String { String(repeating: " ", count: max(width - text.count, 0)) + text }
        let viewHeader = matrix ? "view " + ids.map { cell(String($0.index)) }.joined(separator: " ") : "view: peers not believed up"
        var rows = [["node", "status", "side", "primary", "keys", "hints", viewHeader]]
        var json: [JSON] = []
        for node in snapshot.nodes {
            // A live node on no side reaches every side; one that is down, none.
            let side = partitioned ? sides.firstIndex { $0.contains(node.id) }.map(Display.letter) ?? (node.alive ? "any" : "-") : nil
            let primary = node.store.keys.filter { snapshot.ring.walk(from: .of(key: $0), limit: 1).first == node.id }.count
            let status = Display.status(node)
            // Worked out once per node: a snapshot computes a node's view each time it is read.
            let peers = node.view
            let belief = Dictionary(peers.map { ($0.node, $0.status) }, uniquingKeysWith: { first, _ in first })
            let view: String
            if !node.alive {
                view = matrix ? "     (down)" : "(down)"
            } else if matrix {
                view = "     " + ids.map { peer in cell(peer == node.id ? "·" : belief[peer].map(Self.glyph) ?? "∅") }.joined(separator: " ")
            } else {
                view = Self.doubted(ids.filter { $0 != node.id }, belief: belief)
            }
            rows.append([node.id.name, status, side ?? "-", String(primary), String(node.store.count), String(node.hints.count), view])
            json.append(.object([
                ("node", .string(node.id.name)), ("status", .string(status)), ("side", side.map(JSON.string) ?? .null),
                ("primary", .int(primary)), ("keys", .int(node.store.count)), ("hints", .int(node.hints.count)),
                // As `nodes NODE` gives it: a node that is down has no view until it restarts.
                ("view", .array(node.alive ? peers.map(Self.peerJSON) : [])),
            ]))
        }
        var text = Display.table(rows, indent: "")
        text += matrix
            ? "\nview: ✓ up  ? suspected  ✗ down  ◌ left  ∅ not heard of yet (each live node's own belief about every node; nodes NODE: how long since news)"
            : "\nview: ? suspected  ✗ down  ◌ left  ∅ not heard of yet, after each peer a live node does not believe up (nodes NODE: all it sees)"
        let disputed = snapshot.disputedNodes
        if !disputed.isEmpty { text += "\nviews disagree about " + Display.nodes(disputed) }
        if partitioned {
            text += "\nsides: " + Display.sides(sides, live: ids.filter(cluster.isAlive), in: cluster.network)
        }
        return CommandResult(command: "nodes", text: text, fields: [("nodes", .array(json)), ("disagree", .strings(disputed.map(\.name)))])
    }

    /// Above this many nodes, `nodes` lists for each node only the peers it does not believe up,
    /// rather than a column for every node: a row of a thousand marks is not read.
    static let viewMatrixLimit = 16

    /// `node3? node7✗ +12 more`, or `all up`: the peers among `peers` a node believes other
    /// than up, by its `belief` (absent: not heard of yet), the first eight named.
    private static func doubted(_ peers: [NodeID], belief: [NodeID: PeerStatus]) -> String {
        let doubted = peers.compactMap { peer -> String? in
            guard let status = belief[peer] else { return peer.name + "∅" }
            return status == .up ? nil : peer.name + glyph(status)
        }
        guard !doubted.isEmpty else { return "all up" }
        return (doubted.prefix(8) + (doubted.count > 8 ? ["+\(doubted.count - 8) more"] : [])).joined(separator: " ")
    }

    /// `nodes NODE`: one node's view of every other node, with how long since it last had news
    /// of each (the failure detector's input, section 4.8.3).
    func nodeView(_ id: NodeID) throws(LabError) -> CommandResult {
        try checkKnown(id)
        let node = cluster.snapshot(traceLimit: 0).node(id)!
        let status = Display.status(node)
        var fields: [(String, JSON)] = [("node", .string(id.name)), ("status", .string(status))]
        guard node.alive else {
            return CommandResult(command: "nodes", text: "\(id) (\(status)): a node that is down has no view until it restarts",
                                 fields: fields + [("view", .array([]))])
        }
        let rows = node.view.map { peer in
            let row = [peer.node.name, peer.status.rawValue]
            return peer.status == .left ? row : row + ["last news \(TraceEntry.format(peer.silence)) ago"]
        }
        fields.append(("view", .array(node.view.map(Self.peerJSON))))
        let text = "\(id) (\(status)) sees, at \(TraceEntry.format(cluster.now)):\n" + Display.table(rows)
        return CommandResult(command: "nodes", text: text, fields: fields)
    }

    /// One peer of a node's view: its `node`, the `status` believed and `silence_ms` since news.
    private static func peerJSON(_ peer: PeerView) -> JSON {
        .object([("node", .string(peer.node.name)), ("status", .string(peer.status.rawValue)), ("silence_ms", .int(peer.silence))])
    }

    func keysReport(_ only: NodeID?) throws(LabError) -> CommandResult {
        if let only { try checkKnown(only) }
        let snapshot = cluster.snapshot(traceLimit: 0)
        var lines: [String] = []
        var json: [JSON] = []
        for node in snapshot.nodes where only == nil || node.id == only {
            let keys = node.store.keys
            // A key whose versions are all tombstones is held, as deletes are, but reads as not found.
            let deleted = keys.filter { key in node.store.versions(of: key).allSatisfy { $0.value == .tombstone } }
            let deletedKeys = Set(deleted)
            let shown = keys.map { Display.key($0) + (deletedKeys.contains($0) ? " (deleted)" : "") }
            var line = "\(node.id) (\(Display.status(node))): " + (keys.isEmpty ? "no keys" : shown.joined(separator: " "))
            if !node.hints.isEmpty {
                line += "; hints: " + node.hints.map { "\(Display.key($0.key)) for \($0.owner)" }.joined(separator: ", ")
            }
            lines.append(line)
            json.append(.object([("node", .string(node.id.name)), ("keys", .strings(keys)), ("deleted", .strings(deleted)),
                                 ("hinted", .strings(node.hints.map(\.key)))]))
        }
        return CommandResult(command: "keys", text: lines.joined(separator: "\n"), fields: [("nodes", .array(json))])
    }

    func hintsReport(_ only: NodeID?) throws(LabError) -> CommandResult {
        if let only { try checkKnown(only) }
        let nodes = cluster.snapshot(traceLimit: 0).nodes.filter { only == nil || $0.id == only }
        let held = nodes.flatMap { node in node.hints.map { (holder: node.id, hint: $0) } }
        let stranded = Set(nodes.filter(\.leftWhileDown).map(\.id))
        let rows = held.map {
            ["\($0.holder) holds \(Display.key($0.hint.key)) for \($0.hint.owner)", Display.plural($0.hint.versions.count, "version")]
                + (stranded.contains($0.holder) ? ["\($0.holder) left while down: the hint waits for it to run again (restart or join \($0.holder))"] : [])
        }
        let text = held.isEmpty ? "no hints" + (only.map { " held by \($0)" } ?? "") : "\(Display.plural(held.count, "hint")):\n" + Display.table(rows)
        return CommandResult(command: "hints", text: text, fields: [
            ("hints", .array(held.map {
                .object([("holder", .string($0.holder.name)), ("for", .string($0.hint.owner.name)), ("key", .string($0.hint.key)),
                         ("versions", .int($0.hint.versions.count)), ("holder_left_down", .bool(stranded.contains($0.holder)))])
            })),
        ])
    }

    func versionsReport(_ key: String) -> CommandResult {
        let snapshot = cluster.snapshot(traceLimit: 0)
        let n = snapshot.settings.n
        var rows: [[String]] = []
        var json: [JSON] = []
        let walk = snapshot.walkThenDeparted(from: key)
        let marker = VersionMark.Marker(key: key, in: snapshot)
        func mark(_ version: Version, amongOwn own: [Version], inHint: Bool = false) -> String {
            marker.mark(version, amongOwn: own, inHint: inHint)?.rawValue ?? ""
        }
        // Value, clock, dot, what it saw (if shown), then its mark, each in a column of its own.
        func row(_ version: Version, amongOwn own: [Version], inHint: Bool = false) -> [String] {
            let cells = Display.versionRow(version, dots: showsDots)
            return cells + Array(repeating: "", count: 4 - cells.count) + [mark(version, amongOwn: own, inHint: inHint)]
        }
        for (rank, id) in walk.enumerated() {
            guard let node = snapshot.node(id) else { continue }
            let status = Display.status(node)
            let own = node.store.versions(of: key)
            let role = rank < n ? "replica \(rank + 1)" : own.isEmpty ? "fallback" : "to hand over"
            let hinted = node.hints.filter { $0.key == key }
            if own.isEmpty && hinted.isEmpty {
                if rank < n { rows.append([id.name, role, status, "(nothing)"]) }
            }
            for version in own { rows.append([id.name, role, status] + row(version, amongOwn: own)) }
            for hint in hinted {
                for version in hint.versions {
                    rows.append([id.name, "hint for \(hint.owner)", status] + row(version, amongOwn: hint.versions, inHint: true))
                }
            }
            if !own.isEmpty || !hinted.isEmpty || rank < n {
                json.append(.object([
                    ("node", .string(id.name)), ("role", .string(role)), ("status", .string(status)),
                    ("values", Display.valuesJSON(own)), ("clocks", .strings(own.map(\.clock.description))),
                    ("marks", .strings(own.map { mark($0, amongOwn: own) })), ("versions", .array(own.map(Display.versionJSON))),
                    ("hinted", .array(hinted.map { hint in
                        .object([("for", .string(hint.owner.name)), ("values", Display.valuesJSON(hint.versions)),
                                 ("clocks", .strings(hint.versions.map(\.clock.description))),
                                 ("marks", .strings(hint.versions.map { mark($0, amongOwn: hint.versions, inHint: true) })),
                                 ("versions", .array(hint.versions.map(Display.versionJSON)))])
                    })),
                ]))
            }
        }
        let preference = Array(walk.prefix(n))
        let header = "\(Display.key(key)) at \(RingPosition.of(key: key).shortHex): preference list \(Display.nodes(preference))"
        return CommandResult(command: "versions", text: header + "\n" + Display.table(rows),
                             fields: [("key", .string(key)), ("preference", .strings(preference.map(\.name))), ("replicas", .array(json))])
    }

    func traceReport(_ count: Int, all: Bool) -> CommandResult {
        let entries = cluster.recentTrace(count, routine: all)
        let lines = entries.map { $0.text(showingKeys: Display.key) }
        let text = entries.isEmpty ? "trace is empty" : lines.joined(separator: "\n")
        return CommandResult(command: "trace", text: text, fields: [("events", .strings(lines))])
    }
}
