import Foundation
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
        #expect(lines.last == "\n✓ the one expectation held")
    }

    @Test func aFailedExpectationGoesOnAndExitsOne() {
        let (outcome, lines) = transcript("put cart milk\nget cart\nexpect values cart eggs\nexpect ok\n")
        #expect(outcome == .expectationFailed)
        #expect(lines.contains("t.dlab:3: ✗ expectation failed: cart read as milk, expected eggs"), "\(lines)")
        #expect(lines.last == "\n✗ 1 of 2 expectations failed")
    }

    /// A failed expectation says where it is, as an error does: two alike are told apart.
    @Test func aFailedExpectationNamesItsLine() {
        let (outcome, failing) = transcript("expect hints 1\nput cart milk\nexpect hints 1\n")
        #expect(outcome == .expectationFailed)
        #expect(failing.filter { $0.contains("expectation failed") }.map { $0.prefix(9) } == ["t.dlab:1:", "t.dlab:3:"])
        let (_, json) = transcript("put cart milk\nexpect hints 1\n", json: true)
        #expect(json.last?.contains(#""error":"t.dlab:2: the cluster holds 0 hints, expected 1""#) == true, "\(json)")
    }

    /// Every line is parsed before any runs: a typo near the end stops the script at once,
    /// naming its line, and the cluster is left untouched.
    @Test func aLineThatDoesNotParseStopsTheScriptBeforeAnythingRuns() {
        let lab = Lab()
        var lines: [String] = []
        let script = Script(name: "t.dlab", text: "say \"hello\"\nput cart milk\n# fine\nkil node3\nput cart eggs\n")
        let outcome = ScriptRunner(json: false) { lines.append($0) }.run(script, in: lab)
        #expect(outcome == .error)
        #expect(lines == ["t.dlab:4: error: unknown command 'kil' (did you mean kill?): type help for the list of commands"])
        #expect(lab.cluster.history.isEmpty)
        #expect(script.problems.first?.place == "t.dlab:4")
        #expect(Script(name: "t.dlab", text: "put cart milk\nkill node9\n").problems.isEmpty,
                "a node the cluster lacks is found only when the line runs")
    }

    /// Every line that does not parse is reported, in order, so that one reading of the
    /// errors fixes the script; nothing runs.
    @Test func everyLineThatDoesNotParseIsReportedAtOnce() {
        let lab = Lab()
        var lines: [String] = []
        let script = Script(name: "t.dlab", text: "put cart milk\nexpect hints node1\nkil node3\nget cart\nwait 5y\n")
        #expect(ScriptRunner(json: false) { lines.append($0) }.run(script, in: lab) == .error)
        #expect(lines.map { $0.prefix(9) } == ["t.dlab:2:", "t.dlab:3:", "t.dlab:5:"], "\(lines)")
        #expect(lab.cluster.history.isEmpty)
    }

    /// A setting's value is checked on its own before the script runs, as any other line is:
    /// an unknown name, a malformed or out-of-range value, one given twice. Whether the values
    /// fit the cluster (r against the n an earlier line set) is found only where the line runs.
    @Test(arguments: [("config nodes=bogus", "nodes=bogus: expected a whole number from 1 to 1000"),
                      ("config x", "unknown setting 'x'"), ("config clocks=foo", "clocks=foo: expected clocks=dvv or clocks=vv"),
                      ("config n=0", "n=0: expected a whole number from 1 to 64"), ("config timeout=25h", "timeout=25h: '25h' is out of range"),
                      ("config n=2 n=3", "n is given twice"), ("config gosip", "unknown setting 'gosip' (did you mean gossip?)")])
    func aBadSettingStopsTheScriptBeforeAnythingRuns(line: String, error: String) throws {
        let script = Script(name: "t.dlab", text: "config nodes=7\nput cart milk\n\(line)\n")
        let problem = try #require(script.problems.first, "\(line)")
        #expect(problem.place == "t.dlab:3" && problem.rejection.text.contains(error), "\(problem.rejection.text)")
    }

    @Test func settingsThatFitOnlyTheClusterAnEarlierLineBuiltPassTheCheck() {
        #expect(Script(name: "t.dlab", text: "config n=5 nodes=7\nconfig r=5 w=5\nconfig gossip=2s\n").problems.isEmpty)
    }

    /// A `quit` with commands after it would leave them unrun, and a lesson whose later
    /// expectations would fail passing: the script is refused before it starts. A last `quit`,
    /// or one that only blank lines and comments follow, is fine.
    @Test func aQuitThatCommandsFollowIsRefusedBeforeAnythingRuns() {
        let lab = Lab()
        var lines: [String] = []
        let script = Script(name: "t.dlab", text: "put cart milk\nquit\n\n# the end\nexpect values cart eggs\n")
        #expect(ScriptRunner(json: false) { lines.append($0) }.run(script, in: lab) == .error)
        #expect(lines == ["t.dlab:2: error: quit ends the script here, but line 5 follows it: remove the quit or the lines after it"])
        #expect(lab.cluster.history.isEmpty)
        let (outcome, ended) = transcript("put cart milk\nquit\n# the end\n\n")
        #expect(outcome == .passed)
        #expect(ended.suffix(2) == ["> quit", "bye"], "\(ended)")
    }

    /// A script of no commands, only blank lines and comments, would pass having checked
    /// nothing, as an emptied or mistyped file would: it is an error naming the file.
    @Test func aScriptWithoutCommandsIsAnError() {
        for text in ["", "\n\n", "# only a comment\n  # another\n"] {
            let (outcome, lines) = transcript(text)
            #expect(outcome == .error)
            #expect(lines == ["t.dlab: error: no commands to run, only blank lines and comments: a script that checks nothing would pass"],
                    "\(lines)")
        }
        #expect(Script(name: "t.dlab", text: "# one command\nsay hi\n").problems.isEmpty)
    }

    /// A refusal goes to `diagnose` (standard error) in JSON too, its record staying in the
    /// JSON stream; without a `diagnose`, the text stream takes it once.
    @Test func aRefusalIsDiagnosedInJSONToo() {
        var written: [String] = [], diagnosed: [String] = []
        let script = Script(name: "t.dlab", text: "put cart milk\nkill node1\nkill node1\n")
        let runner = ScriptRunner(json: true, write: { written.append($0) }, diagnose: { diagnosed.append($0) })
        #expect(runner.run(script, in: Lab()) == .error)
        #expect(diagnosed == ["t.dlab:3: error: node1 is already down"])
        #expect(written.last?.contains(#""error":"t.dlab:3: node1 is already down""#) == true, "\(written)")
        let (_, text) = transcript("kill node1\nkill node1\n")
        #expect(text.filter { $0.contains("already down") } == ["t.dlab:2: error: node1 is already down"])
    }

    @Test func anErrorStopsTheScriptNamingFileAndLine() {
        let (outcome, lines) = transcript("put cart milk\n\n# comment\nkill node99\nput cart eggs\n")
        #expect(outcome == .error)
        #expect(lines.last == "t.dlab:4: error: unknown node node99: expected node1..node5")
        #expect(!lines.contains("> put cart eggs"))
    }

    @Test func aRequestToADownNodeFailsAndTheScriptGoesOn() {
        let (outcome, lines) = transcript("kill node2\nput cart x via node2\nexpect fail\nput cart y\nexpect ok\n")
        #expect(outcome == .passed)
        #expect(lines.contains("put cart: failed: node2 is down: a client cannot reach it"))
        #expect(lines.contains("> put cart y"))
        let (_, json) = transcript("kill node2\nput cart x via node2\n", json: true)
        #expect(json.last == #"{"cmd":"put","ok":false,"error":"node2 is down: a client cannot reach it","key":"cart","client":"client1"}"#)
    }

    @Test func aRequestWithNoNodeUpFails() {
        let (outcome, lines) = transcript("kill 1\nkill 2\nkill 3\nkill 4\nkill 5\nput cart x\nexpect fail\nget cart\nexpect fail\n")
        #expect(outcome == .passed)
        #expect(lines.contains("put cart: failed: no node is up to take a request for cart"))
        #expect(lines.contains("get cart: failed: no node is up to take a request for cart"))
    }

    @Test func crlfAndLfLinesAreSplitAlike() {
        let script = Script(name: "t.dlab", text: "say hi\r\nsay there\r\n\r\nkill node9\nsay never\n")
        #expect(script.lines == ["say hi", "say there", "", "kill node9", "say never"])
        let (outcome, lines) = transcript("say hi\r\nsay there\r\nkill node9\r\n")
        #expect(outcome == .error)
        #expect(lines == ["\nhi", "\nthere", "> kill node9", "t.dlab:3: error: unknown node node9: expected node1..node5"])
    }

    /// The end of the last line ends the file: it does not start an empty line after it, so a
    /// replay counts the lines an editor shows.
    @Test func aFinalLineEndStartsNoLine() {
        #expect(Script(name: "t", text: "put a 1\nget a\n").lines == ["put a 1", "get a"])
        #expect(Script(name: "t", text: "put a 1\nget a").lines == ["put a 1", "get a"])
        #expect(Script(name: "t", text: "put a 1\n\n").lines == ["put a 1", ""])
        #expect(Script(name: "t", text: "").lines == [""])
    }

    @Test func aDirectoryIsNotAScript() {
        let folder = FileManager.default.temporaryDirectory.path
        #expect(throws: LabError.refused("cannot read script \(folder): it is a directory")) { try Script.load(path: folder) }
    }

    @Test func jsonModeWritesOneObjectPerCommand() {
        let (outcome, lines) = transcript("put cart milk\nget cart\n", json: true)
        #expect(outcome == .passed)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.hasPrefix(#"{"cmd":"#) && $0.hasSuffix("}") })
        let (refused, refusal) = transcript("put cart milk\nbogus\n", json: true)
        #expect(refused == .error)
        #expect(refusal == [#"{"cmd":"bogus","ok":false,"error":"t.dlab:2: unknown command 'bogus': type help for the list of commands"}"#])
    }

    @Test func binaryOrMissingFilesAreRefused() throws {
        #expect(throws: LabError.self) { try Script.load(path: "/nonexistent/script.dlab") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("dynamo-lab-binary-\(UInt32.random(in: 0...UInt32.max)).dlab").path
        FileManagerShim.write(path, bytes: [0x70, 0x75, 0x74, 0x00, 0xff])
        defer { FileManagerShim.remove(path) }
        #expect(throws: LabError.refused("\(path) holds a NUL byte on line 1: not a text script")) { try Script.load(path: path) }
        FileManagerShim.write(path, bytes: Array("put cart milk\nget cart\n".utf8) + [0x70, 0x75, 0x74, 0xff])
        #expect(throws: LabError.refused("\(path) is not a UTF-8 text script")) { try Script.load(path: path) }
        FileManagerShim.write(path, bytes: Array("put cart milk\nget cart\nput".utf8) + [0x00])
        #expect(throws: LabError.refused("\(path) holds a NUL byte on line 3: not a text script")) { try Script.load(path: path) }
        FileManagerShim.write(path, bytes: Array("put a b\rget a\r\nput".utf8) + [0x00])
        #expect(throws: LabError.refused("\(path) holds a NUL byte on line 3: not a text script"), "lone CR and CRLF end lines") {
            try Script.load(path: path)
        }
    }

    /// Old Mac files end their lines with a lone CR: each is a line, counted as such.
    @Test func linesMayEndWithALoneCarriageReturn() {
        let script = Script(name: "t.dlab", text: "put cart milk\rget cart\r\nkil node1\r")
        #expect(script.lines == ["put cart milk", "get cart", "kil node1"])
        #expect(script.problems.first?.place == "t.dlab:3")
        let (outcome, lines) = transcript("put cart milk\rget cart\rexpect values cart milk\r")
        #expect(outcome == .passed, "\(lines)")
    }
}
