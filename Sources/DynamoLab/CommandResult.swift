/// What one command produced: text for people and fields for its JSON line.
public struct CommandResult: Sendable {
    public enum Status: Sendable, Equatable {
        /// The command did what it was asked.
        case ok
        /// The cluster could not do it (a quorum not met, say): a legitimate outcome.
        case failed
        /// Bad input or a refused action: nothing changed. A script stops with exit code 2.
        case rejected
        /// An `expect` that did not hold. A script goes on and exits with code 1.
        case expectationFailed
    }

    public let command: String
    public let status: Status
    public let error: String?
    public let text: String
    public let fields: [(String, JSON)]
    /// True for `quit`.
    public let quits: Bool

    public var ok: Bool { status == .ok }

    /// The result as a script reports it at `place` (`lesson.dlab:4`): a refusal or a failed
    /// expectation says where it is, as a compiler's message does; any other is as it was.
    public func placed(at place: String) -> CommandResult {
        guard status == .rejected || status == .expectationFailed else { return self }
        return CommandResult(command: command, status: status, error: error.map { "\(place): \($0)" },
                             text: "\(place): \(text)", fields: fields, quits: quits)
    }

    init(command: String, status: Status = .ok, error: String? = nil, text: String,
         fields: [(String, JSON)] = [], quits: Bool = false) {
        self.command = command
        self.status = status
        self.error = error
        self.text = text
        self.fields = fields
        self.quits = quits
    }

    static func rejected(_ command: String, _ error: LabError) -> CommandResult {
        CommandResult(command: command, status: .rejected, error: error.description, text: "error: \(error)")
    }

    /// `{"cmd":..., "ok":..., "error":..., fields...}` on one line.
    public var json: JSON {
        .object([("cmd", .string(command)), ("ok", .bool(ok)), ("error", error.map(JSON.string) ?? .null)] + fields)
    }
}
