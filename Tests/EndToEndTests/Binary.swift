import Foundation

/// The built `dynamo-lab` executable, run as a user would run it.
enum Binary {
    /// The executable sits next to the test bundle in the build directory.
    static let url: URL = {
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var directory = testBinary.deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent("dynamo-lab")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        return testBinary.deletingLastPathComponent().appendingPathComponent("dynamo-lab")
    }()

    static let demos = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("demos")

    struct Result {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs the binary with `arguments`, feeding `input` on standard input (a file, not a
    /// terminal); `environment` is added to the program's, and it runs in `directory` if given.
    /// Output goes through files: reading pipes can be interrupted by signals.
    static func run(_ arguments: [String], input: String = "", environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> Result {
        let path = NSTemporaryDirectory() + "dynamo-lab-run-\(UUID().uuidString).in"
        try input.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try run(arguments, inputFile: path, environment: environment, in: directory)
    }

    /// Runs the binary with `arguments`, its standard input read from the file at `inputFile`.
    static func run(_ arguments: [String], inputFile: String, environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> Result {
        let base = NSTemporaryDirectory() + "dynamo-lab-run-\(UUID().uuidString)"
        let paths = (input: inputFile, out: base + ".out", err: base + ".err")
        for path in [paths.out, paths.err] where !FileManager.default.createFile(atPath: path, contents: nil) {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        defer { for path in [paths.out, paths.err] { try? FileManager.default.removeItem(atPath: path) } }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardInput = FileHandle(forReadingAtPath: paths.input)
        process.standardOutput = FileHandle(forWritingAtPath: paths.out)
        process.standardError = FileHandle(forWritingAtPath: paths.err)
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: (try? String(contentsOfFile: paths.out, encoding: .utf8)) ?? "",
                      stderr: (try? String(contentsOfFile: paths.err, encoding: .utf8)) ?? "")
    }

    /// Writes `text` to a fresh temporary script and returns its path.
    static func script(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "dynamo-lab-\(UUID().uuidString).dlab"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
