import Foundation

/// Test-only file helpers.
enum FileManagerShim {
    /// Writes `bytes` to `path`; a test that cannot write its fixture stops there.
    static func write(_ path: String, bytes: [UInt8]) {
        let written = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        precondition(written, "could not write \(path)")
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
