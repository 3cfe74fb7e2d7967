import Foundation
import Testing

/// The visualizer as a person meets it: the real binary in a tmux pane, commands typed, the
/// screen read back, the window resized, and the terminal checked after every way out.
@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct VisualizerTmuxTests {
    @Test func typedCommandsRedrawThePanelsAndQuitRestoresTheTerminal() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        let start = try lab.screen()
        #expect(start.contains("Ring"))
        #expect(start.contains("Nodes · 5 of 5 up"))
        #expect(start.contains("N=3 R=2 W=2"))

        try lab.enter("put cart milk")
        try lab.waitFor("put cart: ok via node2")
        try lab.enter("kill node4")
        let screen = try lab.waitFor("node4  ○ down")
        #expect(screen.contains("Versions of cart"))
        #expect(screen.contains("◆ cart"))
        #expect(screen.contains("coordinator node2"))
        try lab.enter("put cart eggs")
        let hinted = try lab.waitFor("hint→node4")
        #expect(hinted.contains("Hints · 1 held"))

        #expect(try lab.quit() == 0)
        let stty = try lab.terminalSettings()
        #expect(stty.before == stty.after)
    }

    /// A long line pasted at the prompt arrives whole: the value read back has every byte.
    @Test func aLongPastedLineArrivesWhole() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.paste("put long " + String(repeating: "ab", count: 10_000) + "END")
        try lab.press("Enter")
        try lab.waitFor("put long: ok", seconds: 60)
        try lab.enter("get long")
        try lab.waitFor("(20003 bytes)  clock {", seconds: 60)
        #expect(try lab.quit() == 0)
    }

    /// Control characters typed with Ctrl-V are named in the log, never sent to the terminal:
    /// a line break stays on its line, and an escape cannot retitle the window.
    @Test func typedControlCharactersAreNamedNotActedOn() throws {
        let lab = try TmuxSession(width: 100, height: 30)
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.type(#"put k "x"#)
        try lab.press("C-v", "C-j")
        try lab.type(#"y""#)
        try lab.press("Enter")
        try lab.waitFor(#"> put k "xU+000Ay""#)
        try lab.type("frob")
        try lab.press("C-v", "Escape")
        try lab.type("]2;retitled")
        try lab.press("C-v", "C-g", "Enter")
        let screen = try lab.waitFor("unknown command 'frobU+001B]2;retitledU+0007'")
        #expect(screen.contains("found U+000A"))
        #expect(try lab.quit() == 0)
    }

    /// A replica that leaves while down keeps its copy: the Versions panel shows it as one to
    /// hand over, and once the node joins again it is a replica once more.
    @Test func aCopyLeftOnANodeThatLeftIsShownUntilItRejoins() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("put cart milk")
        try lab.waitFor("put cart: ok via node2")
        try lab.enter("kill node2")
        try lab.waitFor("node2 killed")
        try lab.enter("leave node2")
        let left = try lab.waitFor("node2 to hand over milk")
        #expect(left.contains("node2  ◌ left"))
        try lab.enter("join node2")
        let back = try lab.waitFor("node2 rejoins the ring")
        #expect(!back.contains("to hand over"))
        #expect(try lab.quit() == 0)
    }

    @Test func tabCompletesHistoryRecallsAndHelpShowsInTheScreen() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.type("partition node1,n")
        try lab.press("Tab")
        try lab.waitFor("completions: node2  node3  node4  node5")
        try lab.press("Tab")
        try lab.type("3")
        let listed = try lab.waitFor("dynamo> partition node1,node3")
        #expect(listed.components(separatedBy: "completions:").count == 2, "Tab Tab lists the candidates once")
        try lab.press("C-u")
        try lab.enter("put \"my key\" x")
        try lab.waitFor("put \"my key\": ok")
        try lab.type("get my")
        try lab.press("Tab")
        try lab.waitFor("dynamo> get \"my key\"")
        try lab.press("C-u")
        try lab.type("kil")
        try lab.press("Tab")
        try lab.waitFor("dynamo> kill")
        try lab.type("node")
        try lab.press("Tab")
        try lab.waitFor("completions: node1  node2  node3  node4  node5")
        try lab.type("2")
        try lab.press("Enter")
        try lab.waitFor("node2 killed")

        try lab.type("speed ")
        try lab.press("Tab")
        let speeds = try lab.waitFor("completions: 0")
            .split(separator: "\n").first { $0.contains("completions: 0") }?
            .split(separator: ":").last?.split(separator: " ").compactMap { Double($0) } ?? []
        #expect(speeds.count > 2 && speeds == speeds.sorted(), "readline keeps the order by value: \(speeds)")
        try lab.press("C-u")

        try lab.press("C-r")
        try lab.type("kil")
        try lab.waitFor("(reverse-i-search)`kil': kill node2")
        try lab.press("C-g")
        try lab.press("Up")
        try lab.waitFor("dynamo> kill node2")
        try lab.press("C-u")

        try lab.enter("help")
        let help = try lab.waitFor("help · PgUp/PgDn scroll · Enter closes")
        #expect(help.contains("put KEY VALUE [via NODE] [w=W]"))
        try lab.press("NPage")
        try lab.waitFor("leave the lab")
        try lab.press("Enter")
        try lab.waitFor("overlay closed") { !$0.contains("Enter closes") && $0.contains("Ring") }
        // Three lines, but more rows than the log shows once wrapped: over the panels too, so
        // that its usage line is not scrolled away.
        try lab.enter("help get")
        let get = try lab.waitFor("help · PgUp/PgDn scroll · Enter closes")
        #expect(get.contains("usage: get KEY [via NODE] [r=R]"), "\(get)")
        try lab.press("Enter")
        try lab.waitFor("overlay closed") { !$0.contains("Enter closes") && $0.contains("Ring") }
        try lab.press("C-d")
        #expect(try lab.waitForExit() == 0)
    }

    @Test func resizingDownTo80x24StaysReadableAndSmallerAsksForRoom() throws {
        let lab = try TmuxSession(width: 120, height: 40)
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("put cart milk")
        try lab.waitFor("put cart: ok")
        try lab.resize(width: 80, height: 24)
        let small = try lab.waitFor("the 80x24 layout") { screen in
            let rows = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return rows.count >= 24 && rows[0].contains("◆ cart") && rows[23].hasPrefix("dynamo>")
                && screen.contains("Nodes") && screen.contains("Versions of cart")
        }
        let rows = small.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(rows.allSatisfy { $0.count <= 80 })
        #expect(small.contains("node5  ● up"))

        try lab.resize(width: 60, height: 20)
        try lab.waitFor("please enlarge it")
        // One ^C, as to clear a line, asks first there too: the session is not lost.
        try lab.press("C-c")
        try lab.waitFor("^C again leaves; save FILE first keeps this session")
        try lab.resize(width: 100, height: 30)
        try lab.waitFor("the panels again") { $0.contains("Ring") && !$0.contains("enlarge") }
        try lab.leaveWithCtrlC()
        let stty = try lab.terminalSettings()
        #expect(stty.before == stty.after)
    }

    @Test func at80x24AClockLongerThanItsRowIsShownWhole() throws {
        let lab = try TmuxSession(width: 80, height: 24)
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        for line in ["put cart milk", "get cart", "put cart b via 1", "get cart", "put cart c via 4", "get cart",
                     "wipe 2", "restart 2", "put cart d"] { try lab.enter(line) }
        let clock = "{node1:1 node2:1 node2#2:1 node4:1}"
        let rows = try lab.waitFor("dot node2#2:1").split(separator: "\n").map(Array.init)
        // The Versions panel: right of the ring's border, from its title to the Hints panel's.
        let top = try #require(rows.firstIndex { String($0).contains("├─ Versions of cart") })
        let border = try #require(rows[top].firstIndex(of: "├"))
        let right = rows.map { String($0.dropFirst(border + 1)) }
        let end = try #require(right.firstIndex { $0.hasPrefix("─ Hints") })
        let panel = right[(top + 1)..<end].filter { !$0.contains("more: type versions cart") }
        #expect(!panel.joined().contains("…"), "no clock is cut:\n\(panel.joined(separator: "\n"))")
        #expect(panel.joined(separator: " ").split(separator: " ").joined(separator: " ").contains(clock),
                "the clock reads whole across its rows:\n\(panel.joined(separator: "\n"))")
        #expect(panel.first?.hasPrefix(" ● node2 ") == true, "the coordinator's row keeps its dot")
        #expect(try lab.quit() == 0)
    }

    /// On an empty line a first ^C only asks, and a key pressed after it takes the question
    /// back: one stray ^C does not lose the session.
    @Test func ctrlCClearsAHalfTypedLineAndLeavesOnlyWhenPressedTwice() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.type("put cart half-typ")
        try lab.waitFor("dynamo> put cart half-typ")
        try lab.press("C-c")
        try lab.waitFor("the line cleared") { $0.split(separator: "\n").last == "dynamo>" }
        try lab.enter("put cart milk")
        try lab.waitFor("put cart: ok via node2")
        try lab.press("C-c")
        let question = "^C again leaves, as do Ctrl-D and quit; save FILE first keeps this session as a script"
        try lab.waitFor(question)
        // A key typed and taken back takes the question back: the next ^C asks again.
        try lab.type("g")
        try lab.waitFor("dynamo> g")
        try lab.press("BSpace")
        try lab.waitFor("the line emptied") { $0.split(separator: "\n").last == "dynamo>" }
        try lab.press("C-c")
        try lab.waitFor("the question asked again") { $0.components(separatedBy: question).count == 3 }
        try lab.press("C-c")
        #expect(try lab.waitForExit() == 0)
        let stty = try lab.terminalSettings()
        #expect(stty.before == stty.after)
    }

    /// A line recalled with Up and cleared with ^C stays cleared when a history search started
    /// after it is cancelled, as in a shell.
    @Test func aRecalledLineClearedByCtrlCStaysClearedAfterACancelledSearch() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("nodes node3")
        try lab.waitFor("node3 (up) sees")
        try lab.press("Up")
        try lab.waitFor("dynamo> nodes node3")
        try lab.press("C-c")
        try lab.waitFor("the line cleared") { $0.split(separator: "\n").last == "dynamo>" }
        try lab.press("C-r")
        try lab.type("kil")
        try lab.waitFor("the search") { $0.contains("i-search)`kil'") }
        try lab.press("C-g")
        try lab.waitFor("the search cancelled") { !$0.contains("i-search)") }
        Thread.sleep(forTimeInterval: 0.3)
        #expect(try lab.screen().split(separator: "\n").last == "dynamo>")
        // What is typed next is the whole line.
        try lab.enter("help quit")
        try lab.waitFor("usage: quit")
        #expect(try lab.quit() == 0)
    }

    /// ^Z hands the terminal back to the shell, restored, and fg brings the screen back with
    /// the session as it was.
    @Test func ctrlZStopsTheLabUntilFgAndKeepsTheSession() throws {
        let lab = try TmuxSession(jobControl: true)
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("put cart milk")
        try lab.waitFor("put cart: ok via node2")
        try lab.press("C-z")
        try lab.waitFor("Stopped")
        Thread.sleep(forTimeInterval: 1.5)
        try lab.enter("stty -a > stty-stopped; fg; echo $? > status; stty -a > stty-after")
        try lab.waitFor("the screen again") { $0.contains("Ring") && $0.contains("put cart: ok via node2") }
        // The time stopped is not counted as the cluster falling behind its speed.
        for _ in 0..<6 {
            #expect(try !lab.screen().contains("actual"))
            Thread.sleep(forTimeInterval: 0.25)
        }
        try lab.enter("get cart")
        try lab.waitFor("cart: 1 version")
        #expect(try lab.quit() == 0)
        let stty = try lab.terminalSettings()
        #expect(stty.before == stty.after)
        let stopped = try String(contentsOf: lab.directory.appendingPathComponent("stty-stopped"), encoding: .utf8)
            .split(separator: "\n").filter { !$0.contains("rows") }.joined(separator: "\n")
        #expect(stopped == stty.before, "while stopped, the shell has its terminal back as it was")
    }

    /// With no shell to stop it for (no job control), ^Z is ignored and the screen comes back.
    @Test func ctrlZWithoutJobControlLeavesTheScreenAsItWas() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("put cart milk")
        try lab.waitFor("put cart: ok via node2")
        try lab.press("C-z")
        Thread.sleep(forTimeInterval: 0.5)
        try lab.enter("get cart")
        let screen = try lab.waitFor("cart: 1 version")
        #expect(screen.contains("Ring") && screen.contains("put cart: ok via node2"))
        #expect(try lab.quit() == 0)
    }

    /// A ^C pressed while a long command runs is read only when it ends: it is taken as meant
    /// for that command, not as a wish to leave.
    @Test func aCtrlCPressedDuringALongCommandDoesNotLeave() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("step 100000")
        try lab.press("C-c")
        try lab.waitFor("^C came while step 100000 ran", seconds: 60)
        try lab.enter("run")
        try lab.enter("get cart")
        try lab.waitFor("cart: not found")
        try lab.leaveWithCtrlC()
    }

    /// ^C while a request crawls at a slow speed runs it to its answer, with the line queued
    /// behind it, rather than leaving with the session; with nothing on its way, ^C leaves.
    @Test func ctrlCRunsARequestOnItsWayToItsAnswer() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("speed 0.001")
        try lab.enter("put cart milk")
        try lab.enter("kill node1")
        try lab.waitFor("waits until put cart milk is answered")
        try lab.press("C-c")
        try lab.waitFor("^C: put cart ran to its answer at once, and the line waiting for it ran")
        let after = try lab.waitFor("node1 killed")
        #expect(after.contains("put cart: ok"))
        try lab.leaveWithCtrlC()
    }

    /// `quit` or Ctrl-D while a `save` waits for a request's answer says the save would never
    /// run and stays; ^C runs the request to its answer and the save with it. Asked twice,
    /// `quit` leaves without the lines that wait.
    @Test func quitSaysWhatWaitsForARequestsAnswerBeforeLeaving() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("pause")
        try lab.enter("put cart milk")
        try lab.enter("save kept.dlab")
        try lab.waitFor("waits until put cart milk is answered")
        let warning = "save kept.dlab waits for put cart milk to be answered and would not run"
        try lab.press("C-d")
        try lab.waitFor(warning)
        try lab.press("C-c")
        try lab.waitFor("saved")
        let saved = try String(contentsOf: lab.directory.appendingPathComponent("kept.dlab"), encoding: .utf8)
        #expect(saved.contains("put cart milk"), "\(saved)")

        try lab.enter("put cart tea")
        try lab.enter("save lost.dlab")
        try lab.enter("quit")
        try lab.waitFor("save lost.dlab waits for put cart tea")
        #expect(try lab.quit() == 0)
        #expect(!FileManager.default.fileExists(atPath: lab.directory.appendingPathComponent("lost.dlab").path))
    }

    /// ^C stops a long wait where it is; keys typed meanwhile wait on the prompt, and the next
    /// ^C on an empty line leaves as usual.
    @Test func ctrlCStopsALongWaitAndKeepsWhatWasTyped() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("wait 24h")
        // The line and how to stop it show before the wait runs.
        try lab.waitFor("^C stops the wait where it has got to", seconds: 5)
        #expect(try lab.screen().contains("> wait 24h"))
        // The status bar's clock moves while the wait runs.
        let before = try lab.screen().split(separator: "\n").first.map(String.init)
        try lab.waitFor("the status bar's clock to move", seconds: 5) { $0.split(separator: "\n").first.map(String.init) != before }
        try lab.type("get cart")
        Thread.sleep(forTimeInterval: 0.3)
        try lab.press("C-c")
        try lab.waitFor("stopped by ^C after", seconds: 60)
        try lab.waitFor("dynamo> get cart")
        try lab.press("Enter")
        try lab.waitFor("cart: not found")
        try lab.leaveWithCtrlC()
    }

    /// ^C pressed twice during a long wait stops the wait and then says what a further ^C does,
    /// rather than leaving with the session.
    @Test func aSecondCtrlCAfterAStoppedWaitDoesNotLeave() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("wait 24h")
        Thread.sleep(forTimeInterval: 0.3)
        try lab.press("C-c", "C-c")
        try lab.waitFor("^C stopped wait 24h; ^C again leaves", seconds: 60)
        try lab.press("C-c")
        #expect(try lab.waitForExit() == 0)
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.type("put half-typed")
        kill(try lab.pid(), SIGTERM)
        #expect(try lab.waitForExit() == 128 + SIGTERM)
        let stty = try lab.terminalSettings()
        #expect(stty.before == stty.after)
    }

    @Test func atASlowSpeedAWritesMessagesCanBeWatchedTravelling() throws {
        let lab = try TmuxSession()
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("speed 0.001")
        try lab.enter("put cart milk")
        let travelling = try lab.waitFor("put cart milk: sent to node2")
        #expect(!travelling.contains("put cart: ok"), "the write is not answered at once")
        try lab.waitFor("a store message on its way") { $0.contains("in flight") && $0.contains("▶ node") && $0.contains("store cart") }
        try lab.enter("kill node5")
        try lab.waitFor("waits until put cart milk is answered")
        try lab.enter("speed 1")
        let done = try lab.waitFor("put cart: ok via node2")
        #expect(done.contains("write quorum for cart"))
        try lab.waitFor("node5 killed")
        #expect(try lab.quit() == 0)
    }

    @Test func at80x24AShortMessagesPanelStillShowsAMessageInFlight() throws {
        let lab = try TmuxSession(width: 80, height: 24)
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        // A hint held leaves the Messages panel its fewest rows.
        try lab.enter("kill node4")
        try lab.enter("put cart milk")
        try lab.waitFor("Hints · 1 held")
        try lab.enter("speed 0.001")
        try lab.enter("put cart eggs")
        try lab.waitFor("a store message on the Messages panel", seconds: 10) {
            $0.contains("in flight ─") && $0.contains("▶ node") && $0.contains("store cart")
        }
        #expect(try lab.quit() == 0)
    }

    @Test func whenTheClusterCannotKeepUpTheStatusBarSaysHowFastTimeReallyRuns() throws {
        let lab = try TmuxSession(arguments: ["--nodes", "200"])
        defer { lab.close() }
        try lab.waitFor("dynamo>", seconds: 60)
        try lab.enter("speed 1000")
        let screen = try lab.waitFor("the speed reached", seconds: 60) { $0.contains("▶ running ×1000 (actual ×") }
        let bar = try #require(screen.split(separator: "\n").first)
        let reached = try #require(bar.split(separator: "×").dropFirst(2).first?.prefix { $0.isNumber || $0 == "." })
        #expect((Double(reached) ?? 1000) < 900, "\(bar)")
        #expect(try lab.quit(seconds: 30) == 0)
    }

    /// ^C during a lesson, with nothing playing live, goes on as Enter does, past a pause; it
    /// leaves only once the lesson is over, and the exit code tells of the failed check, whose
    /// line the log names.
    @Test func ctrlCDuringALessonGoesOnRatherThanLeaving() throws {
        let lab = try TmuxSession(replaying: """
            say "First, a pause."
            pause
            say "Then the rest."
            put cart milk
            expect ok
            expect siblings cart 2
            """)
        defer { lab.close() }
        try lab.waitFor("paused: Enter goes on")
        try lab.press("C-c")
        try lab.waitFor("Then the rest.")
        try lab.press("C-c")
        let end = try lab.waitFor("End of the lesson")
        #expect(end.contains("lesson.dlab:6: ✗ expectation failed"), "\(end)")
        try lab.press("C-c")
        try lab.waitFor("^C again leaves")
        try lab.press("C-c")
        #expect(try lab.waitForExit() == 1)
    }

    /// A screen too small for the panels holds the lesson: no line plays unseen, and ^C twice,
    /// which the request for room says leaves, leaves rather than skipping ahead in the lesson.
    @Test func aLessonWaitsWhileTheScreenIsTooSmallAndCtrlCThenLeaves() throws {
        let lab = try TmuxSession(replaying: """
            say "One."
            put cart milk
            say "Two."
            save progress.dlab
            """)
        defer { lab.close() }
        try lab.waitFor("One.")
        try lab.resize(width: 60, height: 20)
        try lab.waitFor("the lesson waits")
        // Time for the whole lesson to play at reading pace, were it playing.
        Thread.sleep(forTimeInterval: 6)
        #expect(!FileManager.default.fileExists(atPath: lab.directory.appendingPathComponent("progress.dlab").path),
                "the lesson's last line did not run unseen")
        try lab.press("C-c")
        try lab.waitFor("^C again leaves")
        try lab.press("C-c")
        #expect(try lab.waitForExit() == 0)
        #expect(!FileManager.default.fileExists(atPath: lab.directory.appendingPathComponent("progress.dlab").path),
                "^C left rather than going on with the lesson")
    }

    /// A lesson writing many keys plays them as one step; Enter during it plays the rest at
    /// once, where the run's pace would take a long while.
    @Test func enterDuringALessonsRunOfOneCommandPlaysTheRestAtOnce() throws {
        let puts = (1...300).map { "put key\($0) v" }.joined(separator: "\n")
        let lab = try TmuxSession(replaying: "say \"Fill.\"\n\(puts)\nsay \"Filled.\"\n")
        defer { lab.close() }
        try lab.waitFor("put key5 v")
        try lab.press("Enter")
        let filled = try lab.waitFor("Filled.", seconds: 6)
        #expect(filled.contains("put key300"), "\(filled)")
        #expect(try lab.quit() == 0)
    }

    @Test func replayPlaysALessonAtReadingPaceAndWaitsAtPause() throws {
        let lab = try TmuxSession(replaying: """
            # a two-step lesson
            say "First, write a cart."
            put cart milk
            pause
            say "Then kill its coordinator."
            kill node3
            """)
        defer { lab.close() }
        try lab.waitFor("First, write a cart.")
        try lab.waitFor("paused: Enter goes on")
        // A line typed at the pause runs; once its answer is on the screen, the screen has
        // gone round its loop since the pause, and the lesson must still be waiting there.
        try lab.enter("faults")
        let probed = try lab.waitFor("no faults: every link works")
        #expect(!probed.contains("Then kill"), "the lesson waits at pause")
        #expect(probed.contains("paused: Enter goes on"), "a typed line does not end the pause")
        #expect(!probed.contains("changes the lesson's cluster"), "looking changes nothing")
        // A typed line that changes the cluster is said to, once.
        try lab.enter("step")
        try lab.waitFor("what you type changes the lesson's cluster too")
        try lab.enter("step")
        let twice = try lab.waitFor("the second step") { $0.components(separatedBy: "> step").count == 3 }
        #expect(twice.components(separatedBy: "changes the lesson's cluster").count == 2, "\(twice)")
        try lab.press("Enter")
        try lab.waitFor("Then kill its coordinator.")
        try lab.press("Enter")
        try lab.waitFor("node3 killed")
        try lab.waitFor("End of the lesson")
        // A line typed after the end shows its answer below the note: the screen has gone
        // round its loop since, and the note is still there only once.
        try lab.enter("skew node1 +1s")
        let after = try lab.waitFor("node1's clock runs 1s ahead")
        #expect(after.components(separatedBy: "End of the lesson").count == 2, "the lesson ends once")
        #expect(try lab.quit() == 0)
    }

    /// A lesson that runs the clock slowly can be held with a typed `pause` and taken on with
    /// Enter; ^C during its long live `wait` runs the rest of the wait at once, and the lesson
    /// goes on rather than the lab leaving. Its lines end up in the history.
    @Test func aLiveLessonHoldsAtATypedPauseAndCtrlCHurriesItsWait() throws {
        let lab = try TmuxSession(replaying: """
            speed 0.001
            run
            say "Time crawls."
            wait 10s
            say "The wait is over."
            expect ok
            """)
        defer { lab.close() }
        // The lesson runs the clock, which holds between its lines.
        try lab.waitFor("Time crawls.")
        try lab.waitFor("‖ ×0.001")
        try lab.enter("pause")
        let held = try lab.waitFor("the lesson waits: Enter goes on")
        #expect(held.contains("paused: Enter goes on"))
        try lab.press("Enter")
        try lab.waitFor("> wait 10s")
        try lab.waitFor("▶ ×0.001", seconds: 5)
        // At ×0.001 the wait would take 10,000 real seconds.
        try lab.press("C-c")
        try lab.waitFor("^C: the rest of the wait ran at once")
        try lab.waitFor("waited 10s; time is 10.000s")
        try lab.waitFor("The wait is over.")
        try lab.waitFor("✓ the one expectation held")
        // The lesson's lines are in the history, as if typed.
        try lab.press("Up")
        try lab.waitFor("dynamo> expect ok")
        try lab.press("C-c")
        #expect(try lab.quit() == 0)
    }

    /// A lesson's own `pause` stops its running clock as a typed one does, and Enter starts it
    /// again: the lesson's next `wait` plays live rather than at once.
    @Test func enterAfterALessonsPauseStartsItsClockAgain() throws {
        let lab = try TmuxSession(replaying: """
            speed 0.001
            run
            say "Time crawls."
            pause
            wait 10s
            say "The wait is over."
            """)
        defer { lab.close() }
        let held = try lab.waitFor("paused: Enter goes on")
        // A lesson's status names its speed only while it runs the clock.
        #expect(!held.contains("×0.001"), "the lesson's pause stopped the clock:\n\(held)")
        try lab.press("Enter")
        try lab.waitFor("> wait 10s")
        // At ×0.001 the wait would take 10,000 real seconds: it plays, it is not over at once.
        let playing = try lab.waitFor("▶ ×0.001", seconds: 5)
        #expect(!playing.contains("waited 10s"), "\(playing)")
        try lab.press("C-c")
        try lab.waitFor("^C: the rest of the wait ran at once")
        try lab.waitFor("The wait is over.")
        #expect(try lab.quit() == 0)
    }

    /// ^C while a lesson's request crawls at a slow speed runs it to its answer, the note naming
    /// the request as typed, and the lesson goes on.
    @Test func ctrlCHurriesALessonsRequestAndNamesIt() throws {
        let lab = try TmuxSession(replaying: """
            speed 0.001
            run
            put cart milk
            say "The put is in."
            """)
        defer { lab.close() }
        try lab.waitFor("> put cart milk")
        try lab.waitFor("▶ ×0.001", seconds: 5)
        try lab.press("C-c")
        try lab.waitFor("^C: put cart ran to its answer at once")
        try lab.waitFor("The put is in.")
        try lab.waitFor("End of the lesson")
        #expect(try lab.quit() == 0)
    }

    /// A lesson line that does not parse is found before the screen is taken: the lesson does
    /// not start, and the error names its file and line.
    @Test func aLessonWithALineThatDoesNotParseIsRefusedBeforeItStarts() throws {
        let lab = try TmuxSession(replaying: """
            say "Never shown."
            put cart milk
            kil node3
            """)
        defer { lab.close() }
        #expect(try lab.waitForExit() == 2)
        let screen = try lab.screen()
        #expect(screen.contains("lesson.dlab:3: error: unknown command 'kil'"), "\(screen)")
        #expect(!screen.contains("Never shown."))
    }

    /// A lesson stopped by a line refused as it runs (a node the cluster lacks) shows the error
    /// in the log, once, and its caption, which said what was to come, says that it stopped.
    @Test func aLessonStoppedByARefusedLineSaysSoInItsCaption() throws {
        let lab = try TmuxSession(replaying: """
            say "The caption stays."
            kill node9
            """)
        defer { lab.close() }
        let end = try lab.waitFor("The lesson stopped at")
        #expect(end.components(separatedBy: "unknown node node9").count == 2, "the error once, in the log")
        #expect(end.components(separatedBy: "The caption stays.").count == 2, "in the log only")
        #expect(end.contains("lesson stopped at lesson.dlab line 2: the log says why"), "\(end)")
        #expect(try lab.quit() == 2, "the lesson had an error, as --script says of it")
    }

    @Test func aLessonsLongAnswerStaysForItsReadingDelayAndClosesAtTheNextLine() throws {
        let lab = try TmuxSession(replaying: """
            put cart milk
            versions cart
            kill node4
            get cart
            expect values cart milk
            expect siblings cart 2
            """, width: 80, height: 24)
        defer { lab.close() }
        try lab.waitFor("versions · PgUp/PgDn scroll · Enter closes")
        let after = try lab.waitFor("the panels back after the next line") {
            !$0.contains("Enter closes") && $0.contains("node4  ○ down")
        }
        #expect(after.contains("Versions of cart"))
        let end = try lab.waitFor("End of the lesson")
        let summary = try #require(end.range(of: "✗ 1 of 2 expectations failed"), "the headless run's summary")
        let ending = try #require(end.range(of: "End of the lesson"))
        #expect(summary.upperBound < ending.lowerBound, "the summary comes first")
        #expect(try lab.quit() == 1, "an expectation failed")
    }

    /// At 80×24 the Nodes panel has room for two nodes: during a partition they are the node
    /// cut off and the one holding its hint. Later, two siblings that begin alike are cut in the
    /// middle, so the class can tell them apart.
    @Test func aSmallScreenKeepsWhatTheLessonIsAbout() throws {
        let lab = try TmuxSession(replaying: """
            put cart milk
            wait 1s
            partition node4
            get cart
            put cart milk+eggs
            wait 1s
            say "node4 is cut off, so node5, the next node on the ring, keeps its copy of the write as a hint for it."
            pause
            heal
            wait 5s
            client alice
            get cart
            client bob
            get cart
            client alice
            put cart milk+eggs+bread
            client bob
            put cart milk+eggs+butter
            wait 1s
            get cart
            expect siblings cart 2
            """, width: 80, height: 24)
        defer { lab.close() }
        let held = try lab.waitFor("the lesson's pause", seconds: 60) { $0.contains("paused: Enter goes on") && $0.contains("Hints · 1 held") }
        let nodes = held.split(separator: "\n").compactMap { $0.split(separator: "│").dropFirst().first }
            .filter { $0.hasPrefix(" node") && ($0.contains(" ● up") || $0.contains(" ○ down")) }.map { String($0.prefix(6)) }
        #expect(nodes == [" node4", " node5"], "the node cut off and its hint's holder:\n\(held)")
        // Past the pause, and past each reading delay, as a teacher in a hurry would.
        var end = try lab.screen()
        for _ in 0..<100 where !end.contains("End of the lesson") {
            try lab.press("Enter")
            Thread.sleep(forTimeInterval: 0.2)
            end = try lab.screen()
        }
        // The two siblings look different, however the panel cuts them.
        #expect((end.contains("milk+…+bread") || end.contains("milk+eggs+br")) && (end.contains("milk+…butter") || end.contains("milk+eggs+bu")),
                "\(end)")
        #expect(try lab.quit() == 0)
    }

    /// A lesson replayed on a terminal that cannot draw the screen is a usage error, exit 64,
    /// as one replayed with no terminal at all is.
    @Test func aReplayOnATerminalThatCannotMoveTheCursorIsAUsageError() throws {
        let lab = try TmuxSession(arguments: ["--replay", "lesson.dlab"], environment: ["TERM": "dumb"], files: ["lesson.dlab": "put cart milk\n"])
        defer { lab.close() }
        try lab.waitFor("--replay needs a terminal that can draw the screen, and the terminal TERM=dumb cannot; use --script")
        #expect(try lab.waitForExit() == 64)
    }

    @Test func aTerminalThatCannotMoveTheCursorGetsThePlainPrompt() throws {
        let lab = try TmuxSession(environment: ["TERM": "dumb"])
        defer { lab.close() }
        try lab.waitFor("TERM=dumb cannot draw the screen: using the plain prompt")
        try lab.waitFor("Type help for commands")
        try lab.enter("put cart milk")
        let screen = try lab.waitFor("put cart: ok via node2")
        #expect(screen.contains("dynamo> put cart milk"), "the typed line is echoed")
        #expect(!screen.contains("Ring"))
        #expect(try lab.quit() == 0)
        let stty = try lab.terminalSettings()
        #expect(stty.before == stty.after)
    }

    /// At the plain prompt ^C drops the line typed, as the screen does, and ^D leaves with the
    /// shell's prompt on a line of its own.
    @Test func thePlainPromptDropsALineOnCtrlCAndLeavesOnCtrlD() throws {
        let lab = try TmuxSession(environment: ["TERM": "dumb"])
        defer { lab.close() }
        try lab.waitFor("Type help for commands")
        try lab.type("put half")
        try lab.press("C-c")
        try lab.waitFor("a fresh prompt under the dropped line") { screen in
            let lines = screen.split(separator: "\n").map(String.init)
            return zip(lines, lines.dropFirst()).contains { $0.hasPrefix("dynamo> put half") && $1 == "dynamo>" }
        }
        try lab.enter("get half")
        try lab.waitFor("half: not found")
        try lab.press("C-d")
        #expect(try lab.waitForExit() == 0)
        #expect(try lab.cursorColumn() == 0)
    }

    /// Typing at the plain prompt with --json and standard output sent to a file: the banner
    /// and the prompt stay on the terminal, and the file holds only JSON, a line per answer.
    @Test func thePlainPromptKeepsARedirectedJSONStreamPure() throws {
        let lab = try TmuxSession(arguments: ["--json"], standardOutput: "out.json")
        defer { lab.close() }
        try lab.waitFor("Type help for commands")
        try lab.enter("put cart milk")
        try lab.enter("get cart")
        try lab.waitFor("two answers and a third prompt") { $0.components(separatedBy: "dynamo>").count == 4 }
        try lab.press("C-d")
        #expect(try lab.waitForExit() == 0)
        let lines = try String(contentsOf: lab.directory.appendingPathComponent("out.json"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(lines)")
        for line in lines {
            #expect((try? JSONSerialization.jsonObject(with: Data(line.utf8))) is [String: Any], "\(line)")
        }
    }

    /// ^C during a long wait at the plain prompt stops the wait where it has got to, as the
    /// screen does, and the session goes on with what the cluster holds.
    @Test func thePlainPromptStopsALongWaitOnCtrlCAndGoesOn() throws {
        let lab = try TmuxSession(environment: ["TERM": "dumb"])
        defer { lab.close() }
        try lab.waitFor("Type help for commands")
        try lab.enter("put cart milk")
        try lab.waitFor("put cart: ok")
        try lab.enter("wait 24h")
        Thread.sleep(forTimeInterval: 0.5)
        try lab.press("C-c")
        let stopped = try lab.waitFor("stopped by ^C after", seconds: 60)
        #expect(!stopped.contains("cannot be stopped midway"), "the wait itself took the ^C")
        #expect(stopped.contains("\nstopped by ^C after"), "the answer starts a line of its own, after the echoed ^C")
        try lab.enter("get cart")
        try lab.waitFor("milk  clock {node2:1}")
        try lab.press("C-d")
        #expect(try lab.waitForExit() == 0)
    }

    @Test func noColorDrawsInMonochrome() throws {
        let lab = try TmuxSession(environment: ["NO_COLOR": "1"])
        defer { lab.close() }
        try lab.waitFor("dynamo>")
        try lab.enter("put cart milk")
        try lab.waitFor("put cart: ok")
        let styled = try lab.screenWithStyles()
        let colours = ["38;5;"] + (0...7).map { "\u{1b}[3\($0)m" }
        #expect(!colours.contains { styled.contains($0) }, "no foreground colours")
        #expect(styled.contains("\u{1b}[1m"), "bold still marks titles")
        #expect(try lab.quit() == 0)
    }
}
