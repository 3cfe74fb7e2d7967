import DynamoCore

/// Virtual durations as people write them.
public enum DurationText {
    private static let units: [(suffix: String, millis: Millis)] = [("h", 3_600_000), ("m", 60_000), ("s", 1_000)]

    /// In the largest unit that divides it exactly: `1h`, `90s`, `1500ms`.
    public static func of(_ millis: Millis) -> String {
        for unit in units where millis != 0 && millis % unit.millis == 0 { return "\(millis / unit.millis)\(unit.suffix)" }
        return "\(millis)ms"
    }
}
