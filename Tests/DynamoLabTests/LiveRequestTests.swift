import DynamoCore
import DynamoSim
import Foundation
import Testing
@testable import DynamoLab

/// The visualizer's non-blocking path: requests answered as time passes, lines queued behind
/// them, and saved sessions that still replay exactly.
@Suite struct LiveRequestTests {
    private func results(_ outcome: LiveOutcome) -> [CommandResult] {
        if case .ran(let results) = outcome { return results }
        return []
    }

    @Test func liveWriteIsAnsweredOnlyAsVirtualTimePasses() {
        let lab = Lab()
        guard case .started(let request) = lab.begin("put cart milk") else {
            Issue.record("put did not start")
            return
        }
        #expect(request.key == "cart")
        #expect(lab.focus == "cart")
        #expect(lab.advanceLive(by: 1).isEmpty)
        #expect(lab.liveRequest != nil)
        #expect(!lab.cluster.snapshot().inFlight.isEmpty, "the store messages are on the wire")
        let answered = lab.advanceLive(by: 100)
        #expect(answered.map(\.command) == ["put"])
        #expect(answered.first?.ok == true)
        #expect(lab.liveRequest == nil)
    }

    /// The history names the client of a live request as it does a blocking one's, so the
    /// audit judges what each client had read alike: here c3 overwrites x without reading it.
    @Test func liveRequestsGoIntoTheHistoryUnderTheirClient() {
        let lines = ["config conflicts=lww", "put cart x", "client c2", "get cart", "client c3", "put cart y"]
        let blocking = Lab(), live = Lab()
        for line in lines {
            _ = blocking.execute(line)
            _ = blocking.execute("wait 1s")
            _ = live.begin(line)
            _ = live.advanceLive(by: 1_000)
        }
        #expect(live.cluster.history.map(\.client) == ["client1", "c2", "c3"])
        #expect(live.cluster.history.map(\.client) == blocking.cluster.history.map(\.client))
        #expect(live.cluster.audit().lost.map(\.value) == [.data("x")])
        #expect(blocking.cluster.audit().lost.map(\.value) == [.data("x")])
    }

    /// A wait typed while a request is under way stops at ^C too, with the request answered on
    /// the way; the time that passed is saved as it passed, so the session replays exactly.
    @Test func aWaitWhileARequestIsUnderWayStopsAtCtrlC() throws {
        let lab = Lab()
        _ = lab.begin("pause")
        _ = lab.begin("put cart milk")
        let start = lab.cluster.now
        var looks = 0
        lab.stopRequested = {
            looks += 1
            return looks == 3
        }
        let ran = results(lab.begin("wait 24h"))
        #expect(ran.map(\.command) == ["put", "wait"])
        #expect(ran.last?.text.hasPrefix("stopped by ^C after 3s of 24h; time is ") == true, "\(ran.last?.text ?? "")")
        #expect(lab.cluster.now == start + 3_000)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("stopped-\(UUID().uuidString).dlab").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(results(lab.begin("save \(path)")).first?.ok == true)
        let saved = try Script.load(path: path).lines
        let replayed = Lab()
        for line in saved { _ = replayed.execute(line) }
        #expect(replayed.cluster.now == lab.cluster.now)
        #expect(replayed.cluster.snapshot(traceLimit: 0).nodes.map(\.store) == lab.cluster.snapshot(traceLimit: 0).nodes.map(\.store))
    }

    /// Live time of a minute or more is saved as such a wait is typed, in hours, minutes and
    /// seconds, not in milliseconds.
    @Test func aLongLiveWaitIsSavedAsTyped() throws {
        let lab = Lab()
        _ = lab.begin("pause")
        _ = lab.begin("put cart milk")
        var looks = 0
        lab.stopRequested = {
            looks += 1
            return looks == 70
        }
        _ = lab.begin("wait 24h")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("long-\(UUID().uuidString).dlab").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = lab.begin("save \(path)")
        let waits = try Script.load(path: path).lines.filter { $0.hasPrefix("wait ") }
        #expect(waits == ["wait 1m9.998s"], "\(waits)")
    }

    @Test func linesThatChangeStateWaitForTheAnswerButLookingDoesNot() {
        let lab = Lab()
        _ = lab.begin("put cart milk")
        guard case .queued = lab.begin("kill node4") else {
            Issue.record("kill did not wait for the put")
            return
        }
        #expect(lab.queuedLines == ["kill node4"])
        #expect(results(lab.begin("nodes")).map(\.command) == ["nodes"])
        #expect(lab.cluster.isAlive(NodeID(4)))
        let answered = lab.advanceLive(by: 100)
        #expect(answered.map(\.command) == ["put", "kill"])
        #expect(!lab.cluster.isAlive(NodeID(4)))
        #expect(lab.queuedLines.isEmpty)
    }

    @Test func stepCanCompleteTheRequestUnderWayAndShowsItsTraceBeforeTheAnswer() {
        let lab = Lab()
        _ = lab.begin("put cart milk")
        let ran = results(lab.begin("step 50"))
        #expect(ran.map(\.command) == ["step", "put"], "the cause comes before the answer")
        #expect(ran.first?.text.contains("write quorum for cart") == true)
        #expect(lab.live.running == false)
    }

    /// Stepping a request under way shows its first event too: the request reaching its
    /// coordinator, from the client that sent it.
    @Test func stepShowsTheRequestReachingItsCoordinator() throws {
        let lab = Lab()
        _ = lab.execute("client alice")
        _ = lab.begin("delete cart via node3")
        let first = try #require(results(lab.begin("step")).first)
        #expect(first.text.split(separator: "\n").dropFirst().first == "0.000s alice → node3 delete cart", "\(first.text)")
        #expect(lab.execute("trace")?.text.contains("0.000s alice → node3 delete cart") == true, "it stays in the trace")
    }

