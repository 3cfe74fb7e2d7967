import DynamoCore
import DynamoLab
import DynamoSim

/// The full-screen visualizer: one thread, one loop. Each turn it waits for a key at most
/// until the next frame is due, hands the bytes to readline, lets virtual time pass in
/// step with real time at the chosen speed, plays the lesson being replayed, and draws a new
/// frame when something changed (at most 30 a second).
@MainActor
public final class Visualizer {
    /// Frames drawn per second at most.
    static let framesPerSecond = 30.0
    /// Real time that may pass in one turn of the loop; more (the process was stopped, a long
    /// command ran) is not made up, so virtual time never jumps.
    static let longestTurn = 0.25
    /// Real seconds one turn may spend running the cluster.
    static let timeBudget = 0.02
    /// How often the screen is drawn while a long `wait` runs, in real seconds.
    static let progressInterval = 0.25
    /// A typed `wait` this long is told that ^C stops it: a day of virtual time takes seconds.
    static let longWait: Millis = 3_600_000

    let lab: Lab
    private let lesson: Script?
    var model = ScreenModel()
    var player: ReplayPlayer?
    /// What the lesson's current line is doing while the player is busy.
    var lessonActivity = LessonActivity.idle
    private var terminal: Terminal?
    var editor: LineEditor?
    private var leaving = false
    /// `quit` or Ctrl-D came while lines waited for a request's answer, and the screen said
    /// they would never run (a `save`, say): the next `quit` or Ctrl-D leaves all the same.
    private var toldOfWaitingLines = false
    /// Until when a ^C is taken as pressed during the long command that just ran (`step
    /// 100000`), or as a second press for the wait it stopped, not as a wish to leave: the
    /// screen could not answer it then, and reads it only now. `lateInterruption` says so.
    private var interruptedCommandUntil = -1.0
    private var lateInterruption = ""
    /// Keys read while a command ran, looking for the ^C that stops a long `wait`: handled in
    /// order once it ends.
    private var typedAhead: [Terminal.Input] = []
    private var lastLook = -1.0
    /// Whether ^C stopped the command that ran last; cleared once seen, and each turn of the
    /// main loop (a lesson's line is not seen).
    private var commandStopped = false
    private var expectationFailed = false
    /// A lesson line was refused, which stops a replay: `quit` then exits 2, as `--script` would.
    var lessonStopped = false
    /// The live clock ran when `pause` was typed during a lesson: Enter starts it again.
    var resumeClockOnEnter = false
    /// A line typed during the lesson changed its cluster, and the screen said what that may do.
    private var toldLessonChanges = false
    var dirty = true
    private var lastDraw = -1.0
    /// Virtual milliseconds owed but not yet passed: less than one.
    private var owed = 0.0
    private var meter = SpeedMeter()
    /// The last result's text, and the name and refusal of the lesson's last line: what the
    /// player paces itself by.
    var lastOutput = ""
    var lastCommand = ""
    var lastRefused = false
    var lastExpectationFailed = false

    /// - Parameter lesson: a script to replay at reading pace, or nil for a free session.
    public init(lab: Lab, lesson: Script? = nil) {
        self.lab = lab
        self.lesson = lesson
    }

    /// Runs until `quit`, ^C or ^D on an empty line, or a signal; the terminal is restored on every way out.
    /// Returns 1 if an expectation failed, as the plain REPL does, 128 plus the signal's
    /// number after a signal, else 0; nil when the terminal cannot be driven (unknown type, or no cursor
    /// addressing as with TERM=dumb).
    public func run() -> Int32? {
        guard let terminal = Terminal() else { return nil }
        SignalWatch.start()
        self.terminal = terminal
        lab.onScreen = true
        defer {
            editor?.remove()
            terminal.restore()
            lab.onScreen = false
        }
        let editor = LineEditor(
            prompt: model.prompt,
            readMore: { [unowned self] in waitForByte() },
            complete: { [unowned self] line, cursor in Completion.candidates(for: line, cursor: cursor, lab: lab) },
            onLine: { [unowned self] in entered($0) },
            onKey: { [unowned self] in pressed($0) },
            onMatches: { [unowned self] in model.appendOnce("completions: " + $0.joined(separator: "  ")) })
        self.editor = editor
        editor.resize(rows: terminal.height, columns: terminal.width)
        lab.stopRequested = { [unowned self] in
            drawProgress()
            return controlCPressed()
        }
        defer { lab.stopRequested = { false } }
        var last = MonotonicClock.now()
        if let lesson {
            _ = lab.run(.pause)
            player = ReplayPlayer(lesson, at: last)
            model.lessonCaptions = lesson.lines.compactMap { line in
                if case .say(let text)? = try? CommandParser.parse(line) { return text }
                return nil
            }
        }
        greet()
        while !leaving {
            if let signal = SignalWatch.take() {
                // Leave as a process ended by the signal would report it, terminal restored.
                return 128 + signal
            }
            commandStopped = false
            if !typedAhead.isEmpty {
                let pending = typedAhead
                typedAhead = []
                for input in pending where !leaving { read(input) }
                continue
            }
            read(terminal.read(waiting: timeout(now: last)))
            var drained = 0
            while !leaving, drained < 4_096 {
                let more = terminal.read(waiting: 0)
                if more == .nothing { break }
                read(more)
                drained += 1
            }
            let now = MonotonicClock.now()
            // A lesson holds while the screen only asks for room: nothing of it plays unseen.
            if player == nil || !screenTooSmall {
                passTime(realSeconds: now - last)
                playLesson(at: now)
            }
            last = now
            if editor.takeChange() { dirty = true }
            if dirty, now - lastDraw >= 1 / Self.framesPerSecond {
                draw()
                lastDraw = now
            }
        }
        return lessonStopped ? ScriptRunner.Outcome.error.rawValue : expectationFailed ? 1 : 0
    }

