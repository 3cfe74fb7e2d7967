import Testing
@testable import DynamoLab

@Suite struct SuggestionTests {
    /// A key not found that is one slip from a key written names it; a key written and then
    /// deleted, or one far from every key, does not; a new cluster forgets the old keys.
    @Test func aKeyNotFoundNamesTheKeyItWasMostLikelyMeantToBe() throws {
        let lab = Lab()
        run(lab, "put cart milk", "put \"my key\" v", "put tea x", "get tea", "delete tea")
        #expect(run(lab, "get crt")?.text.hasPrefix("crt: not found (did you mean cart?), replies from") == true)
        #expect(run(lab, "get \"my kay\"")?.text.hasPrefix("\"my kay\": not found (did you mean \"my key\"?)") == true)
        #expect(run(lab, "get tea")?.text.hasPrefix("tea: deleted,") == true)
        #expect(run(lab, "get xyz")?.text.hasPrefix("xyz: not found, replies") == true)
        #expect(lab.execute("expect values crt")?.status == .ok, "the read is a not-found read all the same")
        #expect(run(lab, "delete crt")?.text.hasSuffix("\n  note: crt was never written here: did you mean cart?") == true)
        #expect(run(lab, "delete crt")?.text.contains("note:") == false, "crt has been written now: a tombstone")
        #expect(run(lab, "delete xyz")?.text.contains("note:") == false)
        run(lab, "reset")
        #expect(run(lab, "get crt")?.text.hasPrefix("crt: not found, replies") == true)
    }

    @Test func editsCountAdditionsRemovalsChangesAndSwaps() {
        func edits(_ a: String, _ b: String) -> Int { Suggestion.edits(Array(a), Array(b)) }
        #expect(edits("put", "put") == 0)
        #expect(edits("pt", "put") == 1)
        #expect(edits("puts", "put") == 1)
        #expect(edits("pat", "put") == 1)
        #expect(edits("gte", "get") == 1, "two neighbours swapped are one edit")
        #expect(edits("", "get") == 3)
        #expect(edits("kill", "") == 4)
        #expect(edits("wait", "wipe") == 3)
    }

    @Test func onlyOneNearestWordNearEnoughIsSuggested() {
        let words = ["get", "put", "kill", "keys", "focus", "partition"]
        #expect(Suggestion.nearest(to: "bogus", among: words) == nil, "two edits in five letters is another word")
        #expect(Suggestion.nearest(to: "partitn", among: words) == "partition", "two edits in eight letters is a typo")
        #expect(Suggestion.nearest(to: "kils", among: words) == "kill")
        #expect(Suggestion.nearest(to: "gut", among: words) == nil, "get and put are both one edit away")
        #expect(Suggestion.nearest(to: "banana", among: words) == nil)
        #expect(Suggestion.nearest(to: "p", among: words) == nil, "a single letter is too short to guess from")
        #expect(Suggestion.nearest(to: "KILL", among: words) == "kill")
        #expect(Suggestion.didYouMean("ket", among: words) == " (did you mean get?)", "get is one edit away, keys two")
        #expect(Suggestion.didYouMean("banana", among: words) == "")
        #expect(Suggestion.nearest(to: String(repeating: "k", count: 1_000_000), among: words) == nil)
        #expect(Suggestion.nearest(to: "partiton", among: words + ["partition"]) == "partition", "a name listed twice is one answer")
    }

    /// Help topics name commands that are also Dynamo's terms (partition, ring, delete): a
    /// typo of one is still answered with it.
    @Test func aMistypedHelpTopicThatIsBothACommandAndATermIsSuggested() {
        let lab = Lab()
        for (typed, meant) in [("partiton", "partition"), ("rign", "ring"), ("delet", "delete")] {
            #expect(lab.execute("help \(typed)")?.text.contains("(did you mean \(meant)?)") == true, "\(typed)")
        }
    }
}
