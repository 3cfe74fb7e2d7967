import DynamoSim
import Testing
@testable import DynamoLab

/// Tab completion: what the prompt offers for the word under the cursor.
@Suite struct CompletionTests {
    private func complete(_ line: String, _ lab: Lab = Lab()) -> Completion {
        Completion.candidates(for: line, cursor: line.count, lab: lab)
    }

    @Test func firstWordCompletesCommandNames() {
        #expect(complete("pa").candidates == ["partition", "pause"])
        #expect(complete("").candidates.contains("put"))
        #expect(complete("").candidates == CommandHelp.specs.map(\.name).sorted(), "every command, once")
    }

    @Test func nodeArgumentsOfferTheNodesThatFit() {
        let lab = Lab()
        #expect(complete("kill n", lab).candidates == ["node1", "node2", "node3", "node4", "node5"])
        _ = lab.execute("kill node3")
        #expect(complete("restart ", lab).candidates == ["node3"])
        #expect(!complete("kill ", lab).candidates.contains("node3"))
    }

    @Test func joinOffersNodesThatLeftThenTheNextNewOne() {
        let lab = Lab()
        #expect(complete("join ", lab).candidates == ["node6"])
        _ = lab.execute("leave node2")
        #expect(complete("join ", lab).candidates == ["node2", "node6"])
    }

    @Test func partitionSidesOfferNodesNotNamedYet() {
        let afterSpace = complete("partition node1,node2 ")
        #expect(afterSpace.start == 22)
        #expect(afterSpace.candidates == ["node3", "node4", "node5"])
        let afterComma = complete("partition node1,n")
        #expect(afterComma.start == 16)
        #expect(afterComma.candidates == ["node2", "node3", "node4", "node5"])
    }

    @Test func keysComeFromStoresReadsAndFocus() {
        let lab = Lab()
        _ = lab.execute("put cart milk")
        _ = lab.execute("put \"shopping list\" eggs")
        _ = lab.execute("focus fruit")
        #expect(complete("get ", lab).candidates == ["\"shopping list\"", "cart", "fruit"])
        #expect(complete("versions c", lab).candidates == ["cart"])
        #expect(complete("get sho", lab).candidates == ["\"shopping list\""], "a quoted key completes from its unquoted start")
        #expect(complete("get \"sho", lab).candidates == ["\"shopping list\""])
        #expect(complete("expect values ", lab).candidates.contains("cart"))
    }

    @Test func requestOptionsFollowTheKeyAndValue() {
        #expect(complete("put cart milk ").candidates == ["via", "w="])
        #expect(complete("put cart milk w=3 ").candidates == ["via"])
        #expect(complete("get cart ").candidates == ["r=", "via"])
        #expect(complete("delete cart ").candidates == ["via", "w="])
        #expect(complete("get cart via n").candidates.count == 5)
        #expect(complete("put cart ").candidates.isEmpty, "a value is the user's to type")
    }

    @Test func configCompletesNamesThenValues() {
        #expect(complete("config cl").candidates == ["clock-max=", "clocks="])
        let value = complete("config n=3 clocks=")
        #expect(value.start == 18)
        #expect(value.candidates == ["dvv", "vv"])
        #expect(!complete("config n=3 ").candidates.contains("n="))
    }

    @Test func helpAndClientsComplete() {
        let lab = Lab()
        _ = lab.execute("client bob")
        #expect(complete("help ki", lab).candidates == ["kill"])
        #expect(complete("help sl", lab).candidates == ["sloppy quorum"], "a term of two words")
        #expect(complete("help hi", lab).candidates == ["hint", "hinted handoff", "hints", "history"])
        #expect(complete("client ", lab).candidates == ["bob", "client1"])
    }

    @Test func numbersAreOfferedByValue() throws {
        let speeds = complete("speed ").candidates
        let factors = try speeds.map { try #require(Double($0)) }
        #expect(factors.count > 2 && factors == factors.sorted(), "\(speeds)")
        #expect(Set(speeds).isSuperset(of: ["0.05", "0.1", "1", "10"]))
        let waits = complete("wait ").candidates
        let millis = try waits.map { try Duration.parse($0) }
        #expect(millis.count > 2 && millis == millis.sorted(), "\(waits)")
        #expect(waits.contains { $0.hasSuffix("ms") } && waits.contains { $0.hasSuffix("0s") })
        let losses = complete("loss ").candidates
        let percents = try losses.map { try #require(Double($0.dropLast())) }
        #expect(percents.count > 2 && percents == percents.sorted(), "\(losses)")
        let skews = complete("skew node1 ").candidates
        #expect(skews.first?.hasPrefix("-") == true && skews.last?.hasPrefix("+") == true, "\(skews)")
    }

    @Test func namesWithNumbersGoByTheirNumbers() {
        let lab = Lab(config: ClusterConfig(nodeCount: 12))
        #expect(complete("kill n", lab).candidates == (1...12).map { "node\($0)" })
        for key in ["key10", "key9", "key1", "box"] { _ = lab.execute("put \(key) x") }
        #expect(complete("get ", lab).candidates == ["box", "key1", "key9", "key10"])
    }

    @Test func cursorInTheMiddleCompletesTheWordBeforeIt() {
        let completion = Completion.candidates(for: "kill n get", cursor: 6, lab: Lab())
        #expect(completion.start == 5)
        #expect(completion.candidates.count == 5)
    }
}
