import Testing
@testable import DynamoLab

/// What a `put` says of itself: where its hints went and whether they are known to be there,
/// and, for a write that did not see everything held, what it saw.
@Suite struct WriteReportTests {
    func hintLines(_ result: CommandResult?) -> [String] {
        (result?.text ?? "").split(separator: "\n").filter { $0.hasPrefix("  hint for") }.map(String.init)
    }

    /// A hint the answer waited for is stored; one sent just before the answer, into a
    /// partition that drops it, is only sent, and the holder never gets it.
    @Test func aHintIsCalledStoredOnlyWhenItsHolderAcknowledgedIt() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        run(lab, "kill \(owners[2].name)", "wait 15s")
        let stored = try #require(run(lab, "put cart milk w=3"))
        let line = try #require(hintLines(stored).first, "\(stored.text)")
        #expect(hintLines(stored).count == 1)
        #expect(line.hasPrefix("  hint for \(owners[2].name) stored on "), "\(line)")
        let fallback = String(line.split(separator: " ").last!)
        #expect(stored.text.contains("acks from \(owners[0].name) \(owners[1].name) \(fallback) (W=3)"), "\(stored.text)")
        #expect(stored.json.rendered.contains(#""hinted":[{"holder":"\#(fallback)","for":"\#(owners[2].name)","acknowledged":true}]"#))

        // Cut the fallback off with the others, then write before the coordinator suspects it.
        run(lab, "get cart", "partition \(owners[0].name),\(owners[1].name)")
        let dropped = try #require(run(lab, "put cart eggs"))
        #expect(hintLines(dropped) == ["  hint for \(owners[2].name) sent to \(fallback), not acknowledged by the answer"], "\(dropped.text)")
        #expect(dropped.json.rendered.contains(#""acknowledged":false"#))
        run(lab, "wait 5s")
        let held = run(lab, "versions cart")?.text.split(separator: "\n") ?? []
        #expect(held.contains { $0.hasPrefix("  \(fallback) ") && $0.contains("milk") }, "\(held)")
        #expect(!held.contains { $0.hasPrefix("  \(fallback) ") && $0.contains("eggs") }, "the fallback never got eggs: \(held)")
    }

    /// With every owner cut off, the node the client asked coordinates the write itself and
    /// keeps the hint: nothing was sent.
    @Test func aCoordinatorStandingInKeepsItsOwnHint() throws {
        let lab = Lab()
        let owners = lab.cluster.ring.preferenceList(for: "cart", n: 3)
        let others = lab.cluster.nodeIDs.filter { !owners.contains($0) }
        run(lab, "partition \(others.map(\.name).joined(separator: ",")) \(owners.map(\.name).joined(separator: ","))", "wait 15s")
        let result = run(lab, "put cart milk via \(others[0].name)")
        #expect(hintLines(result).contains("  hint for \(owners[0].name) kept by \(others[0].name), the coordinator"), "\(result?.text ?? "")")
        #expect(!hintLines(result).contains { $0.contains("sent to \(others[0].name)") })
    }

    /// A blind write gets a clock that seems to follow what is held; its answer says what it
    /// saw, as `versions` does, so it reads as the sibling it is.
    @Test func aWriteThatSawLessThanItsClockClaimsSaysWhatItSaw() throws {
        let lab = Lab()
        let coordinator = lab.cluster.ring.preferenceList(for: "cart", n: 3)[0].name
        run(lab, "put cart milk", "get cart", "put cart eggs")
        let blind = try #require(run(lab, "put cart tea"))
        #expect(blind.text.contains("dot \(coordinator):3 saw {\(coordinator):1}"), "\(blind.text)")
        #expect(blind.json.rendered.contains(#""saw":"{\#(coordinator):1}""#))
        let read = try #require(run(lab, "get cart", "put cart bread"))
        #expect(!read.text.contains("saw"), "a write from a fresh read saw everything its clock claims: \(read.text)")
    }
}
