import DynamoLab
import Foundation
import Testing

/// `explore` and `experiment`, run as a user runs them.
@Suite struct SubcommandTests {
    @Test func exploreReportsWhatItCheckedAndExitsZero() throws {
        // Were a promise to break, the reproduction goes to a temporary file, not the working tree.
        let out = NSTemporaryDirectory() + "dynamo-lab-repro-\(UUID().uuidString).dlab"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Binary.run(["explore", "--seeds", "3", "--ops", "40", "--out", out])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out), "no reproduction is written when every promise holds")
        #expect(result.stdout.hasPrefix("explored 3 seeds: 120 operations,"))
        #expect(result.stdout.contains("0 lost"))
        #expect(!result.stdout.contains("warning"), "every seed acknowledged writes")
    }

    @Test func exploreWritesAShrunkReproductionWhenAPromiseBreaks() throws {
        let out = NSTemporaryDirectory() + "dynamo-lab-repro-\(UUID().uuidString).dlab"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Binary.run(["explore", "--seeds", "5", "--ops", "60", "--setting", "conflicts=lww", "--out", out])
        #expect(result.status == 1)
        #expect(result.stdout.contains("lost an acknowledged write"))
        #expect(result.stdout.contains("reproduce with: dynamo-lab --script \(out)"))
        // What the console says the script shows is what the script's own header names.
        let shows = result.stdout.split(separator: "\n").filter { $0.hasPrefix("  it shows: ") }.map { $0.dropFirst(12) }
        let header = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n").filter { $0.hasPrefix("#   ") }.map { $0.dropFirst(4) }
        #expect(!shows.isEmpty)
        #expect(shows == Array(header.prefix(3)))
        let replay = try Binary.run(["--script", out])
        #expect(replay.status == 1, "the reproduction fails its expectations too")
        // It names every setting, as save does: options given with --script change nothing
        // from its `seed` line on (a cluster of other vnodes is rebuilt by the line before).
        let run = { (output: String) in output.components(separatedBy: "\n> seed ").dropFirst().joined() }
        for options in [["--vnodes", "1"], ["--n", "5", "--r", "1", "--w", "1"]] {
            let other = try Binary.run(options + ["--script", out])
            #expect(other.status == 1 && run(other.stdout) == run(replay.stdout), "\(options)")
        }
        // It writes over a script of its own again, never over another file.
        #expect(try Binary.run(["explore", "--seeds", "5", "--ops", "60", "--setting", "conflicts=lww", "--out", out]).status == 1)
        let notes = NSTemporaryDirectory() + "dynamo-lab-notes-\(UUID().uuidString).txt"
        defer { try? FileManager.default.removeItem(atPath: notes) }
        try "my notes\n".write(toFile: notes, atomically: true, encoding: .utf8)
        let refused = try Binary.run(["explore", "--seeds", "5", "--ops", "60", "--setting", "conflicts=lww", "--out", notes])
        #expect(refused.status != 0 && refused.status != 1, "\(refused.stdout)")
        #expect(refused.stderr.contains("exists and is not a script explore wrote"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: notes, encoding: .utf8) == "my notes\n")
        // A run that passes removes an earlier failure at --out that no longer fails when run,
        // and leaves one that still does, saying so.
        let failure = try String(contentsOfFile: out, encoding: .utf8)
        let other = try Binary.run(["explore", "--seeds", "1", "--ops", "1", "--setting", "conflicts=lww", "--out", out])
        #expect(other.status == 0)
        #expect(other.stdout.hasPrefix("\(out) holds an earlier failure that still fails when run: left as it was"), "\(other.stdout)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == failure)
        let settings = try #require(failure.split(separator: "\n").first { $0.hasPrefix("config nodes=") })
        let passing = WrittenScript.text(["# dynamo-lab explore: seed 2 broke a promise", String(settings), "seed 2", "put k v", "expect lost 0"])
        // Edited since explore wrote it, it is neither written over nor removed.
        let edited = passing.replacingOccurrences(of: "put k v", with: "say \"my caption\"\nput k v")
        try edited.write(toFile: out, atomically: true, encoding: .utf8)
        let overwrite = try Binary.run(["explore", "--seeds", "1", "--ops", "1", "--out", out])
        #expect(overwrite.status == 64 && overwrite.stderr.contains("or was edited since: choose another --out"), "\(overwrite.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8) == edited)
        try passing.write(toFile: out, atomically: true, encoding: .utf8)
        let gone = try Binary.run(["explore", "--seeds", "1", "--ops", "40", "--out", out])
        #expect(gone.stdout.hasPrefix("removed \(out), an earlier failure that no longer fails when run"), "\(gone.stdout)")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    /// The cluster's size is given once: by --nodes, or by --setting nodes=, however written.
    @Test func nodesAndASettingOfNodesAreNotGivenTogether() throws {
        let both = try Binary.run(["explore", "--nodes", "4", "--setting", "nodes=7", "--seeds", "1"])
        #expect(both.status == 64, "\(both.stdout)")
        #expect(both.stderr.contains("--nodes 4 and --setting nodes=7 give the cluster two sizes: give one"), "\(both.stderr)")
        #expect(try Binary.run(["explore", "--nodes", "4", "--setting", "w=1 nodes=7", "--seeds", "1"]).status == 64, "in a setting of several")
        #expect(try Binary.run(["explore", "--nodes", "4", "--setting", #""nodes=7""#, "--seeds", "1"]).status == 64, "quoted")
        #expect(try Binary.run(["explore", "--setting", "nodes=7", "--seeds", "1", "--ops", "20"]).status == 0)
    }

    /// A setting `config` warns of is warned of before the run, which it may explain: here a
    /// suspicion timeout so short that healthy peers seem down, and replicas never converge.
    @Test func exploreSaysWhatItsSettingsRiskBeforeItStarts() throws {
        let out = NSTemporaryDirectory() + "dynamo-lab-repro-\(UUID().uuidString).dlab"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Binary.run(["explore", "--seeds", "3", "--ops", "40", "--setting", "suspicion=500ms", "--out", out])
        #expect(result.stdout.hasPrefix("note: suspicion=500ms is shorter than 4 gossip rounds"), "\(result.stdout)")
        #expect(result.status == 1, "\(result.stdout)")
        #expect(!(try Binary.run(["explore", "--seeds", "1", "--ops", "20", "--setting", "suspicion=4s", "--out", out]).stdout.contains("note:")))
    }

    /// The settings a run starts with are not counted among its faults.
    @Test func settingsAreNotCountedAsFaults() throws {
        func faults(_ extra: [String]) throws -> String {
            let result = try Binary.run(["explore", "--seeds", "4", "--ops", "40"] + extra)
            return result.stdout.components(separatedBy: " faults").first?.components(separatedBy: ", ").last ?? ""
        }
        #expect(try faults([]) == faults(["--setting", "clocks=dvv"]), "clocks=dvv is the default: the same runs")
    }

    @Test func theExperimentPrintsATableAndAPlotWithStrategyThreeBest() throws {
        let result = try Binary.run(["experiment", "partitioning", "--keys", "5000", "--requests", "10000"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("strategy 1"))
        #expect(result.stdout.contains("strategy 3"))
        #expect(result.stdout.contains("efficiency (mean load / max load)"))
        let again = try Binary.run(["experiment", "partitioning", "--keys", "5000", "--requests", "10000"])
        #expect(again.stdout == result.stdout)
    }

    @Test func subcommandOptionsAreTheirOwn() throws {
        let result = try Binary.run(["explore", "--seeds", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--seeds must be from 1 to 100000"))
    }

    @Test(arguments: [("--seeds", "100001", "--seeds must be from 1 to 100000"), ("--ops", "1000000000", "--ops must be from 1 to 10000"),
                      ("--ops", "0", "--ops must be from 1 to 10000")])
    func seedsAndOperationsAreBounded(_ option: String, _ value: String, _ message: String) throws {
        let result = try Binary.run(["explore", option, value])
        #expect(result.status == 64)
        #expect(result.stderr.contains(message))
    }

    /// A count too large to be a number at all is refused with the option's range beside it,
    /// as a number out of range is.
    @Test(arguments: [(["explore", "--ops"], "from 1 to 10000"), (["experiment", "partitioning", "--nodes"], "from 1 to 1000"),
                      (["experiment", "partitioning", "--keys"], "from 1 to 10000000"),
                      (["experiment", "partitioning", "--requests"], "from 1 to 100000000")])
    func aCountPastAnyIntegerIsRefusedWithItsRange(_ option: [String], _ range: String) throws {
        let result = try Binary.run(option + ["99999999999999999999"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("is invalid for '\(option.last!)"))
        #expect(result.stderr.contains(range), "\(result.stderr)")
    }

    @Test func seedsRunningPastTheLargestSeedAreRefusedNotTrapped() throws {
        let result = try Binary.run(["explore", "--first-seed", "18446744073709551615", "--seeds", "2"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("runs past the largest seed"))
        let last = try Binary.run(["explore", "--first-seed", "18446744073709551615", "--seeds", "1", "--ops", "5"])
        #expect(last.status == 0)
    }

    @Test func settingsAreCheckedTogetherAndMayShrinkTheCluster() throws {
        let quorumOfOne = try Binary.run(["explore", "--seeds", "1", "--ops", "20", "--setting", "n=1", "--setting", "r=1", "--setting", "w=1"])
        #expect(quorumOfOne.status == 0, "\(quorumOfOne.stdout)\(quorumOfOne.stderr)")
        let three = try Binary.run(["explore", "--seeds", "2", "--ops", "60", "--setting", "nodes=3"])
        #expect(three.status == 0, "\(three.stdout)\(three.stderr)")
        let many = try Binary.run(["explore", "--seeds", "1", "--setting", "nodes=65"])
        #expect(many.status == 64)
        #expect(many.stderr.contains("--setting nodes=65: nodes must be from 3 to 64"))
    }

    @Test func aRunThatAcknowledgedNoWriteSaysItShowsNothing() throws {
        let result = try Binary.run(["explore", "--seeds", "2", "--ops", "20", "--setting", "timeout=1ms"])
        #expect(result.status == 0, "no promise was broken")
        #expect(result.stdout.contains("0 acknowledged writes"))
        #expect(result.stdout.contains("\nwarning: 2 of 2 seeds acknowledged no write, so they show nothing about lost writes"))
    }

    @Test func anUnwritableOutputIsRefusedBeforeExploring() throws {
        let missing = try Binary.run(["explore", "--out", "/nonexistent/dir/x.dlab"])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("cannot write /nonexistent/dir/x.dlab: no such directory /nonexistent/dir\n"))
        #expect(missing.stdout.isEmpty, "nothing is explored")
        let directory = try Binary.run(["explore", "--out", NSTemporaryDirectory()])
        #expect(directory.status == 64)
        #expect(directory.stderr.contains("cannot write \(NSTemporaryDirectory()): it is a directory"))
    }

    @Test(arguments: ["foo=1", "n=10"])
    func aSettingTheLabWouldRefuseIsAUsageErrorAndWritesNothing(_ setting: String) throws {
        let out = NSTemporaryDirectory() + "dynamo-lab-repro-\(UUID().uuidString).dlab"
        let result = try Binary.run(["explore", "--seeds", "1", "--ops", "10", "--setting", setting, "--out", out])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--setting \(setting):"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
