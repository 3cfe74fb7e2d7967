/// Splits a command line into words: spaces separate, double or single quotes group, and a
/// backslash inside double quotes escapes the next character.
enum Words {
    static func split(_ line: String) throws(LabError) -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for character in line {
            if escaped {
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
            } else if character.isWhitespace {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        if quote != nil || escaped { throw .usage("unterminated quote: close it with the same quote mark") }
        if inWord { words.append(current) }
        return words
    }

    /// `word` as it must be typed to come back as one word: quoted when it holds spaces,
    /// quotes, backslashes or nothing at all.
    static func quoted(_ word: String) -> String {
        let plain = !word.isEmpty && word.allSatisfy { !$0.isWhitespace && $0 != "\"" && $0 != "'" && $0 != "\\" && $0 != "#" }
        if plain { return word }
        var out = "\""
        for character in word {
            if character == "\"" || character == "\\" { out.append("\\") }
            out.append(character)
        }
        return out + "\""
    }
}
