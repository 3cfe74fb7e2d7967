import DynamoLab
import Testing
@testable import DynamoTUI

/// Lessons at reading pace: when each line runs, and where the player stops.
@Suite struct ReplayPlayerTests {
    private let lesson = Script(name: "lessons/quorum.dlab", text: """
        # quorum basics
        say "Write a cart."

        put cart milk
        pause
        get cart
        """)

    @Test func linesRunAtReadingPaceSkippingCommentsAndBlanks() {
        var player = ReplayPlayer(lesson, at: 100)
        #expect(player.next(at: 100.5) == nil, "the screen is shown a moment first")
        let say = player.next(at: 101)
        #expect(say == ReplayPlayer.Line(text: "say \"Write a cart.\"", number: 2))
        #expect(player.progress == "quorum.dlab 2/6")
        #expect(player.next(at: 200) == nil, "busy until the line has run")
        player.ran("say", output: "Write a cart.", refused: false, at: 101)
        let reading = ReplayPlayer.readingTime(command: "say", output: "Write a cart.")
        #expect(player.next(at: 101 + reading - 0.01) == nil)
        #expect(player.next(at: 101 + reading)?.number == 4)
    }

    /// A line typed between the lesson's gets its answer read before the lesson's next line
    /// replaces it; one typed early in a long reading delay takes nothing from it.
    @Test func aLineTypedDuringTheLessonIsGivenItsReadingTime() {
        var player = ReplayPlayer(lesson, at: 0)
        _ = player.next(at: 1)
        player.ran("say", output: "Write a cart.", refused: false, at: 1)
        let due = 1 + ReplayPlayer.readingTime(command: "say", output: "Write a cart.")
        let answer = "cart: 1 version\n  milk\n  eggs"
        player.typed("get", output: answer, at: due - 0.5)
        let read = due - 0.5 + ReplayPlayer.readingTime(command: "get", output: answer)
        #expect(read > due)
        #expect(player.next(at: read - 0.01) == nil, "the typed line's answer is still being read")
        #expect(player.next(at: read)?.number == 4)
        var early = ReplayPlayer(lesson, at: 0)
        _ = early.next(at: 1)
        early.ran("say", output: String(repeating: "word ", count: 40), refused: false, at: 1)
        early.typed("kill", output: "node3 killed", at: 1.1)
        #expect(early.next(at: 1 + ReplayPlayer.readingTime(command: "say", output: String(repeating: "word ", count: 40)))?.number == 4)
    }

    @Test func aRunOfOneCommandReadsAsOneStepAndOnlyItsLastLineWaits() {
        var player = ReplayPlayer(Script(name: "fill.dlab", text: "put a 1\nput b 2\n# more\nPUT c 3\nsay done\nsay again"), at: 0)
        var now = ReplayPlayer.firstDelay
        for number in [1, 2] {
            #expect(player.next(at: now)?.number == number)
            player.ran("put", output: "put: ok", refused: false, at: now)
            now += ReplayPlayer.runPace
        }
        #expect(player.next(at: now)?.number == 4, "a comment does not end the run")
        player.ran("put", output: "put: ok", refused: false, at: now)
        let reading = ReplayPlayer.readingTime(command: "put", output: "put: ok")
        #expect(player.next(at: now + ReplayPlayer.runPace) == nil, "the run's last line waits to be read")
        #expect(player.next(at: now + reading)?.number == 5)
        player.ran("say", output: "done", refused: false, at: now + reading)
        #expect(player.next(at: now + reading + ReplayPlayer.runPace) == nil, "captions are always read")
    }

    /// Enter during a run of one command plays the rest of the run with no pace, then the
    /// lesson reads at its pace again: a caption after the run still waits to be read.
    @Test func enterDuringARunPlaysTheRestOfItAtOnce() {
        let script = Script(name: "run.dlab", text: (1...6).map { "put key\($0) v" }.joined(separator: "\n") + "\nsay \"done\"\nget key1\n")
        var player = ReplayPlayer(script, at: 0)
        var now = 10.0
        #expect(player.next(at: now)?.number == 1)
        player.ran("put", output: "ok", refused: false, at: now)
        #expect(player.next(at: now) == nil, "a run's lines have a pace")
        player.proceed(at: now)
        #expect(player.isRushing)
        for number in 2...6 {
            #expect(player.next(at: now)?.number == number)
            player.ran("put", output: "ok", refused: false, at: now)
        }
        #expect(!player.isRushing, "the run is over")
        #expect(player.next(at: now) == nil, "its last line waits to be read")
        now += ReplayPlayer.readingTime(command: "put", output: "ok")
        #expect(player.next(at: now)?.number == 7)
        player.ran("say", output: "done", refused: false, at: now)
        player.proceed(at: now)
        #expect(!player.isRushing, "Enter on a caption cuts only its reading time short")
        #expect(player.next(at: now)?.number == 8)
    }

