import Foundation
import DynamoCore
import Testing
@testable import DynamoLab

/// Bad input gets one line saying what was expected and changes nothing.
@Suite struct BadInputTests {
    func lab() -> Lab {
        let lab = Lab()
        run(lab, "put cart milk", "get cart", "kill node2", "partition node1 node3")
        return lab
    }

    @Test(arguments: [
        "frobnicate", "kill node99", "kill node2", "restart node1", "partition node1 node1", "put cart milk w=0",
        "put cart milk w=9", "get cart r=-1", "get cart r=4", "wait -5s", "wait 10y", "wait 1441m", "join node1001", #"client """#,
        "put cart milk via node7", "hints node6", "keys n0", "expect hints node8 0", "heal node9", "config n=9",
        "config r=4", "config w=0", "config merkle-depth=13", "config bogus=1", "config clocks=lamport", "config n=2 n=3", "join node7", "join node3",
        "wipe node9", "leave node8", "cut node1 -> node1", "cut node1 node2", "cut node1 -> node9", "loss 101%",
        "loss 10", "loss 10% node1 -> node7", "delay 200ms..20ms", "delay 5", "delay 2m", "skew node1 5", "skew node9 +1s",
        "merkle node1 node1", "merkle node1", "merkle node1 node9", "sync now", "faults all", "expect keys node9 1",
        "expect view node1 node2 sleepy", "expect views", "config suspicion=0s",
        "client bad/name", #"put "unterminated"#, "save /nonexistent-dir/x.dlab", #"save """#, "versions", "step 0", "trace 0",
    ])
    func isRefusedInOneLineWithoutChangingState(_ line: String) throws {
        let lab = lab()
        let before = fingerprint(lab)
        let result = try #require(lab.execute(line))
        #expect(result.status == .rejected, "\(line) → \(result.text)")
        #expect(result.text.hasPrefix("error: "))
        #expect(!result.text.contains("\n"))
        #expect(fingerprint(lab) == before)
    }

    /// Errors name what was wrong in the words the user typed.
    @Test(arguments: [
        ("delay 1ms...2ms", "delay 1ms...2ms: write one latency, like 50ms, or a range, like 20ms..200ms"),
        ("explore runs=5", "explore runs from the shell rather than this prompt: dynamo-lab explore --help says how"),
        ("Experiment partitioning", "experiment runs from the shell rather than this prompt: dynamo-lab experiment --help says how"),
        ("delay 5ms..", "delay 5ms..: write one latency, like 50ms, or a range, like 20ms..200ms"),
        ("skew node1 ±1s", "skew node1 ±1s: give the sign, + or -, like +1s or -500ms"),
        ("loss 100% node1 -> node2 extra", "expected a link like node1 -> node2: usage: loss P% [NODE -> NODE]"),
        ("config timeout=0", "timeout=0: '0' needs a unit of ms, s, m or h: expected a duration like 500ms, 2s, 1m or 1h"),
        ("config gossip=0.1ms", "gossip=0.1ms: '0.1ms' is not a whole number of milliseconds: the clock counts whole milliseconds"),
        ("config r=1 n=1", "w is 2, more than n=1: set it too, as in config n=1 r=1 w=1"),
        ("config n=2 r=3", "r=3: r must be from 1 to N, and N is 2"),
        ("skew node1 +", "skew node1 +: give the offset after the sign, like +1s or -500ms"),
        ("skew node1 -99999999999999999h", "'-99999999999999999h' is out of range: a duration from 1ms to 24h"),
        ("skew node1 -5x", "'-5x' has an unknown unit 'x': the units are ms, s, m and h"),
    ])
    func errorsSayWhatWasWrong(_ line: String, _ error: String) throws {
        let result = try #require(Lab().execute(line))
        #expect(result.text == "error: " + error)
    }

    /// A line refused is named by the command it meant (`quit` for `exit`), and a long unknown
    /// word is cut, in its name and its error alike, rather than echoed whole.
    @Test func aRefusalIsNamedByItsCommandAndCutWhenLong() throws {
        let lab = Lab()
        #expect(try #require(lab.execute("exit now")).command == "quit")
        let long = String(repeating: "x", count: 10_000)
        let unknown = try #require(lab.execute(long))
        #expect(unknown.command == String(repeating: "x", count: 39) + "…")
        #expect(unknown.text == "error: unknown command '\(unknown.command)': type help for the list of commands")
        let help = try #require(lab.execute("help " + long))
        #expect(help.text.count < 300, "\(help.text.prefix(300))")
    }

    /// A skew of zero may carry a unit, as every other skew does.
    @Test func aZeroSkewMayCarryAUnit() throws {
        let lab = Lab()
        for zero in ["0", "0s", "+0s", "-0ms", "0.0h"] {
            run(lab, "skew node1 +1s")
            #expect(try #require(lab.execute("skew node1 \(zero)")).status == .ok, "\(zero)")
            #expect(lab.cluster.network.skew[NodeID(1)] ?? 0 == 0, "\(zero)")
        }
    }

