import Foundation

extension String {
    /// The text in Unicode's composed form (NFC), composed a stretch at a time: Foundation's
    /// composition takes time in the square of the text's length, so a pasted line of a
    /// hundred thousand accented letters would stall the prompt. A stretch of a few hundred
    /// characters ends between two graphemes: Unicode makes every character that composition
    /// may join to the one before it, or reorder with it, extend that one's grapheme (combining
    /// marks, the vowel signs of `Other_Grapheme_Extend`, Hangul jamo), so the stretches
    /// compose to what the whole would. Only a single grapheme of thousands of marks is slow.
    var composed: String {
        guard !utf8.allSatisfy({ $0 < 0x80 }) else { return self }
        var result = ""
        var stretch = "", length = 0
        for character in self {
            if length >= 256 {
                result += stretch.precomposedStringWithCanonicalMapping
                stretch = ""
                length = 0
            }
            stretch.append(character)
            length += character.unicodeScalars.count
        }
        return result + stretch.precomposedStringWithCanonicalMapping
    }
}
