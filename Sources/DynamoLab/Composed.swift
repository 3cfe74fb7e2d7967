import Foundation

extension String {
    /// The text in Unicode's composed form (NFC), composed a stretch at a time: Foundation's
    /// composition takes time in the square of the text's length, so a pasted line of a
    /// million accents would stall the prompt. A stretch of a few hundred characters ends
    /// before an ASCII character, which no canonical composition or reordering joins to what
    /// precedes it, so the stretches compose to what the whole would.
    var composed: String {
        guard !utf8.allSatisfy({ $0 < 0x80 }) else { return self }
        var result = ""
        var stretch = String.UnicodeScalarView(), length = 0
        for scalar in unicodeScalars {
            if scalar.isASCII, length >= 256 {
                result += String(stretch).precomposedStringWithCanonicalMapping
                stretch = String.UnicodeScalarView()
                length = 0
            }
            stretch.append(scalar)
            length += 1
        }
        return result + String(stretch).precomposedStringWithCanonicalMapping
    }
}
