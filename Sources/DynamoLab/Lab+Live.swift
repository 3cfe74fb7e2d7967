import DynamoCore
import DynamoSim

/// A client request sent from the live screen and not yet answered.
public struct LiveRequest: Sendable, Equatable {
    /// The line as typed.
    public let line: String
    /// `put`, `get` or `delete`.
    public let command: String
    public let key: String
    public let coordinator: NodeID
    /// The node named by `via`, if any.
    let via: NodeID?
    public let sentAt: Millis
    let id: RequestID
    let quorum: Int?
    /// Where `Cluster.call` stops waiting: once no event is due by then, the request fails.
    let giveUpAt: Millis
    /// Where the lab's `history` holds the line, for `save`.
    let recordedAt: Int
}

/// What `Lab.begin` did with a line.
public enum LiveOutcome {
    /// The line ran. A `step` or `wait` can complete the request under way: its answer, and
    /// the results of the lines that waited for it, come before the line's own result.
    case ran([CommandResult])
    /// A request is under way: `advanceLive` brings its answer as virtual time passes.
    case started(LiveRequest)
    /// The line waits until the request under way is answered, then runs.
    case queued(behind: LiveRequest)
}

/// Live time or events that no recorded line accounts for yet; `save` writes them as
/// `wait` and `step` lines.
enum LiveGap: Equatable {
    case wait(Millis)
    case step(Int)
}

/// The lab's live-mode state.
struct LiveState {
    var pending: LiveRequest?
    var queue: [String] = []
    var gaps: [LiveGap] = []

    mutating func add(_ gap: LiveGap) {
        switch (gaps.last, gap) {
        case (_, .wait(0)), (_, .step(0)): break
        case (.wait(let a)?, .wait(let b)): gaps[gaps.count - 1] = .wait(a + b)
        case (.step(let a)?, .step(let b)): gaps[gaps.count - 1] = .step(a + b)
        default: gaps.append(gap)
        }
    }
}

/// The visualizer's path through the lab: a request is sent and virtual time passing brings
/// its answer, so its messages can be watched travelling. Scripts and pipes use `execute`,
/// where a request runs until it is answered.
///
/// A saved session still replays exactly. A request's line is recorded when it is sent, and
/// its blocking replay runs the same events that ran live before the answer; a line that
/// changes anything else waits for that answer, as a client's next call waits for its last;
/// live time between recorded lines is written as `wait` (or `step`) lines.
extension Lab {
    /// The request under way, if any.
    public var liveRequest: LiveRequest? { liveState.pending }

    /// Lines waiting for the request under way, in the order typed.
    public var queuedLines: [String] { liveState.queue }

    /// Runs, sends or queues one line typed on the live screen.
    public func begin(_ line: String) -> LiveOutcome {
        guard let command = try? CommandParser.parse(line) else {
            return .ran(execute(line).map { [$0] } ?? [])
        }
        if let pending = liveState.pending, !command.runsDuringRequest {
            liveState.queue.append(line)
            return .queued(behind: pending)
        }
        switch command {
        case .put, .get, .delete:
            do {
                return try send(command, line: line)
            } catch {
                lastOutcome = (command.name, false, nil)
                return .ran([.rejected(command.name, error)])
            }
        case .wait(let duration) where liveState.pending != nil:
            return .ran(waitLive(duration))
        case .step(let count) where liveState.pending != nil:
            return .ran(stepLive(count))
        default:
            // Live time passed is written before the next line kept, except before a check of
            // the last line's outcome, which must follow that line.
            if case .expect(.outcome) = command {} else if command.isSaved || command.name == "save" { writeGaps() }
            return .ran(execute(line).map { [$0] } ?? [])
        }
    }

    /// Lets `duration` of virtual time pass; returns the answer to the request under way if it
    /// arrived, followed by the results of the lines that waited for it.
    public func advanceLive(by duration: Millis) -> [CommandResult] {
        let deadline = cluster.now + max(duration, 0)
        var results: [CommandResult] = []
        while liveState.pending != nil, let next = cluster.nextEventTime, next <= deadline {
            cluster.step()
            results += settle()
        }
        if liveState.pending == nil {
            if deadline > cluster.now {
                liveState.add(.wait(deadline - cluster.now))
            } else {
                // `wait 0ms` is not a command: the events left at this instant replay as steps.
                var ran = 0
                while let next = cluster.nextEventTime, next <= deadline, cluster.step() { ran += 1 }
                liveState.add(.step(ran))
            }
        }
        cluster.advance(by: deadline - cluster.now)
        return results
    }

