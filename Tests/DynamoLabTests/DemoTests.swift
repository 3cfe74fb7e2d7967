import Foundation
import Testing
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

    func transcript(_ name: String, json: Bool = false) throws -> (ScriptRunner.Outcome, String) {
        let script = try Script.load(path: Self.demos.appendingPathComponent(name).path)
        var output: [String] = []
        let outcome = ScriptRunner(json: json) { output.append($0) }.run(script, in: Lab())
        return (outcome, output.joined(separator: "\n"))
    }

    @Test func theCoreLessonsExist() {
        for name in ["01-quorum.dlab", "02-sloppy-quorum.dlab", "03-siblings.dlab", "04-shopping-cart.dlab"] {
            #expect(Self.lessons.contains(name))
        }
    }

    @Test(arguments: DemoTests.lessons)
    func lessonPassesAndIsDeterministic(_ name: String) throws {
        let (outcome, first) = try transcript(name)
        #expect(outcome == .passed, "\(name):\n\(first)")
        #expect(first.contains("say") == false && first.contains("✓"))
        let (_, second) = try transcript(name)
        #expect(first == second)
        let (_, json) = try transcript(name, json: true)
        let (_, jsonAgain) = try transcript(name, json: true)
        #expect(json == jsonAgain)
    }
}
