import Foundation

/// A file a command writes (`save`, `explore --out`), checked before any work is done so that
/// a bad path is refused up front, in plain words, rather than after a long run.
public enum OutputPath {
    /// Why `path` cannot be written (replaced atomically, which needs its directory writable),
    /// or nil if it can.
    public static func problem(writing path: String) -> String? {
        let files = FileManager.default
        var isDirectory: ObjCBool = false
        if files.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue { return "it is a directory" }
        let directory = Self.directory(of: path)
        guard files.fileExists(atPath: directory, isDirectory: &isDirectory) else { return "no such directory \(directory)" }
        guard isDirectory.boolValue else { return "\(directory) is not a directory" }
        return files.isWritableFile(atPath: directory) ? nil : "the directory \(directory) is not writable"
    }

    /// Whether writing `path` loses nothing: no file is there, or an empty one, or one that
    /// begins with `header` (one the lab wrote). A file that cannot be read is not lost either.
    public static func losesNothing(writing path: String, over header: String) -> Bool {
        guard FileManager.default.fileExists(atPath: path) else { return true }
        guard let existing = FileManager.default.contents(atPath: path) else { return false }
        return existing.isEmpty || existing.starts(with: Data(header.utf8))
    }

    /// The directory `path` names its file in: `.` for a bare name, `/` for a file at the root.
    /// Worked out by hand: Foundation's `deletingLastPathComponent` traps on one-character paths.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
