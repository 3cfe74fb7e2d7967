extension String {
    /// The text, safe to print on a terminal: a control character shows as `U+001B` rather
    /// than acting on the terminal (retitling it, clearing it, breaking a line), as does one
    /// that reorders the text after it (`U+202E`), and a word too long to read (a pasted value,
    /// a runaway number) is cut to its start and end.
    public var printable: String {
        var shown = ""
        for scalar in unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar.reordersText {
                shown += Self.codePoint(scalar)
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        guard shown.count > Self.longestWord else { return shown }
        return shown.split(separator: " ", omittingEmptySubsequences: false).map { word in
            word.count > Self.longestWord ? "\(word.prefix(Self.longestWord - 50))…\(word.suffix(40))" : String(word)
        }.joined(separator: " ")
    }

    /// Words longer than this are cut in the middle.
    static let longestWord = 200

    /// `U+001B`: how the lab names a character that cannot be shown.
    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let code = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: Swift.max(4 - code.count, 0)) + code
    }
}

extension Unicode.Scalar {
    /// A bidirectional embedding, override or isolate (`U+202E`), which reorders the text
    /// after it on a terminal; not the marks (`U+200F`), which only lean a character one way.
    var reordersText: Bool { (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) }
}
