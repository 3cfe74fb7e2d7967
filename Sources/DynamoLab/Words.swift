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
        var words: [Word] = []
        var current = ""
        var inWord = false
        var quoted = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
                if character != "\"" && character != "\\" { current.append("\\") }
                current.append(character)
                escaped = false
            } else if let open = quote {
                if character == open {
                    quote = nil
                } else if character == "\\" && open == "\"" {
                    escaped = true
                } else {
                    current.append(character)
                }
            } else if character == "\"" || character == "'" {
                quote = character
                inWord = true
                quoted = true
            } else if character.isWhitespace {
                if inWord { words.append(Word(text: current, isQuoted: quoted)) }
                current = ""
                inWord = false
                quoted = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil || escaped { throw .usage("unterminated quote: close it with the same quote mark") }
        if inWord { words.append(Word(text: current, isQuoted: quoted)) }
        return words
    }

    /// `word` as it must be typed to come back as the same text: quoted when it holds spaces,
    /// quotes, backslashes, `=` (options such as `w=3`) or nothing at all, when it is `via`, or
    /// when it starts with `<`, as the lab's own markers such as `<deleted>` do.
    static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.first != "<" && word.lowercased() != "via"
            && word.allSatisfy { !$0.isWhitespace && $0 != "\"" && $0 != "'" && $0 != "\\" && $0 != "#" && $0 != "=" }
        if plain { return word }
        var out = "\""
        for character in word {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
