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
        "values", "siblings", "hints", "keys", "view", "views", "agree", "lost", "divergent", "ok", "fail", "up", "down",
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

    @Test func refusedLinesNeverChangeTheLab() {
        let lab = Lab()
        for line in ["put cart milk", "get cart", "kill node2", "partition node1 node3", "put list eggs"] { _ = lab.execute(line) }
        var random = SimRandom(seed: 7, stream: "hostile-run")
        let slow: Set<String> = ["wait", "step", "sync", "seed", "reset", "config", "save", "quit", "join", "run", "speed", "pause"]
        var executed = 0
        for _ in 0..<Self.lineCount / 40 {
            let line = Self.line(&random)
            guard let first = (try? Words.split(line))?.first?.lowercased(), !slow.contains(first) else { continue }
            let before = fingerprint(lab)
            guard let result = lab.execute(line) else { continue }
            executed += 1
            if result.status == .rejected {
                #expect(fingerprint(lab) == before, "\(line.prefix(80))")
                #expect(!result.text.contains("\n"))
            }
        }
        #expect(executed > 1_000)
    }
}
