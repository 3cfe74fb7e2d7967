import DynamoCore
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

    @Test func durationsTakeMillisecondsSecondsAndMinutes() throws {
        #expect(try CommandParser.parse("wait 500ms") == .wait(500))
        #expect(try CommandParser.parse("wait 2s") == .wait(2_000))
        #expect(try CommandParser.parse("wait 1.5s") == .wait(1_500))
        #expect(try CommandParser.parse("wait 1m") == .wait(60_000))
    }

    @Test func blankLinesAndCommentsAreNotCommands() throws {
        #expect(try CommandParser.parse("") == nil)
        #expect(try CommandParser.parse("   ") == nil)
        #expect(try CommandParser.parse("# a comment") == nil)
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
        ("partition node1 node1", "node1 appears twice"),
        ("partition node1,,node2", "empty node name"),
        ("put cart", "usage: put"),
        ("put cart milk eggs", "quote a key or value with spaces"),
        ("put cart milk w=0", "expected a whole number at least 1"),
        ("get cart r=-1", "expected a whole number at least 1"),
        ("get cart r=two", "expected a whole number"),
        ("wait -5s", "not positive"),
        ("wait 10y", "unknown unit 'y'"),
        ("wait 5", "needs a unit"),
        ("wait 1000000d", "unknown unit 'd': the units are ms, s, m and h"),
        ("wait 100000m", "out of range"),
        ("wait 1441m", "from 1ms to 24h"),
        (#"client """#, "a client needs a name"),
        ("join node1001", "at most 1000 nodes"),
        (#"put "cart milk"#, "unterminated quote"),
        ("expect siblings cart", "usage: expect siblings"),
        ("expect nonsense", "unknown expectation"),
        ("speed 0", "expected a factor"),
        ("seed -1", "usage: seed"),
        ("help frobnicate", "no help for"),
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