    // MARK: Input

    private func read(_ input: Terminal.Input) {
        switch input {
        case .byte(3):
            // Ctrl-C drops a half-typed line; on an empty line it hurries what plays live (a
            // lesson's line, a request on its way) or the lesson, and with neither it asks
            // whether to leave, and leaves if asked already.
            let asked = model.leaveAsked
            model.leaveAsked = false
            if let editor, !editor.line.isEmpty {
                editor.clear()
            } else if screenTooSmall {
                // The screen that asks for room asks before leaving, in its own words.
                leaving = asked
                model.leaveAsked = !asked
                dirty = true
            } else if MonotonicClock.now() < interruptedCommandUntil {
                interruptedCommandUntil = -1
                model.append(lateInterruption, .note)
                model.leaveAsked = true
                dirty = true
            } else if lessonActivity.isLive {
                hurryLessonLine()
            } else if lab.liveRequest != nil {
                finishRequestNow()
            } else if player != nil {
                goOnWithLesson()
            } else if asked {
                leaving = true
            } else {
                model.append("^C again leaves, as do Ctrl-D and quit; save FILE first keeps this session as a script", .note)
                model.leaveAsked = true
                dirty = true
            }
        case .byte(26):
            // ^Z: back to the shell until fg, the session kept. The time stopped is not the
            // cluster falling behind: the meter leaves the turn out.
            terminal?.suspend()
            model.leaveAsked = false
            meter.skipTurn()
            if let terminal { editor?.resize(rows: terminal.height, columns: terminal.width) }
            dirty = true
        case .byte(let byte):
            model.leaveAsked = false
            editor?.feed(byte)
        case .resize:
            // A question asked on one screen is not carried to another, where it was not seen.
            model.leaveAsked = false
            if let terminal { editor?.resize(rows: terminal.height, columns: terminal.width) }
            dirty = true
        case .nothing:
            break
        }
    }

    /// The terminal is below the screen's minimum size, and shows only a request to enlarge it.
    private var screenTooSmall: Bool {
        guard let terminal else { return false }
        return terminal.width < ScreenLayout.minimumWidth || terminal.height < ScreenLayout.minimumHeight
    }

    /// Whether ^C was pressed while a command runs, looking at the keyboard at most every 50 ms;
    /// other keys wait in `typedAhead`.
    private func controlCPressed() -> Bool {
        let now = MonotonicClock.now()
        guard now - lastLook >= 0.05, let terminal else { return false }
        lastLook = now
        while true {
            switch terminal.read(waiting: 0) {
            case .nothing: return false
            case .byte(3):
                commandStopped = true
                return true
            case let input: typedAhead.append(input)
            }
        }
    }

    /// Draws the screen a few times a second while a long `wait` runs, so that its clock and
    /// panels move with it.
    private func drawProgress() {
        guard MonotonicClock.now() - lastDraw >= Self.progressInterval else { return }
        draw()
        lastDraw = MonotonicClock.now()
    }

    /// Readline wants another byte in the middle of a sequence: wait for it, unless a signal
    /// asks us to leave.
    private func waitForByte() -> UInt8? {
        while !SignalWatch.pending, let terminal {
            if case .byte(let byte) = terminal.read(waiting: 100) { return byte }
        }
        return nil
    }

    /// How long to wait for a key: until the next frame is due, or the lesson's next line.
    private func timeout(now: Double) -> Int {
        let frame = 1 / Self.framesPerSecond
        if dirty { return max(Int((lastDraw + frame - now) * 1000), 1) }
        if lab.live.running && (player == nil || lessonActivity.isLive) { return Int(frame * 1000) }
        if case .due(let at)? = player?.state { return min(max(Int((at - now) * 1000), 1), 250) }
        return 250
    }

