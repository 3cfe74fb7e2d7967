import Foundation

/// A script file: lines of the command language, read whole and checked to be text.
public struct Script: Sendable {
    /// Scripts larger than this are refused: no lesson is near it, and a 1 MB value still fits.
    public static let maximumBytes = 16 << 20

    public let name: String
    public let lines: [String]

    /// Lines end with LF, CRLF (in Swift "\r\n" is a single Character) or a lone CR, as old
    /// Mac files have them; the end of the last line ends the text, rather than starting an
    /// empty line after it.
    public init(name: String, text: String) {
        self.name = name
        var lines = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.map(String.init)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    /// What keeps the script from running, each placed as `name:line` or, for the whole file,
    /// as `name`: every line that does not parse, with the refusal running it would get, so
    /// that one reading fixes them all; a `quit` that commands follow, which would leave them
    /// unrun, expectations and all, and a lesson passing that should not; or no command at
    /// all, which would pass having checked nothing, as a truncated or mistyped file would. A
    /// script is checked whole before any of it runs, so that a typo near its end does not
    /// stop a lesson halfway through; what only running can tell (a node the cluster lacks) is
    /// still found where it runs.
    public var problems: [(place: String, rejection: CommandResult)] {
        var problems: [(place: String, rejection: CommandResult)] = []
        var quitLine: Int?
        var commands = 0
        for (index, line) in lines.enumerated() {
            let command: Command?
            do {
                command = try CommandParser.parse(line)
            } catch {
                problems.append(("\(name):\(index + 1)", Lab.rejected(line, error)))
                continue
            }
            guard command != nil else { continue }
            commands += 1
            if let quitLine {
                problems.append(("\(name):\(quitLine)", .rejected("quit", .usage("quit ends the script here, but line \(index + 1) follows it: "
                                                                                  + "remove the quit or the lines after it"))))
                break
            }
            if case .quit? = command { quitLine = index + 1 }
        }
        guard commands == 0, problems.isEmpty else { return problems }
        return [(name, .rejected("script", .refused("no commands to run, only blank lines and comments: a script that checks nothing would pass")))]
    }

    /// Reads `path`, refusing what is missing, a directory, too large, or not UTF-8 text.
    public static func load(path: String) throws(LabError) -> Script {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw .refused("cannot read script \(path): it is a directory")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw .refused("cannot read script \(path): no such file or not readable")
        }
        defer { try? handle.close() }
        let data: Data
        do {
            data = try handle.read(upToCount: maximumBytes + 1) ?? Data()
        } catch {
            throw .refused("cannot read script \(path): \(error.localizedDescription)")
        }
        guard data.count <= maximumBytes else {
            throw .refused("\(path) is larger than \(maximumBytes >> 20) MB: not a script")
        }
        if let nul = data.firstIndex(of: 0) {
            // Lines counted as `init` splits them: at LF, and at a CR that no LF follows.
            let (lf, cr) = (UInt8(ascii: "\n"), UInt8(ascii: "\r"))
            let ends = data[..<nul].indices.filter { data[$0] == lf || data[$0] == cr && data[$0 + 1] != lf }
            throw .refused("\(path) holds a NUL byte on line \(ends.count + 1): not a text script")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .refused("\(path) is not a UTF-8 text script") }
        return Script(name: path, text: text)
    }
}

/// Runs a script headless against a lab and writes its transcript.
public struct ScriptRunner {
    /// Exit codes of `--script`.
    public enum Outcome: Int32, Sendable {
        case passed = 0
        case expectationFailed = 1
        case error = 2
    }

    public let json: Bool
    public let write: (String) -> Void
    /// Where the text of a refused line goes, the one error that stops a run (standard error,
    /// as a compiler's are): in JSON too, where its record stays in `write`'s stream. Nil: to
    /// `write`, in text only.
    public let diagnose: ((String) -> Void)?

    public init(json: Bool, write: @escaping (String) -> Void, diagnose: ((String) -> Void)? = nil) {
        self.json = json
        self.write = write
        self.diagnose = diagnose
    }

    /// Runs `script` after checking that every line of it parses; lines that do not stop it
    /// before anything runs, each reported.
    public func run(_ script: Script, in lab: Lab) -> Outcome {
        let problems = script.problems
        guard problems.isEmpty else {
            for (place, rejection) in problems { report(rejection, at: place) }
            return .error
        }
        var checks = 0, failures = 0
        for (index, line) in script.lines.enumerated() {
            guard let result = lab.execute(line) else { continue }
            let place = "\(script.name):\(index + 1)"
            if json {
                report(result, at: place)
            } else if result.command == "pause", result.status != .rejected {
                continue
            } else if result.command == "say", result.status != .rejected {
                write("\n" + result.text)
            } else {
                // Every line the transcript shows is echoed, the one that stopped the run too.
                write("> " + line.trimmingWhitespace)
                if !result.text.isEmpty { report(result, at: place) }
            }
            if result.status == .rejected { return .error }
            if result.command == "expect" {
                checks += 1
                if result.status == .expectationFailed { failures += 1 }
            }
            if result.quits { break }
        }
        if !json, let summary = Self.summary(checks: checks, failures: failures) { write("\n" + summary) }
        return failures == 0 ? .passed : .expectationFailed
    }

    /// Writes `result` of the line at `place` (`CommandResult.placed(at:)`): a refusal's text
    /// to `diagnose`, and in JSON its record to `write` as well.
    private func report(_ result: CommandResult, at place: String) {
        let placed = result.placed(at: place)
        if json {
            write(placed.json.rendered)
            if result.status == .rejected, let diagnose { diagnose(placed.text) }
        } else if result.status == .rejected {
            (diagnose ?? write)(placed.text)
        } else {
            write(placed.text)
        }
    }

    /// The last line of a run: `✓ all 3 expectations held` or `✗ 1 of 3 expectations failed`;
    /// nil when nothing was checked.
    public static func summary(checks: Int, failures: Int) -> String? {
        guard checks > 0 else { return nil }
        let counted = Display.plural(checks, "expectation")
        guard failures == 0 else { return "✗ \(failures) of \(counted) failed" }
        return checks == 1 ? "✓ the one expectation held" : "✓ all \(counted) held"
    }
}
