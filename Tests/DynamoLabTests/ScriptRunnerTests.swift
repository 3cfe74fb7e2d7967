import Testing
@testable import DynamoLab

@Suite struct ScriptRunnerTests {
    func transcript(_ text: String, json: Bool = false) -> (ScriptRunner.Outcome, [String]) {
        var lines: [String] = []
        let outcome = ScriptRunner(json: json) { lines.append($0) }.run(Script(name: "t.dlab", text: text), in: Lab())
        return (outcome, lines)
    }

    @Test func aScriptWhoseExpectationsHoldPasses() {
        let (outcome, lines) = transcript("say \"hello\"\nput cart milk\nget cart\nexpect values cart milk\n")
        #expect(outcome == .passed)
        #expect(lines.contains("> put cart milk"))
        #expect(lines.contains("\nhello"))
        #expect(lines.last == "\n✓ all 1 expectation held")
    }

    @Test func aFailedExpectationGoesOnAndExitsOne() {
        let (outcome, lines) = transcript("put cart milk\nget cart\nexpect values cart eggs\nexpect ok\n")
        #expect(outcome == .expectationFailed)
        #expect(lines.contains { $0.hasPrefix("✗ expectation failed") })
        #expect(lines.last == "\n✗ 1 of 2 expectations failed")
    }

    @Test func anErrorStopsTheScriptNamingFileAndLine() {
        let (outcome, lines) = transcript("put cart milk\n\n# comment\nkill node99\nput cart eggs\n")
        #expect(outcome == .error)
        #expect(lines.last == "t.dlab:4: error: unknown node node99: expected node1..node5")
        #expect(!lines.contains("> put cart eggs"))
    }

    @Test func jsonModeWritesOneObjectPerCommand() {
        let (outcome, lines) = transcript("put cart milk\nbogus\n", json: true)
        #expect(outcome == .error)
        #expect(lines.count == 2)
        #expect(lines[1] == #"{"cmd":"bogus","ok":false,"error":"t.dlab:2: unknown command 'bogus': type help for the list of commands"}"#)
    }

    @Test func binaryOrMissingFilesAreRefused() throws {
        #expect(throws: LabError.self) { try Script.load(path: "/nonexistent/script.dlab") }
        let path = "/tmp/dynamo-lab-binary-\(UInt32.random(in: 0...UInt32.max)).dlab"
        FileManagerShim.write(path, bytes: [0x70, 0x75, 0x74, 0x00, 0xff])
        defer { FileManagerShim.remove(path) }
        #expect(throws: LabError.refused("\(path) is not a UTF-8 text script")) { try Script.load(path: path) }
    }
}
