/// Why a command was refused. Every case prints as one line that says what was expected; the
/// lab's state is unchanged.
public enum LabError: Error, Equatable, CustomStringConvertible {
    /// The line does not parse: the text says what the command takes.
    case usage(String)
    /// The line parsed but the cluster refused it.
    case refused(String)

    public var description: String {
        switch self {
        case .usage(let text), .refused(let text): text
        }
    }
}
