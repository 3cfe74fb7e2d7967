import DynamoCore

/// `expect`: checks that make a lesson self-checking.
extension Lab {
    func check(_ expectation: Expectation) throws(LabError) -> CommandResult {
        switch expectation {
        case .hints(let node?, _), .keys(let node, _): try checkKnown(node)
        case .view(let node, let peer, _):
            try checkKnown(node)
            try checkKnown(peer)
        default: break
        }
        let (holds, observed, wanted) = evaluate(expectation)
        let text = holds ? "✓ \(observed)" : "✗ expectation failed: \(observed), expected \(wanted)"
        return CommandResult(command: "expect", status: holds ? .ok : .expectationFailed,
                             error: holds ? nil : "\(observed), expected \(wanted)", text: text,
                             fields: [("holds", .bool(holds)), ("observed", .string(observed))])
    }

    private func evaluate(_ expectation: Expectation) -> (holds: Bool, observed: String, wanted: String) {
        switch expectation {
        case .outcome(let ok):
            guard let last = lastOutcome else { return (false, "no command has run", ok ? "success" : "failure") }
            let which = last.command == "?" ? "the last line" : "the last command (\(last.command))"
            return (last.succeeded == ok, "\(which) \(last.succeeded ? "succeeded" : "failed")", ok ? "success" : "failure")
        case .values(let key, let wanted):
            if failedReads.contains(key) { return (false, "the last get of \(Display.key(key)) failed", Self.shown(wanted)) }
            guard let siblings = lastReads[key] else {
                return (false, "\(Display.key(key)) was never read", "a get of it first")
            }
            // A tombstone beside live values is one of them, `<deleted>` as `get` shows it;
            // tombstones alone read as not found, which no values or those tombstones expect.
            let deleted = !siblings.isEmpty && siblings.allSatisfy(\.isTombstone)
            let seen = deleted ? [] : siblings.map(\.value)
            // Compared as multisets: a tombstone, then each value's text, apart.
            func sorted(_ values: [Value]) -> [String] { values.map { $0.string.map { "=" + $0 } ?? "-" }.sorted() }
            let held = sorted(seen) == sorted(wanted) || deleted && sorted(siblings.map(\.value)) == sorted(wanted)
            let read = deleted ? "deleted: no values, \(Display.plural(siblings.count, "tombstone"))" : Self.shown(seen)
            return (held, "\(Display.key(key)) read as \(read)", Self.shown(wanted))
        case .siblings(let key, let count):
            if failedReads.contains(key) {
                return (false, "the last get of \(Display.key(key)) failed", Display.plural(count, "version"))
            }
            guard let siblings = lastReads[key] else {
                return (false, "\(Display.key(key)) was never read", "a get of it first")
            }
            return (siblings.count == count, "\(Display.key(key)) read with \(Display.plural(siblings.count, "version"))",
                    Display.plural(count, "version"))
        case .hints(let node, let count):
            let nodes = cluster.snapshot(traceLimit: 0).nodes.filter { node == nil || $0.id == node }
            let held = nodes.reduce(0) { $0 + $1.hints.count }
            let holder = node.map { "\($0) holds" } ?? "the cluster holds"
            return (held == count, "\(holder) \(Display.plural(held, "hint"))", "\(count)")
        case .keys(let node, let count):
            let held = cluster.snapshot(traceLimit: 0).node(node)?.store.count ?? 0
            return (held == count, "\(node) holds \(Display.plural(held, "key"))", "\(count)")
        case .view(let node, let peer, let status):
            let state = cluster.snapshot(traceLimit: 0).node(node)
            if state?.alive == false { return (false, "\(node) is down, with no view until it restarts", status.rawValue) }
            let seen = peer == node ? state.map { $0.member ? PeerStatus.up : .left } : state?.view.first { $0.node == peer }?.status
            guard let seen else { return (false, "\(node) has not heard of \(peer)", status.rawValue) }
            return (seen == status, "\(node) believes \(peer) \(seen.rawValue)", status.rawValue)
        case .lost(let count):
            let lost = cluster.audit().lost.count
            return (lost == count, "\(Display.plural(lost, "acknowledged write")) lost", "\(count)")
        case .divergent(let count):
            let divergent = cluster.audit().divergent.count
            return (divergent == count, "\(Display.plural(divergent, "key")) with diverging replicas", "\(count)")
        case .misplaced(let count):
            let misplaced = cluster.audit().misplaced.count
            return (misplaced == count, "\(Display.plural(misplaced, "key")) held off their preference list", "\(count)")
        case .viewsAgree:
            let disputed = cluster.snapshot(traceLimit: 0).disputedNodes
            if !disputed.isEmpty { return (false, "views disagree about \(Display.nodes(disputed))", "agreement") }
            let stale = cluster.staleRings
            if !stale.isEmpty { return (false, "ring not yet gossiped to \(Display.nodes(stale))", "agreement") }
            return (true, "every live node sees the same", "agreement")
        }
    }

    /// Values as `expect values` names them: quoted as typed, `<deleted>` for a tombstone.
    private static func shown(_ values: [Value]) -> String {
        values.isEmpty ? "no values" : values.map { $0.string.map(Words.quoted) ?? Display.tombstone }.joined(separator: " ")
    }
}
