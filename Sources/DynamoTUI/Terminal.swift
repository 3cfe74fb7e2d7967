@preconcurrency import CNCurses
import DynamoLab
import Foundation

/// The ncurses screen: sets the terminal up, copies frames onto it (only the rows that
/// changed), reads input bytes, and puts the terminal back as it was with `restore()`.
@MainActor
final class Terminal {
    /// What reading the keyboard gave.
    enum Input: Equatable {
        case byte(UInt8)
        case resize
        case nothing
    }

    private(set) var width: Int
    private(set) var height: Int
    private let colour: Bool
    private var colourPairs: [Style.Ink: Int16] = [:]
    private var nodeColours: [Int16] = []
    private var shown: Frame?
    private var active = true

    /// Takes the terminal over; nil when ncurses does not know the terminal type or the
    /// terminal cannot move the cursor and clear the screen (TERM=dumb).
    init?() {
        Terminal.chooseUTF8Locale()
        // Unlike initscr, newterm reports an unknown terminal instead of exiting.
        guard let screen = newterm(nil, stdout, stdin) else { return nil }
        set_term(screen)
        guard Terminal.has("cup"), Terminal.has("clear") else {
            endwin()
            delscreen(screen)
            return nil
        }
        raw()
        noecho()
        nonl()
        // Readline decodes escape sequences itself (arrows, Home, PgUp...): keep keypad off.
        keypad(stdscr, false)
        colour = has_colors() && (ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        width = Int(dl_columns(stdscr))
        height = Int(dl_rows(stdscr))
        if colour { setUpColours() }
    }

    /// Puts the terminal back as it was. Safe to call more than once.
    func restore() {
        guard active else { return }
        active = false
        endwin()
    }

    /// Hands the terminal back to the shell and stops, as ^Z does to any program; once resumed
    /// (fg), takes the terminal again, at whatever size it has now, for a frame drawn whole.
    /// With no shell to resume it (a process group that job control does not reach), the stop
    /// is ignored and the screen simply comes back. The signal's default action is asked for,
    /// as a parent may have passed it on ignored, and ^Z is this program's own key here.
    func suspend() {
        endwin()
        signal(SIGTSTP, SIG_DFL)
        raise(SIGTSTP)
        refresh()
        width = Int(dl_columns(stdscr))
        height = Int(dl_rows(stdscr))
        invalidate()
    }

    /// Waits up to `milliseconds` for input.
    func read(waiting milliseconds: Int) -> Input {
        wtimeout(stdscr, Int32(max(milliseconds, 0)))
        let key = wgetch(stdscr)
        if key == KEY_RESIZE {
            width = Int(dl_columns(stdscr))
            height = Int(dl_rows(stdscr))
            shown = nil
            clearok(stdscr, true)
            return .resize
        }
        guard key != ERR, (0...255).contains(key) else { return .nothing }
        return .byte(UInt8(key))
    }

    /// Forgets what is on the screen, so the next frame is drawn whole (after ^L).
    func invalidate() {
        shown = nil
        clearok(stdscr, true)
    }

    /// Shows `frame`, which must match the terminal's size, and places the cursor.
    func draw(_ frame: Frame) {
        guard frame.width == width, frame.height == height else { return }
        for y in 0..<height where shown.map({ !Self.sameRow(y, $0, frame) }) ?? true {
            drawRow(y, of: frame)
        }
        if let cursor = frame.cursor {
            wmove(stdscr, Int32(cursor.y), Int32(min(cursor.x, width - 1)))
            curs_set(1)
        } else {
            curs_set(0)
        }
        wrefresh(stdscr)
        shown = frame
    }

    private static func sameRow(_ y: Int, _ a: Frame, _ b: Frame) -> Bool {
        let start = y * a.width
        return a.cells[start..<start + a.width] == b.cells[start..<start + b.width]
    }

    /// Draws one row as runs of cells of the same style. A two-column character is drawn on
    /// its own at its exact column, so that a width the terminal counts differently cannot
    /// shift the rest of the row.
    private func drawRow(_ y: Int, of frame: Frame) {
        var x = 0
        while x < frame.width {
            let cell = frame[x, y]
            if cell.isWideTail {
                put(" ", style: cell.style, x: x, y: y)
                x += 1
                continue
            }
            if TextWidth.columns(of: cell.character) == 2 {
                put(String(cell.character), style: cell.style, x: x, y: y)
                x += 2
                continue
            }
            var run = String(cell.character)
            var end = x + 1
            while end < frame.width {
                let next = frame[end, y]
                guard next.style == cell.style, !next.isWideTail, TextWidth.columns(of: next.character) == 1 else { break }
                run.append(next.character)
                end += 1
            }
            put(run, style: cell.style, x: x, y: y)
            x = end
        }
    }

    private func put(_ text: String, style: Style, x: Int, y: Int) {
        let (attributes, pair) = look(of: style)
        dl_set_attributes(stdscr, attributes, pair)
        _ = dl_put(stdscr, Int32(y), Int32(x), text)
        dl_set_attributes(stdscr, 0, 0)
    }

    /// The attributes and colour pair of a style; without colour, roles become attributes.
    private func look(of style: Style) -> (attr_t, Int16) {
        var attributes: attr_t = 0
        if style.bold { attributes |= dl_attr_bold() }
        if style.reverse { attributes |= dl_attr_reverse() }
        if style.underline { attributes |= dl_attr_underline() }
        guard colour else {
            switch style.ink {
            case .accent, .bad: attributes |= dl_attr_bold()
            case .warn: attributes |= dl_attr_bold() | dl_attr_underline()
            case .muted: attributes |= dl_attr_dim()
            case .plain, .good, .node: break
            }
            return (attributes, 0)
        }
        switch style.ink {
        case .plain: return (attributes, 0)
        case .node(let index): return (attributes, nodeColours[(max(index, 1) - 1) % nodeColours.count])
        case .muted where COLORS < 16: return (attributes | dl_attr_dim(), 0)
        default: return (attributes, colourPairs[style.ink] ?? 0)
        }
    }

    private func setUpColours() {
        start_color()
        use_default_colors()
        let rich = COLORS >= 256
        let roles: [(Style.Ink, Int16)] = [
            (.accent, rich ? 117 : Int16(COLOR_CYAN)), (.good, rich ? 114 : Int16(COLOR_GREEN)),
            (.bad, rich ? 203 : Int16(COLOR_RED)), (.warn, rich ? 221 : Int16(COLOR_YELLOW)),
            (.muted, rich ? 244 : 8),
        ]
        var pair: Int16 = 1
        for (ink, colour) in roles {
            init_pair(pair, colour, -1)
            colourPairs[ink] = pair
            pair += 1
        }
        let palette: [Int16] = rich
            ? [75, 114, 221, 176, 80, 209, 147, 186]
            : [Int16(COLOR_BLUE), Int16(COLOR_GREEN), Int16(COLOR_YELLOW), Int16(COLOR_MAGENTA), Int16(COLOR_CYAN), Int16(COLOR_RED)]
        for colour in palette {
            init_pair(pair, colour, -1)
            nodeColours.append(pair)
            pair += 1
        }
    }

    /// Whether the terminal's description has the string capability `name`.
    private static func has(_ name: String) -> Bool {
        guard let value = tigetstr(name) else { return false }
        return Int(bitPattern: value) != -1
    }

    /// ncurses draws ● and box lines only under a UTF-8 locale: take the user's, or C.UTF-8.
    private static func chooseUTF8Locale() {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        if codeset != "UTF-8" && codeset != "UTF8" { setlocale(LC_ALL, "C.UTF-8") }
    }
}
