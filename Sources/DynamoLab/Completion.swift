import DynamoCore

/// Tab completion for a line being typed: command names, node names, known keys and the
/// words each command takes next. Pure: the prompt only shows what this returns.
public struct Completion: Equatable, Sendable {
    /// Characters that end the word being completed: spaces, the commas between the nodes of a
    /// partition side, and the `=` of `config name=value`.
    public static let wordBreaks: Set<Character> = [" ", "\t", ",", "="]

    /// Where the word being completed starts, in characters from the start of the line.
    public let start: Int
    /// Every word that can replace it, in `CompletionOrder`.
    public let candidates: [String]

    /// The completions of the word that ends at `cursor` (a count of characters) in `line`.
    public static func candidates(for line: String, cursor: Int, lab: Lab) -> Completion {
        let before = Array(line.prefix(max(cursor, 0)))
        var start = before.count
        while start > 0, !wordBreaks.contains(before[start - 1]) { start -= 1 }
        let fragment = String(before[start...])
        let tokenStart = before[..<start].lastIndex(where: \.isWhitespace).map { $0 + 1 } ?? 0
        let token = String(before[tokenStart...])
        let words = String(before[..<tokenStart]).split(whereSeparator: \.isWhitespace).map(String.init)
        let options = choices(words: words, token: token, lab: lab)
        // A key that needs quotes also completes from its unquoted start: my → "my key".
        let matches = CompletionOrder.sorted(Array(Set(options.filter { $0.hasPrefix(fragment) || $0.hasPrefix("\"" + fragment) })))
        return Completion(start: start, candidates: matches)
    }

    /// What may be typed as the word `token`, given the whole words before it.
    private static func choices(words: [String], token: String, lab: Lab) -> [String] {
        guard let first = words.first?.lowercased() else {
            return CommandHelp.specs.map(\.name)
        }
        let position = words.count
        let previous = words.last?.lowercased()
        let nodes = lab.cluster.nodeIDs
        let nodeNames = nodes.map(\.name)
        switch first {
        case "put", "get", "delete":
            if position == 1 { return knownKeys(lab) }
            if previous == "via" { return nodeNames }
            if first == "put" && position == 2 { return [] }
            let options = ["via"] + (first == "get" ? ["r="] : ["w="])
            return options.filter { option in !words.dropFirst(2).contains { $0.lowercased().hasPrefix(option) } }
        case "kill", "leave", "restart":
            let members = lab.cluster.ring.nodes
            let wanted = first == "leave" ? members : members.filter { lab.cluster.isAlive($0) == (first == "kill") }
            return position == 1 ? wanted.map(\.name) : []
        case "join":
            // Nodes that left, which may come back, then the next new one.
            let members = Set(lab.cluster.ring.nodes)
            return position == 1 ? nodes.filter { !members.contains($0) }.map(\.name) + ["node\(nodes.count + 1)"] : []
        case "nodes", "keys", "hints", "wipe":
            return position == 1 ? nodeNames : []
        case "merkle":
            return position <= 2 ? nodeNames.filter { !words.dropFirst().map { $0.lowercased() }.contains($0) } : []
        case "cut":
            return position == 2 ? ["->"] : nodeNames
        case "skew":
            return position == 1 ? nodeNames : position == 2 ? ["+1s", "-1s", "+5s", "0"] : []
        case "loss":
            return position == 1 ? ["0%", "5%", "10%", "25%"] : position == 2 ? nodeNames : position == 3 ? ["->"] : nodeNames
        case "delay":
            return position == 1 ? ["1ms..10ms", "20ms..200ms"] : []
        case "trace":
            return position <= 2 ? ["all"] : []
        case "partition", "heal":
            // Each node belongs to one side: offer only those not named yet.
            let named = words.dropFirst().flatMap { $0.split(separator: ",") }
                + token.split(separator: ",", omittingEmptySubsequences: false).dropLast()
            let taken = Set(named.map { $0.lowercased() })
            return nodeNames.filter { !taken.contains($0) }
        case "focus", "versions":
            return position == 1 ? knownKeys(lab) : []
        case "help":
            // Terms of two words too: help sl completes to help sloppy quorum.
            return position == 1 ? CommandHelp.suggestedNames + CommandHelp.conceptTerms : []
        case "client":
            return position == 1 ? lab.clientNames : []
        case "config":
            if let equals = token.firstIndex(of: "=") {
                switch token[..<equals].lowercased() {
                case "clocks": return VersioningPolicy.ClockMode.allCases.map(\.rawValue)
                case "conflicts": return VersioningPolicy.ConflictMode.allCases.map(\.rawValue)
                default: return []
                }
            }
            let given = Set(words.dropFirst().compactMap { $0.split(separator: "=").first.map { $0.lowercased() } })
            return Lab.settingNames.filter { !given.contains($0) }.map { $0 + "=" }
        case "expect":
            if position == 1 { return ["ok", "fail", "values", "siblings", "hints", "keys", "view", "views", "lost", "divergent", "misplaced"] }
            let kind = words.count > 1 ? words[1].lowercased() : ""
            switch (kind, position) {
            case ("values", 2), ("value", 2), ("siblings", 2), ("sibling", 2): return knownKeys(lab)
            case ("hints", 2), ("hint", 2), ("keys", 2), ("key", 2), ("view", 2), ("view", 3): return nodeNames
            case ("view", 4): return PeerStatus.allCases.map(\.rawValue)
            case ("views", 2): return ["agree"]
            default: return []
            }
        case "wait":
            return position == 1 ? ["100ms", "500ms", "1s", "2s", "5s", "10s", "30s"] : []
        case "speed":
            return position == 1 ? ["0.01", "0.05", "0.1", "0.5", "1", "2", "10"] : []
        default:
            return []
        }
    }

    /// Every key the lab knows of: stored or hinted anywhere, read, or in focus; quoted when
    /// it must be to come back as one word.
    static func knownKeys(_ lab: Lab) -> [String] {
        var keys = Set(lab.lastReads.keys)
        for session in lab.clients.values { keys.formUnion(session.keys) }
        if let focus = lab.focus { keys.insert(focus) }
        for node in lab.cluster.snapshot(traceLimit: 0).nodes {
            keys.formUnion(node.store.keys)
            keys.formUnion(node.hints.map(\.key))
        }
        return keys.map(Words.quoted)
    }
}

extension Lab {
    /// The names of the client sessions, sorted.
    public var clientNames: [String] { clients.keys.sorted() }
}
