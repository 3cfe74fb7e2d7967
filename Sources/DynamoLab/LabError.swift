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
        case .usage(let text), .refused(let text): Self.printable(text)
        }
    }

    /// Words longer than this (a pasted value, a runaway number) are cut in the middle.
    static let longestWord = 200

    /// `U+001B`: how an error names a character that cannot be shown.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(4 - code.count, 0)) + code
    }

    static func printable(_ text: String) -> String {
        var shown = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                shown += codePoint(scalar)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        guard shown.count > longestWord else { return shown }
        return shown.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.count > longestWord ? "\(word.prefix(longestWord - 50))…\(word.suffix(40))" : String(word)
        }.joined(separator: " ")
    }
}