    @Test func pauseWaitsForEnter() {
        var player = ReplayPlayer(lesson, at: 0)
        #expect(player.next(at: 100)?.text == "say \"Write a cart.\"")
        player.ran("say", output: "Write a cart.", refused: false, at: 100)
        #expect(player.next(at: 200)?.text == "put cart milk")
        player.ran("put", output: "put cart: ok", refused: false, at: 200)
        #expect(player.next(at: 300)?.text == "pause")
        player.ran("pause", output: "paused at 0.020s", refused: false, at: 300)
        #expect(player.state == .waitingForEnter)
        #expect(player.progress.hasSuffix("paused: Enter goes on"))
        #expect(player.next(at: 9_999) == nil)
        player.proceed(at: 10_000)
        #expect(player.next(at: 10_000)?.text == "get cart")
        player.ran("get", output: "cart: 1 version", refused: false, at: 10_000)
        #expect(!player.isOver)
        #expect(player.next(at: 20_000) == nil)
        #expect(player.state == .finished)
    }

    @Test func pauseTypedBetweenLinesHoldsTheLessonUntilEnter() {
        var player = ReplayPlayer(lesson, at: 0)
        _ = player.next(at: 1)
        player.ran("say", output: "Write a cart.", refused: false, at: 1)
        player.hold()
        #expect(player.state == .waitingForEnter)
        #expect(player.next(at: 1_000) == nil, "no line runs while held")
        player.proceed(at: 1_000)
        #expect(player.next(at: 1_000)?.text == "put cart milk")
    }

    @Test func pauseTypedWhileALineRunsHoldsOnceItEnds() {
        var player = ReplayPlayer(lesson, at: 0)
        _ = player.next(at: 1)
        player.hold()
        #expect(player.state == .busy)
        #expect(player.progress.hasSuffix("paused: Enter goes on"))
        player.ran("say", output: "Write a cart.", refused: false, at: 2)
        #expect(player.state == .waitingForEnter)
        #expect(player.next(at: 1_000) == nil)
        player.proceed(at: 1_000)
        #expect(player.next(at: 1_000)?.text == "put cart milk")
        player.ran("put", output: "put cart: ok", refused: false, at: 1_000)
        #expect(player.state != .waitingForEnter, "the hold was for one stop only")
    }

    @Test func enterCutsAReadingDelayShort() {
        var player = ReplayPlayer(lesson, at: 0)
        _ = player.next(at: 1)
        player.ran("say", output: "Write a cart.", refused: false, at: 1)
        player.proceed(at: 1.5)
        #expect(player.next(at: 1.5)?.text == "put cart milk")
    }

    @Test func aRefusedLineStopsTheLesson() {
        var player = ReplayPlayer(lesson, at: 0)
        _ = player.next(at: 1)
        player.ran("say", output: "", refused: true, at: 1)
        #expect(player.state == .stopped(line: 2))
        #expect(player.isOver)
    }

    @Test func theSummaryCountsTheLessonsExpectationsAsTheHeadlessRunDoes() {
        var player = ReplayPlayer(lesson, at: 0)
        #expect(player.summary == nil, "a lesson that checks nothing has no summary")
        player.checked(held: true)
        #expect(player.summary == "✓ the one expectation held")
        player.checked(held: false)
        player.checked(held: true)
        #expect(player.summary == "✗ 1 of 3 expectations failed")
    }

    @Test func readingTimeFollowsTheLengthOfWhatWasShown() {
        #expect(ReplayPlayer.readingTime(command: "say", output: "Hi.") == 3)
        let long = Array(repeating: "word", count: 20).joined(separator: " ")
        #expect(ReplayPlayer.readingTime(command: "say", output: long) == 8)
        #expect(ReplayPlayer.readingTime(command: "say", output: long + " " + long + " " + long) == 12)
        #expect(ReplayPlayer.readingTime(command: "get", output: "one\ntwo\nthree") == 3)
        #expect(ReplayPlayer.readingTime(command: "expect", output: "✓ fine") == 1.5)
    }
}
