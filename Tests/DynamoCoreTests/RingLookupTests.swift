import DynamoCore
import Testing

/// The ring's fast paths (sliced search, a walk that marks nodes 1 to 64 in a bit mask and
/// compares or sets the rest) must agree with the plain
/// definitions of section 4.2 and 4.3.
@Suite struct RingLookupTests {

    private func ring(nodes: Int, perNode: Int, seed: UInt64) -> Ring {
        var random = TestRandom(state: seed)
        return PartitionStrategy.randomTokens(perNode: perNode).layout(nodes: (1...nodes).map(NodeID.init), using: &random).ring
    }

    @Test(arguments: [(1, 1), (2, 1), (5, 8), (40, 64)])
    func firstTokenIndexIsTheFirstTokenPastThePosition(nodes: Int, perNode: Int) {
        let ring = ring(nodes: nodes, perNode: perNode, seed: UInt64(nodes * perNode))
        var random = TestRandom(state: 42)
        let probes = (0..<500).map { _ in UInt128(random.next()) << 64 | UInt128(random.next()) }
            + ring.tokens.map(\.position) + ring.tokens.map { $0.position &- 1 } + [0, .max]
        for position in probes {
            let expected = ring.tokens.firstIndex { $0.position > position } ?? 0
            #expect(ring.firstTokenIndex(after: position) == expected)
        }
    }

    @Test(arguments: [(5, 8), (60, 4), (150, 4)])
    func walkMeetsEveryNodeOnceInRingOrder(nodes: Int, perNode: Int) {
        let ring = ring(nodes: nodes, perNode: perNode, seed: 9)
        var random = TestRandom(state: 7)
        for _ in 0..<50 {
            let position = UInt128(random.next()) << 64 | UInt128(random.next())
            let start = ring.firstTokenIndex(after: position)
            var expected: [NodeID] = []
            for step in 0..<ring.tokens.count {
                let node = ring.tokens[(start + step) % ring.tokens.count].node
                if !expected.contains(node) { expected.append(node) }
            }
            #expect(ring.walk(from: position) == expected)
            #expect(ring.walk(from: position, limit: 3) == Array(expected.prefix(3)))
        }
    }
}
