import DynamoCore
import DynamoSim

/// `kill`, `restart`, `partition`, `heal` and `wait`: what an operator does to the cluster.
extension Lab {
    /// A node that has left the ring still runs, and gossips: it can be killed, restarted and
    /// cut off like any other.
    func kill(_ node: NodeID) throws(LabError) -> CommandResult {
        try checkKnown(node)
        do { try cluster.kill(node) } catch { throw .refused(error.description) }
        let state = cluster.snapshot(traceLimit: 0).node(node)!
        return CommandResult(
            command: "kill",
            text: "\(node) killed; its store (\(Display.plural(state.store.count, "key"))) and \(Display.plural(state.hints.count, "hint")) survive",
            fields: [("node", .string(node.name)), ("keys", .int(state.store.count)), ("hints", .int(state.hints.count))])
    }

    func restart(_ node: NodeID) throws(LabError) -> CommandResult {
        try checkKnown(node)
        do { try cluster.restart(node) } catch { throw .refused(error.description) }
        let state = cluster.snapshot(traceLimit: 0).node(node)!
        return CommandResult(
            command: "restart", text: "\(node) restarted with \(Display.plural(state.store.count, "key"))",
            fields: [("node", .string(node.name)), ("keys", .int(state.store.count)), ("hints", .int(state.hints.count))])
    }

    func partition(_ sides: [[NodeID]]) throws(LabError) -> CommandResult {
        for node in sides.joined() { try checkKnown(node) }
        let named = cluster.againstTheRest(sides)
        guard named.allSatisfy({ !$0.isEmpty }) else { throw .usage("a partition needs nodes on both sides") }
        let alreadyCut = !cluster.network.cut.isEmpty
        do { try cluster.partition(named) } catch { throw .refused(error.description) }
        let text = named.map { $0.map(\.name).joined(separator: ",") }.joined(separator: " | ")
        var summary = "partition \(text): \(Display.plural(cluster.network.cut.count, "link")) cut"
        let snapshot = cluster.snapshot(traceLimit: 0)
        if alreadyCut {
            // Partitions add up: say what is cut now, not just what this one named.
            summary += " in all, with the cuts already in force; sides now: " + Display.sides(snapshot.sides, live: snapshot.nodes.filter(\.alive).map(\.id), in: cluster.network)
        } else {
            // Nodes named on no side keep every link: they bridge the sides.
            let onNoSide = cluster.nodeIDs.filter { node in cluster.isAlive(node) && !named.contains { $0.contains(node) } }
            if !onNoSide.isEmpty { summary += "; " + Display.reachingEverySide(onNoSide) }
        }
        // A node that left and is on no side of the cuts in force carries news across them.
        let sides = snapshot.sides
        let departed = snapshot.nodes.filter { node in node.alive && !node.member && !sides.contains { $0.contains(node.id) } }.map(\.id)
        if !departed.isEmpty {
            let one = departed.count == 1
            summary += "; " + Display.nodes(departed) + (one ? " has left the ring but still gossips" : " have left the ring but still gossip")
                + " between the sides: name \(one ? "it" : "them") on a side, or kill \(one ? "it" : "them"), to cut \(one ? "it" : "them") off too"
        }
        return CommandResult(command: "partition", text: summary,
                             fields: [("sides", .array(named.map { .strings($0.map(\.name)) }))])
    }

    func heal(_ sides: [[NodeID]]) throws(LabError) -> CommandResult {
        for node in sides.joined() { try checkKnown(node) }
        let before = cluster.network.cut.count
        do { try cluster.heal(sides) } catch { throw .refused(error.description) }
        let remaining = cluster.network.cut.count
        var text = switch (sides.isEmpty, remaining < before) {
        case (true, true): "healed: every link restored"
        case (true, false): "nothing to heal: no link was cut"
        case (false, true): "healed between the sides named; \(Display.plural(remaining, "link")) still cut"
        case (false, false): "nothing to heal between the sides named; \(Display.plural(remaining, "link")) still cut"
        }
        let others = cluster.network.faultsBesideCuts
        if !others.isEmpty { text += "\n  still in force (heal restores links only): " + others.joined(separator: "; ") }
        return CommandResult(command: "heal", text: text, fields: [("cut", .int(remaining)), ("faults", .strings(others))])
    }

    /// Runs the next `count` events and shows the trace they left.
    func step(_ count: Int) -> CommandResult {
        live.running = false
        let before = cluster.traceSequence
        var ran = 0
        while ran < count, cluster.stepTracingEveryEvent() { ran += 1 }
        return stepResult(ran: ran, traceSince: before)
    }

    /// What `step` shows: how many events ran, and the trace they left since `traceSince`.
    func stepResult(ran: Int, traceSince before: Int) -> CommandResult {
        let entries = cluster.traceEntries(after: before)
        let lines = entries.map { $0.text(showingKeys: Display.key) }
        let header = "ran \(Display.plural(ran, "event")); time is \(DurationText.clock(cluster.now))"
        return CommandResult(command: "step", text: ([header] + lines).joined(separator: "\n"),
                             fields: [("ran", .int(ran)), ("time_ms", .int(cluster.now)), ("events", .strings(lines))])
    }

    /// Lets `duration` pass; the screen's ^C stops a long wait where it is.
    func wait(_ duration: Millis) -> CommandResult {
        if let waited = inSlices(of: duration, { cluster.advance(by: $0) }) {
            stoppedWait = waited
            return stoppedWaitResult(waited: waited, of: duration)
        }
        return waitResult(duration)
    }

    /// `wait` while a request is under way on the screen, through `advanceLive`. The time that
    /// passed is saved as it passed.
    func waitLive(_ duration: Millis) -> [CommandResult] {
        var results: [CommandResult] = []
        let stopped = inSlices(of: duration) { results += advanceLive(by: $0) }
        return results + [stopped.map { stoppedWaitResult(waited: $0, of: duration) } ?? waitResult(duration)]
    }

    /// Passes `duration` to `pass` a virtual second at a time, asking `stopRequested` between
    /// seconds; how long it ran if that stopped it. Passing time in slices runs the very events
    /// one long step would.
    private func inSlices(of duration: Millis, _ pass: (Millis) -> Void) -> Millis? {
        let start = cluster.now, end = start + duration
        repeat {
            pass(min(Self.waitSlice, end - cluster.now))
            if cluster.now < end, stopRequested() { return cluster.now - start }
        } while cluster.now < end
        return nil
    }

    private func stoppedWaitResult(waited: Millis, of duration: Millis) -> CommandResult {
        CommandResult(
            command: "wait",
            text: "stopped by ^C after \(DurationText.spelled(waited)) of \(DurationText.waited(duration)); time is \(DurationText.clock(cluster.now))",
            fields: [("waited_ms", .int(waited)), ("time_ms", .int(cluster.now)), ("stopped", .bool(true))])
    }

    /// How much virtual time a wait passes between two looks at `stopRequested`.
    static let waitSlice: Millis = 1_000

    func waitResult(_ duration: Millis) -> CommandResult {
        CommandResult(command: "wait", text: "waited \(DurationText.waited(duration)); time is \(DurationText.clock(cluster.now))",
                      fields: [("waited_ms", .int(duration)), ("time_ms", .int(cluster.now))])
    }
}