    /// A latency may start with its point, as a wait may.
    @Test func aDelayRangeMayStartWithAPoint() throws {
        let lab = Lab()
        #expect(try #require(lab.execute("delay .5s..1s")).status == .ok)
        #expect(lab.cluster.network.latency == 500...1_000)
    }

    /// A line whose quote is never closed is still reported under its command's name.
    @Test func anUnterminatedQuoteKeepsTheCommandsName() throws {
        let lab = Lab()
        let put = try #require(lab.execute(#"  PUT  "unterminated milk"#))
        #expect(put.json.rendered == #"{"cmd":"put","ok":false,"error":"unterminated quote: close it with the same quote mark"}"#)
        #expect(lab.execute(#"get cart 'x"#)?.command == "get")
        #expect(lab.execute(#""put milk"#)?.command == "?", "a quoted first word is not recovered")
        #expect(lab.execute(#"pu"t milk"#)?.command == "?")
    }

    @Test func aRefusedLineCountsAsAFailureForExpect() {
        let lab = Lab()
        run(lab, "put cart milk")
        #expect(lab.execute("frobnicate")?.status == .rejected)
        #expect(run(lab, "expect fail")?.status == .ok)
        run(lab, "put cart milk")
        #expect(lab.execute(#"put "unterminated"#)?.status == .rejected)
        #expect(run(lab, "expect fail")?.status == .ok)
    }

    /// An error quotes what was typed, but a control character in it is named, not printed
    /// (it could retitle or clear the terminal), and a huge word is cut to its ends.
    @Test func errorsNameControlCharactersAndCutHugeWords() throws {
        let lab = Lab()
        for line in ["frob\u{1b}]2;title\u{7}", "kill node\u{1b}[2J", "wait 1\u{1b}s"] {
            let result = try #require(lab.execute(line))
            #expect(result.status == .rejected)
            #expect(!result.text.unicodeScalars.contains { $0.properties.generalCategory == .control }, "\(result.text)")
            #expect(result.text.contains("U+001B"), "\(result.text)")
        }
        let huge = "node" + String(repeating: "1", count: 100_000)
        let result = try #require(lab.execute("kill \(huge)"))
        #expect(result.status == .rejected)
        #expect(result.text.count < 300, "\(result.text.prefix(400))")
        #expect(result.text.contains("node111") && result.text.contains("…") && result.text.contains("is beyond the largest cluster"))
    }

    @Test func controlCharactersInKeysAndValuesAreRefused() throws {
        let lab = Lab()
        for line in ["put \"a\u{0}b\" c", "put a \"b\u{7}\"", "get \"a\tb\"", "delete \"a\u{1b}[2J\""] {
            let result = try #require(lab.execute(line))
            #expect(result.status == .rejected)
            #expect(result.text.contains("control characters"), "\(result.text)")
        }
        #expect(lab.cluster.history.isEmpty)
    }

    /// Keys that differ by an invisible character would look alike in every answer: a zero-width
    /// space, a soft hyphen, a byte-order mark, a right-to-left override or a joiner between
    /// letters is refused, naming it. The joiners of emoji sequences and the tags of flag emoji
    /// are kept, and a caption, never looked up, may hold any of them.
    @Test func invisibleFormattingCharactersInKeysAndValuesAreRefused() throws {
        let lab = Lab()
        for (line, found) in [("put \"a\u{200B}b\" c", "U+200B"), ("put a b\u{AD}c", "U+00AD"), ("get \u{FEFF}cart", "U+FEFF"),
                              ("put cart \"\u{202E}klim\"", "U+202E"), ("delete ca\u{2060}rt", "U+2060"),
                              ("put ca\u{200D}rt eggs", "U+200D"), ("put ca\u{200C}rt eggs", "U+200C"), ("get \u{1F468}\u{200D}", "U+200D")] {
            let result = try #require(lab.execute(line))
            #expect(result.text == "error: keys and values cannot hold invisible formatting characters: found \(found)", "\(line)")
        }
        #expect(lab.cluster.history.isEmpty)
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        let england = "\u{1F3F4}\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        #expect(lab.execute("put \(family) \(england)")?.status == .ok)
        #expect(lab.execute("get \(family)")?.text.contains(england) == true)
        #expect(lab.execute("say \"\u{5E9}\u{5DC}\u{5D5}\u{5DD} \u{200F}world\"")?.status == .ok, "a caption may hold direction marks")
    }

