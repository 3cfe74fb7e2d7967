import Foundation

/// A file a command writes (`save`, `explore --out`), checked before any work is done so that
/// a bad path is refused up front, in plain words, rather than after a long run.
public enum OutputPath {
    /// Why `path` cannot be written (replaced atomically, which needs its directory writable),
    /// or nil if it can.
    public static func problem(writing path: String) -> String? {
        if path.isEmpty { return "no file is named" }
        // A name that would move the cursor or reorder what follows it when shown.
        if let hidden = path.unicodeScalars.first(where: { $0.properties.generalCategory == .control || $0.reordersText }) {
            return "the name holds \(String.codePoint(hidden)), which does not show"
        }
        guard let file = followingLinks(path) else { return "its symbolic links lead round in a loop" }
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: file, isDirectory: &isDirectory), isDirectory.boolValue { return "it is a directory" }
        let directory = Self.directory(of: file)
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else { return "no such directory \(directory)" }
        guard isDirectory.boolValue else { return "\(directory) is not a directory" }
        return files.isWritableFile(atPath: directory) ? nil : "the directory \(directory) is not writable"
    }

    /// The file that writing `path` changes: `path`, or where its symbolic links lead, even to a
    /// file not there yet, so that a link is written through rather than replaced by a file.
    /// Nil for links that lead round in a loop.
    public static func followingLinks(_ path: String) -> String? {
        var file = path
        for _ in 0..<maxLinks {
            guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: file) else { return file }
            file = destination.hasPrefix("/") ? destination : directory(of: file) + "/" + destination
        }
        return nil
    }

    /// One name for the file at `path`, however it is reached: its directory with every link
    /// resolved, then its name.
    public static func identity(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return URL(fileURLWithPath: directory(of: path)).resolvingSymlinksInPath().path + "/" + name
    }

    /// As many links as the system follows in one path before it gives up (Linux's limit).
    private static let maxLinks = 40

    /// Whether writing `path` loses nothing: no file is there, or an empty one, or a script the
    /// lab wrote beginning with `header` and unchanged since (`WrittenScript`).
    public static func losesNothing(writing path: String, over header: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return true }
        guard let existing = FileManager.default.contents(atPath: path) else { return false }
        return existing.isEmpty || String(data: existing, encoding: .utf8).map { WrittenScript.isUnchanged($0, header: header) } == true
    }

    /// The directory `path` names its file in: `.` for a bare name, `/` for a file at the root.
    /// Worked out by hand: Foundation's `deletingLastPathComponent` traps on one-character paths.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
