import ArgumentParser
import DynamoLab
import DynamoSim
import Foundation

/// `dynamo-lab explore`: seeded fault exploration (DESIGN.md, section 4).
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Run random workloads under random faults and check that Dynamo's promises hold.",
        discussion: """
            For each seed: several clients read and write while nodes crash and restart, leave \
            the ring and join it again, and the network partitions, cuts links, loses and delays \
            messages and skews clocks. Then every fault is healed, the cluster settles, and the \
            run checks that no acknowledged write was lost, every key's replicas agree, every \
            hint was handed off, every key is held by its owners alone, and every node sees the \
            same ring and believes the same of every other. A failing seed is shrunk to a short \
            script that reproduces it; a run that passes removes such a script left at --out by an \
            earlier run if it no longer fails when run.
            """)

    @Option(parsing: .unconditional, help: "How many seeds to explore, from 1 to 100000.") var seeds = 100
    @Option(parsing: .unconditional, help: SeedArgument.help("The first seed."), transform: SeedArgument.parse)
    var firstSeed = SeedArgument.standard
    @Option(parsing: .unconditional, help: "Client operations per seed, from 1 to 10000.") var ops = 200
    @Option(parsing: .unconditional, help: "Nodes in the cluster, from 3 to 64 (default 5).") var nodes: Int?
    @Option(help: "A setting applied before the workload, as for config (repeatable), e.g. conflicts=lww.")
    var setting: [String] = []
    @Option(help: "Where to write the script that reproduces a failure (never over another file).") var out = "explore-failure.dlab"

    /// The file --out names, through any symbolic links, which are written through.
    private var outFile: String { OutputPath.followingLinks(out) ?? out }

    func validate() throws {
        guard (1...100_000).contains(seeds) else { throw ValidationError("--seeds must be from 1 to 100000") }
        guard UInt64(seeds - 1) <= UInt64.max - firstSeed else {
            throw ValidationError("--first-seed \(firstSeed) with --seeds \(seeds) runs past the largest seed, \(UInt64.max)")
        }
        guard (1...10_000).contains(ops) else { throw ValidationError("--ops must be from 1 to 10000") }
        guard (3...64).contains(nodeCount) else { throw ValidationError("--nodes must be from 3 to 64") }
        if let problem = OutputPath.problem(writing: out) { throw ValidationError("cannot write \(out.printable): \(problem)") }
        guard OutputPath.losesNothing(writing: outFile, over: Exploration.scriptHeader) else {
            throw ValidationError("\(out.printable) exists and is not a script explore wrote, or was edited since: choose another --out")
        }
        // The settings are tried together on a cluster like the ones explored.
        let size: Int
        do {
            size = try Exploration.shape(nodeCount, after: setup).nodes
        } catch {
            throw ValidationError("--setting \(setting.joined(separator: " ")): \(error)")
        }
        guard (3...64).contains(size) else { throw ValidationError("--setting nodes=\(size): nodes must be from 3 to 64, as for --nodes") }
        // Told apart by the cluster the settings build, however a setting is written.
        if nodes != nil, size != nodeCount {
            throw ValidationError("--nodes \(nodeCount) and --setting nodes=\(size) give the cluster two sizes: give one")
        }
    }

    /// The cluster's size before the settings: --nodes, or 5.
    private var nodeCount: Int { nodes ?? 5 }

    /// The settings as one `config` command, so that they are checked together (`n=1` with `r=1`).
    private var setup: [String] {
        setting.isEmpty ? [] : ["config " + setting.joined(separator: " ")]
    }

    func run() throws {
        for note in (try? Exploration.shape(nodeCount, after: setup).notes) ?? [] { print(note) }
        let progress = ProgressBar(total: seeds, unit: "seeds")
        var operations = 0, faults = 0, acknowledged = 0, idle = 0
        for offset in 0..<UInt64(seeds) {
            let seed = firstSeed + offset
            let run = Exploration.explore(seed: seed, operations: ops, nodes: nodeCount, setup: setup)
            operations += run.operations
            faults += run.faults
            acknowledged += run.acknowledged
            if run.acknowledged == 0 { idle += 1 }
            progress.update(Int(offset) + 1)
            guard run.passed else {
                progress.finish()
                print("seed \(seed) failed:")
                let problems = run.violations + run.refused.map { "refused: \($0)" }
                for problem in problems.prefix(5) { print("  \(problem)") }
                if problems.count > 5 { print("  … and \(problems.count - 5) more") }
                let shrunk = Exploration.check(Exploration.shrink(run), seed: seed, nodes: run.nodes)
                do {
                    try Exploration.script(shrunk).write(toFile: outFile, atomically: true, encoding: .utf8)
                } catch {
                    writeToStandardError("error: cannot write \(out): \(error.localizedDescription)\n")
                    throw ExitCode(2)
                }
                print("reproduce with: dynamo-lab --script \(out)   (\(shrunk.commands.count) of \(run.commands.count) commands kept)")
                // The shrunk script may break the promise through another write than those above.
                for problem in shrunk.violations.prefix(3) { print("  it shows: \(problem)") }
                throw ExitCode(1)
            }
        }
        progress.finish()
        removeEarlierFailure()
        print("explored \(Display.plural(seeds, "seed")): \(Display.plural(operations, "operation")), "
              + "\(Display.plural(faults, "fault")), \(Display.plural(acknowledged, "acknowledged write")), 0 lost; "
              + "replicas, rings and views converged, hints drained and keys handed over every time")
        if idle > 0 {
            print("warning: \(idle) of \(seeds) seeds acknowledged no write, so they show nothing about lost writes; "
                  + "give each more operations (--ops), or make the settings (timeout, w) less strict")
        }
    }

    /// A passing run leaves behind no failure that is gone: the script of an earlier failure at
    /// --out (unchanged since explore wrote it, or the run would have been refused) is run
    /// again, and removed when it passes now, rather than be taken for this run's; one that
    /// still fails stays, and the run says so.
    private func removeEarlierFailure() {
        guard let data = FileManager.default.contents(atPath: outFile),
              let text = String(data: data, encoding: .utf8), text.hasPrefix(Exploration.scriptHeader) else { return }
        let replayed = ScriptRunner(json: false) { _ in }.run(Script(name: out, text: text), in: Lab())
        guard replayed == .passed else {
            print("\(out) holds an earlier failure that still fails when run: left as it was")
            return
        }
        if (try? FileManager.default.removeItem(atPath: outFile)) != nil {
            print("removed \(out), an earlier failure that no longer fails when run")
        }
    }
}
