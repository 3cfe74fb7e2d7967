import DynamoCore
import Foundation

/// Turns one line into a `Command`, or a one-line error saying what was expected.
public enum CommandParser {
    /// The program's subcommands, which people type at the prompt too.
    static let shellCommands: Set = ["explore", "experiment"]

    /// Parses `line`; nil for a blank line or a `#` comment.
    ///
    /// The line is read in Unicode's composed form (NFC), so that a key is one key however its
    /// accents were typed: `é` as one code point or as `e` and a combining accent. Swift compares
    /// such strings as equal while the ring places a key by the MD5 of its bytes, so two forms
    /// of one key would otherwise be one key to a store and two to the ring.
    public static func parse(_ line: String) throws(LabError) -> Command? {
        let line = line.composed
        let trimmed = line.drop { $0.isWhitespace }
        if trimmed.isEmpty || trimmed.hasPrefix("#") { return nil }
        let nameEnd = trimmed.firstIndex { $0.isWhitespace } ?? trimmed.endIndex
        if trimmed[..<nameEnd].lowercased() == "say" { return .say(try caption(String(trimmed[nameEnd...]))) }
        var words = try Words.words(line)
        let typed = words.removeFirst().text.lowercased()
        let name = CommandHelp.aliases[typed] ?? typed
        guard let spec = CommandHelp.spec(named: name) else {
            if shellCommands.contains(typed) {
                throw .usage("\(typed) runs from the shell rather than this prompt: dynamo-lab \(typed) --help says how")
            }
            throw .usage("unknown command '\(TextWidth.fit(typed, 40))'\(Suggestion.didYouMean(typed, among: CommandHelp.commandNames)): "
                         + "type help for the list of commands")
        }
        do {
            return try parse(name, words, usage: "usage: " + spec.usage)
        } catch where words.contains(where: { !$0.isQuoted && $0.text.hasPrefix("#") }) {
            throw .usage("\(error); a # starts a comment only at the start of a line")
        } catch where words.contains(where: { !$0.isQuoted && $0.text.contains(where: typographicQuotes.contains) }) {
            // Slides and word processors curl quotes; only straight ones group words here.
            throw .usage("\(error); “ ” and ‘ ’ are text here: type straight quotes (\") to group words")
        }
    }

    private static let typographicQuotes: Set<Character> = ["“", "”", "‘", "’", "„", "«", "»"]

