import DynamoCore

/// Virtual durations as typed: `500ms`, `2s`, `1.5s`, `3m`, `1h`, or as the lab writes long
/// ones, `1m30s`.
enum Duration {
    /// The longest single wait: a day of virtual time.
    static let maximum: Millis = 86_400_000
    /// Units, shortest first: a duration of several gives them from the last to the first (1m30s).
    private static let units: [(suffix: String, millis: Double)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)]

    /// Parses one duration: a number and a unit, or several from hours down, as the lab writes
    /// long times (`1m30s`, `9h17m26.607s`).
    static func parse(_ word: String) throws(LabError) -> Millis {
        let expected = "expected a duration like 500ms, 2s, 1m or 1h"
        let parts = Self.parts(of: word.lowercased())
        let several = "or several units from hours down, each less than one of the unit before, like 1m30s"
        var total = 0.0
        var previousUnit: Int?
        for (index, (number, suffix)) in parts.enumerated() {
            guard !number.isEmpty else { throw .usage("'\(word)' is not a duration: \(expected)") }
            guard !suffix.isEmpty else { throw .usage("'\(word)' needs a unit of ms, s, m or h: \(expected)") }
            guard let unit = units.firstIndex(where: { $0.suffix == suffix }) else {
                throw .usage("'\(word)' has an unknown unit '\(suffix)': the units are ms, s, m and h")
            }
            guard number.first != "-" else { throw .usage("'\(word)' is not positive: \(expected)") }
            guard let amount = PlainNumber.value(number) else { throw .usage("'\(word)' is not a duration: \(expected)") }
            // A part may be nothing (`11m0s`, as the lab writes it); the whole may not.
            guard amount > 0 || (amount == 0 && parts.count > 1) else { throw .usage("'\(word)' is not positive: \(expected)") }
            if let previousUnit {
                guard unit < previousUnit, amount < units[previousUnit].millis / units[unit].millis else {
                    throw .usage("'\(word)' is not a duration: \(expected), \(several)")
                }
            }
            guard index == parts.count - 1 || !number.contains(".") else {
                throw .usage("'\(word)' is not a duration: only its last part may have a fraction, as in 1m30.5s")
            }
            previousUnit = unit
            total += amount * units[unit].millis
        }
        guard total.isFinite, total < Double(maximum) + 1 else {
            throw .usage("'\(word)' is out of range: a duration from 1ms to 24h")
        }
        let millis = total.rounded()
        // Decimal fractions are not exact in binary: 1.1s is 1100.0000000000002 ms.
        guard abs(total - millis) < 1e-6 else {
            throw .usage("'\(word)' is not a whole number of milliseconds: the clock counts whole milliseconds")
        }
        guard millis >= 1, millis <= Double(maximum) else {
            throw .usage("'\(word)' is out of range: a duration from 1ms to 24h")
        }
        return Millis(millis)
    }

    /// `word` cut into numbers, each with the letters after it: `1m30s` is (1, m), (30, s).
    private static func parts(of word: String) -> [(number: Substring, suffix: Substring)] {
        var parts: [(number: Substring, suffix: Substring)] = []
        var rest = Substring(word)
        repeat {
            let number = rest.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }
            rest = rest.dropFirst(number.count)
            let suffix = rest.prefix { !($0.isNumber || $0 == "." || $0 == "-" || $0 == "+") }
            rest = rest.dropFirst(suffix.count)
            parts.append((number, suffix))
        } while !rest.isEmpty
        return parts
    }
}
