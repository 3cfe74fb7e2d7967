import Foundation
import Testing
import DynamoCore
import DynamoSim
@testable import DynamoLab

/// Every lesson in demos/ is also a test: its expectations hold, and it runs byte for byte the
/// same twice.
@Suite struct DemoTests {
    static let demos: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("demos")

    static var lessons: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: demos.path)) ?? [])
            .filter { $0.hasSuffix(".dlab") }.sorted()
    }

    func transcript(_ name: String, json: Bool = false, seed: UInt64 = 1, in config: ClusterConfig? = nil) throws -> (ScriptRunner.Outcome, String) {
        let script = try Script.load(path: Self.demos.appendingPathComponent(name).path)
        var output: [String] = []
        let outcome = ScriptRunner(json: json) { output.append($0) }.run(script, in: Lab(config: config ?? ClusterConfig(seed: seed)))
        return (outcome, output.joined(separator: "\n"))
    }

    static let readme: URL = demos.deletingLastPathComponent().appendingPathComponent("README.md")

    /// The lessons named in the first column of README.md's Lessons table, in table order.
    static func lessonsInTheReadme() throws -> [String] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let heading = lines.firstIndex(of: "## Lessons") else { return [] }
        let section = lines[(heading + 1)...].prefix { !$0.hasPrefix("## ") }
        return section.filter { $0.hasPrefix("|") }.compactMap { row in
            let first = row.split(separator: "|").first?.trimmingCharacters(in: .whitespaces) ?? ""
            guard first.hasPrefix("`demos/"), first.hasSuffix("`") else { return nil }
            return String(first.dropFirst("`demos/".count).dropLast())
        }
    }

    @Test func everyLessonInTheReadmeExistsAndEveryLessonIsInTheReadme() throws {
        let listed = try Self.lessonsInTheReadme()
        #expect(!listed.isEmpty, "README.md has a Lessons table naming demos/*.dlab")
        #expect(Set(listed).count == listed.count, "no lesson is listed twice")
        for name in listed {
            #expect(Self.lessons.contains(name), "README.md lists \(name), which is not in demos/")
        }
        for name in Self.lessons {
            #expect(listed.contains(name), "demos/\(name) is missing from README.md's Lessons table")
        }
    }

    /// A lesson starts with its cluster, `config nodes=5 vnodes=8 n=3 r=2 w=2` then `seed 1`, as a
    /// saved session does: a lab started from another seed, or with other nodes and quorums
    /// (`--seed 7 --nodes 3 --vnodes 2 --n 2 --r 1 --w 1`), plays it the same from its seed on.
    @Test(arguments: DemoTests.lessons)
    func lessonPlaysTheSameWhateverClusterTheLabStartedWith(_ name: String) throws {
        func fromSeed(_ text: String) -> Substring { text[(text.range(of: "> seed 1\n")?.lowerBound ?? text.endIndex)...] }
        let reference = fromSeed(try transcript(name).1)
        #expect(!reference.isEmpty)
        var settings = NodeSettings()
        (settings.n, settings.r, settings.w) = (2, 1, 1)
        for config in [ClusterConfig(seed: 7), ClusterConfig(seed: 7, nodeCount: 3, vnodes: 2, settings: settings)] {
            let (outcome, other) = try transcript(name, in: config)
            #expect(outcome == .passed, "\(name):\n\(other)")
            #expect(fromSeed(other) == reference)
        }
    }

    @Test(arguments: DemoTests.lessons)
    func lessonPassesAndIsDeterministic(_ name: String) throws {
        let (outcome, first) = try transcript(name)
        #expect(outcome == .passed, "\(name):\n\(first)")
        // A caption is shown as its text on a line of its own, never echoed as a command.
        let script = try Script.load(path: Self.demos.appendingPathComponent(name).path)
        let transcriptLines = first.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!transcriptLines.contains { $0.lowercased().hasPrefix("> say") }, "\(name) echoes a caption as a command")
        var expectations = 0
        for line in script.lines {
            switch try CommandParser.parse(line) {
            case .say(let caption)?:
                let captionLines = caption.split(separator: "\n", omittingEmptySubsequences: false)
                #expect(transcriptLines.contains(captionLines[0]), "\(name) does not show the caption: \(caption)")
            case .expect?:
                expectations += 1
            default:
                break
            }
        }
        #expect(transcriptLines.last == "✓ all \(Display.plural(expectations, "expectation")) held", "\(name) ends with every expectation held")
        let (_, second) = try transcript(name)
        #expect(first == second)
        let (_, json) = try transcript(name, json: true)
        let (_, jsonAgain) = try transcript(name, json: true)
        #expect(json == jsonAgain)
    }
}
