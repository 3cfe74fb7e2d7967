import Testing
@testable import DynamoTUI

/// The character grid every screen is drawn into, and text measured in columns.
@Suite struct FrameTests {
    @Test func writeClipsAtTheLimitAndReportsTheNextColumn() {
        var frame = Frame(width: 10, height: 2)
        let end = frame.write("hello world", x: 2, y: 0, limit: 8)
        #expect(end == 8)
        #expect(frame.row(0) == "  hello")
        #expect(frame.write("x", x: 0, y: 5) == 0, "rows outside the frame are ignored")
    }

    @Test func wideCharactersTakeTwoCellsAndNeverHalfFit() {
        var frame = Frame(width: 5, height: 1)
        frame.write("日本語", x: 0, y: 0)
        #expect(frame.row(0) == "日本")
        #expect(frame[1, 0].isWideTail)
        frame.write("a", x: 1, y: 0)
        #expect(frame.row(0) == " a本", "overwriting half of a wide character blanks the other half")
    }

    /// Widths agree with glibc's `wcwidth`, which ncurses and the terminal go by: every emoji
    /// shown as emoji by default is wide, not only those of two blocks.
    @Test func emojiAreAsWideAsTheTerminalDrawsThem() {
        for wide: Character in ["🛒", "🥛", "🚀", "✅", "⌚", "🇫🇷", "日", "한", "ｗ", "〈"] {
            #expect(TextWidth.columns(of: wide) == 2, "\(wide)")
        }
        for narrow: Character in ["ü", "a", "☺", "✔", "🌡", "🇫", "→", "●"] {
            #expect(TextWidth.columns(of: narrow) == 1, "\(narrow)")
        }
        var frame = Frame(width: 14, height: 1)
        #expect(frame.write("ü 🛒🥛 ab x1", x: 0, y: 0) == 12)
        #expect(frame[3, 0].isWideTail && frame[5, 0].isWideTail)
    }

    @Test func controlCharactersCannotMoveTheCursor() {
        var frame = Frame(width: 10, height: 1)
        frame.write("a\u{1b}[2Jb", x: 0, y: 0)
        #expect(frame.row(0) == "a?[2Jb")
    }

    @Test func writeInsideARectIsClippedToIt() {
        var frame = Frame(width: 20, height: 3)
        let rect = Rect(x: 5, y: 1, width: 4, height: 1)
        frame.write("abcdefgh", in: rect, row: 0)
        frame.write("zzz", in: rect, row: 1)
        #expect(frame.text == "\n     abcd\n")
    }

    @Test func fitCutsWithAnEllipsisAndPadFills() {
        #expect(TextWidth.fit("cart", 10) == "cart")
        #expect(TextWidth.fit("shopping cart", 6) == "shopp…")
        #expect(TextWidth.fit("日本語", 4) == "日…")
        #expect(TextWidth.pad("ab", 4) == "ab  ")
    }

    @Test func wrapBreaksAtSpacesAndIndentsContinuations() {
        #expect(TextWidth.wrap("put cart: ok via node3, acks from node3 node4", 20, indent: "  ")
            == ["put cart: ok via", "  node3, acks from", "  node3 node4"])
        #expect(TextWidth.wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"])
        #expect(TextWidth.wrap("a\nb", 10) == ["a", "b"])
    }
}
