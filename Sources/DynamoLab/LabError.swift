/// Why a command was refused. Every case prints as one line that says what was expected; the
/// lab's state is unchanged.
public enum LabError: Error, Equatable, CustomStringConvertible {
    /// The line does not parse: the text says what the command takes.
    case usage(String)
    /// The line parsed but the cluster refused it.
    case refused(String)

    /// The text, safe to print: a control character the input carried shows as `U+001B` rather
    /// than acting on the terminal, and a word too long to read is cut to its start and end.
    public var description: String {
        switch self {
        case .usage(let text), .refused(let text): text.printable
        }
    }
}
