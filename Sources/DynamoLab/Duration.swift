import DynamoCore

/// Virtual durations as typed: `500ms`, `2s`, `1.5s`, `3m`, `1h`.
enum Duration {
    /// The longest single wait: a day of virtual time.
    static let maximum: Millis = 86_400_000
    /// Units, longest suffix first so that `ms` is not read as `s`.
    private static let units: [(suffix: String, millis: Double)] = [("ms", 1), ("s", 1_000), ("m", 60_000), ("h", 3_600_000)]

    static func parse(_ word: String) throws(LabError) -> Millis {
        let expected = "expected a duration like 500ms, 2s, 1m or 1h"
        let lower = word.lowercased()
        let number = lower.prefix { $0.isNumber || $0 == "." || $0 == "-" || $0 == "+" }
        let suffix = lower.dropFirst(number.count)
        guard !number.isEmpty else { throw .usage("'\(word)' is not a duration: \(expected)") }
        guard !suffix.isEmpty else { throw .usage("'\(word)' needs a unit of ms, s, m or h: \(expected)") }
        guard let unit = units.first(where: { $0.suffix == suffix }) else {
            throw .usage("'\(word)' has an unknown unit '\(suffix)': the units are ms, s, m and h")
        }
        guard let amount = Double(number), amount.isFinite else { throw .usage("'\(word)' is not a duration: \(expected)") }
        guard amount > 0 else { throw .usage("'\(word)' is not positive: \(expected)") }
        let exact = amount * unit.millis, millis = exact.rounded()
        // Decimal fractions are not exact in binary: 1.1s is 1100.0000000000002 ms.
        guard abs(exact - millis) < 1e-6 else {
            throw .usage("'\(word)' is not a whole number of milliseconds: the clock counts whole milliseconds")
        }
        guard millis >= 1, millis <= Double(maximum) else {
            throw .usage("'\(word)' is out of range: a duration from 1ms to 24h")
        }
        return Millis(millis)
    }
}
