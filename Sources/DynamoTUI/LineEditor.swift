@preconcurrency import CReadline
import DynamoLab
import Foundation

/// GNU readline inside the screen, through its callback interface: the main loop hands it
/// one byte at a time, and readline edits the line, keeps the history (Up, Ctrl-R) and
/// completes with Tab, while the terminal stays ncurses's. Readline never writes to the
/// terminal: its output goes to /dev/null and the screen draws `prompt`, `line` and `cursor`.
@MainActor
final class LineEditor {
    /// Keys the screen handles itself.
    enum Key {
        case pageUp
        case pageDown
        case redraw
    }

    /// The prompt (readline's, which Ctrl-R changes), the line, and the columns before the
    /// insertion point.
    var prompt: String { display.prompt }
    var line: String { display.line }
    var cursor: Int { display.cursor }
    /// True when the display changed since the last call to `takeChange()`.
    private var changed = true
    /// What readline shows, read back from it only when asked: reading it at every key made
    /// pasting a long line take time in proportion to the square of its length.
    private var captured = (prompt: "", line: "", cursor: 0)
    private var stale = true
    private var display: (prompt: String, line: String, cursor: Int) {
        if stale {
            stale = false
            let buffer = LineEditor.lineBytes()
            let point = min(max(Int(rl_point), 0), buffer.count)
            captured = (rl_display_prompt.map { String(cString: $0) } ?? "",
                        String(decoding: buffer, as: UTF8.self),
                        TextWidth.columns(of: String(decoding: buffer[..<point], as: UTF8.self)))
        }
        return captured
    }

    private var bytes: [UInt8] = []
    private var lastEntered: String?
    private let readMore: () -> UInt8?
    private let onLine: (String?) -> Void
    private let onKey: (Key) -> Void
    private let onMatches: ([String]) -> Void
    private let complete: (String, Int) -> Completion

    /// The editor the C callbacks talk to: readline has one line at a time.
    private static var current: LineEditor?

    /// - Parameters:
    ///   - readMore: blocks briefly for another byte when readline wants one mid-sequence.
    ///   - onLine: a line was entered; nil at end of input (Ctrl-D on an empty line).
    ///   - onMatches: Tab found several completions, to show in the screen.
    init(prompt: String, readMore: @escaping () -> UInt8?, complete: @escaping (String, Int) -> Completion,
         onLine: @escaping (String?) -> Void, onKey: @escaping (Key) -> Void, onMatches: @escaping ([String]) -> Void) {
        self.readMore = readMore
        self.complete = complete
        self.onLine = onLine
        self.onKey = onKey
        self.onMatches = onMatches
        LineEditor.current = self
        LineEditor.configureReadline()
        rl_callback_handler_install(prompt) { line in
            let text = line.map { String(cString: $0) }
            free(line)
            MainActor.assumeIsolated { LineEditor.current?.accept(text) }
        }
    }

    /// Hands readline one byte of input.
    func feed(_ byte: UInt8) {
        bytes.append(byte)
        while !bytes.isEmpty { rl_callback_read_char() }
    }

    /// Empties the line being typed (Ctrl-C on a half-typed line), and puts the history back at
    /// its end: a line recalled with Up and then cleared must not come back when a search
    /// started after it is cancelled (Ctrl-R, Ctrl-G).
    func clear() {
        rl_replace_line("", 1)
        rl_point = 0
        using_history()
        displayChanged()
    }

    /// Tells readline the screen's size, for its own line-wrapping arithmetic.
    func resize(rows: Int, columns: Int) {
        rl_set_screen_size(Int32(rows), Int32(columns))
    }

    /// Whether the prompt or the line changed since the last call.
    func takeChange() -> Bool {
        defer { changed = false }
        return changed
    }

    /// Leaves readline's callback mode.
    func remove() {
        rl_callback_handler_remove()
        LineEditor.current = nil
    }

    // MARK: Callbacks from readline

    /// A line was entered: remember it in the history, then hand it on.
    private func accept(_ text: String?) {
        if let text { remember(text) }
        onLine(text)
    }

    /// Adds `text` to the history (Up, ^R), once when repeated: a line typed, or one a lesson ran.
    func remember(_ text: String) {
        guard !text.allSatisfy(\.isWhitespace), text != lastEntered else { return }
        add_history(text)
        // Up starts from the newest line again, even one added while nothing was typed.
        using_history()
        lastEntered = text
    }

