import DynamoCore

/// The links between nodes as data: latency, and the directed links that are cut.
public struct Network: Sendable, Equatable {
    /// A directed link.
    public struct Link: Hashable, Comparable, Sendable {
        public let from: NodeID
        public let to: NodeID
        public static func < (lhs: Link, rhs: Link) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
    }

    /// One-way message latency, drawn uniformly [1–10 ms].
    public var latency: ClosedRange<Millis> = 1...10
    /// Links on which every message is lost.
    public private(set) var cut: Set<Link> = []

    public init() {}

    public func isCut(from: NodeID, to: NodeID) -> Bool { cut.contains(Link(from: from, to: to)) }

    /// Cuts every link between nodes of different sides, both ways.
    public mutating func partition(_ sides: [[NodeID]]) {
        forEachCrossLink(sides) { cut.insert($0) }
    }

    /// Restores every link between nodes of different sides, both ways.
    public mutating func heal(_ sides: [[NodeID]]) {
        forEachCrossLink(sides) { cut.remove($0) }
    }

    public mutating func healAll() { cut.removeAll() }

    private func forEachCrossLink(_ sides: [[NodeID]], _ body: (Link) -> Void) {
        for (i, side) in sides.enumerated() {
            for other in sides[(i + 1)...] {
                for a in side {
                    for b in other {
                        body(Link(from: a, to: b))
                        body(Link(from: b, to: a))
                    }
                }
            }
        }
    }

    /// Groups of nodes that can all reach one another, for screens: with no cuts, one group.
    public func sides(of nodes: [NodeID]) -> [[NodeID]] {
        var groups: [[NodeID]] = []
        for node in nodes {
            if let index = groups.firstIndex(where: { group in
                group.allSatisfy { !isCut(from: node, to: $0) && !isCut(from: $0, to: node) }
            }) {
                groups[index].append(node)
            } else {
                groups.append([node])
            }
        }
        return groups
    }
}