    /// Runs events until the request under way (and any requests queued behind it) are
    /// answered, exactly as `execute` would have; returns their results and those of the
    /// lines that waited. For lessons replayed with the clock paused.
    public func finishLiveRequest() -> [CommandResult] {
        var results: [CommandResult] = []
        while liveState.pending != nil {
            // With no event left, `settle` gives up on the request, as `Cluster.call` does.
            cluster.step()
            results += settle()
        }
        return results
    }

    /// Sends a request; a request no node takes fails at once (see `unreachable`).
    private func send(_ command: Command, line: String) throws(LabError) -> LiveOutcome {
        let operation: ClientRequest.Operation
        let key: String, via: NodeID?, quorum: Int?
        switch command {
        case .put(let k, let value, let v, let w):
            (key, via, quorum) = (k, v, w)
            operation = .put(.data(value), context: client.context(for: key))
        case .delete(let k, let v, let w):
            (key, via, quorum) = (k, v, w)
            operation = .put(.tombstone, context: client.context(for: key))
        case .get(let k, let v, let r):
            (key, via, quorum) = (k, v, r)
            operation = .get
        default:
            preconditionFailure("only put, get and delete are sent")
        }
        try validateQuorum(quorum, name: command.name == "get" ? "r" : "w")
        if let via { try checkKnown(via) }
        let sentAt = cluster.now
        // A request the cluster cannot take is still part of the session `save` replays.
        writeGaps()
        history.append(Self.oneLine(line))
        let sent: (id: RequestID, coordinator: NodeID)
        do {
            sent = try cluster.submit(operation, key: key, via: via, quorum: quorum, client: currentClient)
        } catch {
            lastOutcome = (command.name, false, history.count - 1)
            return .ran([unreachable(error, key: key, command: command.name)])
        }
        focus = key
        let settings = cluster.settings
        let request = LiveRequest(
            line: line.trimmingWhitespace, command: command.name, key: key, coordinator: sent.coordinator, via: via,
            sentAt: sentAt, id: sent.id, quorum: quorum,
            giveUpAt: sentAt + settings.clientPatience, recordedAt: history.count - 1)
        liveState.pending = request
        return .started(request)
    }

    /// Called after each event while a request is under way: hands over its answer, or gives
    /// up exactly where `Cluster.call` would; then runs the lines that waited for it.
    private func settle() -> [CommandResult] {
        guard let request = liveState.pending else { return [] }
        let reply: ClientReply
        if let answer = cluster.takeReply(for: request.id) {
            reply = answer
        } else if let next = cluster.nextEventTime, next <= request.giveUpAt {
            return []
        } else {
            reply = ClientReply(id: request.id, key: request.key, coordinator: request.coordinator,
                                outcome: .failed(reason: "no answer from \(request.coordinator)"))
        }
        liveState.pending = nil
        let result = request.command == "get"
            ? readResult(reply, quorum: request.quorum)
            : writeResult(reply, via: request.via, quorum: request.quorum, command: request.command)
        lastOutcome = (request.command, result.status == .ok, request.recordedAt)
        var results = [result]
        while liveState.pending == nil, !liveState.queue.isEmpty {
            if case .ran(let ran) = begin(liveState.queue.removeFirst()) { results += ran }
        }
        return results
    }

    /// `step` while a request is under way: events up to its answer belong to the request's
    /// line; later ones are recorded as steps of their own. The trace of the steps comes
    /// first, then the answer they produced.
    private func stepLive(_ count: Int) -> [CommandResult] {
        live.running = false
        let before = cluster.traceSequence
        var results: [CommandResult] = []
        var ran = 0
        while ran < count {
            let belongsToRequest = liveState.pending != nil
            guard cluster.stepTracingEveryEvent() else { break }
            ran += 1
            if belongsToRequest { results += settle() } else { liveState.add(.step(1)) }
        }
        return [stepResult(ran: ran, traceSince: before)] + results
    }

    /// Writes live time that no recorded line accounts for into the history.
    func writeGaps() {
        for gap in liveState.gaps {
            switch gap {
            case .wait(var millis):
                while millis > 0 {
                    let chunk = min(millis, Duration.maximum)
                    history.append("wait " + DurationText.waited(chunk))
                    millis -= chunk
                }
            case .step(var count):
                while count > 0 {
                    let chunk = min(count, 100_000)
                    history.append("step \(chunk)")
                    count -= chunk
                }
            }
        }
        liveState.gaps = []
    }
}

extension Command {
    /// Commands that run at once while a live request is under way: they move time, only
    /// look, or leave. Every other command waits for the answer.
    var runsDuringRequest: Bool {
        switch self {
        case .step, .wait, .run, .pause, .speed, .ring, .nodes, .keys, .hints, .versions, .trace, .say, .help, .quit:
            true
        default:
            false
        }
    }
}
