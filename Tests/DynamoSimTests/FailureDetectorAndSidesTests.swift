import DynamoCore
import Testing
@testable import DynamoSim

/// What screens are told about partitions, and how long silence lasts before a healthy peer
/// would be suspected at different cluster sizes.
@Suite struct FailureDetectorAndSidesTests {
    func ids(_ indices: Int...) -> [NodeID] { indices.map(NodeID.init) }

    @Test func sidesAreTheGroupsNamedAndNodesWithNoCutLinkAreOnNone() {
        var network = Network()
        let five = (1...5).map(NodeID.init)
        #expect(network.sides(of: five).isEmpty)
        network.partition([ids(1), ids(2), ids(3)])
        #expect(network.sides(of: five) == [ids(1), ids(2), ids(3)])
        network.healAll()
        network.partition([ids(1, 2), ids(3, 4, 5)])
        #expect(network.sides(of: five) == [ids(1, 2), ids(3, 4, 5)])
    }

    @Test func aPartitionOfAFewNodesLeavesTheRestOfALargeClusterOnNoSide() {
        var network = Network()
        network.partition([ids(1, 2, 3), ids(4)])
        #expect(network.sides(of: (1...64).map(NodeID.init)) == [ids(1, 2, 3), ids(4)])
    }

    @Test func partitionsAddUpAndHealingPartOfOneMergesSides() {
        var network = Network()
        let five = (1...5).map(NodeID.init)
        network.partition([ids(1), ids(2), ids(3)])
        network.partition([ids(1, 2), ids(3, 4, 5)])
        #expect(network.sides(of: five) == [ids(1), ids(2), ids(3, 4, 5)])
        network.heal([ids(1), ids(2)])
        #expect(network.sides(of: five) == [ids(1, 2), ids(3, 4, 5)])
    }

    @Test func aOneWayCutPutsItsTwoEndsOnDifferentSides() {
        var network = Network()
        network.cut(Network.Link(from: NodeID(4), to: NodeID(5)))
        #expect(network.sides(of: (1...5).map(NodeID.init)) == [ids(4), ids(5)])
    }
}
