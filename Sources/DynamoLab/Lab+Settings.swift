import DynamoCore
import DynamoSim
import Foundation

/// `config`, `help` and `save`.
extension Lab {
    /// Every setting `config` takes, in the order it shows them.
    static let settingNames = [
        "nodes", "vnodes", "n", "r", "w", "timeout", "replica-timeout", "handoff", "suspicion", "gossip", "anti-entropy",
        "merkle-depth", "clock-max", "clocks", "conflicts",
    ]

    static func unknownSetting(_ name: String) -> LabError {
        .usage("unknown setting '\(name)'\(Suggestion.didYouMean(name, among: settingNames)): expected "
               + settingNames.dropLast().joined(separator: ", ") + " or " + settingNames.last!)
    }

    /// Every setting's value as typed, in the order of `settingNames`.
    static func settingValues(_ settings: NodeSettings, nodes: Int, vnodes: Int) -> [String] {
        [
            "\(nodes)", "\(vnodes)", "\(settings.n)", "\(settings.r)", "\(settings.w)",
            DurationText.of(settings.requestTimeout), DurationText.of(settings.replicaTimeout),
            DurationText.of(settings.handoffInterval), settings.suspicionTimeout.map(DurationText.of) ?? "auto",
            DurationText.of(settings.gossipInterval), DurationText.of(settings.antiEntropyInterval),
            "\(settings.merkleDepth)", "\(settings.versioning.clockMax)",
            settings.versioning.clocks.rawValue, settings.versioning.conflicts.rawValue,
        ]
    }

    /// Every setting as `name=value` words, the form `config` shows and `save` writes.
    static func settingWords(_ settings: NodeSettings, nodes: Int, vnodes: Int) -> String {
        zip(settingNames, settingValues(settings, nodes: nodes, vnodes: vnodes)).map { "\($0)=\($1)" }.joined(separator: " ")
    }

    /// `changes` made to `settings`, `nodes` and `vnodes`, each value checked on its own: what a
    /// script is checked for before it runs. How they fit the cluster, `configure` checks.
    static func apply(_ changes: [Setting], to settings: inout NodeSettings, nodes: inout Int, vnodes: inout Int) throws(LabError) {
        var seen = Set<String>()
        for change in changes {
            guard seen.insert(change.name).inserted else { throw .usage("\(change.name) is given twice") }
            let value = change.value
            switch change.name {
            case "n": settings.n = try number(change, 1...64)
            case "r": settings.r = try wholeNumber(change)
            case "w": settings.w = try wholeNumber(change)
            case "timeout": settings.requestTimeout = try duration(change)
            case "replica-timeout": settings.replicaTimeout = try duration(change)
            case "handoff": settings.handoffInterval = try duration(change)
            case "suspicion": settings.suspicionTimeout = value.lowercased() == "auto" ? nil : try duration(change)
            case "gossip": settings.gossipInterval = try duration(change)
            case "anti-entropy": settings.antiEntropyInterval = try duration(change)
            case "merkle-depth": settings.merkleDepth = try number(change, 0...12)
            case "clock-max": settings.versioning.clockMax = try number(change, 1...1_000)
            case "clocks":
                guard let mode = VersioningPolicy.ClockMode(rawValue: value.lowercased()) else {
                    throw .usage("clocks=\(value): expected clocks=dvv or clocks=vv")
                }
                settings.versioning.clocks = mode
            case "conflicts":
                guard let mode = VersioningPolicy.ConflictMode(rawValue: value.lowercased()) else {
                    throw .usage("conflicts=\(value): expected conflicts=siblings or conflicts=lww")
                }
                settings.versioning.conflicts = mode
            case "nodes": nodes = try number(change, 1...Lab.maximumNodes)
            case "vnodes": vnodes = try number(change, 1...1_024)
            default:
                throw Self.unknownSetting(change.name)
            }
        }
    }

