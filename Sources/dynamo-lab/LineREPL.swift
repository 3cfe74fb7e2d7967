import DynamoLab
import DynamoTUI
@preconcurrency import Foundation

/// The plain line-by-line REPL: for pipes and CI, and for terminals until the screen starts.
struct LineREPL {
    let lab: Lab
    let json: Bool
    let interactive: Bool

    /// Reads lines until end of input or `quit`; exits 1 if an expectation failed. On a
    /// terminal, as on the screen, ^C drops the line typed (the terminal has already thrown it
    /// away) or stops a long `wait` where it has got to, and ^D leaves.
    func run() -> Int32 {
        var failed = false
        // Whether a ^C came while the command ran.
        var interrupted = false
        if interactive {
            lab.stopRequested = {
                interrupted = interrupted || SignalWatch.takeInterrupt()
                return interrupted
            }
            Self.chrome("Dynamo Lab: \(lab.cluster.nodeIDs.count) nodes. Type help for commands, quit to leave.\n")
        }
        var firstLine = true
        reading: while true {
            if interactive { Self.chrome("dynamo> ") }
            let line: [UInt8]
            if interactive { SignalWatch.catchInterrupts(interruptingReads: true) }
            let input = Self.readLineBytes()
            if interactive { SignalWatch.catchInterrupts(interruptingReads: false) }
            switch input {
            case .line(let bytes):
                // A byte-order mark opening the input is no part of the command, as in a script file.
                line = firstLine && bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
                firstLine = false
            case .interrupted:
                _ = SignalWatch.takeInterrupt()
                Self.chrome("\n")
                continue
            case .end:
                // The shell's prompt starts on a line of its own.
                if interactive { Self.chrome("\n") }
                break reading
            }
            // A ^C from now on is about this command: it stops a long wait where it has got to,
            // and any other command runs to its end.
            if interactive {
                _ = SignalWatch.takeInterrupt()
                interrupted = false
            }
            guard let result = lab.execute(utf8: line) else { continue }
            // The answer starts under the ^C the terminal echoed.
            if interactive, interrupted || SignalWatch.takeInterrupt() { Self.chrome("\n") }
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

    /// The banner, the prompt and the line ends that tidy up after ^C: to standard error, as a
    /// shell's prompt goes, so that standard output holds only the answers (one JSON object a
    /// line with --json) even when it is redirected while someone types.
    private static func chrome(_ text: String) {
        fflush(stdout)
        writeToStandardError(text)
    }

    private enum Input {
        case line([UInt8])
        /// ^C while the line was being typed.
        case interrupted
        case end
    }

    /// The next line of standard input as raw bytes, without its LF or CRLF.
    /// (`readLine` would quietly repair bytes that are not UTF-8.)
    private static func readLineBytes() -> Input {
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        let count = getline(&buffer, &capacity, stdin)
        guard count >= 0, let buffer else {
            guard feof(stdin) == 0, errno == EINTR else { return .end }
            clearerr(stdin)
            return .interrupted
        }
        var bytes = Array(UnsafeRawBufferPointer(start: buffer, count: count))
        if bytes.last == 0x0A { bytes.removeLast() }
        if bytes.last == 0x0D { bytes.removeLast() }
        return .line(bytes)
    }
}
