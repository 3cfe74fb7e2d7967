import Foundation
import Testing

/// The binary as used from pipes, scripts and CI.
@Suite struct HeadlessBinaryTests {
    @Test func pipedCommandsRunLineByLine() throws {
        let result = try Binary.run([], input: "put cart milk\nget cart\n")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("put cart: ok via node") == true)
        #expect(lines.contains { $0.hasPrefix("cart: 1 version, replies from") })
        #expect(lines.contains { $0.trimmingCharacters(in: .whitespaces).hasPrefix("milk") })
    }

    /// Into a pipe or a file, each answer leaves as it is printed: a program driving the lab
    /// reads it while the session goes on, and a run ended by a signal (a CI job's timeout
    /// during a long script) keeps what it said.
    @Test(arguments: [[], ["--script", "long.dlab"]])
    func eachAnswerLeavesAsItIsPrinted(arguments: [String]) throws {
        let folder = NSTemporaryDirectory() + "dynamo-lab-live-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "put cart milk\nconfig anti-entropy=1ms\nwait 24h\n".write(toFile: folder + "/long.dlab", atomically: true, encoding: .utf8)
        let out = folder + "/out"
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        let process = Process(), input = Pipe()
        process.executableURL = Binary.url
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardInput = input
        process.standardOutput = FileHandle(forWritingAtPath: out)
        try process.run()
        input.fileHandleForWriting.write(Data("put cart milk\n".utf8))
        var answered = ""
        for _ in 0..<300 where !answered.contains("put cart: ok") {
            Thread.sleep(forTimeInterval: 0.1)
            answered = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
        }
        #expect(process.isRunning, "the input is still open, or the script still running")
        #expect(answered.contains("put cart: ok"), "\(answered)")
        // SIGKILL, as the test runner's threads, whose mask a child inherits, block SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("put cart: ok"))
    }

    @Test func theCardsOwnExamplesWorkLiterally() throws {
        let input = "put cart milk\nget cart\npartition node1,node2 node3,node4,node5\nheal\nkill node3\n"
        let result = try Binary.run([], input: input)
        #expect(result.status == 0)
        #expect(!result.stdout.contains("error"))
        #expect(result.stdout.contains("partition node1,node2 | node3,node4,node5: 12 links cut"))
        #expect(result.stdout.contains("node3 killed"))
    }

    @Test func badInputInThePipeIsOneLineAndTheSessionGoesOn() throws {
        let result = try Binary.run([], input: "kill node99\n\nwait 10y\nput cart milk\n")
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0] == "error: unknown node node99: expected node1..node5")
        #expect(lines[2].hasPrefix("put cart: ok"))
    }

    @Test func jsonModeWritesOneObjectPerCommand() throws {
        let result = try Binary.run(["--json"], input: "put cart milk\nget cart\nbogus\n")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix(#"{"cmd":"put","ok":true,"error":null"#))
        #expect(lines[1].hasPrefix(#"{"cmd":"get","ok":true,"error":null,"key":"cart""#))
        #expect(lines[1].contains(#""values":["milk"]"#))
        #expect(lines[2].hasPrefix(#"{"cmd":"bogus","ok":false,"error":"unknown command"#))
    }

    /// With standard error closed, a script's error cannot be shown but the exit code still
    /// says what happened: no crash.
    @Test func aClosedStandardErrorIsNoReasonToCrash() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dynamo-lab-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "kil node1\n".write(to: folder.appendingPathComponent("bad.dlab"), atomically: true, encoding: .utf8)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "exec \"$0\" --script bad.dlab > /dev/null 2>&-", Binary.url.path]
        shell.currentDirectoryURL = folder
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationReason == .exit && shell.terminationStatus == 2)
    }

    @Test func scriptExitCodesAreZeroOneAndTwo() throws {
        let passing = try Binary.script("put cart milk\nget cart\nexpect values cart milk\n")
        let failing = try Binary.script("put cart milk\nget cart\nexpect values cart eggs\n")
        let broken = try Binary.script("put cart milk\nkill node0\n")
        let refused = try Binary.script("put cart milk\nkill node1\nkill node1\nget cart\n")
        defer { for path in [passing, failing, broken, refused] { try? FileManager.default.removeItem(atPath: path) } }
        #expect(try Binary.run(["--script", passing]).status == 0)
        #expect(try Binary.run(["--script", failing]).status == 1)
        let error = try Binary.run(["--script", broken])
        #expect(error.status == 2)
        // A line that does not parse stops the script before it runs; one the lab refuses stops
        // it there. Either error goes to standard error, as a compiler's do; the transcript to
        // standard output.
        #expect(error.stderr == "\(broken):2: error: 'node0' is not a node name: expected node1, n1 or 1\n", "\(error.stderr)")
        #expect(error.stdout.isEmpty)
        let stopped = try Binary.run(["--script", refused])
        #expect(stopped.status == 2)
        #expect(stopped.stderr == "\(refused):3: error: node1 is already down\n", "\(stopped.stderr)")
        #expect(stopped.stdout.hasSuffix("> kill node1\nnode1 killed; its store (1 key) and 0 hints survive\n> kill node1\n"),
                "the transcript ends with the line that stopped it: \(stopped.stdout)")
        let json = try Binary.run(["--script", refused, "--json"])
        #expect(json.stdout.contains(#""error":"\#(refused):3: node1 is already down""#), "JSON keeps every line on stdout")
        #expect(json.stderr == "\(refused):3: error: node1 is already down\n", "and the error goes to standard error as well")
        #expect(try Binary.run(["--script", "/nonexistent.dlab"]).status == 2)
    }

    @Test func aRequestTheClusterRefusesIsAFailureNotAScriptError() throws {
        let path = try Binary.script("kill node2\nput cart x via node2\nexpect fail\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let result = try Binary.run(["--script", path])
        #expect(result.status == 0, "\(result.stdout)")
        #expect(result.stdout.contains("put cart: failed: node2 is down: a client cannot reach it"))
    }

    /// A file named by one character in the current directory is a file like any other.
    @Test func saveAndExploreWriteToAOneCharacterName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("one-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let saved = try Binary.run([], input: "put a b\nsave a\n", in: folder)
        #expect(saved.status == 0, "\(saved.stderr)")
        let script = try String(contentsOf: folder.appendingPathComponent("a"), encoding: .utf8)
        #expect(script.contains("put a b"))
        let explored = try Binary.run(["explore", "--seeds", "1", "--ops", "5", "--out", "x"], in: folder)
        #expect(explored.status == 0, "\(explored.stderr)")
        #expect(explored.stdout.hasPrefix("explored 1 seed"))
    }

    /// Piped input that opens with a byte-order mark, as some editors save text, reads as a
    /// script file with one does: the mark is no part of the first command.
    @Test func aByteOrderMarkOpeningPipedInputIsSkipped() throws {
        let piped = try Binary.run([], input: "\u{FEFF}put cart milk\nget cart\n")
        #expect(piped.stdout.hasPrefix("put cart: ok via"), "\(piped.stdout)")
        #expect(!piped.stdout.contains("error"))
    }

    @Test func aDirectoryGivenAsScriptIsAnError() throws {
        let result = try Binary.run(["--script", NSTemporaryDirectory()])
        #expect(result.status == 2)
        #expect(result.stderr.contains("it is a directory"))
    }

    @Test func pipedBytesThatAreNotUTF8AreRefusedLikeAScriptOfThem() throws {
        let base = NSTemporaryDirectory() + "dynamo-lab-bytes-\(UUID().uuidString)"
        try #require(FileManager.default.createFile(atPath: base, contents: Data("put a b\n".utf8 + [0x70, 0xff, 0x0a] + Data("expect fail\n".utf8))))
        defer { try? FileManager.default.removeItem(atPath: base) }
        let piped = try Binary.run([], inputFile: base)
        #expect(piped.stdout.split(separator: "\n").dropFirst().first == "error: the line is not UTF-8 text")
        #expect(piped.stdout.contains("✓ the last line failed"))
        #expect(try Binary.run(["--script", base]).status == 2)
    }

    @Test func everyLessonReplaysIdenticallyFromTheBinary() throws {
        let lessons = try FileManager.default.contentsOfDirectory(atPath: Binary.demos.path).filter { $0.hasSuffix(".dlab") }.sorted()
        #expect(!lessons.isEmpty)
        for lesson in lessons {
            let path = Binary.demos.appendingPathComponent(lesson).path
            let first = try Binary.run(["--script", path, "--seed", "1"])
            let second = try Binary.run(["--script", path, "--seed", "1"])
            #expect(first.status == 0, "\(lesson)\n\(first.stdout)")
            #expect(first.stdout == second.stdout)
        }
    }

    @Test func optionsAreValidated() throws {
        let result = try Binary.run(["--n", "9"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("error: --n must be from 1 to --nodes (5)\ndynamo-lab help lab lists the options\n"))
        for arguments in [["--nodes", "2"], ["experiment", "partitioning", "--nodes", "2"]] {
            let defaulted = try Binary.run(arguments)
            #expect(defaulted.stderr.contains("error: --n must be from 1 to --nodes (2); --n defaults to 3\n"), "\(defaulted.stderr)")
        }
        let quorums = try Binary.run(["--n", "1"])
        #expect(quorums.stderr.contains("error: --r and --w must be from 1 to --n (1); they default to 2\n"))
        #expect(try Binary.run(["--n", "1", "--r", "1", "--w", "1"], input: "quit\n").status == 0)
        // A replay plays on the screen: asking for its JSON is refused, not silently ignored.
        let replayed = try Binary.run(["--json", "--replay", "demos/01-quorum.dlab"])
        #expect(replayed.status != 0)
        #expect(replayed.stderr.contains("error: --json and --replay cannot be used together"), "\(replayed.stderr)")
        let seeded = try Binary.run(["--seed", "99", "--nodes", "7", "--vnodes", "2"], input: "config\n")
        #expect(seeded.stdout.contains("nodes=7 vnodes=2"))
        #expect(seeded.stdout.contains("seed=99"))
    }

    @Test(arguments: [["--seed", "-1"], ["--seed", "x"], ["--seed", "18446744073709551616"], ["explore", "--first-seed", "-1"],
                      ["experiment", "partitioning", "--seed", "-5"]])
    func aSeedThatIsNotANonNegativeIntegerIsRefusedSayingSo(_ arguments: [String]) throws {
        let result = try Binary.run(arguments)
        #expect(result.status == 64)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 2, "one line for the error, one for the option's help: \(result.stderr)")
        let first = lines.first ?? ""
        #expect(first.hasPrefix("error: the value '\(arguments.last!)'") && first.contains("the seed must be a non-negative integer"),
                "\(result.stderr)")
        let option = arguments[arguments.count - 2]
        #expect(lines.last?.hasPrefix("\(option) <") == true, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func aNegativeCountMeetsTheOptionsOwnCheck() throws {
        let result = try Binary.run(["--nodes", "-1"])
        #expect(result.status == 64)
        #expect(result.stderr == "error: --nodes must be from 1 to 1000\ndynamo-lab help lab lists the options\n", "\(result.stderr)")
        let unknown = try Binary.run(["explore", "--bogus"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.hasSuffix("\ndynamo-lab explore --help lists the options\n"), "\(unknown.stderr)")
        let zero = try Binary.run(["--seed", "0"], input: "config\n")
        #expect(zero.status == 0)
        #expect(zero.stdout.contains("seed=0"))
    }
}
