import DynamoCore
import DynamoLab
import DynamoSim

/// Playing a lesson on the screen: one line at a time at reading pace (`ReplayPlayer`), its
/// requests and waits live while the lesson runs the clock.
extension Visualizer {
    enum LessonActivity {
        case idle
        /// A request sent by the lesson, travelling at the live speed.
        case request(command: String)
        /// A lesson's `wait` played at the live speed: virtual time still to pass.
        case wait(left: Millis, total: Millis)

        var isLive: Bool {
            if case .idle = self { return false }
            return true
        }
    }

    func playLesson(at now: Double) {
        guard var player else { return }
        switch lessonActivity {
        case .request(let command) where lab.liveRequest == nil && lab.queuedLines.isEmpty:
            lessonActivity = .idle
            player.ran(command, output: lastOutput, refused: false, at: now)
        case .wait(0, let total):
            lessonActivity = .idle
            model.append("waited \(DurationText.waited(total)); time is \(DurationText.clock(lab.cluster.now))", .result)
            player.ran("wait", output: "", refused: false, at: now)
        default:
            break
        }
        // A run hurried by Enter plays several lines a turn, for a little longer than a frame.
        let turnEnd = MonotonicClock.now() + 1 / Self.framesPerSecond
        while let line = player.next(at: now) {
            dirty = true
            // A caption shows in its own panel; the log keeps it as a note.
            let name = (try? CommandParser.parse(line.text))?.name
            if name != "say" {
                model.append(line.text.trimmingWhitespace.printable, .command)
                editor?.remember(line.text.trimmingWhitespace)
            }
            // The lesson goes on: a long answer has had its reading time, and would hide what
            // this line changes. At a pause it stays, for the class to look at.
            if name != "pause" { model.overlay = nil }
            lessonActivity = runLessonLine(line.text, at: "\(player.name):\(line.number)")
            guard case .idle = lessonActivity else { break }
            if lastCommand == "expect", !lastRefused { player.checked(held: !lastExpectationFailed) }
            player.ran(lastCommand, output: lastOutput, refused: lastRefused, at: now)
            if !player.isRushing || MonotonicClock.now() > turnEnd { break }
        }
        if player.isOver {
            endLesson(player)
        } else {
            self.player = player
        }
    }

    /// ^C while a lesson's line plays live: the rest of it runs at once, so the lesson goes on
    /// from where the line would have left it.
    /// Enter on an empty line during a lesson, or ^C with nothing playing: the lesson goes on
    /// at once, past a reading delay or a `pause`; a running clock that a `pause` (the lesson's
    /// or one typed) or a typed `step` stopped starts again.
    func goOnWithLesson() {
        if resumeClockOnEnter || lessonActivity.isLive && !lab.live.running { _ = lab.run(.run) }
        resumeClockOnEnter = false
        player?.proceed(at: MonotonicClock.now())
    }

    /// ^C while a request is on its way: it runs to its answer at once, with the lines queued
    /// behind it, and a note says so.
    func finishRequestNow() {
        guard let request = lab.liveRequest else { return }
        let queued = lab.queuedLines.count
        show(lab.finishLiveRequest())
        let behind = queued == 0 ? "" : queued == 1 ? ", and the line waiting for it ran" : ", and the \(queued) lines waiting for it ran"
        model.append("^C: \(request.command) \(Display.quoted(request.key)) ran to its answer at once" + behind, .note)
        dirty = true
    }

    func hurryLessonLine() {
        switch lessonActivity {
        case .wait(let left, let total):
            show(lab.advanceLive(by: left))
            lessonActivity = .wait(left: 0, total: total)
            model.append("^C: the rest of the wait ran at once", .note)
        case .request:
            finishRequestNow()
        case .idle:
            break
        }
        dirty = true
    }

    /// Runs the lesson's line at `place`; returns what it keeps doing, if it plays live. A
    /// refusal or a failed expectation says where it is, as `--script` says it.
    func runLessonLine(_ text: String, at place: String) -> LessonActivity {
        let command = try? CommandParser.parse(text)
        lastCommand = command?.name ?? ""
        lastRefused = false
        lastExpectationFailed = false
        if lab.live.running, case .wait(let duration)? = command, lab.liveRequest == nil {
            return .wait(left: duration, total: duration)
        }
        let clockRan = lab.live.running
        switch lab.begin(text) {
        case .ran(let results):
            lastRefused = results.contains { $0.status == .rejected }
            lastExpectationFailed = results.contains { $0.status == .expectationFailed }
            show(results.map { $0.placed(at: place) })
            // The lesson's own `pause` stops a running clock until Enter, as one typed does.
            if lastCommand == "pause", !lastRefused { resumeClockOnEnter = resumeClockOnEnter || clockRan }
            return .idle
        case .started, .queued:
            guard lab.live.running else {
                show(lab.finishLiveRequest())
                return .idle
            }
            return .request(command: lastCommand)
        }
    }

    func endLesson(_ player: ReplayPlayer) {
        self.player = nil
        model.lessonCaptions = []
        lessonActivity = .idle
        _ = lab.run(.pause)
        switch player.state {
        case .stopped(let line):
            lessonStopped = true
            model.append("The lesson stopped at \(player.name) line \(line). The lab is yours: type help for commands.", .failure)
            // The caption said what was to come; it now says that it will not.
            if model.caption != nil { model.caption = "The lesson stopped at \(player.name) line \(line): the log says why." }
        default:
            if let summary = player.summary { model.append(summary, player.failures == 0 ? .result : .failure) }
            model.append("End of the lesson. The lab is yours: type commands, run to start the clock, quit to leave.", .note)
        }
        dirty = true
    }
}
