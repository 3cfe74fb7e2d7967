import DynamoCore
import DynamoSim

/// `wipe`, `join`, `leave`, network faults, `merkle` and `sync`: the background mechanisms
/// (the paper, sections 4.7–4.9).
extension Lab {
    func wipe(_ node: NodeID) throws(LabError) -> CommandResult {
        try checkMember(node)
        do { try cluster.wipe(node) } catch { throw .refused(error.description) }
        return CommandResult(command: "wipe", text: "\(node) wiped: down, with empty stores; restart it and anti-entropy refills it",
                             fields: [("node", .string(node.name))])
    }

    /// Adds `node`, or brings it back into the ring; with no node named, the next new one: the
    /// number after every node the lab has had.
    func join(_ named: NodeID?) throws(LabError) -> CommandResult {
        let node = named ?? NodeID(cluster.nodeIDs.count + 1)
        guard node.index <= Lab.maximumNodes else {
            throw .refused("cannot join \(named.map { "\($0)" } ?? "another node"): the lab holds at most \(Lab.maximumNodes) nodes")
        }
        let members = cluster.ring.nodes.count
        let warnedBefore = Self.suspicionNote(cluster.settings, members: members) != nil
        if cluster.contains(node), !cluster.ring.nodes.contains(node) {
            let wasUp = cluster.isAlive(node)
            do { try cluster.rejoin(node) } catch { throw .refused(error.description) }
            let tokens = cluster.ring.tokens.filter { $0.node == node }.count
            return noted(CommandResult(
                command: "join",
                text: "\(node) rejoins the ring with its \(tokens) tokens\(wasUp ? "" : ", restarted"); gossip spreads the news and the nodes that took its ranges hand their keys back",
                fields: [("node", .string(node.name)), ("tokens", .int(tokens)), ("rejoined", .bool(true))]),
                unless: warnedBefore)
        }
        do { try cluster.join(node) } catch { throw .refused(error.description) }
        return noted(CommandResult(
            command: "join",
            text: "\(node) joins with \(cluster.config.vnodes) tokens; gossip spreads the news and old owners hand over its keys",
            fields: [("node", .string(node.name)), ("tokens", .int(cluster.config.vnodes))]),
            unless: warnedBefore)
    }

    /// `result` with the warning `config` gives when a suspicion timeout set by hand is too short
    /// for the ring as it now is, unless it already was before the join grew the ring.
    private func noted(_ result: CommandResult, unless warnedBefore: Bool) -> CommandResult {
        let note = warnedBefore ? nil : Self.suspicionNote(cluster.settings, members: cluster.ring.nodes.count)
        return CommandResult(command: result.command, text: result.text + (note.map { "\nnote: " + $0 } ?? ""),
                             fields: result.fields + [("notes", .strings(note.map { [$0] } ?? []))])
    }

    func leave(_ node: NodeID) throws(LabError) -> CommandResult {
        try checkMember(node)
        let wasUp = cluster.isAlive(node)
        do { try cluster.leave(node) } catch { throw .refused(error.description) }
        // A node that is down hands nothing over: its hints wait on its disk until it runs again.
        let hints = wasUp ? 0 : cluster.snapshot(traceLimit: 0).node(node)?.hints.count ?? 0
        let kept = hints == 0 ? "" : (hints == 1 ? "; its hint waits" : "; its \(hints) hints wait") + " on its disk until it runs again (restart \(node) or join \(node))"
        let text = wasUp ? "\(node) leaves the ring and hands its keys to their new owners"
            : "\(node) is down and leaves the ring: every live node is told, and anti-entropy copies its keys to their new owners" + kept
        return CommandResult(command: "leave", text: text, fields: [("node", .string(node.name)), ("was_up", .bool(wasUp))])
    }

    func cut(from: NodeID, to: NodeID) throws(LabError) -> CommandResult {
        let already = cluster.network.isCut(from: from, to: to)
        do { try cluster.cut(Network.Link(from: from, to: to)) } catch { throw .refused(error.description) }
        let back = cluster.network.isCut(from: to, to: from) ? "the other way is cut too" : "the other way still works"
        let text = already ? "\(from) -> \(to) was already cut; \(back)" : "cut \(from) -> \(to): messages that way are lost (\(back))"
        return CommandResult(command: "cut", text: text,
                             fields: [("from", .string(from.name)), ("to", .string(to.name)), ("already_cut", .bool(already))])
    }

