import DynamoCore

/// The links between nodes as data (like TigerBeetle's VOPR): latency, loss, cut links and
/// clock skew. The simulator consults it for every message.
public struct Network: Sendable, Equatable {
    /// A directed link.
    public struct Link: Hashable, Comparable, Sendable, CustomStringConvertible {
        public let from: NodeID
        public let to: NodeID

        public init(from: NodeID, to: NodeID) {
            self.from = from
            self.to = to
        }

        public static func < (lhs: Link, rhs: Link) -> Bool { (lhs.from, lhs.to) < (rhs.from, rhs.to) }
        public var description: String { "\(from) -> \(to)" }
    }

    public static let defaultLatency: ClosedRange<Millis> = 1...10

    /// One-way message latency, drawn uniformly [1–10 ms].
    public var latency = Network.defaultLatency
    /// Probability that any message is lost [0].
    public var loss = 0.0
    /// Loss on particular links, replacing `loss` there.
    public var linkLoss: [Link: Double] = [:]
    /// How far each node's wall clock is ahead (positive) or behind.
    public var skew: [NodeID: Millis] = [:]
    /// Links on which every message is lost.
    public private(set) var cut: Set<Link> = []

    public init() {}

    public func isCut(from: NodeID, to: NodeID) -> Bool { !cut.isEmpty && cut.contains(Link(from: from, to: to)) }

    public func lossRate(from: NodeID, to: NodeID) -> Double {
        linkLoss.isEmpty ? loss : linkLoss[Link(from: from, to: to)] ?? loss
    }

    /// Cuts every link between nodes of different sides, both ways.
    public mutating func partition(_ sides: [[NodeID]]) {
        forEachCrossLink(sides) { cut.insert($0) }
    }

    /// Restores every link between nodes of different sides, both ways.
    public mutating func heal(_ sides: [[NodeID]]) {
        forEachCrossLink(sides) { cut.remove($0) }
    }

    public mutating func healAll() { cut.removeAll() }

    /// Cuts one direction only.
    public mutating func cut(_ link: Link) { cut.insert(link) }

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

    /// The sides of the partitions in force, for screens: each side is the nodes cut from
    /// exactly the same others (both ways), so the nodes of one side reach one another and the
    /// sides named by `partition` come back as named, however partitions add up. A node with no
    /// cut link reaches every side and belongs to none; with nothing cut there are no sides.
    public func sides(of nodes: [NodeID]) -> [[NodeID]] {
        guard !cut.isEmpty else { return [] }
        struct Cuts: Hashable { var to: Set<NodeID> = [], from: Set<NodeID> = [] }
        var cuts: [NodeID: Cuts] = [:]
        for link in cut {
            cuts[link.from, default: Cuts()].to.insert(link.to)
            cuts[link.to, default: Cuts()].from.insert(link.from)
        }
        var sides: [[NodeID]] = []
        var sideOf: [Cuts: Int] = [:]
        for node in nodes {
            guard let key = cuts[node] else { continue }
            if let index = sideOf[key] {
                sides[index].append(node)
            } else {
                sideOf[key] = sides.count
                sides.append([node])
            }
        }
        return sides
    }

    /// Every fault in force, one line each, for `faults`.
    public var faults: [String] {
        (cut.isEmpty ? [] : ["cut: " + cut.sorted().map(\.description).joined(separator: ", ")]) + faultsBesideCuts
    }

    /// The faults `heal` leaves in force: loss, delay and skew.
    public var faultsBesideCuts: [String] {
        var lines: [String] = []
        if loss > 0 { lines.append("loss: \(Self.percent(loss)) of every message") }
        for (link, rate) in linkLoss.sorted(by: { $0.key < $1.key }) {
            lines.append("loss: \(Self.percent(rate)) on \(link)")
        }
        if latency != Self.defaultLatency { lines.append("delay: \(latency.lowerBound)ms..\(latency.upperBound)ms") }
        for (node, offset) in skew.sorted(by: { $0.key < $1.key }) where offset != 0 {
            lines.append("skew: \(node)'s clock runs \(DurationText.of(abs(offset))) \(offset > 0 ? "ahead" : "behind")")
        }
        return lines
    }

    /// `10%`, `12.5%`, `0.0001%`: to a millionth of a percent, never in exponent form.
    public static func percent(_ rate: Double) -> String {
        let millionths = Int((rate * 100_000_000).rounded())
        let whole = millionths / 1_000_000, fraction = millionths % 1_000_000
        guard fraction > 0 else { return "\(whole)%" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 6 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)%"
    }
}

/// Why a message never arrived.
public enum DropCause: String, CaseIterable, Sendable {
    case down
    case cutOff = "cut off"
    case lost
}
