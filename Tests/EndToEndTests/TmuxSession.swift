import Foundation
import Testing

/// The real `dynamo-lab` binary running in a tmux pane, driven as a person would drive it:
/// keys in, the screen read back with `capture-pane`.
///
/// Each session runs on its own tmux server, whose socket lives in the session's own
/// temporary directory, and is killed on `close()`. The binary runs inside a small shell script that saves `stty -a` before and
/// after it and its exit status, so a test can prove the terminal was restored; the script
/// outlives a ^C that the terminal sends as SIGINT, as an interactive shell does.
final class TmuxSession {
    /// True when `tmux` can be run: the visualizer tests skip without it.
    static let available: Bool = (try? run("tmux", ["-V"]).status) == 0

    /// The `dynamo-lab` executable next to this test bundle in the build directory, or the
    /// one named by `DYNAMO_LAB_BINARY`. The tests build nothing themselves.
    static let binary: String? = {
        let fileManager = FileManager.default
        if let named = ProcessInfo.processInfo.environment["DYNAMO_LAB_BINARY"], fileManager.isExecutableFile(atPath: named) {
            return named
        }
        var starts = Bundle.allBundles.map(\.bundleURL)
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        starts.append(URL(fileURLWithPath: CommandLine.arguments[0]))
        starts.append(URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath())
        for start in starts {
            var directory = start.standardizedFileURL.deletingLastPathComponent()
            for _ in 0..<5 {
                let candidate = directory.appendingPathComponent("dynamo-lab").path
                var isDirectory: ObjCBool = false
                if fileManager.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                   fileManager.isExecutableFile(atPath: candidate) {
                    return candidate
                }
                directory = directory.deletingLastPathComponent()
            }
        }
        return nil
    }()

    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dynamo-lab-test-\(UUID().uuidString.prefix(8))")
    private var socket: String { directory.appendingPathComponent("tmux").path }
    private var closed = false

