/// Splits a command line into words: spaces separate, double or single quotes group, and
/// inside double quotes `\"` and `\\` stand for `"` and `\`; any other backslash is itself.
enum Words {
    /// A word, and whether any of it was quoted: a quoted word is always text, never an option
    /// such as `w=3` or `via`.
    struct Word: Equatable {
        let text: String
        let isQuoted: Bool
    }

    static func split(_ line: String) throws(LabError) -> [String] { try words(line).map(\.text) }

    static func words(_ line: String) throws(LabError) -> [Word] {
        // Split by Unicode scalar, not by character: a combining mark after a space or a quote
        // would otherwise merge with it into one character and hide it.
        var words: [Word] = []
        var current = String.UnicodeScalarView()
        var inWord = false
        var quoted = false
        var quote: Unicode.Scalar?
        var escaped = false
        // What the word held when its last quote opened: a quote inside a word opens a part.
        var openedAfter = ""
        for scalar in line.unicodeScalars {
            if escaped {
                if scalar != "\"" && scalar != "\\" { current.append("\\") }
                current.append(scalar)
                escaped = false
            } else if let open = quote {
                if scalar == open {
                    quote = nil
                } else if scalar == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(scalar)
                }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
                openedAfter = String(current)
                inWord = true
                quoted = true
            } else if scalar.properties.isWhitespace {
                if inWord { words.append(Word(text: String(current), isQuoted: quoted)) }
                current = String.UnicodeScalarView()
                inWord = false
                quoted = false
            } else {
                current.append(scalar)
                inWord = true
            }
        }
        if quote == "'" { throw .usage("unterminated quote: a word with an apostrophe goes in double quotes, like \"don't\"") }
        if let quote, !openedAfter.isEmpty {
            throw .usage("unterminated quote: the \(quote) after \(openedAfter) opens a quoted part that is never closed")
        }
        if quote != nil || escaped { throw .usage("unterminated quote: close it with the same quote mark") }
        if inWord { words.append(Word(text: String(current), isQuoted: quoted)) }
        return words
    }

    /// The first word of a line whose quote is never closed, when it is whole and unquoted
    /// before the quote: `put` in `put "milk`, nothing in `"put milk`.
    static func leadingWord(_ line: String) -> String? {
        let word = line.unicodeScalars.drop { $0.properties.isWhitespace }.prefix { !$0.properties.isWhitespace }
        guard !word.isEmpty, !word.contains(where: { $0 == "\"" || $0 == "'" }) else { return nil }
        return String(String.UnicodeScalarView(word))
    }

    /// `word` as it must be typed to come back as the same text: quoted when it holds spaces,
    /// quotes, backslashes, `=` (options such as `w=3`) or nothing at all, when it is `via`, or
    /// when it starts with `<`, as the lab's own markers such as `<deleted>` do.
    static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.unicodeScalars.first != "<" && word.lowercased() != "via"
            && word.unicodeScalars.allSatisfy { !$0.properties.isWhitespace && !"\"'\\#=".unicodeScalars.contains($0) }
        if plain { return word }
        var out = String.UnicodeScalarView()
        out.append("\"")
        for scalar in word.unicodeScalars {
            if scalar == "\"" || scalar == "\\" { out.append("\\") }
            out.append(scalar)
        }
        out.append("\"")
        return String(out)
    }
}
