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
            guard let line = readLine(strippingNewline: true) else { break }
            guard let result = lab.execute(line) else { continue }
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
}
