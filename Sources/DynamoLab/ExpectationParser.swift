import DynamoCore

/// Parses the words after `expect`.
enum ExpectationParser {
    static func parse(_ words: [Words.Word], usage: String) throws(LabError) -> Expectation {
        let args = words.map(\.text)
        guard let kind = args.first?.lowercased() else { throw .usage(usage) }
        let rest = Array(args.dropFirst())
        switch kind {
        case "ok", "fail":
            guard rest.isEmpty else { throw .usage("expect \(kind) takes nothing more") }
            return .outcome(ok: kind == "ok")
        case "values", "value":
            guard let key = rest.first else { throw .usage("usage: expect values KEY [VALUE...]") }
            return .values(key: key, words.dropFirst(2).map { word in
                !word.isQuoted && word.text == Display.tombstone ? .tombstone : .data(word.text)
            })
        case "siblings", "sibling":
            guard rest.count == 2 else { throw .usage("usage: expect siblings KEY COUNT") }
            return .siblings(key: rest[0], try CommandParser.count(rest[1], usage: "usage: expect siblings KEY COUNT", range: 0...Int.max))
        case "hints", "hint":
            let usage = "usage: expect hints [NODE] COUNT"
            switch rest.count {
            case 1: return .hints(nil, try CommandParser.count(rest[0], usage: usage, range: 0...Int.max))
            case 2: return .hints(try CommandParser.nodeName(rest[0]), try CommandParser.count(rest[1], usage: usage, range: 0...Int.max))
            default: throw .usage(usage)
            }
        case "keys", "key":
            let usage = "usage: expect keys NODE COUNT"
            guard rest.count == 2 else { throw .usage(usage) }
            return .keys(try CommandParser.nodeName(rest[0]), try CommandParser.count(rest[1], usage: usage, range: 0...Int.max))
        case "view":
            let usage = "usage: expect view NODE PEER up|suspected|down|left"
            guard rest.count == 3 else { throw .usage(usage) }
            guard let status = PeerStatus(rawValue: rest[2].lowercased()) else { throw .usage(usage) }
            return .view(try CommandParser.nodeName(rest[0]), of: try CommandParser.nodeName(rest[1]), status)
        case "lost", "divergent", "misplaced":
            let usage = "usage: expect \(kind) COUNT"
            guard rest.count == 1 else { throw .usage(usage) }
            let count = try CommandParser.count(rest[0], usage: usage, range: 0...Int.max)
            return kind == "lost" ? .lost(count) : kind == "divergent" ? .divergent(count) : .misplaced(count)
        case "views":
            guard rest.map({ $0.lowercased() }) == ["agree"] else { throw .usage("usage: expect views agree") }
            return .viewsAgree
        default:
            throw .usage("unknown expectation '\(TextWidth.fit(kind, 40))'\(Suggestion.didYouMean(kind, among: kinds)): "
                         + "expected ok, fail, values, siblings, hints, keys, view, views, lost, divergent or misplaced")
        }
    }

    /// Every kind of expectation, for a mistyped one's suggestion.
    private static let kinds = ["ok", "fail", "values", "siblings", "hints", "keys", "view", "views", "lost", "divergent", "misplaced"]
}
