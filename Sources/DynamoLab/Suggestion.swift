/// The known word a mistyped one was most likely meant to be, for an error's "did you mean":
/// within one edit (a letter added, dropped, changed, or two neighbours swapped), two in a
/// word of six letters or more, and only when no other known word is as near.
enum Suggestion {
    /// `" (did you mean put?)"`, or nothing when no single word is near enough.
    static func didYouMean(_ word: String, among candidates: [String]) -> String {
        nearest(to: word, among: candidates).map { " (did you mean \($0)?)" } ?? ""
    }

    static func nearest(to word: String, among candidates: [String]) -> String? {
        // A line may hold a word of any length: the longest candidate bounds what is read of it.
        let longest = candidates.map(\.count).max() ?? 0
        guard word.utf8.count <= 4 * (longest + 2), word.count <= longest + 2 else { return nil }
        let typed = Array(word.lowercased())
        // One edit in a short word, two from six letters on; never a guess from a single letter.
        let allowed = min(typed.count >= 6 ? 2 : 1, typed.count - 1)
        // Words that differ in length by more than that are never near: not worth comparing.
        let scored = candidates.filter { abs($0.count - typed.count) <= allowed }
            .map { ($0, edits(typed, Array($0))) }.filter { $0.1 <= allowed }
        guard let best = scored.map(\.1).min() else { return nil }
        // A name listed twice (a command that is also a term) is one answer, not two.
        let nearest = Set(scored.filter { $0.1 == best }.map(\.0))
        return nearest.count == 1 ? nearest.first : nil
    }

    /// The fewest single-letter additions, removals, changes and swaps of neighbours that turn
    /// `a` into `b` (the optimal string alignment distance).
    static func edits(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let change = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + change)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