    private func nextByte() -> Int32 {
        if bytes.isEmpty, let more = readMore() { bytes.append(more) }
        // Nothing came (a signal is being handled): NUL only sets readline's mark.
        guard !bytes.isEmpty else { return 0 }
        return Int32(bytes.removeFirst())
    }

    private func displayChanged() {
        stale = true
        changed = true
    }

    private func candidates() -> [String] {
        let buffer = LineEditor.lineBytes()
        let point = min(max(Int(rl_point), 0), buffer.count)
        let before = String(decoding: buffer[..<point], as: UTF8.self)
        return complete(String(decoding: buffer, as: UTF8.self), before.count).candidates
    }

    private static func lineBytes() -> [UInt8] {
        guard let buffer = rl_line_buffer else { return [] }
        let end = max(Int(rl_end), 0)
        return buffer.withMemoryRebound(to: UInt8.self, capacity: end) { Array(UnsafeBufferPointer(start: $0, count: end)) }
    }

    // MARK: Readline set-up

    private static var configured = false

    private static func configureReadline() {
        guard !configured else { return }
        configured = true
        rl_readline_name = UnsafePointer(strdup("dynamo-lab"))
        // Readline must neither touch signals, the tty modes nor LINES/COLUMNS: ncurses owns them.
        rl_catch_signals = 0
        rl_catch_sigwinch = 0
        rl_change_environment = 0
        rl_prep_term_function = { _ in }
        rl_deprep_term_function = {}
        rl_outstream = fopen("/dev/null", "w")
        rl_getc_function = { _ in MainActor.assumeIsolated { LineEditor.current?.nextByte() ?? 0 } }
        rl_input_available_hook = { MainActor.assumeIsolated { LineEditor.current?.bytes.isEmpty == false } ? 1 : 0 }
        rl_redisplay_function = { MainActor.assumeIsolated { LineEditor.current?.displayChanged() } }
        rl_completer_word_break_characters = UnsafePointer(strdup(String(Completion.wordBreaks.sorted())))
        // Candidates come in the order `Completion` gives them (numbers by value).
        rl_sort_completion_matches = 0
        rl_attempted_completion_function = { text, _, _ in
            rl_attempted_completion_over = 1
            let matches = MainActor.assumeIsolated { LineEditor.current?.candidates() ?? [] }
            guard !matches.isEmpty else { return nil }
            if matches.count == 1, let last = matches[0].last, Completion.wordBreaks.contains(last) {
                rl_completion_suppress_append = 1
            }
            return LineEditor.cArray(matches, typed: text.map { String(cString: $0) } ?? "")
        }
        rl_completion_display_matches_hook = { matches, count, _ in
            guard let matches, count > 0 else { return }
            let names = (1...Int(count)).compactMap { matches[$0].map { String(cString: $0) } }
            MainActor.assumeIsolated { LineEditor.current?.onMatches(names) }
            rl_forced_update_display()
        }
        rl_initialize()
        rl_variable_bind("show-all-if-ambiguous", "on")
        bind("\u{1b}[5~") { _, _ in MainActor.assumeIsolated { LineEditor.current?.onKey(.pageUp) }; return 0 }
        bind("\u{1b}[6~") { _, _ in MainActor.assumeIsolated { LineEditor.current?.onKey(.pageDown) }; return 0 }
        bind("\u{0c}") { _, _ in MainActor.assumeIsolated { LineEditor.current?.onKey(.redraw) }; return 0 }
    }

    private static func bind(_ sequence: String, _ function: @escaping @convention(c) (Int32, Int32) -> Int32) {
        rl_bind_keyseq(sequence, function)
    }

    /// Readline's form of a completion: the longest common prefix (never less than what was
    /// `typed`, which a quoted key need not start with), then every match, then NULL, all
    /// allocated with malloc (readline frees them).
    private static func cArray(_ matches: [String], typed: String) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
        var common = matches[0]
        for match in matches.dropFirst() {
            while !match.hasPrefix(common) { common.removeLast() }
        }
        if !common.hasPrefix(typed) { common = typed }
        let entries = matches.count == 1 ? matches : [common] + matches
        let array = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (entries.count + 1))!
            .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: entries.count + 1)
        for (index, entry) in entries.enumerated() { array[index] = strdup(entry) }
        array[entries.count] = nil
        return array
    }
}
