import DynamoCore
import Testing

private let thirtyNodes = (1...30).map(NodeID.init)

private func layout(_ strategy: PartitionStrategy, seed: UInt64 = 7) -> PartitionLayout {
    var random = TestRandom(state: seed)
    return strategy.layout(nodes: thirtyNodes, using: &random)
}

private func randomPositions(_ count: Int, seed: UInt64) -> [RingPosition] {
    var random = TestRandom(state: seed)
    return (0..<count).map { _ in UInt128(random.next()) << 64 | UInt128(random.next()) }
}

@Suite struct PartitionStrategyTests {
    @Test(arguments: [1, 3, 7, 30, 1_000])
    func equalPartitionsAreEqualSizedAndCoverTheRing(partitions: Int) {
        let sizes = (0..<partitions).map {
            PartitionLayout.start(of: $0 + 1, partitions: partitions) &- PartitionLayout.start(of: $0, partitions: partitions)
        }
        #expect(sizes.max()! - sizes.min()! <= 1)
        #expect(sizes.reduce(0, &+) == 0, "the sizes add up to the whole ring, 2^128, which wraps to 0")
        let layout = PartitionLayout(ring: Ring(tokens: []), partitions: partitions)
        for index in 0..<partitions {
            let start = PartitionLayout.start(of: index, partitions: partitions)
            #expect(layout.partition(of: start) == index)
            #expect(layout.partition(of: PartitionLayout.start(of: index + 1, partitions: partitions) &- 1) == index)
        }
    }

    @Test func strategyOneHasTRandomTokensPerNodeAndNoPartitions() {
        let layout = layout(.randomTokens(perNode: 8))
        #expect(layout.partitions == nil)
        #expect(layout.ring.tokens.count == 30 * 8)
        for node in thirtyNodes { #expect(layout.ring.tokens.filter { $0.node == node }.count == 8) }
    }

    @Test func strategyTwoHasTRandomTokensPerNodeAndQPartitions() {
        let layout = layout(.randomTokensEqualPartitions(perNode: 4, partitions: 1_800))
        #expect(layout.partitions == 1_800)
        for node in thirtyNodes { #expect(layout.ring.tokens.filter { $0.node == node }.count == 4) }
    }

    @Test func strategyThreeGivesEachNodeQOverSTokensAtPartitionEnds() {
        let layout = layout(.equalPartitions(partitions: 30 * 12))
        for node in thirtyNodes { #expect(layout.ring.tokens.filter { $0.node == node }.count == 12) }
        let boundaries = Set((0..<360).map { PartitionLayout.start(of: $0, partitions: 360) })
        #expect(Set(layout.ring.tokens.map(\.position)) == boundaries)
    }

    @Test(arguments: [
        PartitionStrategy.randomTokens(perNode: 8),
        .randomTokensEqualPartitions(perNode: 2, partitions: 900),
        .equalPartitions(partitions: 240),
    ])
    func preferenceListsHoldNDistinctNodes(strategy: PartitionStrategy) {
        let layout = layout(strategy)
        for position in randomPositions(2_000, seed: 11) {
            let list = layout.preferenceList(for: position, n: 3)
            #expect(list.count == 3)
            #expect(Set(list).count == 3)
        }
    }

    @Test func keysOfOnePartitionShareTheirPreferenceList() {
        let layout = layout(.randomTokensEqualPartitions(perNode: 2, partitions: 600))
        for position in randomPositions(500, seed: 5) {
            let partition = layout.partition(of: position)!
            let start = PartitionLayout.start(of: partition, partitions: 600)
            #expect(layout.preferenceList(for: position, n: 3) == layout.preferenceList(for: start, n: 3))
        }
    }

    @Test func theSameGeneratorStateGivesTheSameLayout() {
        #expect(layout(.equalPartitions(partitions: 300), seed: 3) == layout(.equalPartitions(partitions: 300), seed: 3))
        #expect(layout(.randomTokens(perNode: 5), seed: 3) != layout(.randomTokens(perNode: 5), seed: 4))
    }

    @Test func metadataCountsTokensAndPartitionTable() {
        #expect(PartitionStrategy.randomTokens(perNode: 64).metadataSize(nodes: 30) == 1_920)
        #expect(PartitionStrategy.randomTokensEqualPartitions(perNode: 4, partitions: 1_800).metadataSize(nodes: 30) == 1_920)
        #expect(PartitionStrategy.equalPartitions(partitions: 1_920).metadataSize(nodes: 30) == 1_920)
    }

    /// Figure 8: at equal metadata, equal-sized partitions with Q/S tokens per node balance
    /// load better than random tokens.
    @Test func strategyThreeBalancesLoadBetterThanStrategyOneAtEqualMetadata() {
        let requests = randomPositions(30_000, seed: 99).map { (position: $0, count: 1) }
        for perNode in [8, 64] {
            let one = RequestLoad(layout: layout(.randomTokens(perNode: perNode)), nodes: thirtyNodes,
                                  replicas: 3, requests: requests)
            let three = RequestLoad(layout: layout(.equalPartitions(partitions: 30 * perNode)), nodes: thirtyNodes,
                                    replicas: 3, requests: requests)
            #expect(three.efficiency > one.efficiency, "at \(30 * perNode) units: \(three.efficiency) vs \(one.efficiency)")
        }
    }

    @Test func efficiencyIsMeanOverMax() {
        let load = RequestLoad(layout: layout(.equalPartitions(partitions: 30)), nodes: [NodeID(1), NodeID(2)],
                               replicas: 1, requests: [])
        #expect(load.efficiency == 0)
        let requests = randomPositions(3_000, seed: 1).map { (position: $0, count: 2) }
        let spread = RequestLoad(layout: layout(.equalPartitions(partitions: 30)), nodes: thirtyNodes, replicas: 3, requests: requests)
        #expect(spread.served.reduce(0, +) == 3_000 * 2 * 3)
        let mean = Double(spread.served.reduce(0, +)) / 30
        #expect(spread.efficiency == mean / Double(spread.served.max()!))
    }
}
