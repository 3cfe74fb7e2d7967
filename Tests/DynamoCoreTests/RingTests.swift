import Testing
@testable import DynamoCore

@Suite struct RingTests {
    /// Tokens at fixed fractions of the ring: node1 at 0.1 and 0.6, node2 at 0.3 and 0.8, node3 at 0.5.
    let ring = Ring(tokens: [
        Token(position: RingTests.at(0.1), node: NodeID(1)), Token(position: RingTests.at(0.6), node: NodeID(1)),
        Token(position: RingTests.at(0.3), node: NodeID(2)), Token(position: RingTests.at(0.8), node: NodeID(2)),
        Token(position: RingTests.at(0.5), node: NodeID(3)),
    ])

    static func at(_ fraction: Double) -> RingPosition { RingPosition(fraction * 0x1p64) << 64 }

    @Test func positionIsTheMD5DigestReadBigEndian() {
        // RFC 1321 test vectors.
        #expect(String(RingPosition.of(key: ""), radix: 16) == "d41d8cd98f00b204e9800998ecf8427e")
        #expect(String(RingPosition.of(key: "abc"), radix: 16) == "900150983cd24fb0d6963f7d28e17f72")
    }

    @Test func aKeyBelongsToTheFirstTokenClockwiseFromIt() {
        #expect(ring.walk(from: Self.at(0.2), limit: 1) == [NodeID(2)])
        #expect(ring.walk(from: Self.at(0.55), limit: 1) == [NodeID(1)])
        // A key exactly on a token belongs to the next one: "a position larger than the item's".
        #expect(ring.walk(from: Self.at(0.3), limit: 1) == [NodeID(3)])
    }

    @Test func preferenceListSkipsRepeatedNodesAndWrapsAround() {
        #expect(ring.walk(from: Self.at(0.7), limit: 3) == [NodeID(2), NodeID(1), NodeID(3)])
        #expect(ring.walk(from: Self.at(0.9)) == [NodeID(1), NodeID(2), NodeID(3)])
        #expect(ring.walk(from: Self.at(0.55), limit: 2) == [NodeID(1), NodeID(2)])
    }

    /// node1 owns (0.8, 0.1] and (0.5, 0.6] first, node2 (0.1, 0.3] and (0.6, 0.8], node3
    /// (0.3, 0.5]; with N=2 each range has the next distinct node as a second replica too.
    @Test func sharesOfTheKeySpaceAreTheRangesEachNodeHolds() {
        let shares = ring.shares(n: 2)
        #expect(shares.map(\.node) == [NodeID(1), NodeID(2), NodeID(3)])
        let expected: [(primary: Double, replica: Double)] = [(0.4, 0.8), (0.4, 0.8), (0.2, 0.4)]
        for (share, wanted) in zip(shares, expected) {
            #expect(abs(share.primary - wanted.primary) < 1e-9 && abs(share.replica - wanted.replica) < 1e-9, "\(share)")
        }
        #expect(Ring(tokens: [Token(position: Self.at(0.5), node: NodeID(1))]).shares(n: 1).map(\.primary) == [1],
                "a single token owns the whole ring")
    }

    @Test func replacingTokensMovesOnlyThatNodesRanges() {
        let moved = ring.replacingTokens(of: NodeID(3), with: [Self.at(0.95)])
        #expect(moved.tokens.count == 5)
        #expect(moved.walk(from: Self.at(0.4), limit: 1) == [NodeID(1)])
        #expect(moved.walk(from: Self.at(0.9), limit: 1) == [NodeID(3)])
    }

    @Test func anEmptyRingHasNoPreferenceList() {
        #expect(Ring(tokens: []).walk(from: 0).isEmpty)
    }
}

/// The ranges a node replicates, found by walking back from its own tokens, are exactly those of
/// the whole ring's ranges that name it, in the same order: on rings of few and many nodes,
/// small and large N, a node with every token, and a ring whose tokens share positions.
@Suite struct ReplicatedRangesTests {
    func ring(nodes: Int, vnodes: Int, seed: UInt64) -> Ring {
        var random = TestRandom(state: seed)
        return Ring(tokens: (1...nodes).flatMap { node in
            (0..<vnodes).map { _ in Token(position: UInt128(random.next()) << 64 | UInt128(random.next()), node: NodeID(node)) }
        })
    }

    func expectSame(_ ring: Ring, n: Int) {
        for node in ring.nodes {
            let fast = ring.keyRanges(replicatedBy: node, n: n)
            let full = ring.keyRanges(n: n).filter { $0.replicas.contains(node) }
            #expect(fast.map(\.range) == full.map(\.range), "\(node), n=\(n)")
            #expect(fast.map(\.replicas) == full.map(\.replicas), "\(node), n=\(n)")
        }
    }

    /// A range holds the positions that walk to its end token first: its start, which is the
    /// token before, but not its end, which walks on to the token after.
    @Test func aRangeHoldsItsStartNotItsEndAsTheWalkDoes() {
        let ring = ring(nodes: 6, vnodes: 4, seed: 7)
        let ranges = ring.keyRanges(n: 3)
        for (index, (range, replicas)) in ranges.enumerated() {
            #expect(range.contains(range.start) && !range.contains(range.end))
            #expect(range.contains(range.end &- 1) && !range.contains(range.start &- 1))
            #expect(ring.walk(from: range.start, limit: 3) == replicas)
            #expect(ring.walk(from: range.end &- 1, limit: 3) == replicas)
            let next = ranges[(index + 1) % ranges.count]
            #expect(next.range.contains(range.end) && ring.walk(from: range.end, limit: 3) == next.replicas)
        }
        #expect(KeyRange(start: 5, end: 5).contains(5) && KeyRange(start: 5, end: 5).contains(4), "one token: the whole ring")
    }

    @Test(arguments: [(1, 4), (3, 1), (5, 8), (12, 3), (40, 16)])
    func aNodesRangesAreThoseThatNameIt(nodes: Int, vnodes: Int) {
        for seed in 1...3 {
            let ring = ring(nodes: nodes, vnodes: vnodes, seed: UInt64(seed))
            for n in Set([1, 2, 3, min(5, nodes), nodes]) { expectSame(ring, n: n) }
        }
    }

    @Test func aRingWhoseTokensSharePositionsIsWalkedInFull() {
        let ring = Ring(tokens: [
            Token(position: 10, node: NodeID(1)), Token(position: 10, node: NodeID(2)),
            Token(position: 20, node: NodeID(3)), Token(position: 30, node: NodeID(1)), Token(position: 40, node: NodeID(4)),
        ])
        for n in 1...4 { expectSame(ring, n: n) }
    }

    @Test func anEmptyRingHasNoRanges() {
        #expect(Ring(tokens: []).keyRanges(replicatedBy: NodeID(1), n: 3).isEmpty)
    }
}
