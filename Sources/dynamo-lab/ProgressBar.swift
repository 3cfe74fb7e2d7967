import Foundation

/// A one-line progress bar on standard error, drawn only when it is a terminal: `explore`'s
/// seeds, `experiment`'s sizes.
struct ProgressBar {
    let total: Int
    /// What is counted: `seeds`, `sizes`.
    let unit: String
    let enabled = isatty(STDERR_FILENO) == 1

    func update(_ done: Int) {
        guard enabled else { return }
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        writeToStandardError("\r\(bar) \(done)/\(total) \(unit)")
    }

    func finish() {
        guard enabled else { return }
        writeToStandardError("\n")
    }
}
