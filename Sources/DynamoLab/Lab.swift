import Foundation
import DynamoCore
import DynamoSim

/// One session of the lab: a cluster, its clients, and what the last commands saw. Every mode
/// (the plain REPL, scripts, the visualizer) sends lines here and shows what comes back.
public final class Lab {
    /// The most nodes a cluster may have, by `config nodes`, `--nodes` or `join`.
    public static let maximumNodes = 1_000
    public private(set) var cluster: Cluster
    /// The config of the cluster as last rebuilt (by start, `seed`, `reset` or a `config` of
    /// nodes or vnodes).
    var baseline: ClusterConfig
    var clients: [String: ClientSession]
    public internal(set) var currentClient: String
    /// The siblings the last `get` of each key returned, for `expect`.
    var lastReads: [String: [Version]] = [:]
    /// Keys whose last `get` failed: `expect values` and `expect siblings` do not look past it.
    var failedReads: Set<String> = []
    /// Keys written (put or deleted) since the cluster was built: a `get` of another key that
    /// is not found names the one it was most likely meant to be.
    var writtenKeys: Set<String> = []
    /// The last command other than `expect`, `say`, `help` or `pause`, whether it succeeded,
    /// and where `history` holds its line, if `save` keeps it; a line that did not parse counts
    /// as a failed command.
    var lastOutcome: (command: String, succeeded: Bool, recordedAt: Int?)?
    /// Whether virtual time runs on its own, and how fast: the visualizer reads this.
    public internal(set) var live = LiveClock()
    /// Whether a screen shows this lab, and so runs its live clock; headless, time moves only
    /// with `wait` and `step`, as `run` then says.
    public var onScreen = false
    /// The key the screen follows.
    public internal(set) var focus: String?
    /// Lines since the last rebuild that `save` writes (`Command.isSaved`).
    var history: [String] = []
    /// What this lab last saved into each file, by the file's standardized path: `save`
    /// writes over nothing else, so a session saved by another run or edited since is kept.
    var savedFiles: [String: Data] = [:]
    /// How many times the cluster was built anew since the lab started.
    private var rebuilds = 0
    /// Asked between the virtual seconds of a long `wait`: true stops it there. The screen
    /// answers whether ^C was pressed; scripts and pipes never stop.
    public var stopRequested: () -> Bool = { false }
    /// How long the last `wait` ran before `stopRequested` stopped it: what `save` records.
    var stoppedWait: Millis?
    /// The request under way on the live screen, the lines waiting for it, and live time not
    /// yet written into `history` (see Lab+Live.swift).
    var liveState = LiveState()

    public init(config: ClusterConfig = ClusterConfig()) {
        baseline = config
        cluster = Cluster(config: config)
        clients = ["client1": ClientSession(name: "client1")]
        currentClient = "client1"
    }

    /// Runs one line; nil for a blank line or a comment.
    public func execute(_ line: String) -> CommandResult? {
        let command: Command
        do {
            guard let parsed = try CommandParser.parse(line) else { return nil }
            command = parsed
        } catch {
            let rejection = Self.rejected(line, error)
            lastOutcome = (rejection.command, false, nil)
            return rejection
        }
        stoppedWait = nil
        let rebuildsBefore = rebuilds
        let result = run(command)
        let saved = savedLine(line, of: command, result: result)
        let rebuilt = rebuilds != rebuildsBefore
        if let saved { record(saved, rebuilt: rebuilt) }
        switch command {
        case .expect, .say, .help, .pause: break
        default: lastOutcome = (command.name, result.status == .ok, saved != nil && !rebuilt ? history.count - 1 : nil)
        }
        return result
    }

    /// `line` as `save` writes it: trimmed, and with line breaks, which the parser reads as
    /// spaces, made spaces, so that it stays one line of the file.
    static func oneLine(_ line: String) -> String {
        line.split(whereSeparator: \.isNewline).joined(separator: " ").trimmingWhitespace
    }

