import DynamoCore
import DynamoLab

/// Everything the screen shows besides the cluster itself: the session's log, the prompt,
/// the live clock, lesson captions. With a `Snapshot` it fixes every cell of a frame.
public struct ScreenModel: Sendable {
    /// One line of the output log.
    public struct LogLine: Equatable, Sendable {
        public enum Kind: Sendable {
            /// A line the user typed (or a lesson ran), echoed as `> line`.
            case command
            case result
            case failure
            case note
        }

        public var text: String
        public var kind: Kind

        public init(_ text: String, _ kind: Kind) {
            self.text = text
            self.kind = kind
        }
    }

    /// A long answer (help, ring, trace...) shown over the panels until the next command.
    public struct Overlay: Equatable, Sendable {
        public var title: String
        public var lines: [String]
        /// The virtual time of an answer that shows the cluster's state (`nodes`, `ring`...):
        /// once the clock has moved on, the overlay says so, as the state may have changed.
        public var time: Millis?
        /// Lines scrolled past at the top.
        public var scroll = 0

        public init(title: String, lines: [String], time: Millis? = nil) {
            self.title = title
            self.lines = lines
            self.time = time
        }
    }

    public var clock = LiveClock()
    /// The speed virtual time really runs at, when the cluster cannot keep up with the clock's.
    public var reachedSpeed: Double?
    public var focus: String?
    public var client = "client1"
    /// The output log, oldest first.
    public var log: [LogLine] = []
    /// How many lines the log is scrolled back from its newest line.
    public var logScroll = 0
    /// The request under way, as `put cart milk: waiting for node3`.
    public var waiting: String?
    /// Lines typed while it is under way, which run once it is answered.
    public var queued: [String] = []
    /// The caption of the lesson being replayed.
    public var caption: String?
    /// Every caption of the lesson being replayed, for the height the caption panel keeps.
    public var lessonCaptions: [String] = []
    /// The lesson's place, as `demo.dlab 12/30`, or nil outside a replay.
    public var lesson: String?
    /// The lesson's file name, which a narrow status bar leaves out of its place.
    public var lessonName: String?
    /// Whether one of the lesson's requests or waits is playing live: the only time a
    /// lesson's clock moves, even after the lesson runs it.
    public var lessonPlaysLive = false
    /// Why virtual time stands still, when it does: with the clock paused (as a lesson that
    /// never runs it keeps it: the messages its requests leave in flight wait for its next
    /// line), or between a lesson's lines, which hold a clock the lesson runs.
    public var stillness: String? {
        if !clock.running { return "clock paused" }
        return lesson != nil && !lessonPlaysLive ? "clock held" : nil
    }
    public var overlay: Overlay?
    /// A ^C on an empty line, with nothing to hurry, asked whether to leave: the next ^C leaves,
    /// and any other key, a resize or ^Z takes the question back. One stray ^C must not lose a
    /// session.
    public var leaveAsked = false
    public var prompt = "dynamo> "
    public var input = ""
    /// Columns of `input` before the insertion point.
    public var cursor = 0

    public init() {}

    /// The most lines the log keeps.
    public static let logCapacity = 2_000

    /// Adds a note unless the log already ends with it: Tab pressed again lists the same
    /// completions once.
    public mutating func appendOnce(_ note: String) {
        if log.last != LogLine(note, .note) { append(note, .note) }
    }

    public mutating func append(_ text: String, _ kind: LogLine.Kind) {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            log.append(LogLine(String(line), kind))
        }
        if log.count > Self.logCapacity { log.removeFirst(log.count - Self.logCapacity) }
        logScroll = 0
    }
}
