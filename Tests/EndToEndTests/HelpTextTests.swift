import Testing

/// `--help` reads as clean paragraphs at 80 columns: the argument parser wraps the text, and
/// a line break written into it must not leave a stray word or split a quoted command.
@Suite struct HelpTextTests {
    static let width = 80

    @Test(arguments: [["--help"], ["lab", "--help"], ["explore", "--help"], ["experiment", "--help"],
                      ["experiment", "partitioning", "--help"], ["help", "explore"]])
    func helpWrapsIntoCleanParagraphs(_ arguments: [String]) throws {
        let result = try Binary.run(arguments, environment: ["COLUMNS": "\(Self.width)"])
        #expect(result.status == 0)
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first?.hasPrefix("OVERVIEW: ") == true)
        for (line, next) in zip(lines, lines.dropFirst()) where !line.hasPrefix("USAGE:") {
            #expect(line.count <= Self.width, "too wide: \(line)")
            #expect(line.filter { $0 == "`" }.count % 2 == 0, "a quoted span broken across lines: \(line)")
            #expect(!Self.breaksEarly(line, next), "broken before its next word would fill it:\n\(line)\n\(next)")
        }
    }

    /// The lab's options are given at the top level, so its help names them too.
    @Test func topLevelHelpNamesTheLabsOptions() throws {
        let help = try Binary.run(["--help"]).stdout
        for option in ["--seed", "--nodes", "--n,", "--script", "--replay", "--json"] {
            #expect(help.contains(option), "\(option)")
        }
    }

    /// True when `next` carries on the paragraph of `line` although its first word would have
    /// fitted on `line`, as the parser wraps: with a space after it, within the width. Prose
    /// carries on at the left margin, an option's help in its column; indented examples stand
    /// alone, and so does an option name too long to have its help beside it.
    static func breaksEarly(_ line: String, _ next: String) -> Bool {
        let indent = { (text: String) in text.prefix { $0 == " " }.count }
        let helpColumn = 26
        let carriesOn = switch indent(next) {
        case 0: indent(line) == 0 && !line.isEmpty
        case helpColumn: line.count > helpColumn && Array(line)[helpColumn - 1] == " "
        default: false
        }
        guard carriesOn, let word = next.split(separator: " ").first else { return false }
        return line.count + 1 + word.count + 1 <= width
    }
}
