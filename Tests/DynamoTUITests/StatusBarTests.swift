import DynamoLab
import Testing
@testable import DynamoTUI

/// During a lesson the status bar says whether its clock is moving: a lesson that runs the
/// clock moves it only while one of its requests or waits plays live.
@Suite struct StatusBarTests {
    @Test func aLessonsClockShowsAsMovingOnlyWhileALinePlaysLive() {
        var model = ScreenModel()
        model.lesson = "11-watch-live.dlab 7/27"
        model.clock.running = false
        #expect(StatusBar.state(model) == "lesson 11-watch-live.dlab 7/27")
        model.clock.running = true
        model.clock.speed = 0.01
        #expect(StatusBar.state(model) == "lesson 11-watch-live.dlab 7/27 · ‖ ×0.01")
        model.lessonPlaysLive = true
        #expect(StatusBar.state(model) == "lesson 11-watch-live.dlab 7/27 · ▶ ×0.01")
        model.lesson = nil
        #expect(StatusBar.state(model) == "▶ running ×0.01", "outside a lesson the clock runs on its own")
    }
}