    private func entered(_ text: String?) {
        dirty = true
        let told = toldOfWaitingLines
        toldOfWaitingLines = false
        guard let text else {
            if told || !warnOfWaitingLines() { leaving = true }
            return
        }
        let line = text.trimmingWhitespace
        if line.isEmpty {
            if model.overlay != nil {
                model.overlay = nil
            } else if player != nil {
                goOnWithLesson()
            }
            return
        }
        model.overlay = nil
        if player == nil { model.caption = nil }
        model.append(line.printable, .command)
        let command = try? CommandParser.parse(line)
        if case .quit? = command, !told, warnOfWaitingLines() { return }
        if case .wait(let duration)? = command, duration >= Self.longWait {
            model.append("^C stops the wait where it has got to", .note)
        }
        if player != nil, !toldLessonChanges, let command, command.changesState, command.name != "focus" {
            toldLessonChanges = true
            model.append("what you type changes the lesson's cluster too: its later checks may then not hold", .note)
        }
        // The line shows before it runs: a long `wait` can take a while.
        draw()
        lastDraw = MonotonicClock.now()
        meter.skipTurn()
        // A ^C from now on is about this command, not the one before.
        interruptedCommandUntil = -1
        // What a further ^C does, for the note that tells of one pressed while the line ran.
        let nextCtrlC = player == nil ? "^C again leaves" : "^C again goes on with the lesson"
        let started = MonotonicClock.now()
        defer {
            // Keys pressed meanwhile are read from now on, a moment after it ends.
            let ended = MonotonicClock.now()
            if commandStopped {
                commandStopped = false
                interruptedCommandUntil = ended + Self.longestTurn
                lateInterruption = "^C stopped \(line); " + nextCtrlC
            } else if ended - started > Self.longestTurn {
                interruptedCommandUntil = ended + Self.longestTurn
                lateInterruption = "^C came while \(line) ran, which cannot be stopped midway; " + nextCtrlC
            }
        }
        let clockRan = lab.live.running
        switch lab.begin(text) {
        case .ran(let results):
            show(results)
            if let last = results.last { player?.typed(last.command, output: last.text, at: MonotonicClock.now()) }
            // `pause` typed during a lesson holds the lesson too, until Enter.
            if player != nil, results.last?.command == "pause", results.last?.ok == true {
                player?.hold()
                resumeClockOnEnter = resumeClockOnEnter || clockRan
                model.append("the lesson waits: Enter goes on", .note)
            }
        case .started:
            break
        case .queued(let behind):
            model.append("waits until \(behind.line) is answered", .note)
        }
        // While a lesson plays with the clock stopped, requests complete at once, as in a script;
        // but not the lesson's own request that `pause` or `step` just stopped mid-flight.
        if player != nil, !lessonActivity.isLive, !lab.live.running, lab.liveRequest != nil { show(lab.finishLiveRequest()) }
    }

    /// Says which typed lines wait for the request under way and would never run if the lab
    /// left now; false when none waits.
    private func warnOfWaitingLines() -> Bool {
        let waiting = lab.queuedLines
        guard let request = lab.liveRequest, let first = waiting.first else { return false }
        let lines = waiting.count == 1 ? "\(first.trimmingWhitespace.printable) waits" : "\(waiting.count) lines wait, from \(first.trimmingWhitespace.printable),"
        model.append("\(lines) for \(request.line.printable) to be answered and would not run: "
            + "^C runs the request to its answer now; quit or Ctrl-D again leaves without " + (waiting.count == 1 ? "it" : "them"), .note)
        toldOfWaitingLines = true
        return true
    }

    private func pressed(_ key: LineEditor.Key) {
        dirty = true
        guard let terminal else { return }
        let regions = ScreenLayout.regions(for: lab.cluster.snapshot(traceLimit: 0), model,
                                           width: terminal.width, height: terminal.height)
        switch key {
        case .pageUp, .pageDown:
            let sign = key == .pageUp ? -1 : 1
            if var overlay = model.overlay {
                let page = max(regions.body.height - 2, 1)
                overlay.scroll = min(max(overlay.scroll + sign * page, 0), OverlayPanel.maximumScroll(overlay, rect: regions.body))
                model.overlay = overlay
                // Someone is reading it: the lesson's next line, which would close it, waits.
                player?.typed(overlay.title, output: overlay.lines.joined(separator: "\n"), at: MonotonicClock.now())
            } else {
                let page = max(regions.output.height - 2, 1)
                model.logScroll = min(max(model.logScroll - sign * page, 0), max(model.log.count - 1, 0))
            }
        case .redraw:
            terminal.invalidate()
        }
    }

    // MARK: Results

