import Testing
@testable import DynamoCore

/// The table of requests a coordinator has in flight finds each by its number.
@Suite struct PendingRequestsTests {
    private func table(_ numbers: [RequestID]) -> PendingRequests<String> {
        var table = PendingRequests<String>()
        for number in numbers { table.insert("request \(number)", for: number) }
        return table
    }

    @Test func findsWhatWasInsertedAndNothingElse() {
        let pending = table([3, 1, 7])
        #expect(pending.count == 3)
        #expect(pending.contains(3) && pending.contains(1) && pending.contains(7))
        #expect(!pending.contains(2))
        #expect(PendingRequests<String>().count == 0)
    }

    @Test func removingOneLeavesTheOthersWithTheirOwnValues() {
        var pending = table([3, 1, 7, 4])
        #expect(pending.remove(1) == "request 1")
        #expect(!pending.contains(1))
        #expect(pending.remove(1) == nil)
        #expect(pending.remove(7) == "request 7")
        #expect(pending.remove(4) == "request 4")
        #expect(pending.remove(3) == "request 3")
        #expect(pending.count == 0)
    }

    @Test func removingAnAbsentNumberReturnsNilAndChangesNothing() {
        var pending = table([3, 1])
        #expect(pending.remove(9) == nil)
        #expect(pending.contains(3) && pending.contains(1))
        #expect(pending.remove(3) == "request 3")
        #expect(pending.remove(1) == "request 1")
    }

    @Test func removeAllEmptiesTheTable() {
        var pending = table([3, 1, 7])
        pending.removeAll()
        #expect(pending.count == 0)
        #expect(![3, 1, 7].contains { pending.contains($0) })
        #expect(pending.remove(3) == nil)
    }

    @Test func anEntryTakenOutAndPutBackIsFoundAgain() {
        var pending = table([3, 1, 7])
        let taken = pending.remove(1)
        #expect(!pending.contains(1))
        pending.insert(taken! + " again", for: 1)
        #expect(pending.contains(1))
        #expect(pending.remove(7) == "request 7")
        #expect(pending.remove(1) == "request 1 again")
        #expect(pending.remove(3) == "request 3")
    }

    @Test func aRequestIsChangedInPlaceAtItsPositionAndRemovedFromThere() {
        var pending = table([3, 1])
        #expect(pending.count == 2)
        pending.insert("request 7", for: 7)
        #expect(pending.position(of: 7) == 2)
        #expect(pending.position(of: 9) == nil)
        let position = pending.position(of: 1)!
        pending[at: position] += " answered"
        #expect(pending[at: position] == "request 1 answered")
        #expect(pending.remove(at: position) == "request 1 answered")
        #expect(!pending.contains(1))
        #expect(pending.remove(3) == "request 3")
        #expect(pending.remove(7) == "request 7")
    }
}