    /// What `save` keeps of a line that ran, on one line: the line, a `wait` as far as it ran,
    /// nothing for a line refused or one `save` leaves out, or for `expect ok` or `expect fail`
    /// unless the line it checks is the last kept (replayed, it would check another). An
    /// expectation that failed is kept as a comment, so that the session replays as it was
    /// given without failing.
    private func savedLine(_ line: String, of command: Command, result: CommandResult) -> String? {
        guard result.status != .rejected, command.isSaved else { return nil }
        if case .expect(.outcome) = command, lastOutcome?.recordedAt != history.count - 1 { return nil }
        let typed = Self.oneLine(line)
        if result.status == .expectationFailed { return "# failed when saved: " + typed }
        return stoppedWait.map { "wait " + DurationText.waited($0) } ?? typed
    }

    /// The refusal of `line`, named after its first word: the command it names (`quit` for
    /// `exit`), or the word as typed, cut to 40 columns.
    static func rejected(_ line: String, _ error: LabError) -> CommandResult {
        guard let word = ((try? Words.split(line))?.first ?? Words.leadingWord(line))?.lowercased() else {
            return .rejected("?", error)
        }
        return .rejected(CommandHelp.aliases[word] ?? TextWidth.fit(word, 40), error)
    }

    /// Runs one line that arrived as bytes (from a pipe): bytes that are not UTF-8 text are
    /// refused, as a script holding them is.
    public func execute(utf8 bytes: [UInt8]) -> CommandResult? {
        // A comment is passed over whatever its bytes, as it would be were they text.
        if bytes.first(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) == UInt8(ascii: "#") { return nil }
        guard let line = String(validating: bytes, as: UTF8.self) else {
            lastOutcome = ("?", false, nil)
            return .rejected("?", .usage("the line is not UTF-8 text"))
        }
        return execute(line)
    }

    /// Runs a parsed command.
    public func run(_ command: Command) -> CommandResult {
        do {
            return try dispatch(command)
        } catch {
            return .rejected(command.name, error)
        }
    }

    private func dispatch(_ command: Command) throws(LabError) -> CommandResult {
        switch command {
        case .put(let key, let value, let via, let w):
            return try write(key: key, value: .data(value), via: via, quorum: w, command: "put")
        case .delete(let key, let via, let w):
            return try write(key: key, value: .tombstone, via: via, quorum: w, command: "delete")
        case .get(let key, let via, let r):
            return try read(key: key, via: via, quorum: r)
        case .kill(let node): return try kill(node)
        case .restart(let node): return try restart(node)
        case .partition(let sides): return try partition(sides)
        case .heal(let sides): return try heal(sides)
        case .client(let name): return switchClient(name)
        case .focus(let key):
            focus = key
            return CommandResult(command: "focus", text: "focus: \(Display.key(key))", fields: [("key", .string(key))])
        case .save(let path): return try save(to: path)
        case .ring: return ringReport()
        case .nodes(nil): return nodesReport()
        case .nodes(let node?): return try nodeView(node)
        case .keys(let node): return try keysReport(node)
        case .hints(let node): return try hintsReport(node)
        case .versions(let key):
            focus = key
            return versionsReport(key)
        case .trace(let count, let all): return traceReport(count, all: all)
        case .wait(let duration): return wait(duration)
        case .config(let settings): return try configure(settings)
        case .showConfig(let names): return try showSettings(names)
        case .seed(let seed): return rebuild(with: seed, command: "seed")
        case .reset: return rebuild(with: baseline.seed, command: "reset")
        case .expect(let expectation): return try check(expectation)
        case .say(let text): return CommandResult(command: "say", text: text, fields: [("text", .string(text))])
        case .step(let count): return step(count)
        case .run:
            guard onScreen else {
                return CommandResult(command: "run", text: "run: no live clock here, as there is no screen; time moves with wait and step",
                                     fields: [("speed", .number(live.speed)), ("live", .bool(false))])
            }
            live.running = true
            return CommandResult(command: "run", text: "running at speed \(Display.factor(live.speed))",
                                 fields: [("speed", .number(live.speed)), ("live", .bool(true))])
        case .pause:
            live.running = false
            return CommandResult(command: "pause", text: "paused at \(TraceEntry.format(cluster.now))")
        case .speed(let speed):
            live.speed = speed
            return CommandResult(command: "speed", text: "speed \(Display.factor(speed)): one real second is \(DurationText.of(Millis((1000 * speed).rounded()))) of virtual time",
                                 fields: [("speed", .number(speed))])
        case .help(let topic): return help(topic)
        case .quit: return CommandResult(command: "quit", text: "bye", quits: true)
        case .wipe(let node): return try wipe(node)
        case .join(let node): return try join(node)
        case .leave(let node): return try leave(node)
        case .cut(let from, let to): return try cut(from: from, to: to)
        case .loss(let rate, let from, let to): return try loss(rate, from: from, to: to)
        case .delay(let latency): return delay(latency)
        case .skew(let node, let offset): return try skew(node, by: offset)
        case .faults: return faultsReport()
        case .merkle(let a, let b): return try merkleReport(a, b)
        case .sync: return sync()
        case .audit: return auditReport()
        case .history(let count): return historyReport(count)
        }
    }

