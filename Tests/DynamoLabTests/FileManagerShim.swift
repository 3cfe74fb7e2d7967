import Foundation

/// Test-only file helpers.
enum FileManagerShim {
    static func write(_ path: String, bytes: [UInt8]) {
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
    }

    static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
