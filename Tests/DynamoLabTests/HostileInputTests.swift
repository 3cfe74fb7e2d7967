import DynamoSim
import Foundation
import Testing
@testable import DynamoLab

/// Seeded streams of hostile lines: the parser never crashes or hangs, and a refused line never
/// changes the lab. `DYNAMO_FUZZ_LINES=5000000 swift test --filter HostileInput` runs longer.
@Suite struct HostileInputTests {
    static let lineCount = ProcessInfo.processInfo.environment["DYNAMO_FUZZ_LINES"].flatMap(Int.init) ?? 200_000

    /// Words that poke at every corner of the grammar.
    static let pieces: [String] = CommandHelp.specs.map(\.name) + [
        "node0", "node1", "n3", "3", "node99999999999999999999999", "-1", "nodé", "NODE2", "node", "n", "",
        "0", "1e400", "nan", "inf", "-0", "18446744073709551616", "9223372036854775807",
        "0ms", "5y", "-5s", "1e309s", "1.5s", "..", "1ms..", "..9ms", "10ms..1ms", "%", "101%", "-1%", "0.5%",
        "w=", "w=0", "r=99", "w=-3", "=", "n=", "clocks=", "conflicts=lww", "nodes=0", "via", "via via", "->", "-> ->",
        ",", ",,", "node1,", ",node2", "node1,node1", "\"", "'", "\"unterminated", "'x", "\\", "\\\"", "#", "# comment",
        "🛒", "نود", "e\u{301}", "\u{0}", "\u{7}", "\t", "\u{202E}", "\u{FEFF}", String(repeating: "x", count: 10_000),
        "values", "siblings", "hints", "keys", "view", "views", "agree", "lost", "divergent", "misplaced", "ok", "fail", "up", "down",
    ]

    static func line(_ random: inout SimRandom) -> String {
        let count = Int.random(in: 0...6, using: &random)
        let separators = [" ", "  ", "\t", " \u{3000} "]
        return (0..<count).map { _ in pieces[Int.random(in: 0..<pieces.count, using: &random)] }
            .joined(separator: separators[Int.random(in: 0..<separators.count, using: &random)])
    }

    @Test func theParserSurvivesHostileLines() {
        var random = SimRandom(seed: 2026, stream: "hostile")
        var parsed = 0, refused = 0
        for _ in 0..<Self.lineCount {
            do {
                if try CommandParser.parse(Self.line(&random)) != nil { parsed += 1 }
            } catch {
                refused += 1
                #expect(!error.description.isEmpty && !error.description.contains("\n"))
            }
        }
        #expect(parsed > 0 && refused > 0, "the generator reaches both outcomes")
    }

    /// A state with something in every part the fingerprint covers: two clients with
    /// contexts, saved reads, a focus, a dead node, a partition, a one-way cut, loss on a link,
    /// a latency range, a skewed clock, a changed setting and the live clock paused.
    static let setup = [
        "put cart milk", "get cart", "client alice", "put list eggs", "get list", "kill node2",
        "partition node1 node3", "cut node4 -> node5", "loss 10% node5 -> node1", "delay 2ms..20ms",
        "skew node3 +250ms", "config handoff=2s", "speed 2", "pause", "focus cart",
    ]

    static func preparedLab() -> Lab {
        let lab = Lab()
        for line in setup {
            let result = lab.execute(line)
            precondition(result?.status == .ok, "setup line refused: \(line)")
        }
        return lab
    }

    /// A hostile `save` line aimed into `directory`: the rest of the line follows the
    /// directory's path, so quoting and arity stay hostile, but the path can only name a
    /// file inside it (or the directory itself, which cannot be written). Nil when even so the
    /// path would leave it (a `..`).
    static func confined(_ line: String, to directory: String) -> String? {
        guard let range = line.range(of: "save", options: .caseInsensitive) else { return nil }
        let rewritten = "save " + Words.quoted(directory + "/") + line[range.upperBound...]
        if case .save(let path)? = try? CommandParser.parse(rewritten) {
            let resolved = URL(fileURLWithPath: path).standardizedFileURL.path
            let inside = resolved == directory
                || resolved.hasPrefix(directory + "/") && !resolved.dropFirst(directory.count + 1).contains("/")
            guard inside else { return nil }
        }
        return rewritten
    }

    @Test func refusedLinesNeverChangeTheLab() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        defer { try? FileManager.default.removeItem(atPath: directory) }

        var lab = Self.preparedLab()
        var random = SimRandom(seed: 7, stream: "hostile-run")
        var executed = 0
        var refusedCommands = Set<String>()
        for index in 0..<Self.lineCount / 40 {
            var line = Self.line(&random)
            let first = (try? Words.split(line))?.first?.lowercased()
            if first == "save" {
                guard let confined = Self.confined(line, to: directory) else { continue }
                line = confined
            }
            // Accepted lines may reset or heal the state; set it up afresh now and then, so
            // refused lines keep meeting a lab with something to lose.
            if index % 500 == 0 { lab = Self.preparedLab() }
            let before = fingerprint(lab)
            guard let result = lab.execute(line) else { continue }
            executed += 1
            guard result.status == .rejected else { continue }
            refusedCommands.insert(first ?? "")
            #expect(fingerprint(lab) == before, "\(line.prefix(80))")
            #expect(!result.text.contains("\n"))
        }
        #expect(executed > 1_000)
        for command in ["config", "seed", "save", "wait", "step", "reset", "join", "speed"] {
            #expect(refusedCommands.contains(command), "hostile \(command) lines are refused and checked")
        }
    }
}
