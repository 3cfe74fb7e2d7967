import Foundation

/// Writes `text` to standard error whole, giving up quietly on a stream that is closed or
/// full: a message that cannot be shown is no reason to stop (`FileHandle.write` would trap).
func writeToStandardError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}
