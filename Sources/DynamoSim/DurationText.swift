import DynamoCore

/// Virtual durations as people write them.
public enum DurationText {
    private static let units: [(suffix: String, millis: Millis)] = [("h", 3_600_000), ("m", 60_000), ("s", 1_000)]

    /// In the largest unit that divides it exactly: `1h`, `90s`, `1500ms`.
    public static func of(_ millis: Millis) -> String {
        for unit in units where millis != 0 && millis % unit.millis == 0 { return "\(millis / unit.millis)\(unit.suffix)" }
        return "\(millis)ms"
    }

    /// The cluster's clock as the lab reports it after time passes (`wait`, `step`, `sync`): in
    /// seconds, as trace lines give times, and from ten minutes on spelled out as well:
    /// `33446.607s (9h17m26.607s)`.
    public static func clock(_ now: Millis) -> String {
        now < spelledFrom ? TraceEntry.format(now) : "\(TraceEntry.format(now)) (\(spelled(now)))"
    }

    /// A wait's length as it is typed: under a minute in one unit (45s, 1500ms); from a minute
    /// on in hours, minutes and seconds, leaving out those that are zero (1m30s, 2m, 1h30m,
    /// 9h17m26.607s).
    public static func waited(_ duration: Millis) -> String {
        guard duration >= 60_000 else { return of(duration) }
        let (hours, minutes, rest) = (duration / 3_600_000, duration / 60_000 % 60, duration % 60_000)
        var text = hours > 0 ? "\(hours)h" : ""
        if minutes > 0 { text += "\(minutes)m" }
        if rest > 0 { text += rest % 1_000 == 0 ? "\(rest / 1_000)s" : TraceEntry.format(rest) }
        return text
    }

    /// From when the clock is spelled out as well: ten minutes.
    public static let spelledFrom: Millis = 600_000

    /// In hours, minutes and seconds together, for a length of time rather than a setting:
    /// `9h53m47s`, `1m0.250s`, `800ms`.
    public static func spelled(_ millis: Millis) -> String {
        guard millis >= 1_000 else { return "\(millis)ms" }
        let (hours, minutes) = (millis / 3_600_000, millis / 60_000 % 60)
        let seconds = millis % 60_000
        var text = hours > 0 ? "\(hours)h" : ""
        if hours > 0 || minutes > 0 { text += "\(minutes)m" }
        return text + (seconds % 1_000 == 0 ? "\(seconds / 1_000)s" : TraceEntry.format(seconds))
    }
}