    func loss(_ rate: Double, from: NodeID?, to: NodeID?) throws(LabError) -> CommandResult {
        let link = from.flatMap { from in to.map { Network.Link(from: from, to: $0) } }
        // A rate for every link replaces the rates set for single links.
        let replaced = link == nil ? cluster.network.linkLoss.filter { $0.value != rate }.sorted { $0.key < $1.key } : []
        do { try cluster.setLoss(rate, on: link) } catch { throw .refused(error.description) }
        let place = link.map { "on \($0)" } ?? "on every link"
        let replacing = replaced.isEmpty ? ""
            : ", replacing " + replaced.map { "\(Network.percent($0.value)) on \($0.key)" }.joined(separator: ", ")
        return CommandResult(command: "loss", text: "loss \(Network.percent(rate)) \(place)" + replacing,
                             fields: [("rate", .number(rate)), ("from", link.map { .string($0.from.name) } ?? .null),
                                      ("to", link.map { .string($0.to.name) } ?? .null)])
    }

    func delay(_ latency: ClosedRange<Millis>) -> CommandResult {
        cluster.setLatency(latency)
        return CommandResult(command: "delay", text: "messages now take \(latency.lowerBound)ms..\(latency.upperBound)ms",
                             fields: [("min_ms", .int(latency.lowerBound)), ("max_ms", .int(latency.upperBound))])
    }

    func skew(_ node: NodeID, by offset: Millis) throws(LabError) -> CommandResult {
        do { try cluster.setSkew(node, by: offset) } catch { throw .refused(error.description) }
        let text = offset == 0 ? "\(node)'s clock is true again"
            : "\(node)'s clock runs \(DurationText.of(abs(offset))) \(offset > 0 ? "ahead" : "behind")"
        return CommandResult(command: "skew", text: text, fields: [("node", .string(node.name)), ("offset_ms", .int(offset))])
    }

    func faultsReport() -> CommandResult {
        let faults = cluster.network.faults
        guard !faults.isEmpty else {
            return CommandResult(command: "faults", text: "no faults: every link works", fields: [("faults", .strings([])), ("sides", .array([]))])
        }
        // Cut links, which a partition makes by the dozen, read more easily as the sides they leave.
        let nodes = cluster.nodeIDs
        let sides = cluster.network.sides(of: nodes)
        let summary = sides.count < 2 ? [] : ["sides: " + Display.sides(sides, live: nodes.filter(cluster.isAlive), in: cluster.network)]
        return CommandResult(command: "faults", text: (summary + faults).joined(separator: "\n"),
                             fields: [("faults", .strings(faults)), ("sides", .array(sides.map { .strings($0.map(\.name)) }))])
    }

    /// Compares two nodes' trees range by range, as an exchange would, without sending anything.
    func merkleReport(_ a: NodeID, _ b: NodeID) throws(LabError) -> CommandResult {
        try checkKnown(a)
        try checkKnown(b)
        let snapshot = cluster.snapshot(traceLimit: 0)
        guard let left = snapshot.node(a), let right = snapshot.node(b) else { throw .refused("unknown node") }
        let shared = snapshot.ring.keyRanges(n: snapshot.settings.n).filter { $0.replicas.contains(a) && $0.replicas.contains(b) }
        var hashes = 0, keys = 0
        var rows: [[String]] = []
        var json: [JSON] = []
        for (range, _) in shared {
            let mine = MerkleTree(range: range, depth: snapshot.settings.merkleDepth, store: left.store)
            let theirs = MerkleTree(range: range, depth: snapshot.settings.merkleDepth, store: right.store)
            let difference = mine.difference(from: theirs)
            hashes += difference.hashesCompared
            keys += max(mine.keyCount, theirs.keyCount)
            guard !difference.leaves.isEmpty else { continue }
            let differing = Set(mine.leafKeys(in: difference.leaves) + theirs.leafKeys(in: difference.leaves)).sorted().filter {
                left.store.versions(of: $0) != right.store.versions(of: $0)
            }
            rows.append([range.description, "leaves " + difference.leaves.map(String.init).joined(separator: ","),
                         differing.map(Display.key).joined(separator: " ")])
            json.append(.object([("range", .string(range.description)), ("leaves", .array(difference.leaves.map { .int($0) })),
                                 ("keys", .strings(differing))]))
        }
        var text = "merkle \(a) \(b): \(Display.plural(shared.count, "shared range")), \(rows.count) differ"
        if !rows.isEmpty { text += "\n" + Display.table(rows) }
        text += "\n\(Display.plural(hashes, "hash", "hashes")) compared; " + Self.plainComparison(keys: keys, treesCost: hashes)
        return CommandResult(command: "merkle", text: text, fields: [
            ("shared_ranges", .int(shared.count)), ("differing", .array(json)),
            ("hashes_compared", .int(hashes)), ("keys_in_ranges", .int(keys)),
        ])
    }

