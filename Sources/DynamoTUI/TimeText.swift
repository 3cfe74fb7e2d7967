import DynamoCore

/// Virtual durations as the panels show them: `340ms`, `1.2s`, `2m05s`.
enum TimeText {
    static func duration(_ millis: Millis) -> String {
        let millis = max(millis, 0)
        if millis < 1_000 { return "\(millis)ms" }
        if millis < 60_000 { return "\(millis / 1_000).\(millis % 1_000 / 100)s" }
        let seconds = millis / 1_000
        let rest = seconds % 60
        return "\(seconds / 60)m" + (rest < 10 ? "0" : "") + "\(rest)s"
    }
}