    func configure(_ changes: [Setting]) throws(LabError) -> CommandResult {
        var settings = cluster.settings
        var nodes = baseline.nodeCount
        var vnodes = baseline.vnodes
        try Self.apply(changes, to: &settings, nodes: &nodes, vnodes: &vnodes)
        // A rebuilt cluster has `nodes` members; otherwise the ring as joins and leaves left it.
        let rebuilds = nodes != baseline.nodeCount || vnodes != baseline.vnodes
        if rebuilds {
            guard settings.n <= nodes else { throw .usage("n=\(settings.n) needs at least \(settings.n) nodes; the cluster has \(nodes)") }
        } else {
            let members = cluster.ring.nodes.count
            guard settings.n <= members else {
                throw .usage("n=\(settings.n) needs at least \(settings.n) nodes in the ring; it has \(members) (join adds one)")
            }
        }
        for (name, value) in [("r", settings.r), ("w", settings.w)] where !(1...settings.n).contains(value) {
            if changes.contains(where: { $0.name == name }) { throw .usage("\(name)=\(value): \(name) must be from 1 to N, and N is \(settings.n)") }
            let (r, w) = (min(settings.r, settings.n), min(settings.w, settings.n))
            throw .usage("\(name) is \(value), more than n=\(settings.n): set it too, as in config n=\(settings.n) r=\(r) w=\(w)")
        }
        let size = rebuilds || !(changes.isEmpty || changes.contains(where: { $0.name == "nodes" })) ? nil : ringSizeNote
        let notes = [size, Self.timeoutNote(settings), Self.suspicionNote(settings, members: rebuilds ? nodes : cluster.ring.nodes.count),
                     Self.paceNote(settings)]
            .compactMap { $0 }
        let note = notes.map { "\nnote: " + $0 }.joined()
        if rebuilds {
            cluster.update(settings)
            baseline.nodeCount = nodes
            baseline.vnodes = vnodes
            let rebuilt = rebuild(with: baseline.seed, command: "config")
            return CommandResult(command: "config", text: rebuilt.text + "\n" + settingsLine + note,
                                 fields: settingsFields + [("notes", .strings(notes))])
        }
        cluster.update(settings)
        return CommandResult(command: "config", text: settingsLine + note, fields: settingsFields + [("notes", .strings(notes))])
    }

    /// When joins and leaves have changed the ring's size, that `nodes=` is the size the
    /// cluster was built with: what a rebuild starts from, and what `save` writes.
    private var ringSizeNote: String? {
        let members = cluster.ring.nodes.count
        guard members != baseline.nodeCount else { return nil }
        return "nodes=\(baseline.nodeCount) is the size the cluster was built with; joins and leaves have left \(members) in the ring"
    }

    /// `config NAME...`: the named settings, each once, as `config` shows them, with the JSON
    /// fields `config` gives them (`timeout_ms`).
    func showSettings(_ names: [String]) throws(LabError) -> CommandResult {
        let values = Self.settingValues(cluster.settings, nodes: baseline.nodeCount, vnodes: baseline.vnodes)
        let fields = settingsFields
        var shown: [Int] = []
        for name in names {
            guard let index = Self.settingNames.firstIndex(of: name) else { throw Self.unknownSetting(name) }
            if !shown.contains(index) { shown.append(index) }
        }
        let text = shown.map { "\(Self.settingNames[$0])=\(values[$0])" }.joined(separator: " ")
        let notes = shown.contains(0) ? [ringSizeNote].compactMap { $0 } : []
        return CommandResult(command: "config", text: text + notes.map { "\nnote: " + $0 }.joined(),
                             fields: shown.map { fields[$0] } + (shown.contains(0) ? [("notes", .strings(notes))] : []))
    }

    /// A warning when a suspicion timeout set by hand is shorter than the rounds a heartbeat
    /// may need, with one to spare (`NodeSettings.heartbeatRounds`): below that, healthy peers
    /// were seen suspected (at 3 s of 1 s rounds on 5 nodes, 5 s on 16, 6 s on 64), and far
    /// below it believed down.
    static func suspicionNote(_ settings: NodeSettings, members: Int) -> String? {
        let rounds = NodeSettings.heartbeatRounds(members: members)
        guard let suspicion = settings.suspicionTimeout, suspicion < settings.gossipInterval * Millis(rounds) else { return nil }
        return "suspicion=\(DurationText.of(suspicion)) is shorter than \(rounds) gossip rounds "
            + "(gossip=\(DurationText.of(settings.gossipInterval))), which a heartbeat may need to reach all \(members) nodes with a round "
            + "to spare: nodes will suspect healthy peers now and then, and may believe them down"
    }

    /// A warning when a background round comes more often than every 100ms: every node runs
    /// one each interval, so virtual time passes slowly (a minute of anti-entropy every 1ms
    /// took seconds on five nodes), and a long wait takes long.
    private static func paceNote(_ settings: NodeSettings) -> String? {
        let rounds = [("gossip", settings.gossipInterval), ("anti-entropy", settings.antiEntropyInterval), ("handoff", settings.handoffInterval)]
        let frequent = rounds.filter { $0.1 < 100 }
        guard !frequent.isEmpty else { return nil }
        return frequent.map { "\($0.0)=\(DurationText.of($0.1))" }.joined(separator: " ")
            + ": every node runs \(frequent.count == 1 ? "such a round" : "these rounds") that often, so virtual time passes slowly; "
            + "^C at the prompt stops a long wait where it has got to"
    }

