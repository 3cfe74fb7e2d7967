import Testing
@testable import DynamoLab

/// The lab's text answers, in columns as a terminal draws them.
@Suite struct DisplayTests {
    /// Columns line up by the width a terminal gives each cell, not by its count of characters:
    /// two columns for wide characters and emoji, none for combining marks.
    @Test func tableColumnsLineUpByWidthOnTheScreen() {
        let rows = [["日本", "|"], ["abc", "|"], ["e\u{301}", "|"], ["👍🏽", "|"]]
        let lines = Display.table(rows, indent: "").split(separator: "\n").map(String.init)
        #expect(lines.map { TextWidth.columns(of: $0.prefix { $0 != "|" }) } == [6, 6, 6, 6], "\(lines)")
        #expect(lines[1] == "abc   |")
    }

    /// A get shows what was asked for whole, up to 200 characters; a table of replicas cuts a
    /// value at 40, and either notes the size of a value it cuts.
    @Test func aGetShowsALongValueWholeWhereTablesCutIt() throws {
        let lab = Lab()
        let sentence = "milk and eggs and a very long list of groceries for the whole week"
        _ = lab.execute("put cart \"\(sentence)\"")
        let read = try #require(lab.execute("get cart")?.text)
        #expect(read.contains("\"\(sentence)\"  clock"), "\(read)")
        let table = try #require(lab.execute("versions cart")?.text)
        #expect(table.contains("\"\(sentence.prefix(39))…\" (66 bytes)"), "\(table)")
        let long = String(repeating: "ab", count: 150)
        _ = lab.execute("put list \(long)")
        let cut = try #require(lab.execute("get list")?.text)
        #expect(cut.contains("  \(long.prefix(199))… (300 bytes)  clock"), "\(cut)")
    }

    /// A get of values of different widths, from the plain prompt or a script, keeps its
    /// clocks in one column.
    @Test func aGetsClocksStayInOneColumn() {
        let lab = Lab()
        // Two blind puts from two clients: siblings, one of them wide.
        for line in ["put x abc", "client bob", "put x 日本"] { _ = lab.execute(line) }
        let text = lab.execute("get x")?.text ?? ""
        let rows = text.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows.count == 2, "\(text)")
        let columns = Set(rows.map { row in TextWidth.columns(of: row.prefix { $0 != "{" }) })
        #expect(columns.count == 1, "\(text)")
    }
}
