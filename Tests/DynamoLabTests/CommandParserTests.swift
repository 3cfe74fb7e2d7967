import DynamoCore
import DynamoSim
import Testing
@testable import DynamoLab

@Suite struct CommandParserTests {
    @Test(arguments: ["node3", "n3", "3", "NODE3", "N3"])
    func nodeShorthandsNameTheSameNode(_ word: String) throws {
        #expect(try CommandParser.parse("kill \(word)") == .kill(NodeID(3)))
    }

    @Test func quotesGroupWordsAndEscapesWork() throws {
        #expect(try CommandParser.parse(#"put "my cart" 'milk and eggs'"#) == .put(key: "my cart", value: "milk and eggs", via: nil, w: nil))
        #expect(try CommandParser.parse(#"put k "say \"hi\"""#) == .put(key: "k", value: #"say "hi""#, via: nil, w: nil))
        #expect(try CommandParser.parse(#"put k """#) == .put(key: "k", value: "", via: nil, w: nil))
        #expect(try CommandParser.parse(#"delete "my cart" via n2 w=3"#) == .delete(key: "my cart", via: NodeID(2), w: 3))
    }

    /// A request ending in `via` forgot its node: refused, rather than writing the value
    /// "via". The word quoted, or as a key, is text.
    @Test func aRequestEndingInViaNeedsItsNode() throws {
        for line in ["put cart via", "get cart via", "delete cart VIA", "put cart via w=2"] {
            #expect(throws: LabError.self, "\(line)") { try CommandParser.parse(line) }
        }
        #expect(throws: LabError.usage(#"via needs a node: usage: put KEY VALUE [via NODE] [w=W] (a key or value that is the word via is quoted: "via")"#)) {
            try CommandParser.parse("put cart via")
        }
        #expect(try CommandParser.parse(#"put cart "via""#) == .put(key: "cart", value: "via", via: nil, w: nil))
        #expect(try CommandParser.parse("get via") == .get(key: "via", via: nil, r: nil))
        #expect(try CommandParser.parse("put via x via n2") == .put(key: "via", value: "x", via: NodeID(2), w: nil))
    }

    /// Inside double quotes a backslash escapes only a quote or a backslash; elsewhere, and
    /// before anything else, it is an ordinary character.
    @Test func aBackslashEscapesOnlyQuotesAndBackslashes() throws {
        #expect(try CommandParser.parse(#"put k "e\u0301 x""#) == .put(key: "k", value: #"e\u0301 x"#, via: nil, w: nil))
        #expect(try CommandParser.parse(#"put k "a\\b""#) == .put(key: "k", value: #"a\b"#, via: nil, w: nil))
        #expect(try CommandParser.parse(#"put k a\b"#) == .put(key: "k", value: #"a\b"#, via: nil, w: nil))
        #expect(try CommandParser.parse(#"put k 'a\b'"#) == .put(key: "k", value: #"a\b"#, via: nil, w: nil))
    }

    /// Setting names alone ask to see those settings; with values, to change them.
    @Test func configNamesShowAndPairsChange() throws {
        #expect(try CommandParser.parse("config N timeout") == .showConfig(["n", "timeout"]))
        #expect(try CommandParser.parse("config n=2 R=1") == .config([Setting(name: "n", value: "2"), Setting(name: "r", value: "1")]))
        #expect(try CommandParser.parse("config") == .config([]))
    }

    /// `all` may come before or after the count, but only once.
    @Test func traceTakesAllOnEitherSideOfItsCount() throws {
        #expect(try CommandParser.parse("trace") == .trace(20, all: false))
        #expect(try CommandParser.parse("trace 5 all") == .trace(5, all: true))
        #expect(try CommandParser.parse("trace ALL 5") == .trace(5, all: true))
        #expect(try CommandParser.parse("trace all") == .trace(20, all: true))
        for line in ["trace all all", "trace 5 6", "trace all 5 all", "trace 0 all", "trace some"] {
            #expect(throws: LabError.self, "\(line)") { try CommandParser.parse(line) }
        }
    }

    /// `exit` and `?` are taken as `quit` and `help`; a near miss of a command, a help topic or
    /// a setting is answered with the word meant, when only one is that near.
    @Test func aliasesAndNearMissesAreUnderstood() throws {
        #expect(try CommandParser.parse("exit") == .quit)
        #expect(try CommandParser.parse("EXIT") == .quit)
        #expect(try CommandParser.parse("? put") == .help("put"))
        #expect(try CommandParser.parse("?") == .help(nil))
        #expect(CommandHelp.text(of: "exit") == CommandHelp.text(of: "quit"))
        #expect(CommandHelp.text(of: "?") == CommandHelp.text(of: "help"))
        for (line, meant) in [("pt cart milk", "put"), ("gte cart", "get"), ("partiton node1", "partition"),
                              ("kil node3", "kill"), ("help pt", "put"), ("help scrips", "scripts"), ("exti", "exit")] {
            #expect(refusal(line).contains("(did you mean \(meant)?)"), "\(line): \(refusal(line))")
        }
        for line in ["q", "frobnicate", "xyz cart"] {
            #expect(refusal(line).hasPrefix("unknown command") && !refusal(line).contains("did you mean"), "\(line): \(refusal(line))")
        }
    }

    /// The error a line is refused with; empty if it parses.
    func refusal(_ line: String) -> String {
        do {
            _ = try CommandParser.parse(line)
            return ""
        } catch {
            return error.description
        }
    }

    /// Every command name, typed plainly or quoted, bare or with words after it, parses or is
    /// refused with a message: none reaches a path that traps.
    @Test func everyCommandNameParsesOrIsRefusedQuotedOrNot() throws {
        for name in CommandHelp.commandNames + ["?"] {
            for form in [name, "\"\(name)\"", "'\(name)'", name.uppercased()] {
                for rest in ["", " x", " node1 node2", " \"a b\""] {
                    do { _ = try CommandParser.parse(form + rest) } catch { #expect(!error.description.isEmpty) }
                }
            }
        }
        #expect(try CommandParser.parse(#""say" hi there"#) == .say("hi there"))
        #expect(try CommandParser.parse(#"'say' "a caption""#) == .say("a caption"))
    }

    /// Curly quotes that parse are text like any other character.
    @Test func curlyQuotesThatParseAreText() throws {
        #expect(try CommandParser.parse("put cart “milk”") == .put(key: "cart", value: "“milk”", via: nil, w: nil))
    }

    /// A quoted word is text, even when it looks like an option.
    @Test func quotedWordsAreNeverOptions() throws {
        #expect(try CommandParser.parse(#"put k "w=3""#) == .put(key: "k", value: "w=3", via: nil, w: nil))
        #expect(try CommandParser.parse(#"get "r=2""#) == .get(key: "r=2", via: nil, r: nil))
        #expect(throws: LabError.self) { try CommandParser.parse(#"put k v "via" 2"#) }
    }

    /// What the lab shows for a key or value, typed back, gives the same text (an empty one is a
    /// value only).
    @Test(arguments: ["<deleted>", #"a\b"#, #"say "hi""#, "two words", "w=3", "via", "VIA", "#hash", "it's", "", "plain",
                       "\u{301}accent first", "\u{301}", "\"\u{301}", "tab\u{301}\\"])
    func shownTextTypesBackToItself(_ text: String) throws {
        #expect(try CommandParser.parse("put k " + Words.quoted(text)) == .put(key: "k", value: text, via: nil, w: nil))
        if !text.isEmpty {
            #expect(try CommandParser.parse("get " + Words.quoted(text) + " r=1") == .get(key: text, via: nil, r: 1))
        }
    }

    /// Trailing zeros are no decimals, and a point may open a number.
    @Test func plainDecimalsAreNumbers() throws {
        #expect(try CommandParser.parse("loss 0.5000000%") == CommandParser.parse("loss 0.5%"))
        #expect(try CommandParser.parse("speed .5") == CommandParser.parse("speed 0.5"))
        #expect(try CommandParser.parse("wait .5s") == CommandParser.parse("wait 500ms"))
    }

    /// A caption is the rest of the line as typed, or the inside of one quoted string.
    @Test func sayKeepsItsTextAsTyped() throws {
        #expect(try CommandParser.parse("say hello   world") == .say("hello   world"))
        #expect(try CommandParser.parse(#"say "two  spaces""#) == .say("two  spaces"))
        #expect(try CommandParser.parse("say it's fine") == .say("it's fine"))
        #expect(try CommandParser.parse(#"say "a" and "b""#) == .say(#""a" and "b""#))
        #expect(throws: LabError.self) { try CommandParser.parse("say   ") }
        #expect(throws: LabError.self) { try CommandParser.parse(#"say "  ""#) }
    }

    /// Pasted captions hold tabs: each becomes a space. Other control characters are refused,
    /// in words about captions.
    @Test func aCaptionsTabsAreSpaces() throws {
        #expect(try CommandParser.parse("say step\tone") == .say("step one"))
        #expect(try CommandParser.parse("say \u{301}mark first") == .say("\u{301}mark first"))
        #expect(try CommandParser.parse("say \"a\tb\"") == .say("a b"))
        #expect(throws: LabError.usage("a caption cannot hold control characters: found U+0007")) { try CommandParser.parse("say bell\u{07}") }
    }

    @Test func requestOptionsComeInAnyOrderAtTheEnd() throws {
        #expect(try CommandParser.parse("put cart milk via n2 w=3") == .put(key: "cart", value: "milk", via: NodeID(2), w: 3))
        #expect(try CommandParser.parse("put cart milk w=1 via 4") == .put(key: "cart", value: "milk", via: NodeID(4), w: 1))
        #expect(try CommandParser.parse("get cart r=3") == .get(key: "cart", via: nil, r: 3))
    }

    @Test func partitionSidesAreCommaSeparatedLists() throws {
        #expect(try CommandParser.parse("partition node1,node2 node3,node4,node5")
            == .partition([[NodeID(1), NodeID(2)], [NodeID(3), NodeID(4), NodeID(5)]]))
        #expect(try CommandParser.parse("partition 3") == .partition([[NodeID(3)]]))
        #expect(try CommandParser.parse("heal") == .heal([]))
    }

    /// A partition as the lab writes it, sides between bars, types back as the same partition;
    /// bars alone name no side.
    @Test func aPartitionTypesBackAsTheLabWritesIt() throws {
        let lab = Lab()
        let shown = try #require(lab.execute("partition node1,node2 node3,node4,node5")?.text.components(separatedBy: ":").first)
        #expect(shown == "partition node1,node2 | node3,node4,node5")
        #expect(try CommandParser.parse(shown) == CommandParser.parse("partition node1,node2 node3,node4,node5"))
        #expect(try CommandParser.parse("heal node1,node2 | node3") == .heal([[NodeID(1), NodeID(2)], [NodeID(3)]]))
        #expect(throws: LabError.self) { try CommandParser.parse("partition |") }
        #expect(throws: LabError.self) { try CommandParser.parse("heal | |") }
    }

    @Test func durationsTakeMillisecondsSecondsAndMinutes() throws {
        #expect(try CommandParser.parse("wait 500ms") == .wait(500))
        #expect(try CommandParser.parse("wait 2s") == .wait(2_000))
        #expect(try CommandParser.parse("wait 1.5s") == .wait(1_500))
        #expect(try CommandParser.parse("wait 1m") == .wait(60_000))
        // Decimal fractions that binary cannot hold exactly still name whole milliseconds.
        #expect(try CommandParser.parse("wait 1.1s") == .wait(1_100))
        #expect(try CommandParser.parse("wait 0.001s") == .wait(1))
        #expect(try CommandParser.parse("wait 2.3m") == .wait(138_000))
    }

    /// A count of one reads naturally: `expect hint 1` is `expect hints 1`, as `expect value`
    /// is `expect values`.
    @Test func expectationsTakeTheirSingularNames() throws {
        for (singular, plural) in [("expect hint 1", "expect hints 1"), ("expect sibling cart 1", "expect siblings cart 1"),
                                   ("expect key node2 1", "expect keys node2 1"), ("expect value cart milk", "expect values cart milk")] {
            #expect(try CommandParser.parse(singular) == CommandParser.parse(plural), "\(singular)")
        }
    }

    /// `help` knows the commands and how to write a lesson; words after a command it knows
    /// are let be, so `help expect values` is help on expect.
    @Test func helpTakesCommandsAndTheScriptsTopic() throws {
        #expect(try CommandParser.parse("help scripts") == .help("scripts"))
        #expect(try CommandParser.parse("help Lesson") == .help("lesson"))
        #expect(try CommandParser.parse("help expect values") == .help("expect"))
        let lab = Lab()
        let scripts = try #require(lab.execute("help scripts"))
        #expect(scripts.text.contains("--script FILE") && scripts.text.contains("exits 0"), "\(scripts.text)")
        #expect(lab.execute("help expect values")?.text.hasPrefix("usage: expect CHECK") == true)
        #expect(lab.execute("help")?.text.contains("help scripts") == true)
    }

    /// Rates show as typed, however small, never in exponent form.
    @Test func lossRatesReadBackAsTyped() throws {
        for typed in ["0%", "10%", "12.5%", "0.0001%", "33.333%", "99.999999%", "0.000001%", "100%"] {
            guard case .loss(let rate, _, _) = try CommandParser.parse("loss \(typed)") else {
                Issue.record("loss \(typed) did not parse as loss")
                continue
            }
            #expect(Network.percent(rate) == typed)
        }
    }

    @Test func blankLinesAndCommentsAreNotCommands() throws {
        #expect(try CommandParser.parse("") == nil)
        #expect(try CommandParser.parse("   ") == nil)
        #expect(try CommandParser.parse("# a comment") == nil)
    }

    /// Long times are written in several units (`wait` answers `33446.607s (9h17m26.607s)`),
    /// and can be typed so: from hours down, each unit once, a part of nothing allowed.
    @Test func durationsTakeSeveralUnitsFromHoursDown() throws {
        #expect(try CommandParser.parse("wait 1m30s") == .wait(90_000))
        #expect(try CommandParser.parse("wait 9h17m26.607s") == .wait(33_446_607))
        #expect(try CommandParser.parse("wait 11m0s") == .wait(660_000))
        #expect(try CommandParser.parse("wait 1s500ms") == .wait(1_500))
        // and a wait answers in the same form from a minute on, which parses back to it.
        let lab = Lab()
        #expect(lab.execute("wait 1m0.5s")?.text.hasPrefix("waited 1m0.500s; ") == true)
        #expect(lab.execute("wait 90s")?.text.hasPrefix("waited 1m30s; ") == true)
        for millis: Int64 in [60_000, 90_000, 3_605_000, 5_400_000, 33_446_607, 86_400_000] {
            #expect(try CommandParser.parse("wait " + DurationText.waited(millis)) == .wait(millis))
        }
        #expect(lab.execute("wait 1500ms")?.text.hasPrefix("waited 1500ms; ") == true)
        for (word, error) in [("1s1m", "several units from hours down"), ("1m1m", "several units from hours down"),
                              ("0m0s", "out of range"), ("1h30", "needs a unit"), ("24h1s", "out of range"),
                              ("1m-5s", "not positive"), ("1m30y", "unknown unit 'y'"), ("1h60m", "each less than one of the unit before"),
                              ("1.5m30s", "only its last part may have a fraction"), ("1e400s", "unknown unit 'e'")] {
            #expect(refusal("wait \(word)").contains(error), "\(word): \(refusal("wait \(word)"))")
        }
    }

    @Test func durationsTakeHoursUpToADay() throws {
        #expect(try CommandParser.parse("wait 24h") == .wait(86_400_000))
        #expect(try CommandParser.parse("wait 1h") == .wait(3_600_000))
        #expect(try CommandParser.parse("wait 1.5m") == .wait(90_000))
        #expect(try CommandParser.parse("wait 250ms") == .wait(250))
    }

    @Test(arguments: [
        ("frobnicate", "unknown command"),
        ("kill", "usage: kill NODE"),
        ("kill node0", "not a node name"),
        ("kill nodeX", "not a node name"),
        ("kill node99999999999999999999999", "beyond the largest cluster the lab holds"),
        ("partition node1 node1", "node1 appears twice"),
        ("partition node1,,node2", "empty node name"),
        ("put cart", "usage: put"),
        ("put cart milk eggs", "quote a key or value with spaces"),
        ("put k w=3", #"w=3 is read as the write quorum, which leaves no VALUE; quote a value that reads as an option: put k "w=3""#),
        ("get cart r=two", "r=two is not a number: r must be from 1 to N"),
        ("put cart milk w=0", "w=0: w must be from 1 to N"),
        ("get cart r=99999999999999999999", "r=99999999999999999999 is out of range: r must be from 1 to N"),
        ("wait -5s", "not positive"),
        ("wait 10y", "unknown unit 'y'"),
        ("wait 5", "needs a unit"),
        ("wait 1000000d", "unknown unit 'd': the units are ms, s, m and h"),
        ("wait 100000m", "out of range"),
        ("wait 1441m", "from 1ms to 24h"),
        (#"client """#, "a client needs a name"),
        ("join node1001", "at most 1000 nodes"),
        (#"put "cart milk"#, "unterminated quote"),
        ("put note don't", #"a word with an apostrophe goes in double quotes, like "don't""#),
        (#"put e"x y"#, #"unterminated quote: the " after e opens a quoted part that is never closed"#),
        ("wait 5 s", "wait 5 s: write the duration as one word, as in wait 5s"),
        ("wait 5 x", "usage: wait DURATION"),
        ("wait 1 500ms", "usage: wait DURATION"),
        ("put cart milk # for later", "a # starts a comment only at the start of a line"),
        ("put “my cart” “milk and eggs”", "; “ ” and ‘ ’ are text here: type straight quotes (\") to group words"),
        ("get ‘my cart’", "“ ” and ‘ ’ are text here"),
        ("config n r=2", "'n' is not name=value"),
        ("kill +1", "'+1' is not a node name: expected node1, n1 or 1"),
        ("restart node-2", "'node-2' is not a node name"),
        ("wait 0.5ms", "'0.5ms' is not a whole number of milliseconds"),
        ("delay 1.5ms..2ms", "'1.5ms' is not a whole number of milliseconds"),
        ("wait 1.0005s", "not a whole number of milliseconds"),
        ("wait abc", "'abc' is not a duration: expected a duration like 500ms"),
        ("loss 50", "50: expected a percentage from 0% to 100%, with its sign: 50%"),
        ("loss 150", "150: expected a percentage from 0% to 100%; usage: loss"),
        ("loss 99.9999999%", "99.9999999%: a percentage has at most six decimals"),
        ("loss 0.00000001%", "a percentage has at most six decimals"),
        ("wait 0.4ms", "'0.4ms' is not a whole number of milliseconds"),
        ("help put get", "no help for 'put get'"),
        ("expect siblings cart", "usage: expect siblings"),
        ("expect nonsense", "unknown expectation 'nonsense': expected ok, fail"),
        ("expect valeus cart milk", "unknown expectation 'valeus' (did you mean values?): expected ok, fail"),
        ("expect divergnt 0", "(did you mean divergent?)"),
        ("speed 0", "expected a factor"),
        ("seed -1", "usage: seed"),
        ("help frobnicate", "no help for"),
        // Numbers are typed as decimals: no exponent, hexadecimal or second sign, which would
        // hide a rate of more than six decimals or read as another number than shown.
        ("loss 0.0000000000001%", "at most six decimals"), ("loss 1e-20%", "expected a percentage"),
        ("loss 0x10%", "expected a percentage"), ("loss 99.9999999999999999%", "at most six decimals"),
        ("speed 0x1p-3", "expected a factor"), ("speed 1e1", "expected a factor"),
        ("skew node1 -+5s", "'-+5s' is not a duration"), ("skew node1 ++5s", "'++5s' is not a duration"),
        ("wait +5s", "'+5s' is not a duration"), ("delay +5ms..10ms", "'+5ms' is not a duration"),
    ])
    func badInputSaysWhatWasExpected(_ line: String, _ message: String) {
        #expect(throws: LabError.self) { try CommandParser.parse(line) }
        do {
            _ = try CommandParser.parse(line)
        } catch {
            #expect(error.description.contains(message), "\(line): \(error)")
            #expect(!error.description.contains("\n"))
        }
    }
}