    /// Starts `dynamo-lab` with `arguments` in a `width`×`height` pane, in the session's folder
    /// holding `files` (name and text); `environment` is added to the program's environment.
    ///
    /// With `jobControl`, the program is started from an interactive bash instead, whose job
    /// control ^Z stops it for; the test then types what comes after (`fg`, and
    /// `echo $? > status; stty -a > stty-after` for `waitForExit` and `terminalSettings`).
    /// With `standardOutput`, the program's standard output goes to that file of the session's
    /// folder rather than to the pane.
    init(arguments: [String] = [], width: Int = 120, height: Int = 40, environment: [String: String] = [:],
         files: [String: String] = [:], jobControl: Bool = false, standardOutput: String? = nil) throws {
        guard let binary = Self.binary else { throw Failure("the dynamo-lab binary was not found next to the tests") }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let exports = environment.sorted { $0.key < $1.key }.map { "export \($0.key)=\(Self.quote($0.value))\n" }.joined()
        if jobControl {
            try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "lab", "-x", "\(width)", "-y", "\(height)",
                      "bash --norc --noprofile -i"])
            try enter(exports.replacingOccurrences(of: "\n", with: "; ") + "cd \(Self.quote(directory.path)) && stty -a > stty-before && "
                      + ([binary] + arguments).map(Self.quote).joined(separator: " "))
            return
        }
        let script = """
            cd \(Self.quote(directory.path))
            trap : INT
            \(exports)stty -a > stty-before
            sh -c 'echo $$ > pid; exec "$0" "$@"' \(([binary] + arguments).map(Self.quote).joined(separator: " "))\(standardOutput.map { " > " + Self.quote($0) } ?? "")
            echo $? > status
            stty -a > stty-after
            sleep 600
            """
        try script.write(to: directory.appendingPathComponent("run.sh"), atomically: true, encoding: .utf8)
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "lab", "-x", "\(width)", "-y", "\(height)",
                  "sh \(Self.quote(directory.appendingPathComponent("run.sh").path))"])
    }

    /// Starts `dynamo-lab --replay lesson.dlab`, the lesson's text written in the session's
    /// folder and removed with it.
    convenience init(replaying lesson: String, width: Int = 120, height: Int = 40) throws {
        try self.init(arguments: ["--replay", "lesson.dlab"], width: width, height: height, files: ["lesson.dlab": lesson])
    }

    deinit { close() }

    /// Kills the session (its server then exits) and removes its files.
    func close() {
        guard !closed else { return }
        closed = true
        // `kill-server` alone can leave the server up while the pane's shell lingers.
        _ = try? Self.run("tmux", ["-S", socket, "kill-session", "-t", "lab"])
        _ = try? Self.run("tmux", ["-S", socket, "kill-server"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// Types `text` literally.
    func type(_ text: String) throws { try tmux(["send-keys", "-t", "lab", "-l", text]) }

    /// Presses keys by tmux name: `Enter`, `Tab`, `Up`, `C-r`, `NPage`...
    func press(_ keys: String...) throws { try tmux(["send-keys", "-t", "lab"] + keys) }

    /// Pastes `text` as a terminal paste brings it, all at once: for text longer than a
    /// tmux command may be.
    func paste(_ text: String) throws {
        let file = directory.appendingPathComponent("paste")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try tmux(["load-buffer", file.path])
        try tmux(["paste-buffer", "-t", "lab"])
    }

    /// Types a line and presses Enter.
    func enter(_ line: String) throws {
        try type(line)
        try press("Enter")
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "lab", "-x", "\(width)", "-y", "\(height)"])
    }

    /// The screen as text, one line per row.
    func screen() throws -> String { try tmux(["capture-pane", "-p", "-t", "lab"]) }

    /// The column of the pane's cursor.
    func cursorColumn() throws -> Int? {
        Int(try tmux(["display-message", "-p", "-t", "lab", "#{cursor_x}"]).trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The screen with its colours and attributes as escape sequences.
    func screenWithStyles() throws -> String { try tmux(["capture-pane", "-p", "-e", "-t", "lab"]) }

    /// Polls the screen until `condition` holds, or fails after `seconds`.
    @discardableResult
    func waitFor(_ what: String, seconds: Double = 15, _ condition: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if condition(last) { return last }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure("timed out waiting for \(what); the screen was:\n\(last)")
    }

    /// Polls until `text` is on the screen.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 15) throws -> String {
        try waitFor("'\(text)'", seconds: seconds) { $0.contains(text) }
    }

    /// Types `quit` and returns the program's exit status once it has ended.
    func quit(seconds: Double = 10) throws -> Int32 {
        try enter("quit")
        return try waitForExit(seconds: seconds)
    }

    /// Leaves as a person does with ^C on an empty line: the first asks, the second leaves;
    /// expects a clean exit.
    func leaveWithCtrlC() throws {
        try press("C-c")
        try waitFor("^C again leaves")
        try press("C-c")
        #expect(try waitForExit() == 0)
    }

    /// The exit status of the program, once it has ended.
    func waitForExit(seconds: Double = 10) throws -> Int32 {
        let deadline = Date().addingTimeInterval(seconds)
        let file = directory.appendingPathComponent("status")
        while Date() < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8), let status = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) {
                // The script saves `stty -a` right after the status.
                Thread.sleep(forTimeInterval: 0.2)
                return status
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw Failure("the program did not exit; the screen was:\n\((try? screen()) ?? "")")
    }

    /// `stty -a` before the program started and after it ended, without the size line
    /// (resizing the pane changes it legitimately).
    func terminalSettings() throws -> (before: String, after: String) {
        func read(_ name: String) throws -> String {
            try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
                .split(separator: "\n").filter { !$0.contains("rows") && !$0.contains("columns") }.joined(separator: "\n")
        }
        return (try read("stty-before"), try read("stty-after"))
    }

    /// The program's process id.
    func pid() throws -> Int32 {
        let text = try String(contentsOf: directory.appendingPathComponent("pid"), encoding: .utf8)
        guard let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw Failure("no pid") }
        return pid
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Self.run("tmux", ["-u", "-S", socket] + arguments)
        guard result.status == 0 else { throw Failure("tmux \(arguments.joined(separator: " ")) failed: \(result.output)") }
        return result.output
    }

    /// Runs a tool and waits for it with `posix_spawn` and `waitpid`. Output goes through a
    /// file, not a pipe: the tmux server that `new-session` starts inherits it and stays.
    private static func run(_ tool: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        var environment = ProcessInfo.processInfo.environment
        environment["LC_ALL"] = "C.UTF-8"
        environment.removeValue(forKey: "TMUX")
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        // The test runner blocks signals in its threads, which a spawned program inherits: tmux,
        // its shells and the lab start as from a login instead, nothing blocked or ignored.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, tool, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw Failure("cannot run \(tool): error \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        let exited = status & 0x7f == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), (try? String(contentsOfFile: output, encoding: .utf8)) ?? "")
    }

    private static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
