import DynamoCore
import DynamoSim

/// Seeded fault exploration, in the manner of TigerBeetle's VOPR: from one seed, a random
/// workload of several clients and a random fault schedule, written as lab commands; then every
/// fault is healed, the cluster left to quiesce, and Dynamo's promises checked.
public enum Exploration {
    /// What one seed did and found.
    public struct Run: Sendable {
        public let seed: UInt64
        /// The nodes of the cluster the commands ran on.
        public let nodes: Int
        /// The commands of the fault phase (client operations and faults).
        public let commands: [String]
        public let operations: Int
        public let faults: Int
        public let acknowledged: Int
        /// Promises broken: writes lost, replicas diverging, hints left; empty when all held.
        public let violations: [String]
        /// Workload commands the lab refused (a generator bug; shrinking may cause them).
        public let refused: [String]
        /// The commands that healed every fault before the checks.
        public let quiescing: [String]

        public var passed: Bool { violations.isEmpty && refused.isEmpty }
    }

    static let keys = (0..<6).map { "k\($0)" }
    static let clients = ["c1", "c2", "c3"]
    /// Virtual time allowed, after every fault is healed, for hints and anti-entropy to finish.
    public static let quiescence: Millis = 60_000

    /// Generates and runs the workload of `seed` after the `setup` commands, then checks it. The
    /// workload uses the nodes the cluster has after the setup.
    public static func explore(seed: UInt64, operations: Int, nodes: Int = 5, setup: [String] = []) -> Run {
        let nodes = (try? nodeCount(nodes, after: setup)) ?? nodes
        let commands = setup + workload(seed: seed, operations: operations, nodes: nodes)
        return check(commands, seed: seed, nodes: nodes)
    }

    /// How many nodes a cluster of `nodes` has once `setup` has run (`config nodes=` changes
    /// it); throws the first command refused.
    public static func nodeCount(_ nodes: Int, after setup: [String]) throws(LabError) -> Int {
        guard !setup.isEmpty else { return nodes }
        let lab = Lab(config: ClusterConfig(nodeCount: nodes))
        for command in setup {
            if let result = lab.execute(command), result.status == .rejected { throw .refused(result.error ?? command) }
        }
        return lab.cluster.nodeIDs.count
    }

    /// Runs `commands` on a fresh cluster from `seed`, heals and quiesces, and checks.
    public static func check(_ commands: [String], seed: UInt64, nodes: Int = 5) -> Run {
        let lab = Lab(config: ClusterConfig(seed: seed, nodeCount: nodes))
        var violations: [String] = []
        var refused: [String] = []
        for command in commands {
            if let result = lab.execute(command), result.status == .rejected {
                refused.append("\(command): \(result.error ?? "")")
            }
        }
        let quiescing = quiesce(lab)
        for command in quiescing { _ = lab.execute(command) }
        let audit = lab.cluster.audit()
        for lost in audit.lost {
            violations.append("lost an acknowledged write: \(lost.key) = \(lost.value.string ?? "<deleted>") (dot \(lost.dot))")
        }
        if !audit.divergent.isEmpty {
            violations.append("replicas still diverge \(quiescence / 1000)s after healing: " + audit.divergent.joined(separator: " "))
        }
        if audit.pendingHints > 0 { violations.append("\(audit.pendingHints) hints never drained") }
        let faults = commands.filter { !($0.hasPrefix("put ") || $0.hasPrefix("get ") || $0.hasPrefix("client ") || $0.hasPrefix("wait ")) }
        return Run(seed: seed, nodes: nodes, commands: commands, operations: commands.filter { $0.hasPrefix("put ") || $0.hasPrefix("get ") }.count,
                   faults: faults.count, acknowledged: audit.acknowledged, violations: violations,
                   refused: refused, quiescing: quiescing)
    }

