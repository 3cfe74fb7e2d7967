import Foundation

/// Writes `text` to standard error whole, giving up quietly when it cannot (a descriptor that
/// is closed, a disk that is full): a message that cannot be shown is no reason to stop, where
/// `FileHandle.write` would trap. A pipe whose reader has gone still ends the program with
/// SIGPIPE, as it ends other command-line tools.
func writeToStandardError(_ text: String) {
    var bytes = Array(text.utf8)[...]
    while !bytes.isEmpty {
        let written = bytes.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
        guard written > 0 else { return }
        bytes = bytes.dropFirst(written)
    }
}