    private static func parse(_ name: String, _ words: [Words.Word], usage: String) throws(LabError) -> Command {
        let args = words.map(\.text)
        switch name {
        case "put":
            let (options, args) = try requestOptions(words, quorumName: "w", usage: usage)
            if args.count == 1, let w = options.quorum {
                // `put k w=3` meant as a value: say how it was read.
                let key = Words.quoted(args[0])
                throw .usage("put \(key) w=\(w): w=\(w) is read as the write quorum, which leaves no VALUE; quote a value that reads as an option: put \(key) \"w=\(w)\"")
            }
            try refuseOtherQuorum(in: args, expecting: 2, command: name, usage: usage)
            guard args.count == 2 else { throw .usage(usage + " (quote a key or value with spaces)") }
            return .put(key: try key(args[0]), value: try text(args[1]), via: options.via, w: options.quorum)
        case "get":
            let (options, args) = try requestOptions(words, quorumName: "r", usage: usage)
            try refuseOtherQuorum(in: args, expecting: 1, command: name, usage: usage)
            guard args.count == 1 else { throw .usage(usage + " (quote a key with spaces)") }
            return .get(key: try key(args[0]), via: options.via, r: options.quorum)
        case "delete":
            let (options, args) = try requestOptions(words, quorumName: "w", usage: usage)
            try refuseOtherQuorum(in: args, expecting: 1, command: name, usage: usage)
            guard args.count == 1 else { throw .usage(usage + " (quote a key with spaces)") }
            return .delete(key: try key(args[0]), via: options.via, w: options.quorum)
        case "join" where args.isEmpty:
            return .join(nil)
        case "kill", "restart", "wipe", "join", "leave":
            guard args.count == 1 else { throw .usage(usage) }
            let node = try nodeName(args[0])
            guard name != "join" || node.index <= Lab.maximumNodes else {
                throw .usage("cannot join \(node): the lab holds at most \(Lab.maximumNodes) nodes")
            }
            let commands: [String: (NodeID) -> Command] = [
                "kill": Command.kill, "restart": Command.restart, "wipe": Command.wipe, "join": { .join($0) }, "leave": Command.leave,
            ]
            return commands[name]!(node)
        case "cut":
            let link = try self.link(args, usage: usage)
            guard let link else { throw .usage(usage) }
            return .cut(from: link.from, to: link.to)
        case "loss":
            guard let first = args.first else { throw .usage(usage) }
            let rate = try percent(first, usage: usage)
            let link = try self.link(Array(args.dropFirst()), usage: usage)
            return .loss(rate, from: link?.from, to: link?.to)
        case "delay":
            guard args.count == 1 else { throw .usage(usage) }
            let bounds = args[0].components(separatedBy: "..")
            guard bounds.count <= 2, !args[0].contains("..."), !bounds.contains(where: \.isEmpty) else {
                throw .usage("delay \(args[0]): write one latency, like 50ms, or a range, like 20ms..200ms")
            }
            let low = try Duration.parse(bounds[0])
            let high = try bounds.count == 2 ? Duration.parse(bounds[1]) : low
            guard low <= high else { throw .usage("delay \(args[0]): the lower bound comes first, like 20ms..200ms") }
            guard high <= 60_000 else { throw .usage("delay \(args[0]): at most 60s per message") }
            return .delay(low...high)
        case "skew":
            guard args.count == 2 else { throw .usage(usage) }
            let node = try nodeName(args[0])
            var word = Substring(args[1])
            guard word.first != "±" else { throw .usage("skew \(args[0]) \(args[1]): give the sign, + or -, like +1s or -500ms") }
            let sign: Millis = word.first == "-" ? -1 : 1
            if word.first == "-" || word.first == "+" { word = word.dropFirst() }
            guard !word.isEmpty else { throw .usage("skew \(args[0]) \(args[1]): give the offset after the sign, like +1s or -500ms") }
            // No skew, with or without a unit: `0`, `+0s`, `0ms`.
            let digits = word.prefix { $0.isNumber || $0 == "." }
            if PlainNumber.value(digits) == 0, ["", "ms", "s", "m", "h"].contains(word.dropFirst(digits.count).lowercased()) {
                return .skew(node, 0)
            }
            do {
                return .skew(node, sign * (try Duration.parse(String(word))))
            } catch {
                // Said of the offset as typed, its sign included.
                throw .usage(error.description.replacingOccurrences(of: "'\(word)'", with: "'\(args[1])'"))
            }
        case "faults", "sync", "audit":
            guard args.isEmpty else { throw .usage(usage) }
            return ["faults": .faults, "sync": .sync, "audit": .audit][name]!
        case "history":
            guard args.count <= 1 else { throw .usage(usage) }
            guard let word = args.first else { return .history(20) }
            return .history(try count(word, usage: usage, range: 1...100_000))
        case "merkle":
            guard args.count == 2 else { throw .usage(usage) }
            let (a, b) = (try nodeName(args[0]), try nodeName(args[1]))
            guard a != b else { throw .usage("merkle compares two different nodes: \(usage)") }
            return .merkle(a, b)
        case "partition", "heal":
            // A `|` between sides, as the lab writes a partition, separates them as a space does.
            let named = args.filter { $0 != "|" }
            guard !named.isEmpty || (name == "heal" && args.isEmpty) else { throw .usage(usage) }
            return name == "heal" ? .heal(try sides(named)) : .partition(try sides(named))
        case "client":
            guard args.count <= 1 else { throw .usage(usage) }
            if let client = args.first {
                guard !client.isEmpty else { throw .usage("a client needs a name: \(usage)") }
                guard client.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
                    throw .usage("client names use letters, digits, - and _: \(usage)")
                }
            }
            return .client(args.first)
        case "focus", "versions":
            guard args.count == 1 else { throw .usage(usage) }
            return name == "focus" ? .focus(try key(args[0])) : .versions(try key(args[0]))
        case "save":
            guard args.count == 1, !args[0].isEmpty else { throw .usage(usage) }
            return .save(args[0])
        case "ring", "reset", "quit":
            guard args.isEmpty else { throw .usage(usage) }
            return ["ring": .ring, "reset": .reset, "quit": .quit][name]!
        case "nodes", "keys", "hints":
            guard args.count <= 1 else { throw .usage(usage) }
            let node = try args.first.map { (word) throws(LabError) in try nodeName(word) }
            return name == "nodes" ? .nodes(node) : name == "keys" ? .keys(node) : .hints(node)
        case "trace":
            // `all` before or after the count, once.
            let counts = args.filter { $0.lowercased() != "all" }
            let all = counts.count < args.count
            guard counts.count <= 1, args.count - counts.count <= 1 else { throw .usage(usage) }
            guard let word = counts.first else { return .trace(20, all: all) }
            return .trace(try count(word, usage: usage, range: 1...1_000), all: all)
        case "wait":
            if args.count == 2, ["ms", "s", "m", "h"].contains(args[1].lowercased()), (try? Duration.parse(args.joined())) != nil {
                throw .usage("wait \(args.joined(separator: " ")): write the duration as one word, as in wait \(args.joined())")
            }
            guard args.count == 1 else { throw .usage(usage) }
            return .wait(try Duration.parse(args[0]))
        case "step":
            guard args.count <= 1 else { throw .usage(usage) }
            return .step(try args.first.map { (word) throws(LabError) in try count(word, usage: usage, range: 1...100_000) } ?? 1)
        case "run":
            guard args.isEmpty else { throw .usage(usage) }
            return .run
        case "speed":
            guard args.count == 1 else { throw .usage(usage) }
            let word = args[0].lowercased().hasSuffix("x") ? String(args[0].dropLast()) : args[0]
            guard let speed = PlainNumber.value(word), (0.001...1_000).contains(speed) else {
                throw .usage("speed \(args[0]): expected a factor from 0.001 to 1000, like 0.1 or 2")
            }
            return .speed(speed)
        case "config":
            // Names alone show those settings; name=value pairs change them.
            if !args.isEmpty, args.allSatisfy({ !$0.contains("=") }) {
                let names = args.map { $0.lowercased() }
                if let unknown = names.first(where: { !Lab.settingNames.contains($0) }) { throw Lab.unknownSetting(unknown) }
                return .showConfig(names)
            }
            // Each value is checked here, so that a script is refused before it runs; how the
            // values fit the cluster is known only when they are applied.
            let changes = try args.map { (word) throws(LabError) in try setting(word, usage: usage) }
            var (settings, nodes, vnodes) = (NodeSettings(), 1, 1)
            try Lab.apply(changes, to: &settings, nodes: &nodes, vnodes: &vnodes)
            return .config(changes)
        case "seed":
            guard args.count == 1, let seed = UInt64(args[0]) else {
                throw .usage(usage + " (a whole number from 0 to \(UInt64.max))")
            }
            return .seed(seed)
        case "expect":
            return .expect(try ExpectationParser.parse(Array(words), usage: usage))
        case "pause":
            guard args.isEmpty else { throw .usage(usage) }
            return .pause
        case "help":
            // `help expect values` is help on expect, where every check is told; `help sloppy quorum`,
            // on a term of `help concepts`.
            let topic = args.first?.lowercased() == "expect" ? "expect" : args.joined(separator: " ")
            guard !topic.isEmpty else { return .help(nil) }
            if CommandHelp.text(of: topic.lowercased()) == nil {
                throw .usage("no help for '\(TextWidth.fit(topic, 40))'\(Suggestion.didYouMean(topic, among: CommandHelp.suggestedNames)): "
                             + "type help for the list of commands, help concepts for Dynamo's terms, help scripts on lessons")
            }
            return .help(topic.lowercased())
        case "say":
            // Quoted, the command's name is a word like any other: the caption is the rest.
            return .say(try caption(args.joined(separator: " ")))
        default:
            throw .usage("unknown command '\(name)': type help for the list of commands")
        }
    }

    /// `node1 -> node2` (or `node1->node2`); nil when there are no words.
    private static func link(_ words: [String], usage: String) throws(LabError) -> (from: NodeID, to: NodeID)? {
        let parts = words.joined(separator: " ").components(separatedBy: "->").map { $0.trimmingWhitespace }
        if words.isEmpty { return nil }
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            throw .usage("expected a link like node1 -> node2: \(usage)")
        }
        let (from, to) = (try nodeName(parts[0]), try nodeName(parts[1]))
        guard from != to else { throw .usage("a link joins two different nodes: \(usage)") }
        return (from, to)
    }

    /// A key or value: any text but control characters, which would print ambiguously, and
    /// formatting characters, which print as nothing (a zero-width space, a soft hyphen, a joiner
    /// between letters) or reorder what follows (a right-to-left override): two keys that differ
    /// only by one would look alike. The joiners inside emoji sequences and the tags of flag
    /// emoji, which change what is drawn, stay.
    private static func text(_ word: String) throws(LabError) -> String {
        let scalars = Array(try printable(word, what: "keys and values").unicodeScalars)
        for (index, scalar) in scalars.enumerated() where scalar.properties.generalCategory == .format {
            if !keptInEmoji(scalars, at: index) {
                throw .usage("keys and values cannot hold invisible formatting characters: found \(String.codePoint(scalar))")
            }
        }
        return word
    }

    /// A key: text as `text` allows, not empty, as a key shown as `""` is easily missed, and
    /// with no space but the plain one nor any character drawn as nothing (a no-break space, a
    /// variation selector on a letter, a Hangul filler, blank Braille), which would make it
    /// look like another key. Values may hold them: a value is never looked up.
    private static func key(_ word: String) throws(LabError) -> String {
        let key = try text(word)
        guard !key.isEmpty else { throw .usage("a key cannot be empty") }
        let scalars = Array(key.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            let properties = scalar.properties
            if (properties.isWhitespace && scalar != " ") || scalar.value == 0x2800
                || (properties.isDefaultIgnorableCodePoint && !keptInEmoji(scalars, at: index)) {
                throw .usage("keys cannot hold spaces other than the plain one, nor characters drawn as nothing: found \(String.codePoint(scalar))")
            }
        }
        return key
    }

    /// Whether the character at `index` is part of how an emoji is drawn: a joiner between two,
    /// a tag of a flag, or a presentation selector after one (a keycap's digit included).
    private static func keptInEmoji(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        let value = scalars[index].value
        if (0xE0020...0xE007F).contains(value) { return true }
        if value == 0xFE0E || value == 0xFE0F { return index > 0 && scalars[index - 1].properties.isEmoji }
        return value == 0x200D && index > 0 && index + 1 < scalars.count && isEmoji(scalars[index - 1]) && isEmoji(scalars[index + 1])
    }

    /// An emoji, or what may end one before a joiner (the emoji presentation selector); not the
    /// ASCII digits and signs that are emoji only in keycaps.
    private static func isEmoji(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value > 0x7F && (scalar.properties.isEmoji || scalar.value == 0xFE0F)
    }

    /// `text`, unless it holds control characters, which would print ambiguously.
    private static func printable(_ text: String, what: String) throws(LabError) -> String {
        if let control = text.unicodeScalars.first(where: { $0.properties.generalCategory == .control }) {
            throw .usage("\(what) cannot hold control characters: found \(String.codePoint(control))")
        }
        return text
    }

    /// `10%` as 0.1.
    private static func percent(_ word: String, usage: String) throws(LabError) -> Double {
        guard word.hasSuffix("%") else {
            let bare = PlainNumber.value(word).map { (0...100).contains($0) } ?? false
            throw .usage("\(word): expected a percentage from 0% to 100%" + (bare ? ", with its sign: \(word)%" : "; \(usage)"))
        }
        guard let value = PlainNumber.value(word.dropLast()), (0...100).contains(value) else {
            throw .usage("\(word): expected a percentage from 0% to 100%; \(usage)")
        }
        // What is shown is what was typed: a millionth of a percent is as fine as a rate goes.
        guard PlainNumber.decimals(word.dropLast()) <= 6 else {
            throw .usage("\(word): a percentage has at most six decimals, like 0.000001%")
        }
        return value / 100
    }

    /// Takes `via NODE` and `r=`/`w=` off the end of a request's words, unless quoted; returns
    /// them and the words before.
    private static func requestOptions(
        _ words: [Words.Word], quorumName: String, usage: String
    ) throws(LabError) -> (options: (via: NodeID?, quorum: Int?), rest: [String]) {
        var words = words
        var via: NodeID?
        var quorum: Int?
        while let last = words.last, !last.isQuoted {
            if last.text.lowercased().hasPrefix(quorumName + "="), words.count > 1 {
                guard quorum == nil else { throw .usage("\(quorumName)= given twice: \(usage)") }
                quorum = try quorumCount(String(last.text.dropFirst(2)), name: quorumName)
                words.removeLast()
            } else if words.count >= 3, !words[words.count - 2].isQuoted, words[words.count - 2].text.lowercased() == "via" {
                guard via == nil else { throw .usage("via given twice: \(usage)") }
                via = try nodeName(last.text)
                words.removeLast(2)
            } else {
                break
            }
        }
        // `put cart via` forgot the node; a value that is the word via is quoted.
        if words.count >= 2, let last = words.last, !last.isQuoted, last.text.lowercased() == "via" {
            throw .usage("via needs a node: \(usage) (a key or value that is the word via is quoted: \"via\")")
        }
        return ((via, quorum), words.map(\.text))
    }

    /// `put cart milk r=2`: the quorum of the other kind of request, one word too many, is
    /// named as such rather than refused with the usage alone.
    private static func refuseOtherQuorum(in args: [String], expecting count: Int, command: String, usage: String) throws(LabError) {
        let other = command == "get" ? "w" : "r"
        guard args.count == count + 1, let last = args.last, last.lowercased().hasPrefix(other + "=") else { return }
        let kind = command == "get" ? "a read's quorum is r" : "a write's quorum is w"
        throw .usage("\(last): \(kind), as in \(usage.dropFirst("usage: ".count))")
    }

    /// The text of `say`, as typed: the rest of the line, or the inside of one quoted string.
    /// A tab (pasted text has them) is a space; other control characters are refused.
    private static func caption(_ rest: String) throws(LabError) -> String {
        let rest = rest.trimmingWhitespace
        guard !rest.isEmpty else { throw .usage("usage: " + CommandHelp.spec(named: "say")!.usage) }
        var caption = rest
        if let first = rest.first, first == "\"" || first == "'", let words = try? Words.words(rest), words.count == 1 {
            caption = words[0].text
            guard !caption.trimmingWhitespace.isEmpty else { throw .usage("usage: " + CommandHelp.spec(named: "say")!.usage) }
        }
        return try printable(String(caption.map { $0 == "\t" ? " " : $0 }), what: "a caption")
    }

    /// `node3`, `n3` or `3`.
    static func nodeName(_ word: String) throws(LabError) -> NodeID {
        let lower = word.lowercased()
        let digits = lower.hasPrefix("node") ? lower.dropFirst(4) : lower.hasPrefix("n") ? lower.dropFirst(1) : Substring(lower)
        // Digits only: Int would also take a sign ("+1").
        let allDigits = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
        guard allDigits, let index = Int(digits), index >= 1 else {
            if allDigits, Int(digits) == nil {
                throw .usage("'\(word)' is beyond the largest cluster the lab holds: node1 to node\(Lab.maximumNodes)")
            }
            throw .usage("'\(word)' is not a node name: expected node1, n1 or 1")
        }
        return NodeID(index)
    }

    /// Sides of a partition: each a node or a comma-separated list; no node twice.
    static func sides(_ words: [String]) throws(LabError) -> [[NodeID]] {
        var seen = Set<NodeID>()
        var sides: [[NodeID]] = []
        for word in words {
            var side: [NodeID] = []
            for part in word.split(separator: ",", omittingEmptySubsequences: false) {
                guard !part.isEmpty else { throw .usage("empty node name in '\(word)': expected node1,node2") }
                let node = try nodeName(String(part))
                guard seen.insert(node).inserted else {
                    throw .usage("\(node) appears twice: each node belongs to one side")
                }
                side.append(node)
            }
            sides.append(side)
        }
        return sides
    }

    /// An `r=` or `w=` count: at least 1 here, so that a script with `r=0` stops before it runs;
    /// the lab checks it against N when it runs, as `validateQuorum` says, in the words `config`
    /// uses: `w=9: w must be from 1 to N, and N is 3`.
    private static func quorumCount(_ word: String, name: String) throws(LabError) -> Int {
        if let value = Int(word), value < 1 { throw .usage("\(name)=\(word): \(name) must be from 1 to N") }
        guard let value = Int(word) else {
            // Digits too many for a number are out of range too.
            let digits = word.hasPrefix("-") ? word.dropFirst() : Substring(word)
            let number = !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber }
            throw .usage("\(name)=\(word) is \(number ? "out of range" : "not a number"): \(name) must be from 1 to N")
        }
        return value
    }

    static func count(_ word: String, usage: String, range: ClosedRange<Int>) throws(LabError) -> Int {
        guard let value = Int(word), range.contains(value) else {
            let bound = range.upperBound == .max ? "at least \(range.lowerBound)" : "from \(range.lowerBound) to \(range.upperBound)"
            throw .usage("\(word): expected a whole number \(bound); \(usage)")
        }
        return value
    }

    private static func setting(_ word: String, usage: String) throws(LabError) -> Setting {
        let parts = word.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && !$0.contains(" ") }) else {
            throw .usage("'\(word)' is not name=value: \(usage)")
        }
        return Setting(name: parts[0].lowercased(), value: String(parts[1]))
    }
}
