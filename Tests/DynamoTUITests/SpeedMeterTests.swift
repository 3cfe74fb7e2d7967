import DynamoLab
import Testing
@testable import DynamoTUI

/// The status bar says how fast virtual time really runs when the cluster cannot keep up.
@Suite struct SpeedMeterTests {
    /// Thirty turns a second for `seconds`, each losing `lostShare` of the virtual time it owed.
    private func meter(speed: Double, lostShare: Double, seconds: Double = 1.2) -> SpeedMeter {
        var meter = SpeedMeter()
        let turn = 1.0 / 30
        for _ in 0..<Int(seconds / turn) {
            meter.record(realSeconds: turn, lostMillis: turn * 1000 * speed * lostShare, speed: speed)
        }
        return meter
    }

    @Test func aClockThatKeepsUpIsNotQualified() {
        #expect(meter(speed: 1, lostShare: 0).reached(at: 1) == nil)
        #expect(meter(speed: 0.01, lostShare: 0.05).reached(at: 0.01) == nil, "a little lost time is within the measure")
    }

    @Test func aClockThatFallsBehindReportsTheSpeedItReaches() throws {
        let reached = try #require(meter(speed: 1, lostShare: 0.9).reached(at: 1))
        #expect(abs(reached - 0.1) < 0.001)
        let slow = try #require(meter(speed: 0.01, lostShare: 0.75).reached(at: 0.01))
        #expect(abs(slow - 0.0025) < 0.0001)
    }

    @Test func nothingIsReportedBeforeAWholeWindowNorForAnotherSpeed() {
        #expect(meter(speed: 1, lostShare: 0.9, seconds: 0.5).reached(at: 1) == nil)
        #expect(meter(speed: 1, lostShare: 0.9).reached(at: 2) == nil, "a new speed is measured afresh")
        var stopped = meter(speed: 1, lostShare: 0.9)
        stopped.reset()
        #expect(stopped.reached(at: 1) == nil)
    }

    @Test func aTurnSpentRunningALineDoesNotCount() {
        var meter = meter(speed: 1, lostShare: 0)
        meter.skipTurn()
        meter.record(realSeconds: 3, lostMillis: 2750, speed: 1)
        meter.record(realSeconds: 1, lostMillis: 0, speed: 1)
        #expect(meter.reached(at: 1) == nil)
    }

    @Test func theStatusBarShowsTheSpeedReachedBesideTheSpeedAsked() {
        var model = ScreenModel()
        model.reachedSpeed = 0.1234
        #expect(StatusBar.state(model) == "▶ running ×1 (actual ×0.12)")
        model.clock.speed = 10
        model.reachedSpeed = 3.456
        #expect(StatusBar.state(model) == "▶ running ×10 (actual ×3.5)")
        model.reachedSpeed = nil
        #expect(StatusBar.state(model) == "▶ running ×10")
    }

    @Test func atEightyColumnsTheSpeedReachedStaysAndOtherPiecesGiveWay() {
        let lab = Lab()
        var model = ScreenModel()
        model.focus = "cart"
        model.reachedSpeed = 0.1
        var frame = Frame(width: 80, height: 1)
        StatusBar.draw(lab.cluster.snapshot(traceLimit: 0), model, in: Rect(x: 0, y: 0, width: 80, height: 1), on: &frame)
        let bar = frame.row(0)
        #expect(bar.contains("▶ running ×1 (actual ×0.1) │ N=3 R=2 W=2 │ 5 nodes up │ ◆ cart"), "\(bar)")
        #expect(!bar.contains("seed") && !bar.contains("client1"))
    }
}