    /// A key holding a no-break space, a line separator or an ideographic space looks like one
    /// holding a plain space, and one with a variation selector on a letter, a combining
    /// grapheme joiner, a Hangul filler or blank Braille looks like another or empty: refused,
    /// naming the character, as is an empty key. Values, never looked up, may hold them; an
    /// emoji's presentation selector stays in a key.
    @Test func keysThatWouldLookLikeAnotherOrEmptyAreRefused() throws {
        let lab = Lab()
        for (line, found) in [("put \"a\u{A0}b\" c", "U+00A0"), ("put \"a\u{2028}b\" c", "U+2028"), ("get \"a\u{3000}b\"", "U+3000"),
                              ("put cart\u{34F} milk", "U+034F"), ("put cart\u{FE00} tea", "U+FE00"), ("delete \u{3164}", "U+3164"),
                              ("put \u{2800} v", "U+2800"), ("focus a\u{FFA0}", "U+FFA0")] {
            let result = try #require(lab.execute(line))
            #expect(result.text == "error: keys cannot hold spaces other than the plain one, nor characters drawn as nothing: found \(found)",
                    "\(line)")
        }
        for line in [#"put "" milk"#, #"get """#, #"delete ''"#, #"versions """#] {
            #expect(lab.execute(line)?.text == "error: a key cannot be empty", "\(line)")
        }
        #expect(lab.cluster.history.isEmpty)
        #expect(lab.execute(#"put "my cart" "  milk and eggs ""#)?.status == .ok)
        #expect(lab.execute(#"put cart """#)?.status == .ok, "an empty value is a value")
        #expect(lab.execute("put greeting \"\u{3053}\u{3093}\u{3000}\u{4E16}\u{754C}\"")?.status == .ok, "a value may hold an ideographic space")
        #expect(lab.execute("put price \"10\u{202F}\u{20AC}\"")?.status == .ok, "and a narrow no-break space")
        #expect(lab.execute("put \u{2764}\u{FE0F} love")?.status == .ok, "an emoji keeps its presentation selector")
    }

    /// A name that would not show as typed is refused before anything is written, and an error
    /// that quotes it shows a character reordering the text after it by its code point.
    @Test func saveRefusesNamesThatDoNotShowAsTyped() throws {
        let lab = Lab()
        for (line, message) in [("save \"a\u{1B}[2J\"", "cannot write aU+001B[2J: the name holds U+001B, which does not show"),
                                ("save \"\u{202E}bald\"", "cannot write U+202Ebald: the name holds U+202E, which does not show")] {
            #expect(lab.execute(line)?.text == "error: " + message, "\(line)")
        }
        #expect(OutputPath.problem(writing: "") == "no file is named")
        #expect(OutputPath.problem(writing: NSTemporaryDirectory() + "\u{1F469}\u{200D}\u{1F4BB}.dlab") == nil, "an emoji's joiner shows")
        #expect("\u{5E9}\u{200F}world".printable == "\u{5E9}\u{200F}world", "a direction mark reorders nothing after it")
    }

    @Test func bytesThatAreNotUTF8AreRefused() throws {
        let lab = Lab()
        let result = try #require(lab.execute(utf8: Array("put cart ".utf8) + [0xff, 0xfe]))
        #expect(result.status == .rejected)
        #expect(result.text == "error: the line is not UTF-8 text")
        #expect(lab.cluster.history.isEmpty)
        #expect(lab.execute(utf8: Array("put cart ☕".utf8))?.ok == true)
        #expect(lab.execute(utf8: Array("  # a note ".utf8) + [0xff, 0xfe]) == nil, "a comment is passed over, whatever its bytes")
    }

    @Test func emptyLinesAreIgnored() {
        let lab = lab()
        let before = fingerprint(lab)
        #expect(lab.execute("") == nil)
        #expect(lab.execute("   \t") == nil)
        #expect(fingerprint(lab) == before)
    }

    @Test func keysAndValuesMayHoldSpacesUnicodeAndAMegabyte() throws {
        let lab = Lab()
        let big = String(repeating: "x", count: 1 << 20)
        #expect(run(lab, #"put "my cart" "milk and eggs""#, #"get "my cart""#)?.text.contains("\"milk and eggs\"") == true)
        #expect(lab.execute("put 購物車 牛奶 ☕")?.status == .rejected, "three words: the value needs quotes")
        #expect(run(lab, "put 購物車 '牛奶 ☕'", "get 購物車")?.fields.first { $0.0 == "values" }?.1 == .strings(["牛奶 ☕"]))
        let put = try #require(lab.execute("put big \(big)"))
        #expect(put.ok)
        let get = try #require(lab.execute("get big"))
        #expect(get.fields.first { $0.0 == "values" }?.1 == .strings([big]))
        #expect(get.text.count < 400, "a long value is shown cut, with its size")
        #expect(get.text.contains("1048576 bytes"))
    }
}