    @Test func atTheAdvisedSpeedAPutLastsManyFrames() {
        let lab = Lab()
        _ = lab.begin("put cart milk")
        var virtual: Millis = 0
        while lab.liveRequest != nil {
            _ = lab.advanceLive(by: 1)
            virtual += 1
        }
        // At 30 frames a second and speed 0.01 a frame is a third of a virtual millisecond.
        #expect(Double(virtual) / (0.01 * 1000 / 30) >= 6)
        #expect(lab.execute("help speed")?.text.contains("speed 0.01") == true)
    }

    @Test func requestThatCannotMeetItsQuorumFailsByItsDeadline() {
        let lab = Lab()
        _ = lab.execute("partition node1")
        _ = lab.begin("put cart milk via node1")
        var answered: [CommandResult] = []
        for _ in 0..<100 where answered.isEmpty { answered = lab.advanceLive(by: 10) }
        #expect(answered.first?.status == .failed)
        #expect(lab.cluster.now <= 1_000)
    }

    @Test func refusedRequestIsRejectedAtOnceAndNotRecorded() {
        let lab = Lab()
        let ran = results(lab.begin("put cart milk via node9"))
        #expect(ran.first?.status == .rejected)
        #expect(lab.liveRequest == nil)
        #expect(!lab.savedScript.contains("put"))
    }

    @Test func liveTimeIsSavedAsWaitBeforeTheNextRecordedLine() {
        let lab = Lab()
        for _ in 0..<10 { _ = lab.advanceLive(by: 150) }
        _ = lab.begin("kill node2")
        #expect(lab.savedScript.hasSuffix("wait 1500ms\nkill node2\n"))
    }

    /// A check of a live request's outcome is saved right after the request's line, before the
    /// live time that passed, so that replayed it checks that request; after a look typed while
    /// the request was on its way, which is saved between them, it is left out.
    @Test func aCheckOfALiveRequestsOutcomeReplaysAgainstThatRequest() throws {
        let lab = Lab()
        for node in 1...5 { _ = lab.begin("kill node\(node)") }
        _ = lab.begin("restart node1")
        _ = lab.begin("put k v w=3")
        _ = lab.advanceLive(by: 2_000)
        guard case .ran(let checked) = lab.begin("expect fail") else { Issue.record("expect waited"); return }
        #expect(checked.first?.status == .ok)
        _ = lab.advanceLive(by: 500)
        _ = lab.begin("put k v w=3")
        _ = lab.begin("nodes")
        _ = lab.advanceLive(by: 2_000)
        _ = lab.begin("expect fail")
        let lines = lab.savedScript.split(separator: "\n").map(String.init)
        let first = try #require(lines.firstIndex(of: "put k v w=3"))
        #expect(lines[first + 1] == "expect fail", "\(lines)")
        #expect(lines.filter { $0 == "expect fail" }.count == 1, "the check after a look is left out: \(lines)")
        let replay = Lab()
        let results = lines.compactMap { replay.execute($0) }
        #expect(!results.contains { $0.status == .expectationFailed }, "\(results.map(\.text))")
    }

    @Test func savedLiveSessionReplaysToTheSameState() throws {
        let lab = Lab(config: ClusterConfig(seed: 7))
        var typed: [(line: String, after: Millis)] = [
            ("put cart milk", 3), ("kill node3", 40), ("put cart eggs via node1", 2), ("get cart", 1),
            ("step 4", 5), ("put fruit apple", 7), ("partition node1,node2 node3,node4,node5", 120),
            ("put fruit pear via node4", 3), ("restart node3", 400), ("heal", 1_500), ("get fruit", 9),
            ("client bob", 2), ("put cart tea", 2_100), ("wait 250ms", 3),
        ]
        typed.reverse()
        while let (line, after) = typed.popLast() {
            _ = lab.begin(line)
            // Real time arrives in small uneven slices, as frames do.
            var left = after
            var slice: Millis = 1
            while left > 0 {
                let now = min(slice, left)
                _ = lab.advanceLive(by: now)
                left -= now
                slice = slice % 17 + 3
            }
        }
        for _ in 0..<200 where lab.liveRequest != nil { _ = lab.advanceLive(by: 5) }
        _ = lab.advanceLive(by: 333)

        let path = FileManager.default.temporaryDirectory.appendingPathComponent("live-\(UUID().uuidString).dlab").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard case .ran(let saved) = lab.begin("save \(path)") else {
            Issue.record("save waited")
            return
        }
        #expect(saved.first?.ok == true)

        let replayed = Lab()
        for line in try Script.load(path: path).lines {
            let result = replayed.execute(line)
            #expect(result?.status != .rejected, "\(line): \(result?.text ?? "")")
        }
        let live = lab.cluster.snapshot(traceLimit: 0)
        let again = replayed.cluster.snapshot(traceLimit: 0)
        #expect(again.time == live.time)
        #expect(again.nodes.map(\.alive) == live.nodes.map(\.alive))
        #expect(again.nodes.map(\.store) == live.nodes.map(\.store))
        #expect(again.nodes.map(\.hints) == live.nodes.map(\.hints))
        #expect(again.network == live.network)
        #expect(again.inFlight.count == live.inFlight.count)
        #expect(replayed.currentClient == lab.currentClient)
    }
}