    /// Heals every fault and lets the cluster settle.
    static func quiesce(_ lab: Lab) -> [String] {
        let snapshot = lab.cluster.snapshot(traceLimit: 0)
        var commands = ["heal", "loss 0%", "delay 1ms..10ms"]
        commands += snapshot.network.skew.keys.sorted().map { "skew \($0.name) 0" }
        commands += snapshot.nodes.filter { !$0.alive }.map { "restart \($0.id.name)" }
        commands.append("wait \(quiescence / 1000)s")
        return commands
    }

    /// The commands of `seed`'s fault phase: about one fault for every eight operations.
    public static func workload(seed: UInt64, operations: Int, nodes: Int = 5) -> [String] {
        var random = SimRandom(seed: seed, stream: "explore")
        var alive = Set(1...nodes)
        var client = ""
        var commands: [String] = []
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        for index in 0..<operations {
            if Int.random(in: 0..<8, using: &random) == 0 {
                commands.append(fault(alive: &alive, nodes: nodes, random: &random))
            }
            let next = pick(clients)
            if next != client {
                commands.append("client \(next)")
                client = next
            }
            let key = pick(keys)
            let via = Int.random(in: 0..<5, using: &random) == 0 ? alive.sorted().randomElement(using: &random).map { " via node\($0)" } ?? "" : ""
            commands.append(Bool.random(using: &random) ? "get \(key)\(via)" : "put \(key) v\(index)\(via)")
            if Int.random(in: 0..<4, using: &random) == 0 {
                commands.append("wait \(Int.random(in: 1...2_000, using: &random))ms")
            }
        }
        return commands
    }

    private static func fault(alive: inout Set<Int>, nodes: Int, random: inout SimRandom) -> String {
        let node = Int.random(in: 1...nodes, using: &random)
        switch Int.random(in: 0..<8, using: &random) {
        case 0 where alive.count > 2 && alive.contains(node):
            alive.remove(node)
            return "kill node\(node)"
        case 1 where !alive.contains(node):
            alive.insert(node)
            return "restart node\(node)"
        case 2:
            let side = (1...nodes).filter { _ in Bool.random(using: &random) }
            return side.isEmpty || side.count == nodes ? "heal" : "partition " + side.map { "node\($0)" }.joined(separator: ",")
        case 3:
            let other = node % nodes + 1
            return "cut node\(node) -> node\(other)"
        case 4: return "loss \(Int.random(in: 0...20, using: &random))%"
        case 5:
            let low = Int.random(in: 1...50, using: &random)
            return "delay \(low)ms..\(low + Int.random(in: 0...150, using: &random))ms"
        case 6: return "skew node\(node) \(Bool.random(using: &random) ? "+" : "-")\(Int.random(in: 1...3_000, using: &random))ms"
        default: return "heal"
        }
    }

    /// Removes commands while the run still fails (delta debugging), so the reproduction is
    /// as short as practical.
    public static func shrink(_ run: Run) -> [String] {
        var commands = run.commands
        var chunk = max(commands.count / 2, 1)
        while chunk >= 1 {
            var start = 0
            var removedAny = false
            while start < commands.count {
                var candidate = commands
                candidate.removeSubrange(start..<min(start + chunk, commands.count))
                if !check(candidate, seed: run.seed, nodes: run.nodes).violations.isEmpty {
                    commands = candidate
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if !removedAny { chunk /= 2 }
        }
        return commands
    }

    /// A script that replays a run and fails where it failed.
    public static func script(_ run: Run) -> String {
        var lines = ["# dynamo-lab explore: seed \(run.seed) broke a promise:"]
        lines += run.violations.map { "#   \($0)" }
        lines += ["config nodes=\(run.nodes)", "seed \(run.seed)"] + run.commands
        lines += ["say \"heal every fault and let the cluster settle\""] + run.quiescing
        lines += ["audit", "expect lost 0", "expect divergent 0", "expect hints 0"]
        return lines.joined(separator: "\n") + "\n"
    }
}
