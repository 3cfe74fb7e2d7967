import DynamoCore

/// Virtual durations as typed: `500ms`, `2s`, `1.5s`, `3m`.
enum Duration {
    /// The longest single wait: a day of virtual time.
    static let maximum: Millis = 86_400_000

    static func parse(_ word: String) throws(LabError) -> Millis {
        let expected = "expected a duration like 500ms, 2s or 1m"
        let lower = word.lowercased()
        let units: [(suffix: String, millis: Double)] = [("ms", 1), ("s", 1_000), ("m", 60_000)]
        guard let unit = units.first(where: { lower.hasSuffix($0.suffix) }) else {
            throw .usage("'\(word)' needs a unit of ms, s or m: \(expected)")
        }
        let number = lower.dropLast(unit.suffix.count)
        guard let amount = Double(number), amount.isFinite, number.allSatisfy({ $0.isNumber || $0 == "." || $0 == "-" })
        else { throw .usage("'\(word)' is not a duration: \(expected)") }
        guard amount > 0 else { throw .usage("'\(word)' is not positive: \(expected)") }
        let millis = (amount * unit.millis).rounded()
        guard millis >= 1, millis <= Double(maximum) else {
            throw .usage("'\(word)' is out of range: a duration from 1ms to 24h (1440m)")
        }
        return Millis(millis)
    }

    /// `1.5s`, `300ms`: the shortest exact form.
    static func format(_ millis: Millis) -> String {
        if millis % 1_000 != 0 { return "\(millis)ms" }
        return "\(millis / 1_000)s"
    }
}
