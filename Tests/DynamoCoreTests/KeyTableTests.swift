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

    /// Copies share their slots until one changes: then each keeps what it had, whichever
    /// changes, by a change in place, an insert that grows the table, or a removal.
    @Test func aCopyKeepsItsContentsWhenTheOtherChanges() {
        var original = KeyTable<Int>()
        for number in 0..<12 { original.insert(number, for: "k\(number)") }
        let model = Dictionary(uniqueKeysWithValues: (0..<12).map { ("k\($0)", $0) })

        var changed = original
        changed[at: changed.index(of: "k3")!] = 300
        changed.remove(at: changed.index(of: "k5")!)
        for number in 12..<40 { changed.insert(number, for: "k\(number)") }
        expectSame(original, model, absent: ["k12"])

        var grown = original
        grown.insert(12, for: "k12")
        expectSame(original, model, absent: ["k12"])
        #expect(changed.index(of: "k3").map { changed[at: $0] } == 300)
        #expect(changed.index(of: "k5") == nil && changed.count == 39)
        #expect(grown.count == 13)
    }

    /// A lookup after a prefetch takes the prefetched key's hash only for that key: every key,
    /// prefetched or not, present or not, is found where it is.
    @Test func lookupsAfterAPrefetchFindEveryKey() {
        var table = KeyTable<Int>()
        let keys = (0..<100).map { "key\($0)" }
        for (value, key) in keys.enumerated() where value % 2 == 0 { table.insert(value, for: key) }
        var model = Dictionary(uniqueKeysWithValues: keys.enumerated().filter { $0.offset % 2 == 0 }.map { ($0.element, $0.offset) })
        for (value, key) in keys.enumerated() {
            table.prefetch(HashedKey(key))
            #expect(table.index(of: key).map { table[at: $0] } == model[key], "\(key)")
            #expect(table.index(of: keys[(value + 1) % keys.count]).map { table[at: $0] } == model[keys[(value + 1) % keys.count]])
            if model[key] == nil {
                table.insert(value, for: key)
                model[key] = value
            }
        }
        expectSame(table, model, absent: [])
    }

    @Test func anEmptyTableFindsNothing() {
        let table = KeyTable<Int>()
        #expect(table.index(of: "") == nil)
        #expect(table.count == 0)
    }
}
