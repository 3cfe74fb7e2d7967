import DynamoLab
@preconcurrency import Foundation

/// The plain line-by-line REPL: for pipes and CI, and for terminals until the screen starts.
struct LineREPL {
    let lab: Lab
    let json: Bool
    let interactive: Bool

    /// Reads lines until end of input or `quit`; exits 1 if an expectation failed.
    func run() -> Int32 {
        var failed = false
        if interactive { print("Dynamo Lab: \(lab.cluster.nodeIDs.count) nodes. Type help for commands, quit to leave.") }
        while true {
            if interactive {
                print("dynamo> ", terminator: "")
                fflush(stdout)
            }
            guard let line = Self.readLineBytes() else { break }
            guard let result = lab.execute(utf8: line) else { continue }
            if json {
                print(result.json.rendered)
            } else if !result.text.isEmpty {
                print(result.text)
            }
            if result.status == .expectationFailed { failed = true }
            if result.quits { break }
        }
        return failed ? 1 : 0
    }

    /// The next line of standard input as raw bytes, without its LF or CRLF; nil at the end.
    /// (`readLine` would quietly repair bytes that are not UTF-8.)
    private static func readLineBytes() -> [UInt8]? {
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let count = getline(&buffer, &capacity, stdin)
        guard count >= 0, let buffer else { return nil }
        var bytes = Array(UnsafeRawBufferPointer(start: buffer, count: count))
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        return bytes
    }
}
