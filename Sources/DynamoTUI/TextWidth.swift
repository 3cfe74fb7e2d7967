/// How many terminal columns text takes, and how to make it fit.
///
/// East Asian wide characters and emoji shown as emoji by default take two columns, everything
/// else one, as glibc's `wcwidth` (and so ncurses) counts the first scalar of a character.
/// Control characters are shown as `?` so that a value can never move the cursor.
public enum TextWidth {
    /// Columns taken by one character: 1 or 2.
    public static func columns(of character: Character) -> Int {
        let scalars = character.unicodeScalars
        guard let first = scalars.first, !first.isASCII else { return 1 }
        if isRegionalIndicator(first) {
            // One column alone, two as the first half of a flag (🇫🇷).
            return scalars.dropFirst().first.map(isRegionalIndicator) == true ? 2 : 1
        }
        return isWide(first) ? 2 : 1
    }

    /// Columns taken by a string.
    public static func columns(of text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += columns(of: character) }
        return total
    }

    /// The character as drawn: controls become `?`.
    static func printable(_ character: Character) -> Character {
        guard let scalar = character.unicodeScalars.first else { return "?" }
        return scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) ? "?" : character
    }

    /// `text` cut to at most `width` columns, ending in `…` when something was cut.
    public static func fit(_ text: String, _ width: Int) -> String {
        guard width > 0 else { return "" }
        if columns(of: text) <= width { return text }
        var out = ""
        var used = 0
        for character in text {
            let next = columns(of: character)
            if used + next > width - 1 { break }
            out.append(character)
            used += next
        }
        return out + "…"
    }

    /// `text` padded with spaces (or cut) to exactly `width` columns.
    public static func pad(_ text: String, _ width: Int) -> String {
        let fitted = fit(text, width)
        return fitted + String(repeating: " ", count: max(0, width - columns(of: fitted)))
    }

    /// `text` broken into lines of at most `width` columns, at spaces where possible;
    /// continuation lines start with `indent`.
    public static func wrap(_ text: String, _ width: Int, indent: String = "") -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            var lineStart = true
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                let wordWidth = columns(of: word)
                let gap = lineStart ? 0 : 1
                if used + gap + wordWidth <= width {
                    if !lineStart { line += " " }
                    line += word
                    used += gap + wordWidth
                    lineStart = false
                    continue
                }
                if !lineStart || !line.isEmpty {
                    lines.append(line)
                    line = indent
                    used = columns(of: indent)
                }
                // A word longer than a whole line is cut into pieces.
                for character in word {
                    let next = columns(of: character)
                    if used + next > width {
                        lines.append(line)
                        line = indent
                        used = columns(of: indent)
                    }
                    line.append(character)
                    used += next
                }
                lineStart = false
            }
            lines.append(line)
        }
        return lines
    }

    /// Emoji with default emoji presentation (🛒, ✅, but not ☺ without U+FE0F), and East Asian
    /// wide and fullwidth characters (the ranges where glibc's `wcwidth` gives 2).
    private static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.properties.isEmojiPresentation { return true }
        switch scalar.value {
        case 0x1100...0x115F, 0x2329...0x232A, 0x2E80...0x303E, 0x3041...0xA4CF, 0xA960...0xA97F,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
             0x16FE0...0x1B2FF, 0x1F200...0x1F265, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    private static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }
}
