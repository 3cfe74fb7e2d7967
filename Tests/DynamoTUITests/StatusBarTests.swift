import DynamoLab
import DynamoSim
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

    /// At 80 columns, a lesson paused during a partition keeps the sides and the key in focus:
    /// its file name goes first, its place stays.
    @Test func aNarrowBarDropsTheLessonsFileNameBeforeTheSidesAndTheKey() {
        let lab = Lab()
        _ = lab.execute("partition node1,node2 node3,node4,node5")
        var model = ScreenModel()
        model.lesson = "03-siblings.dlab 13/24 · paused: Enter goes on"
        model.lessonName = "03-siblings.dlab"
        model.focus = "cart"
        model.clock.running = false
        func bar(_ width: Int) -> String {
            var frame = Frame(width: width, height: 1)
            StatusBar.draw(lab.cluster.snapshot(), model, in: Rect(x: 0, y: 0, width: width, height: 1), on: &frame)
            return frame.row(0)
        }
        let narrow = bar(80)
        #expect(narrow.contains("lesson 13/24 · paused: Enter goes on") && !narrow.contains("03-siblings"), "\(narrow)")
        #expect(narrow.contains("2 sides") && narrow.contains("◆ cart"), "\(narrow)")
        #expect(bar(140).contains("lesson 03-siblings.dlab 13/24"), "with room, the name stays")
        #expect(StatusBar.state(model, named: false) == "lesson 13/24 · paused: Enter goes on")
    }

    /// Past ten minutes the clock is spelled out in hours and minutes as well, as `wait` gives
    /// it, until the bar is too narrow: then that goes first, before the seed and the client.
    @Test func aLongClockIsSpelledOutWhileThereIsRoom() {
        let lab = Lab()
        func bar(_ width: Int) -> String {
            var frame = Frame(width: width, height: 1)
            StatusBar.draw(lab.cluster.snapshot(), ScreenModel(), in: Rect(x: 0, y: 0, width: width, height: 1), on: &frame)
            return frame.row(0)
        }
        _ = lab.execute("wait 9m")
        #expect(!bar(120).contains("(9m"), "under ten minutes, seconds alone")
        _ = lab.execute("wait 2m")
        #expect(bar(120).contains(" 660.000s (11m0s) │ "), "\(bar(120))")
        #expect(bar(120).contains("seed 1"))
        let bars = (30...140).map(bar)
        #expect(bars.allSatisfy { $0.contains(" 660.000s") }, "the clock itself always shows")
        #expect(bars.filter { $0.contains("(11m0s)") }.allSatisfy { $0.contains("seed 1") && $0.contains("client1") },
                "the spelled clock goes before the seed and the client")
        #expect(bars.contains { $0.contains("seed 1") && !$0.contains("(11m") }, "a bar with the seed and not the spelled clock")
    }
}
