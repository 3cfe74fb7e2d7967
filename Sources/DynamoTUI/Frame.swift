import DynamoLab

/// How a cell is drawn: a colour role and attributes. The terminal turns roles into colours,
/// or into attributes alone when colour is off (`NO_COLOR`).
public struct Style: Hashable, Sendable {
    public enum Ink: Hashable, Sendable {
        case plain
        /// A node's own colour, by its one-based index; the palette repeats.
        case node(Int)
        /// Titles and the key in focus.
        case accent
        /// Success, nodes up, quorums met.
        case good
        /// Errors, nodes down, messages dropped.
        case bad
        /// Siblings, hints, suspicions that are wrong.
        case warn
        /// Secondary text.
        case muted
    }

    public var ink: Ink
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(_ ink: Ink = .plain, bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.ink = ink
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    public static let plain = Style()
    public static let muted = Style(.muted)
    public static let accent = Style(.accent, bold: true)
    public static let good = Style(.good)
    public static let bad = Style(.bad, bold: true)
    public static let warn = Style(.warn, bold: true)
    public static func node(_ index: Int, bold: Bool = false) -> Style { Style(.node(index), bold: bold) }
}

/// One character cell of the screen.
public struct Cell: Equatable, Sendable {
    /// The character; a cell whose `isWideTail` is true is the second column of the
    /// two-column character before it.
    public var character: Character
    public var style: Style

    public static let blank = Cell(character: " ", style: .plain)
    static let tailMark: Character = "\u{0}"

    public var isWideTail: Bool { character == Cell.tailMark }
}

/// A rectangle of cells.
public struct Rect: Equatable, Sendable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rectangle without its first `rows` rows.
    public func dropping(rows: Int) -> Rect { Rect(x: x, y: y + rows, width: width, height: height - rows) }
}

/// A column and row on the screen.
public struct Point: Equatable, Sendable {
    public var x: Int
    public var y: Int

    public init(x: Int, y: Int) {
        self.x = x
        self.y = y
    }
}

/// The whole screen as a grid of cells, drawn without any terminal: panels write here, tests
/// read it back as text, and the terminal layer only copies it out.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor goes: the insertion point of the prompt.
    public var cursor: Point?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from column `x` of row `y`, never at or past column `limit` (the frame's
    /// width by default); returns the column after the last one written.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain, limit: Int? = nil) -> Int {
        let end = min(limit ?? width, width)
        guard y >= 0, y < height else { return x }
        var column = x
        for character in text {
            // One byte is one ASCII scalar: one column, one piece.
            if character.utf8.count == 1 {
                if column + 1 > end { return column }
                put(character, columns: 1, x: column, y: y, style: style)
                column += 1
                continue
            }
            for piece in TextWidth.pieces(of: character) {
                let columns = TextWidth.columns(of: piece)
                if column + columns > end { return column }
                put(piece, columns: columns, x: column, y: y, style: style)
                column += columns
            }
        }
        return column
    }

    /// Puts one piece of a character (`TextWidth.pieces`) at column `x`, in one cell or two.
    private mutating func put(_ piece: Character, columns: Int, x: Int, y: Int, style: Style) {
        guard x >= 0 else { return }
        clearWideCharacter(at: x, y: y)
        if columns == 2 { clearWideCharacter(at: x + 1, y: y) }
        cells[y * width + x] = Cell(character: TextWidth.printable(piece), style: style)
        if columns == 2 { cells[y * width + x + 1] = Cell(character: Cell.tailMark, style: style) }
    }

    /// Blanks both halves of a two-column character that covers column `x`, so that writing
    /// over half of one never leaves the other half behind.
    private mutating func clearWideCharacter(at x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isWideTail, x > 0 {
            cells[index - 1] = .blank
            cells[index] = .blank
        } else if x + 1 < width, cells[index + 1].isWideTail {
            cells[index + 1] = .blank
        }
    }

    /// Writes `text` on row `row` of `rect`, from column `column` inside it, clipped to it.
    @discardableResult
    public mutating func write(_ text: String, in rect: Rect, row: Int, column: Int = 0, style: Style = .plain) -> Int {
        guard row >= 0, row < rect.height else { return rect.x + column }
        return write(text, x: rect.x + column, y: rect.y + row, style: style, limit: rect.maxX)
    }

    /// Fills `rect` with `character` in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        for y in max(rect.y, 0)..<min(rect.maxY, height) {
            for x in max(rect.x, 0)..<min(rect.maxX, width) {
                cells[y * width + x] = Cell(character: character, style: style)
            }
        }
    }

    /// Row `y` as text, without trailing spaces.
    public func row(_ y: Int) -> String {
        var text = ""
        for x in 0..<width where !self[x, y].isWideTail { text.append(self[x, y].character) }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// Every row as text: what a person would read on the screen.
    public var text: String { (0..<height).map(row).joined(separator: "\n") }
}