    /// Commands whose long answers are shown over the panels as well as in the log.
    private static let pagedCommands: Set<String> = ["help", "ring", "nodes", "keys", "hints", "versions", "trace", "merkle", "config", "step"]
    /// Those whose answers show the cluster as it is, which time may change.
    private static let stateCommands: Set<String> = ["ring", "nodes", "keys", "hints", "versions", "trace", "merkle"]

    func show(_ results: [CommandResult]) {
        dirty = true
        for result in results {
            if result.quits { leaving = true }
            if result.status == .expectationFailed { expectationFailed = true }
            lastOutput = result.text
            if result.command == "say", result.ok, player != nil { model.caption = result.text }
            let lines = result.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            // A long answer, as wrapped in the log, also opens over the panels; the log keeps it
            // for PgUp once closed.
            if let terminal, Self.pagedCommands.contains(result.command),
               OutputPanel.rows(lines, width: terminal.width) > ScreenLayout.outputRows(height: terminal.height) - 2 {
                model.overlay = ScreenModel.Overlay(title: result.command, lines: lines,
                                                    time: Self.stateCommands.contains(result.command) ? lab.cluster.now : nil)
            }
            if !result.text.isEmpty {
                model.append(result.text, result.command == "say" && result.ok ? .note : result.ok ? .result : .failure)
            }
        }
    }

    private func greet() {
        let snapshot = lab.cluster.snapshot(traceLimit: 0)
        let settings = snapshot.settings
        let cluster = "\(snapshot.nodes.count) nodes, N=\(settings.n) R=\(settings.r) W=\(settings.w), seed \(snapshot.seed)"
        if let player {
            model.append("Welcome to Dynamo Lab: \(player.name) on \(cluster). The clock stands still unless the lesson runs it; "
                + "Enter goes on at once, pause holds the lesson, and lines typed meanwhile run as usual, the lesson waiting while their answers are read.", .note)
            return
        }
        model.append("Welcome to Dynamo Lab: \(cluster). "
            + "Virtual time runs at speed 1; speed 0.01 slows it enough to watch a put's messages travel.", .note)
        model.append("Try: put cart milk · get cart · kill node3 · partition node1,node2 node3,node4,node5 · heal · help", .note)
    }

    // MARK: Time

    /// Lets virtual time follow real time at the live speed: always in a free session; during
    /// a lesson only while one of its lines plays live. Time that cannot be made up is
    /// measured, so the status bar can say how fast the clock really runs.
    private func passTime(realSeconds: Double) {
        guard lab.live.running, player == nil || lessonActivity.isLive else {
            owed = 0
            meter.reset()
            return
        }
        let speed = lab.live.speed
        // Real time past the longest turn is not made up.
        var lost = max(realSeconds - Self.longestTurn, 0) * 1000 * speed
        defer { meter.record(realSeconds: realSeconds, lostMillis: lost, speed: speed) }
        owed += min(realSeconds, Self.longestTurn) * 1000 * speed
        var whole = Millis(owed)
        guard whole > 0 else { return }
        owed -= Double(whole)
        if case .wait(let left, let total) = lessonActivity {
            whole = min(whole, left)
            lessonActivity = .wait(left: left - whole, total: total)
        }
        // Advance in slices and stop when the turn's budget is spent, so that typing stays
        // responsive at any speed: if the cluster cannot keep up, time runs slower instead.
        let slice = max(Millis(speed * 5), 1)
        let budgetEnd = MonotonicClock.now() + Self.timeBudget
        while whole > 0 {
            let step = min(whole, slice)
            show(lab.advanceLive(by: step))
            whole -= step
            if MonotonicClock.now() > budgetEnd {
                if case .wait(let left, let total) = lessonActivity { lessonActivity = .wait(left: left + whole, total: total) }
                lost += Double(whole) + owed
                owed = 0
                break
            }
        }
        dirty = true
    }

    // MARK: Drawing

    func draw() {
        guard let terminal, let editor else { return }
        model.clock = lab.live
        model.reachedSpeed = lab.live.running ? meter.reached(at: lab.live.speed) : nil
        model.focus = lab.focus
        model.client = lab.currentClient
        model.lesson = player?.progress
        model.lessonName = player?.name
        model.lessonPlaysLive = lessonActivity.isLive
        model.queued = lab.queuedLines
        model.waiting = lab.liveRequest.map { request in
            "\(request.line): sent to \(request.coordinator) at \(TraceEntry.format(request.sentAt)), waiting for its answer"
                + (lab.live.running ? "" : " (the clock is paused: step or run)")
        }
        model.prompt = editor.prompt
        model.input = editor.line
        model.cursor = editor.cursor
        let snapshot = lab.cluster.snapshot(traceLimit: 400)
        terminal.draw(ScreenLayout.render(snapshot, model, width: terminal.width, height: terminal.height))
        dirty = false
    }
}
