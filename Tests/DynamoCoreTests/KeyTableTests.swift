import Testing
@testable import DynamoCore

/// The store's table agrees with a dictionary through inserts, changes and removals, including
/// removals from the middle of probe runs that wrap past the end of the table.
@Suite struct KeyTableTests {
    /// Checks that `table` holds exactly what `model` does.
    private func expectSame(_ table: KeyTable<Int>, _ model: [String: Int], absent: [String]) {
        #expect(table.count == model.count)
        for (key, value) in model {
            #expect(table.index(of: key).map { table[at: $0] } == value, "\(key)")
        }
        for key in absent { #expect(table.index(of: key) == nil, "\(key)") }
        var seen: [String: Int] = [:]
        table.forEach { key, value in seen[key] = value }
        #expect(seen == model)
    }

    @Test func agreesWithADictionaryThroughGrowthAndRemovals() {
        var table = KeyTable<Int>()
        var model: [String: Int] = [:]
        var random = TestRandom(state: 7)
        var removed: [String] = []
        for step in 0..<5_000 {
            let key = "key\(random.next() % 700)"
            if let index = table.index(of: key) {
                if random.next() % 3 == 0 {
                    #expect(table.remove(at: index) == model.removeValue(forKey: key))
                    removed.append(key)
                } else {
                    table[at: index] = step
                    model[key] = step
                }
            } else {
                table.insert(step, for: key)
                model[key] = step
            }
        }
        expectSame(table, model, absent: removed.filter { model[$0] == nil })
    }

    /// A table at its fullest, 12 keys in 16 slots, where probe runs are long (and may wrap):
    /// removing any one key leaves every other findable.
    @Test func removingFromALongProbeRunKeepsTheRestFindable() {
        let keys = (0..<12).map { "k\($0)" }
        for victim in keys {
            var table = KeyTable<Int>()
            for (value, key) in keys.enumerated() { table.insert(value, for: key) }
            table.remove(at: table.index(of: victim)!)
            let model = Dictionary(uniqueKeysWithValues: keys.enumerated().filter { $0.element != victim }.map { ($0.element, $0.offset) })
            expectSame(table, model, absent: [victim])
        }
    }

    @Test func anEmptyTableFindsNothing() {
        let table = KeyTable<Int>()
        #expect(table.index(of: "") == nil)
        #expect(table.count == 0)
    }
}