    /// `comparing every key would look at 84 keys`; and when the trees compared more hashes than
    /// that, as with a few keys spread over many ranges, that they pay off only with many keys.
    private static func plainComparison(keys: Int, treesCost: Int) -> String {
        "comparing every key would look at \(Display.plural(keys, "key"))"
            + (treesCost > keys ? ", fewer than the trees cost here: they pay off when ranges hold many keys" : "")
    }

    /// One anti-entropy round on every live node, run to completion: the cluster runs long
    /// enough for a message each way per tree level and for the keys at the slowest latency,
    /// and at least a second. The figures are this round's own; what scheduled rounds did
    /// meanwhile, which may have repaired what this round then found alike, is told apart.
    func sync() -> CommandResult {
        let (before, allBefore) = (cluster.antiEntropyByHand, cluster.antiEntropyTotals)
        let unreachedBefore = cluster.syncOpeningsUnreached
        let slowest = Millis(cluster.settings.merkleDepth + 3) * 2 * cluster.network.latency.upperBound
        let duration = max(1_000, (slowest + 999) / 1_000 * 1_000)
        cluster.syncNow(for: duration)
        let round = cluster.antiEntropyByHand - before
        let scheduled = cluster.antiEntropyTotals - allBefore - round
        let unreached = cluster.syncOpeningsUnreached.sorted { $0.key < $1.key }.compactMap { node, causes -> (NodeID, [(DropCause, Int)])? in
            let counts = DropCause.allCases.map { ($0, causes[$0, default: 0] - (unreachedBefore[node]?[$0] ?? 0)) }.filter { $0.1 > 0 }
            return counts.isEmpty ? nil : (node, counts)
        }
        let meanwhile = scheduled.hashesCompared == 0 && scheduled.keysSent == 0 ? ""
            : "\n  meanwhile scheduled rounds compared \(Display.plural(scheduled.hashesCompared, "hash", "hashes")) and sent "
                + Display.plural(scheduled.keysSent, "key")
        let text = "anti-entropy: \(Display.plural(round.exchanges, "range exchange")), \(Display.plural(round.hashesCompared, "hash", "hashes")) compared, "
            + "\(Display.plural(round.keysSent, "key")) sent; "
            + Self.plainComparison(keys: round.keysInComparedRanges, treesCost: round.hashesCompared)
            + unreachedText(unreached)
            + "\n  the round ran for \(DurationText.of(duration)) of virtual time; time is \(DurationText.clock(cluster.now))" + meanwhile
        return CommandResult(command: "sync", text: text, fields: [
            ("exchanges", .int(round.exchanges)), ("hashes_compared", .int(round.hashesCompared)),
            ("keys_sent", .int(round.keysSent)), ("keys_in_ranges", .int(round.keysInComparedRanges)),
            ("scheduled_hashes_compared", .int(scheduled.hashesCompared)), ("scheduled_keys_sent", .int(scheduled.keysSent)),
            ("unreached", .object(unreached.map { node, counts in (node.name, .object(counts.map { ($0.0.rawValue, .int($0.1)) })) })),
        ])
    }

    /// The exchanges of a `sync` that never reached their peer, by peer and why: the nodes
    /// opening them believed it up, as a failure is known only once gossip tells of it
    /// (section 4.8.3).
    private func unreachedText(_ unreached: [(NodeID, [(DropCause, Int)])]) -> String {
        guard !unreached.isEmpty else { return "" }
        let peers = unreached.map { node, counts in
            counts.count == 1 ? "\(node) (\(counts[0].1), \(counts[0].0.rawValue))"
                : "\(node) (" + counts.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ") + ")"
        }
        let total = unreached.reduce(0) { $0 + $1.1.reduce(0) { $0 + $1.1 } }
        return "\n  \(total) of the exchanges never reached their peer, which the nodes opening them believed up: "
            + peers.joined(separator: ", ")
    }
}
