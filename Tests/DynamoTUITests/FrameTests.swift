import DynamoLab
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

    /// A character of several scalars that take room takes the cells of each, as ncurses lays
    /// it out, so nothing after it on the row moves: emoji joined by zero-width joiners, an
    /// Indic conjunct, a skin tone; combining marks take none.
    @Test func charactersOfSeveralScalarsTakeTheCellsNcursesGivesThem() {
        let family: Character = "👨‍👩‍👧"
        for (character, columns) in [(family, 6), ("कि", 2), ("\u{1100}\u{1161}\u{11A8}", 2), ("👍🏽", 4), ("e\u{301}", 1), ("🇫🇷", 2), ("❤️", 1)] as [(Character, Int)] {
            #expect(TextWidth.columns(of: character) == columns, "\(character)")
        }
        #expect(Array(TextWidth.pieces(of: family)) == ["👨\u{200D}", "👩\u{200D}", "👧"])
        #expect(Array(TextWidth.pieces(of: "e\u{301}")) == ["e\u{301}"])
        // Drawn without its joiners, which a terminal such as tmux would join the emoji by into
        // two columns where ncurses counts six.
        var frame = Frame(width: 12, height: 1)
        #expect(frame.write("\(family)x", x: 0, y: 0) == 7)
        #expect(frame.row(0) == "👨👩👧x")
        #expect(frame[6, 0].character == "x")
        // Written over from its middle, the family leaves no half of an emoji behind.
        frame.write("ab", x: 3, y: 0)
        #expect(frame.row(0) == "👨 ab x")
        #expect(TextWidth.fit("\(family)\(family)", 8) == "\(family)…")
        // A combining mark with nothing before it to join is shown as `?`, in its own cell, and
        // so is a prefix such as U+0600 before the digit it belongs with: the widths measured
        // are the widths drawn.
        var lone = Frame(width: 6, height: 1)
        #expect(lone.write("\u{301}a", x: 0, y: 0) == 2)
        #expect(lone.row(0) == "?a")
        for text in ["\u{301}a", "\u{600}1", "x\u{600}12"] {
            var frame = Frame(width: 8, height: 1)
            #expect(frame.write(text, x: 0, y: 0) == TextWidth.columns(of: text), "\(text.unicodeScalars.map(\.value))")
        }
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

    @Test func fitMiddleKeepsTheEndAndNeverExceedsTheWidth() {
        #expect(TextWidth.fitMiddle("milk+eggs+bread", 12) == "milk+…+bread")
        #expect(TextWidth.fitMiddle("milk+eggs+butter", 12) == "milk+…butter")
        #expect(TextWidth.fitMiddle("cart", 12) == "cart")
        #expect(TextWidth.fitMiddle("日本語の買い物", 9) == "日本…い物")
        for width in 1...16 {
            #expect(TextWidth.columns(of: TextWidth.fitMiddle("shopping cart of 日本語", width)) <= width)
        }
    }

    @Test func wrapBreaksAtSpacesAndIndentsContinuations() {
        #expect(TextWidth.wrap("put cart: ok via node3, acks from node3 node4", 20, indent: "  ")
            == ["put cart: ok via", "  node3, acks from", "  node3 node4"])
        #expect(TextWidth.wrap("abcdefghij", 4) == ["abcd", "efgh", "ij"])
        #expect(TextWidth.wrap("a\nb", 10) == ["a", "b"])
    }
}
