/// A number as a person types one: decimal digits with at most one point (`12`, `0.5`, `.5`).
/// `Double` would also read a sign, an exponent, hexadecimal, `inf` and `nan`, which would let
/// `loss 1e-20%` pass for a rate of six decimals at most, and `0x10%` for 16%.
enum PlainNumber {
    /// The value of `text`, or nil when it is not a plain number.
    static func value<Text: StringProtocol>(_ text: Text) -> Double? {
        var digits = 0, points = 0
        for byte in text.utf8 {
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                digits += 1
            } else if byte == UInt8(ascii: ".") {
                points += 1
            } else {
                return nil
            }
        }
        return digits > 0 && points <= 1 ? Double(String(text)) : nil
    }

    /// The digits after the point that count: trailing zeros do not (`0.50` has one).
    static func decimals<Text: StringProtocol>(_ text: Text) -> Int {
        guard let point = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: point)...].reversed().drop { $0 == "0" }.count
    }
}