    /// A warning when a request's deadline comes no later than its replicas': the request is
    /// over before any silent replica could be replaced, so sloppy quorum stands in only for
    /// owners already believed down.
    private static func timeoutNote(_ settings: NodeSettings) -> String? {
        guard settings.requestTimeout <= settings.replicaTimeout else { return nil }
        return "timeout=\(DurationText.of(settings.requestTimeout)) is not longer than replica-timeout="
            + "\(DurationText.of(settings.replicaTimeout)): requests end before a silent replica is replaced; only owners already believed down get hints"
    }

    private var settingsLine: String {
        Self.settingWords(cluster.settings, nodes: baseline.nodeCount, vnodes: baseline.vnodes) + " seed=\(baseline.seed)"
    }

    /// Every setting as a JSON field, in the order of `settingNames`, then the seed.
    private var settingsFields: [(String, JSON)] {
        let settings = cluster.settings
        return [
            ("nodes", .int(baseline.nodeCount)), ("vnodes", .int(baseline.vnodes)),
            ("n", .int(settings.n)), ("r", .int(settings.r)), ("w", .int(settings.w)),
            ("timeout_ms", .int(settings.requestTimeout)), ("replica_timeout_ms", .int(settings.replicaTimeout)),
            ("handoff_ms", .int(settings.handoffInterval)), ("suspicion_ms", .int(settings.suspicion(members: cluster.nodeIDs.count))),
            ("gossip_ms", .int(settings.gossipInterval)), ("anti_entropy_ms", .int(settings.antiEntropyInterval)),
            ("merkle_depth", .int(settings.merkleDepth)),
            ("clock_max", .int(settings.versioning.clockMax)),
            ("clocks", .string(settings.versioning.clocks.rawValue)), ("conflicts", .string(settings.versioning.conflicts.rawValue)),
            ("seed", .unsigned(baseline.seed)),
        ]
    }

    /// A quorum size, checked against N once every change is read.
    private static func wholeNumber(_ setting: Setting) throws(LabError) -> Int {
        guard let value = Int(setting.value) else { throw .usage("\(setting.name)=\(setting.value): expected a whole number") }
        return value
    }

    /// A duration setting; an error names the setting.
    private static func duration(_ setting: Setting) throws(LabError) -> Millis {
        do {
            return try Duration.parse(setting.value)
        } catch {
            throw .usage("\(setting.name)=\(setting.value): \(error)")
        }
    }

    private static func number(_ setting: Setting, _ range: ClosedRange<Int>) throws(LabError) -> Int {
        guard let value = Int(setting.value), range.contains(value) else {
            throw .usage("\(setting.name)=\(setting.value): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func help(_ topic: String?) -> CommandResult {
        guard let topic, let text = CommandHelp.text(of: topic) else {
            return CommandResult(command: "help", text: CommandHelp.overview, fields: [("topic", .null), ("text", .string(CommandHelp.overview))])
        }
        return CommandResult(command: "help", text: text, fields: [("topic", .string(topic)), ("text", .string(text))])
    }

    /// Writes `savedScript` to `path` (through any symbolic link): over nothing but an empty
    /// file or one this lab saved and nobody changed since.
    func save(to path: String) throws(LabError) -> CommandResult {
        if let problem = OutputPath.problem(writing: path) { throw .refused("cannot write \(path): \(problem)") }
        let script = Data(savedScript.utf8), file = OutputPath.followingLinks(path) ?? path
        let key = OutputPath.identity(of: file)
        if FileManager.default.fileExists(atPath: file) {
            guard let held = FileManager.default.contents(atPath: file) else {
                throw .refused("cannot read \(path) to see that writing it loses nothing: save to a new file")
            }
            guard held.isEmpty || held == savedFiles[key] else {
                throw .refused(savedFiles[key] == nil
                    ? "\(path) exists and holds what this session did not save: save to a new file, or remove it first"
                    : "\(path) was changed since this session saved it: save to a new file")
            }
        }
        do {
            try script.write(to: URL(fileURLWithPath: file), options: .atomic)
        } catch {
            throw .refused("cannot write \(path): \(error.localizedDescription)")
        }
        savedFiles[key] = script
        let lines = script.split(separator: UInt8(ascii: "\n")).count
        return CommandResult(command: "save", text: "saved \(Display.plural(lines, "line")) to \(path)", fields: [("path", .string(path))])
    }
}
