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
    /// Virtual time allowed, after every fault is healed, for gossip to spread the ring and for
    /// hand-offs and anti-entropy to finish: a minute, or, when longer, the gossip rounds news
    /// needs to reach `nodes` nodes twice over (2·(log2 nodes + 1), at least ten), three
    /// anti-entropy rounds and three hand-off rounds, in whole seconds, up to the longest wait
    /// there is.
    public static func quiescence(under settings: NodeSettings, nodes: Int) -> Millis {
        let spread = max(10, 2 * (Int.bitWidth - max(nodes, 1).leadingZeroBitCount))
        let rounds = Millis(spread) * settings.gossipInterval + 3 * settings.antiEntropyInterval + 3 * settings.handoffInterval
        return min(max(60_000, (rounds + 999) / 1_000 * 1_000), 86_400_000)
    }

    /// Generates and runs the workload of `seed` after the `setup` commands, then checks it. The
    /// workload uses the nodes the cluster has after the setup.
    public static func explore(seed: UInt64, operations: Int, nodes: Int = 5, setup: [String] = []) -> Run {
        let shape = (try? shape(nodes, after: setup)) ?? Shape(nodes: nodes, n: NodeSettings().n, notes: [])
        let commands = setup + workload(seed: seed, operations: operations, nodes: shape.nodes, n: shape.n)
        return check(commands, seed: seed, nodes: shape.nodes)
    }

    /// The cluster a workload runs on: its nodes, and N, below which no node may leave; and
    /// the notes its settings drew (`note: …`), which may explain a failure.
    public struct Shape: Sendable, Equatable {
        public let nodes: Int
        public let n: Int
        public let notes: [String]
    }

    /// The shape of a cluster of `nodes` once `setup` has run (`config nodes=` and `n=` change
    /// it); throws the first command refused.
    public static func shape(_ nodes: Int, after setup: [String]) throws(LabError) -> Shape {
        let lab = Lab(config: ClusterConfig(nodeCount: nodes))
        var notes: [String] = []
        for command in setup {
            guard let result = lab.execute(command) else { continue }
            if result.status == .rejected { throw .refused(result.error ?? command) }
            notes += result.text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("note: ") }
        }
        return Shape(nodes: lab.cluster.nodeIDs.count, n: lab.cluster.settings.n, notes: notes)
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
        let quiescing = quiesce(lab, nodes: nodes)
        for command in quiescing { _ = lab.execute(command) }
        let audit = lab.cluster.audit()
        for lost in audit.lost {
            violations.append("lost an acknowledged write: \(lost.key) = \(lost.value.string ?? "<deleted>") (dot \(lost.dot))")
        }
        if !audit.divergent.isEmpty {
            violations.append("replicas still diverge \(quiescence(under: lab.cluster.settings, nodes: nodes) / 1000)s after healing: "
                              + audit.divergent.joined(separator: " "))
        }
        if audit.pendingHints > 0 { violations.append("\(Display.plural(audit.pendingHints, "hint")) never drained") }
        if !audit.misplaced.isEmpty { violations.append("keys never handed over: " + audit.misplaced.joined(separator: " ")) }
        if !audit.staleRings.isEmpty {
            violations.append("rings never converged: " + audit.staleRings.map(\.name).joined(separator: " "))
        }
        // What the script's `expect views agree` checks too: every live node's failure detector
        // has settled on the same beliefs.
        let disputed = lab.cluster.snapshot(traceLimit: 0).disputedNodes
        if !disputed.isEmpty { violations.append("views never agreed about " + disputed.map(\.name).joined(separator: " ")) }
        // The settings the run began with are not faults.
        let faults = commands.filter {
            !($0.hasPrefix("put ") || $0.hasPrefix("get ") || $0.hasPrefix("client ") || $0.hasPrefix("wait ") || $0.hasPrefix("config "))
        }
        return Run(seed: seed, nodes: nodes, commands: commands, operations: commands.filter { $0.hasPrefix("put ") || $0.hasPrefix("get ") }.count,
                   faults: faults.count, acknowledged: audit.acknowledged, violations: violations,
                   refused: refused, quiescing: quiescing)
    }

    /// Heals every fault and lets the cluster settle.
    static func quiesce(_ lab: Lab, nodes: Int) -> [String] {
        let snapshot = lab.cluster.snapshot(traceLimit: 0)
        var commands = ["heal", "loss 0%", "delay 1ms..10ms"]
        commands += snapshot.network.skew.keys.sorted().map { "skew \($0.name) 0" }
        commands += snapshot.nodes.filter { !$0.alive }.map { "restart \($0.id.name)" }
        commands.append("wait \(quiescence(under: lab.cluster.settings, nodes: nodes) / 1000)s")
        return commands
    }

    /// The commands of `seed`'s fault phase: about one fault for every eight operations. Faults
    /// include nodes leaving the ring and joining it again (section 4.9), never below `n`
    /// members.
    public static func workload(seed: UInt64, operations: Int, nodes: Int = 5, n: Int = 3) -> [String] {
        var random = SimRandom(seed: seed, stream: "explore")
        var cluster = Roster(alive: Set(1...nodes), members: Set(1...nodes), n: n)
        var client = ""
        var commands: [String] = []
        func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }
        for index in 0..<operations {
            if Int.random(in: 0..<8, using: &random) == 0 {
                commands.append(fault(in: &cluster, nodes: nodes, random: &random))
            }
            let next = pick(clients)
            if next != client {
                commands.append("client \(next)")
                client = next
            }
            let key = pick(keys)
            let via = Int.random(in: 0..<5, using: &random) == 0 ? cluster.alive.sorted().randomElement(using: &random).map { " via node\($0)" } ?? "" : ""
            commands.append(Bool.random(using: &random) ? "get \(key)\(via)" : "put \(key) v\(index)\(via)")
            if Int.random(in: 0..<4, using: &random) == 0 {
                commands.append("wait \(Int.random(in: 1...2_000, using: &random))ms")
            }
        }
        return commands
    }

    /// Which nodes run and which are on the ring, as the fault schedule leaves them: only a
    /// member can be killed, restarted or named in a partition, and only a live member leaves,
    /// so that what it holds is handed on rather than stranded on a node that is down for good.
    private struct Roster {
        var alive: Set<Int>
        var members: Set<Int>
        let n: Int
    }

    private static func fault(in cluster: inout Roster, nodes: Int, random: inout SimRandom) -> String {
        let node = Int.random(in: 1...nodes, using: &random)
        switch Int.random(in: 0..<10, using: &random) {
        case 0 where cluster.alive.intersection(cluster.members).count > 2 && cluster.alive.contains(node)
            && cluster.members.contains(node):
            cluster.alive.remove(node)
            return "kill node\(node)"
        case 1 where !cluster.alive.contains(node):
            cluster.alive.insert(node)
            return "restart node\(node)"
        case 2:
            let side = cluster.members.sorted().filter { _ in Bool.random(using: &random) }
            return side.isEmpty || side.count == cluster.members.count ? "heal" : "partition " + side.map { "node\($0)" }.joined(separator: ",")
        case 3:
            let other = node % nodes + 1
            return "cut node\(node) -> node\(other)"
        case 4: return "loss \(Int.random(in: 0...20, using: &random))%"
        case 5:
            let low = Int.random(in: 1...50, using: &random)
            return "delay \(low)ms..\(low + Int.random(in: 0...150, using: &random))ms"
        case 6: return "skew node\(node) \(Bool.random(using: &random) ? "+" : "-")\(Int.random(in: 1...3_000, using: &random))ms"
        case 7 where cluster.alive.contains(node) && cluster.members.contains(node) && cluster.members.count > cluster.n:
            cluster.members.remove(node)
            return "leave node\(node)"
        case 8 where !cluster.members.contains(node):
            cluster.members.insert(node)
            return "join node\(node)"
        default: return "heal"
        }
    }

    /// Removes commands while the run still fails (delta debugging), so the reproduction is
    /// as short as practical. The settings it began with stay, and a shorter run counts only if
    /// it breaks a promise the run broke, with no command refused.
    public static func shrink(_ run: Run) -> [String] {
        let setup = Array(run.commands.prefix { $0.hasPrefix("config ") })
        let broken = Set(run.violations.map(promise))
        var commands = Array(run.commands.dropFirst(setup.count))
        var chunk = max(commands.count / 2, 1)
        while chunk >= 1 {
            var start = 0
            var removedAny = false
            while start < commands.count {
                var candidate = commands
                candidate.removeSubrange(start..<min(start + chunk, commands.count))
                let shorter = check(setup + candidate, seed: run.seed, nodes: run.nodes)
                if shorter.refused.isEmpty, shorter.violations.contains(where: { broken.contains(promise($0)) }) {
                    commands = candidate
                    removedAny = true
                } else {
                    start += chunk
                }
            }
            if !removedAny { chunk /= 2 }
        }
        return setup + commands
    }

    /// Which promise a violation breaks: a write kept, replicas converged, hints drained, keys
    /// handed over, rings converged, views agreed.
    private static func promise(_ violation: String) -> String {
        for (start, promise) in [("lost", "lost"), ("replicas", "divergent"), ("keys never", "misplaced"), ("rings", "rings"),
                                 ("views", "views")]
        where violation.hasPrefix(start) { return promise }
        return violation.hasSuffix(" never drained") ? "hints" : violation
    }

    /// How a failure's script starts: `explore --out` writes over such a file, or an empty one,
    /// and no other.
    public static let scriptHeader = "# dynamo-lab explore: "

    /// A script that replays a run and fails where it failed.
    public static func script(_ run: Run) -> String {
        var lines = [scriptHeader + "seed \(run.seed) broke a promise"]
        lines += run.violations.map { "#   \($0)" }
        lines += scriptStart(seed: run.seed, nodes: run.nodes) + run.commands
        lines += ["say \"heal every fault and let the cluster settle\""] + run.quiescing
        lines += ["audit", "expect lost 0", "expect divergent 0", "expect hints 0", "expect misplaced 0",
                  "expect views agree"]
        return WrittenScript.text(lines)
    }

    /// How a failure's script starts after its comments: every setting, as `save` writes them,
    /// so that options given with --script cannot change the run; then the seed.
    private static func scriptStart(seed: UInt64, nodes: Int) -> [String] {
        ["config " + Lab.settingWords(NodeSettings(), nodes: nodes, vnodes: ClusterConfig(nodeCount: nodes).vnodes), "seed \(seed)"]
    }
}
