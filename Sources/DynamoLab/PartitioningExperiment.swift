import DynamoCore
import DynamoSim

/// The paper's load-balance experiment (section 6.2, Figure 8): the load-balancing efficiency
/// of partitioning strategies 1, 2 and 3 at equal sizes of the membership information each
/// node keeps.
///
/// Workload: `requests` requests, each for one of `keys` keys (`key0`, `key1`, ...) drawn
/// uniformly at random from the seed's `workload` stream; a request loads every one of its
/// key's N replicas. At each size, t tokens or partitions per node (metadata S·t):
/// - strategy 1 gives every node T = t random tokens;
/// - strategy 2 gives every node T = t/16 random tokens and cuts the ring into Q = 15·S·T
///   partitions (Q ≫ S·T, as the paper asks), so that tokens plus partition table make S·t;
/// - strategy 3 cuts the ring into Q = S·t partitions, Q/S = t tokens per node.
public struct PartitioningExperiment: Sendable {
    /// Tokens or partitions per node at each metadata size, spread like Figure 8's x axis.
    public static let sizesPerNode = [16, 64, 128, 256, 384, 512, 640, 768, 896, 1024]
    /// Strategy 2's partitions per token.
    public static let partitionsPerToken = 15

    public var seed: UInt64
    public var nodes: Int
    public var replicas: Int
    public var keys: Int
    public var requests: Int

    /// The paper's setting: 30 nodes, N=3.
    public init(seed: UInt64 = 1, nodes: Int = 30, replicas: Int = 3, keys: Int = 1_000_000, requests: Int = 1_000_000) {
        self.seed = seed
        self.nodes = nodes
        self.replicas = replicas
        self.keys = keys
        self.requests = requests
    }

    /// One strategy at one metadata size.
    public struct Measurement: Sendable {
        public let strategy: PartitionStrategy
        public let metadata: Int
        public let efficiency: Double
    }

    /// The strategies compared at `perNode` tokens or partitions per node.
    public func strategies(perNode: Int) -> [PartitionStrategy] {
        let tokens = perNode / (Self.partitionsPerToken + 1)
        return [
            .randomTokens(perNode: perNode),
            .randomTokensEqualPartitions(perNode: tokens, partitions: Self.partitionsPerToken * nodes * tokens),
            .equalPartitions(partitions: nodes * perNode),
        ]
    }

    /// Every strategy at every size, in the order of `sizesPerNode`; `progress` hears how many
    /// sizes are done before each.
    public func run(progress: (_ done: Int) -> Void = { _ in }) -> [[Measurement]] {
        let ids = (1...nodes).map(NodeID.init)
        let workload = self.workload()
        return Self.sizesPerNode.enumerated().map { done, perNode in
            progress(done)
            return strategies(perNode: perNode).map { strategy in
                var random = SimRandom(seed: seed, stream: "partitioning-\(strategy.number)-\(perNode)")
                let layout = strategy.layout(nodes: ids, using: &random)
                let load = RequestLoad(layout: layout, nodes: ids, replicas: replicas, requests: workload)
                return Measurement(strategy: strategy, metadata: strategy.metadataSize(nodes: nodes), efficiency: load.efficiency)
            }
        }
    }

    /// Each key's ring position with the number of requests drawn for it.
    private func workload() -> [(position: RingPosition, count: Int)] {
        var random = SimRandom(seed: seed, stream: "workload")
        var counts = Array(repeating: 0, count: keys)
        for _ in 0..<requests { counts[Int.random(in: 0..<keys, using: &random)] += 1 }
        return counts.enumerated().filter { $0.element > 0 }.map { (RingPosition.of(key: "key\($0.offset)"), $0.element) }
    }

    /// The results as a table and a plot, like Figure 8.
    public func report(_ results: [[Measurement]]) -> String {
        let widths = [8, 5, 11, 4, 6, 11, 5, 6, 11]
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { String(repeating: " ", count: max(0, $1 - $0.count)) + $0 }.joined(separator: " ")
        }
        func centered(_ text: String, over columns: Range<Int>) -> String {
            let width = widths[columns].reduce(columns.count - 1, +)
            let left = max(0, width - text.count) / 2
            return String(repeating: " ", count: left) + text + String(repeating: " ", count: max(0, width - text.count - left))
        }
        var lines = [
            ["metadata", centered("strategy 1", over: 1..<3), centered("strategy 2", over: 3..<6),
             centered("strategy 3", over: 6..<9)].joined(separator: " "),
            line(["(units)", "T", "efficiency", "T", "Q", "efficiency", "Q/S", "Q", "efficiency"]),
        ]
        for row in results {
            var cells = [String(row[0].metadata)]
            for measurement in row {
                switch measurement.strategy {
                case .randomTokens(let perNode): cells.append(String(perNode))
                case .randomTokensEqualPartitions(let perNode, let partitions): cells += [String(perNode), String(partitions)]
                case .equalPartitions(let partitions): cells += [String(partitions / nodes), String(partitions)]
                }
                cells.append(TerminalPlot.fixed(measurement.efficiency, decimals: 3))
            }
            lines.append(line(cells))
        }
        let plot = TerminalPlot(xLabel: "size of metadata maintained at each node (abstract units)",
                                yLabel: "efficiency (mean load / max load)")
        let series = (0..<3).map { column in
            TerminalPlot.Series(marker: Character(String(column + 1)), label: "strategy \(column + 1)",
                                points: results.map { (Double($0[column].metadata), $0[column].efficiency) })
        }
        return """
            Partitioning strategies and load balance (the paper, section 6.2, Figure 8)
            \(Display.plural(nodes, "node")), N=\(replicas), seed \(seed). Workload: \(Display.plural(requests, "request")), each for a key
            drawn uniformly from \(Display.plural(keys, "key")), loading every one of the key's \(Display.plural(replicas, "replica")).
            Efficiency = mean load / max load over the nodes.
            Metadata = the tokens and partitions each node keeps of the whole ring:
            S·T (strategy 1), S·T + Q (strategy 2) and Q (strategy 3), for S nodes.

            \(lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n"))

            \(plot.render(series))
            """
    }
}
