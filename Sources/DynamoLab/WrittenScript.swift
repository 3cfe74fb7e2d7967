import DynamoCore

/// The script of a failure `explore` writes ends its first line with a check of its text, so
/// that a later run replaces the file only while nobody has edited it: a caption or an
/// expectation typed into it by hand is never lost. (`save`, within one session, compares
/// the file with what it wrote.)
public enum WrittenScript {
    /// `lines` as a file, the first line ending in the check of them all: `… (check 9f3a61c2)`.
    public static func text(_ lines: [String]) -> String {
        var lines = lines
        if !lines.isEmpty { lines[0] += " (check \(check(of: lines)))" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Whether `text` is a script the lab wrote, beginning with `header`, unchanged since. One
    /// written before scripts carried a check, with none on its first line, is taken as the
    /// lab wrote it, as it was then.
    public static func isUnchanged(_ text: String, header: String) -> Bool {
        guard text.hasPrefix(header), text.hasSuffix("\n") else { return false }
        var lines = text.dropLast().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = lines[0]
        guard let open = first.ranges(of: " (check ").last else { return true }
        guard first.hasSuffix(")") else { return false }
        lines[0] = String(first[..<open.lowerBound])
        return first[open.upperBound...].dropLast() == check(of: lines)[...]
    }

    /// Eight hex digits of the lines' digest.
    private static func check(of lines: [String]) -> String {
        var digest = Digest()
        for line in lines { digest.add(line) }
        let hex = String(digest.value >> 32, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }
}
