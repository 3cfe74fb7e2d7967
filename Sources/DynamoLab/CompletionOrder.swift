/// The order the prompt offers completions in. A list of quantities goes by value (`0.05`
/// before `0.1`, `500ms` before `1s`, `-1s` before `0`); any other list alphabetically, the
/// numbers within words compared as numbers (`node2` before `node10`).
enum CompletionOrder {
    static func sorted(_ words: [String]) -> [String] {
        let values = words.map(quantity)
        guard values.allSatisfy({ $0 != nil }) else { return words.sorted(by: naturally) }
        return zip(words, values).sorted { ($0.1!, $0.0) < ($1.1!, $1.0) }.map(\.0)
    }

    /// What a number, percentage, signed duration or range typed at the prompt amounts to:
    /// `0.5`, `25%`, `+5s` (in milliseconds), `1ms..10ms` (by its start); nil for a word.
    static func quantity(_ word: String) -> Double? {
        var text = Substring(word.components(separatedBy: "..")[0])
        let sign: Double = text.first == "-" ? -1 : 1
        if text.first == "-" || text.first == "+" { text = text.dropFirst() }
        if text.last == "%" { text = text.dropLast() }
        guard let first = text.first, isDigit(first) else { return nil }
        if let number = Double(text), number.isFinite { return sign * number }
        return (try? Duration.parse(String(text))).map { sign * Double($0) }
    }

    /// Alphabetical, but a run of digits against a run of digits compares as numbers.
    static func naturally(_ a: String, _ b: String) -> Bool {
        let (left, right) = (runs(a), runs(b))
        for (x, y) in zip(left, right) where x != y {
            if isDigit(x.first!), isDigit(y.first!) {
                let (p, q) = (x.drop { $0 == "0" }, y.drop { $0 == "0" })
                if p.count != q.count { return p.count < q.count }
                if p != q { return p < q }
                return x.count < y.count
            }
            return x < y
        }
        return left.count < right.count
    }

    /// `node12b` as `node`, `12`, `b`.
    private static func runs(_ word: String) -> [Substring] {
        var runs: [Substring] = []
        var start = word.startIndex
        for index in word.indices.dropFirst() where isDigit(word[index]) != isDigit(word[word.index(before: index)]) {
            runs.append(word[start..<index])
            start = index
        }
        if start < word.endIndex { runs.append(word[start...]) }
        return runs
    }

    private static func isDigit(_ character: Character) -> Bool { character.isASCII && character.isNumber }
}
