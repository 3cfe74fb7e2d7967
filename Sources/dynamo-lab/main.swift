import ArgumentParser
import DynamoLab
import DynamoSim
import DynamoTUI
@preconcurrency import Foundation

/// `dynamo-lab [lab]`: a Dynamo cluster to poke and watch (DESIGN.md, section 4); the default
/// subcommand.
struct DynamoLabCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lab",
        abstract: "A whole Amazon Dynamo cluster in your terminal, to poke and watch.",
        discussion: """
            With no options, starts the lab. Type commands at its prompt, such as:

              put cart milk
              get cart
              kill node3
              partition node1,node2 node3,node4,node5
              heal
              help

            On a terminal the lab is a full screen that shows the cluster live; standard input \
            or output that is not a terminal gets a plain line-by-line REPL.
            """)

    /// The defaults of --n, and of --r and --w, named in errors.
    static let standardN = 3
    static let standardQuorum = 2

    @Option(parsing: .unconditional, help: SeedArgument.help("Seed for everything random: tokens, latencies."),
            transform: SeedArgument.parse)
    var seed = SeedArgument.standard
    @Option(parsing: .unconditional, help: "Number of nodes.") var nodes = 5
    @Option(parsing: .unconditional, help: "Virtual nodes (tokens) per node.") var vnodes = 8
    @Option(parsing: .unconditional, help: "Replicas per key (N).") var n = Self.standardN
    @Option(parsing: .unconditional, help: "Replies a read waits for (R).") var r = Self.standardQuorum
    @Option(parsing: .unconditional, help: "Acknowledgements a write waits for (W).") var w = Self.standardQuorum
    @Flag(help: "Print one JSON object per command instead of text.") var json = false
    @Option(help: "Run a script headless; exit 0, 1 if an expectation failed, 2 on an error.") var script: String?
    @Option(help: "Play a script on the screen at reading pace, stopping at each pause until Enter.") var replay: String?

    func validate() throws {
        guard (1...Lab.maximumNodes).contains(nodes) else { throw ValidationError("--nodes must be from 1 to \(Lab.maximumNodes)") }
        guard (1...1_024).contains(vnodes) else { throw ValidationError("--vnodes must be from 1 to 1024") }
        // A value out of range may be a default the user never typed: the error says so.
        guard (1...nodes).contains(n) else {
            throw ValidationError("--n must be from 1 to --nodes (\(nodes))" + (n == Self.standardN ? "; --n defaults to \(n)" : ""))
        }
        guard (1...n).contains(r), (1...n).contains(w) else {
            let defaulted = [r, w].contains { !(1...n).contains($0) && $0 == Self.standardQuorum }
            throw ValidationError("--r and --w must be from 1 to --n (\(n))" + (defaulted ? "; they default to \(Self.standardQuorum)" : ""))
        }
        guard script == nil || replay == nil else { throw ValidationError("--script and --replay cannot be used together") }
        guard !json || replay == nil else {
            throw ValidationError("--json and --replay cannot be used together: a replay plays on the screen; --script --json prints a lesson as JSON")
        }
        if replay != nil, !Self.onTerminal { throw ValidationError("--replay needs a terminal; use --script to run a lesson headless") }
    }

    func run() throws {
        var config = ClusterConfig(seed: seed, nodeCount: nodes, vnodes: vnodes)
        config.settings.n = n
        config.settings.r = r
        config.settings.w = w
        let lab = Lab(config: config)
        // Each answer leaves as it is printed, not when a pipe's buffer fills: a program reading
        // it gets each at once, and a run stopped by a signal or a timeout keeps what it said.
        if replay == nil { setvbuf(stdout, nil, _IOLBF, 0) }
        let code: Int32
        if let script {
            do {
                let loaded = try Script.load(path: script)
                let runner = ScriptRunner(json: json, write: { print($0) }, diagnose: { text in
                    // After what stdout holds so far, so that a terminal shows both in order.
                    fflush(nil)
                    writeToStandardError(text + "\n")
                })
                code = runner.run(loaded, in: lab).rawValue
            } catch {
                writeToStandardError("error: \(error)\n")
                code = ScriptRunner.Outcome.error.rawValue
            }
        } else if let replay {
            let lesson: Script
            do {
                lesson = try Script.load(path: replay)
            } catch {
                writeToStandardError("error: \(error)\n")
                throw ExitCode(ScriptRunner.Outcome.error.rawValue)
            }
            // Checked whole before the screen is taken, and reported as --script reports it.
            let problems = lesson.problems
            if !problems.isEmpty {
                for (place, rejection) in problems { writeToStandardError("\(place): \(rejection.text)\n") }
                code = ScriptRunner.Outcome.error.rawValue
            } else {
                // A terminal that cannot draw the screen is a usage error, as no terminal is.
                guard let played = MainActor.assumeIsolated({ Visualizer(lab: lab, lesson: lesson).run() }) else {
                    throw ValidationError("--replay needs a terminal that can draw the screen, and \(Self.terminalName) cannot; "
                                          + "use --script to run a lesson headless")
                }
                code = played
            }
        } else if Self.onTerminal && !json {
            code = MainActor.assumeIsolated {
                if let code = Visualizer(lab: lab).run() { return code }
                writeToStandardError("\(Self.terminalName) cannot draw the screen: using the plain prompt\n")
                return LineREPL(lab: lab, json: json, interactive: true).run()
            }
        } else {
            code = LineREPL(lab: lab, json: json, interactive: isatty(STDIN_FILENO) == 1).run()
        }
        if code != 0 { throw ExitCode(code) }
    }

    /// `the terminal TERM=dumb`, for messages about a terminal ncurses does not know or that
    /// cannot move the cursor.
    private static var terminalName: String {
        "the terminal TERM=\(ProcessInfo.processInfo.environment["TERM"] ?? "")"
    }

    /// Both standard input and output are terminals: the visualizer can take the screen.
    static var onTerminal: Bool { isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 }
}

/// Runs the command line. A mistake in it gets one line, `error: ...`, as the lab's own errors
/// do, and the option's help or where to read the options; help, and every other way out, as
/// the parser has them.
do {
    var command = try RootCommand.parseAsRoot()
    try command.run()
} catch {
    guard RootCommand.exitCode(for: error) == .validationFailure else { RootCommand.exit(withError: error) }
    // The subcommands named, as in `dynamo-lab experiment partitioning --help`.
    var path = ["dynamo-lab"]
    var level: [ParsableCommand.Type] = RootCommand.configuration.subcommands
    for argument in CommandLine.arguments.dropFirst() {
        guard let named = level.first(where: { $0.configuration.commandName == argument }) else { break }
        path.append(argument)
        level = named.configuration.subcommands
    }
    // `The value ...`, `Unknown option ...`: lowercase after `error:`, as the lab writes.
    var message = RootCommand.message(for: error)
    if message.dropFirst().first?.isLowercase == true { message = message.prefix(1).lowercased() + message.dropFirst() }
    // Under it, the option's own help when the parser names one, else where every option is.
    let optionHelp = RootCommand.fullMessage(for: error).split(separator: "\n").first { $0.hasPrefix("Help:") }
        .map { $0.dropFirst("Help:".count).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
    // The lab's own options are listed by `help lab`: `dynamo-lab --help` names the subcommands.
    let listing = path.count == 1 ? "dynamo-lab help lab" : (path + ["--help"]).joined(separator: " ")
    writeToStandardError("error: \(message)\n\(optionHelp ?? listing + " lists the options")\n")
    exit(ExitCode.validationFailure.rawValue)
}