    func checkKnown(_ node: NodeID) throws(LabError) {
        do { try cluster.checkKnown(node) } catch { throw .refused(error.description) }
    }

    /// Refuses a node that is unknown or has left the ring: it has nothing to wipe or to hand
    /// over. A client may still send it requests (`via`), as one whose view of the membership
    /// is out of date would (section 6.4): it forwards or coordinates them.
    func checkMember(_ node: NodeID) throws(LabError) {
        try checkKnown(node)
        guard cluster.ring.nodes.contains(node) else { throw .refused("\(node) has left the ring: join \(node) adds it back") }
    }

    /// Adds `line` to what `save` writes; after a rebuild (`seed`, `reset`, or a `config` that
    /// changed `nodes` or `vnodes`), the session starts again from the baseline, which holds it.
    /// A `config` naming them at their current values rebuilds nothing, and is kept.
    private func record(_ line: String, rebuilt: Bool) {
        if rebuilt { history = [] } else { history.append(line) }
    }

    /// A new cluster from `seed` with the current settings; clients and reads are forgotten.
    func rebuild(with seed: UInt64, command: String) -> CommandResult {
        rebuilds += 1
        let requests = cluster.history.count
        let keys = Set(cluster.snapshot(traceLimit: 0).nodes.flatMap(\.store.keys)).count
        var config = baseline
        config.seed = seed
        config.settings = cluster.settings
        baseline = config
        cluster = Cluster(config: config)
        clients = ["client1": ClientSession(name: "client1")]
        currentClient = "client1"
        lastReads = [:]
        failedReads = []
        writtenKeys = []
        focus = nil
        return CommandResult(
            command: command,
            text: "new cluster: \(Display.plural(config.nodeCount, "node")), \(Display.plural(config.vnodes, "token")) each, seed \(seed)"
                + (requests == 0 ? "" : "; the old one's \(Display.plural(keys, "key")) and \(Display.plural(requests, "request")) are gone"),
            fields: [("seed", .unsigned(seed)), ("nodes", .int(config.nodeCount))])
    }

    /// The script that replays this session: its starting point, then every line since that
    /// changed, showed or checked something.
    public var savedScript: String {
        var lines = ["# dynamo-lab session saved at \(TraceEntry.format(cluster.now)) virtual time"]
        lines.append("config " + Lab.settingWords(baseline.settings, nodes: baseline.nodeCount, vnodes: baseline.vnodes))
        lines.append("seed \(baseline.seed)")
        return (lines + history).joined(separator: "\n") + "\n"
    }
}

extension String {
    /// The text without leading and trailing whitespace; a combining mark after a space stays.
    public var trimmingWhitespace: String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
