/// How many terminal columns text takes, and how to make it fit: for the screen's panels and
/// for the columns of the lab's text answers alike.
///
/// Columns are counted as ncurses lays text out, by glibc's `wcwidth` of each scalar: East
/// Asian wide characters and emoji shown as emoji by default take two, combining marks, joiners
/// and variation selectors none, everything else one. A character of several scalars that take
/// room (emoji joined by zero-width joiners, 👨‍👩‍👧) takes the cells of each. Control characters
/// are shown as `?` so that a value can never move the cursor.
public enum TextWidth {
    /// Columns taken by one character: what its scalars take, and one more for zero-width
    /// scalars it starts with, which are drawn as `?` (`printable`).
    public static func columns(of character: Character) -> Int {
        if character.utf8.count == 1 { return 1 }
        var total = 0
        for scalar in character.unicodeScalars { total += columns(of: scalar) }
        if let first = character.unicodeScalars.first, columns(of: first) == 0 { total += 1 }
        return total
    }

    /// What glibc's `wcwidth` gives `scalar`: none for combining marks, format characters such
    /// as the zero-width joiner (but the soft hyphen), and Hangul's medial vowels and final
    /// consonants; two for wide ones; one otherwise (a regional indicator alone, a control
    /// character shown as `?`).
    package static func columns(of scalar: Unicode.Scalar) -> Int {
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        case .format where scalar != "\u{AD}": return 0
        default:
            switch scalar.value {
            case 0x1160...0x11FF: return 0
            // Half a flag (🇫🇷 is two).
            case 0x1F1E6...0x1F1FF: return 1
            default: return isWide(scalar) ? 2 : 1
            }
        }
    }

    /// The pieces of `character` that take cells of their own, as ncurses splits it: each
    /// scalar that takes room, with the zero-width ones after it. Nearly every character is one
    /// piece; 👨‍👩‍👧 is three.
    package static func pieces(of character: Character) -> Pieces { Pieces(character) }

    package struct Pieces: Sequence, IteratorProtocol {
        private var scalars: Character.UnicodeScalarView.Iterator
        private var pending: Unicode.Scalar?

        init(_ character: Character) {
            scalars = character.unicodeScalars.makeIterator()
            pending = scalars.next()
        }

        package mutating func next() -> Character? {
            guard let first = pending else { return nil }
            var piece = String.UnicodeScalarView([first])
            pending = nil
            while let scalar = scalars.next() {
                if TextWidth.columns(of: scalar) > 0 {
                    pending = scalar
                    break
                }
                piece.append(scalar)
            }
            // Taken from one character, a scalar and the zero-width ones after it are one too.
            let text = String(piece)
            return text.count == 1 ? Character(text) : "?"
        }
    }

    /// Columns taken by a string.
    public static func columns(of text: some StringProtocol) -> Int {
        var total = 0
        for character in text { total += columns(of: character) }
        return total
    }

    /// A piece of a character as drawn: controls become `?`, and so does a piece with nothing
    /// before its zero-width scalars to join, which ncurses would put in the cell before it. A
    /// zero-width joiner is left out: a terminal that joins emoji by it (tmux draws 👨‍👩‍👧 in two
    /// columns) would otherwise draw fewer columns than ncurses counts, and the rest of the row
    /// would slide under what was there before.
    package static func printable(_ piece: Character) -> Character {
        let scalars = piece.unicodeScalars
        guard let scalar = scalars.first else { return "?" }
        if scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value) || columns(of: scalar) == 0 { return "?" }
        guard scalars.count > 1, scalars.contains("\u{200D}") else { return piece }
        return Character(String(String.UnicodeScalarView(scalars.filter { $0 != "\u{200D}" })))
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

    /// `text` cut to at most `width` columns in the middle: its start, `…`, and its end, which
    /// tells apart texts that begin alike.
    public static func fitMiddle(_ text: String, _ width: Int) -> String {
        guard width > 2, columns(of: text) > width else { return fit(text, width) }
        var end: [Character] = []
        var used = 0
        for character in text.reversed() {
            let next = columns(of: character)
            if used + next > width / 2 { break }
            end.append(character)
            used += next
        }
        return fit(text, width - used) + String(end.reversed())
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
}
