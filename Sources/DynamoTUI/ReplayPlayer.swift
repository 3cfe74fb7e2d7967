import DynamoLab

/// Plays a lesson at reading pace: one line at a time, each followed by a pause long enough
/// to read what it showed, and at `pause` a stop until Enter. Pure: the caller passes the
/// time, runs each line it is given and reports back.
public struct ReplayPlayer: Sendable {
    /// A line of the script to run now, with its one-based line number.
    public struct Line: Equatable, Sendable {
        public let text: String
        public let number: Int
    }

    public enum State: Equatable, Sendable {
        /// The next line runs at this time.
        case due(at: Double)
        /// A line is running (a request travelling, a `wait` played live).
        case busy
        /// Stopped at `pause` until Enter.
        case waitingForEnter
        /// Every line has run.
        case finished
        /// A line was refused: the lesson stops there, as a script would.
        case stopped(line: Int)
    }

    /// Seconds before the first line, so the screen can be taken in.
    public static let firstDelay = 1.0
    /// Seconds between the lines of a run of one command (a lesson writing 300 keys): the run
    /// reads as one step, and only its last line waits to be read.
    public static let runPace = 0.05

    public let name: String
    private let lines: [String]
    private var index = 0
    public private(set) var state: State
    /// The number of the last line given out.
    public private(set) var lineNumber = 0
    /// The lesson's `expect` lines run so far, and how many of them failed.
    public private(set) var checks = 0
    public private(set) var failures = 0
    /// Someone typed `pause` while a line ran: stop for Enter once it ends.
    private var holding = false
    /// Enter came during a run of one command: the rest of the run plays with no pace.
    public private(set) var isRushing = false
    /// The command of the line given out last.
    private var lastCommand: String?

    public init(_ script: Script, at now: Double) {
        name = script.name.split(separator: "/").last.map(String.init) ?? script.name
        lines = script.lines
        state = .due(at: now + Self.firstDelay)
    }

    public var isOver: Bool {
        switch state {
        case .finished, .stopped: true
        default: false
        }
    }

    /// `lesson.dlab 12/30`, for the status bar.
    public var progress: String {
        let place = "\(name) \(lineNumber)/\(lines.count)"
        return state == .waitingForEnter || holding ? place + " · paused: Enter goes on" : place
    }

    /// The next line to run, if one is due at `now`; the player is then busy until `ran`.
    /// Blank lines and comments are skipped.
    public mutating func next(at now: Double) -> Line? {
        guard case .due(let at) = state, now >= at else { return nil }
        while index < lines.count {
            let text = lines[index]
            index += 1
            let trimmed = text.drop { $0.isWhitespace }
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            lineNumber = index
            state = .busy
            return Line(text: text, number: index)
        }
        state = .finished
        return nil
    }

    /// The line given out has finished: `command` is its name, `output` what it showed.
    public mutating func ran(_ command: String, output: String, refused: Bool, at now: Double) {
        lastCommand = command
        if refused {
            state = .stopped(line: lineNumber)
        } else if command == "pause" || holding {
            holding = false
            isRushing = false
            state = .waitingForEnter
        } else if inRun {
            state = .due(at: isRushing ? now : now + Self.runPace)
        } else {
            isRushing = false
            state = .due(at: now + Self.readingTime(command: command, output: output))
        }
    }

    /// The line given out last and the next are of one command, neither a caption nor a check.
    private var inRun: Bool {
        guard let lastCommand, !["say", "expect"].contains(lastCommand) else { return false }
        return upcomingCommand == lastCommand
    }

    /// The command word of the next line to run, lowercased; nil at the end.
    private var upcomingCommand: String? {
        lines[index...].lazy.map { $0.drop { $0.isWhitespace } }.first { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { $0.prefix { !$0.isWhitespace }.lowercased() }
    }

    /// The line given out was an `expect`: record whether it held.
    public mutating func checked(held: Bool) {
        checks += 1
        if !held { failures += 1 }
    }

    /// What the headless run prints at the end: `✗ 1 of 3 expectations failed`, or nil when
    /// the lesson checked nothing.
    public var summary: String? { ScriptRunner.summary(checks: checks, failures: failures) }

    /// Enter: go on now, after a pause or cutting a reading delay short, and within a run of one
    /// command (a lesson writing 300 keys) to its end at once; while a line runs, forget a hold
    /// asked for meanwhile.
    public mutating func proceed(at now: Double) {
        switch state {
        case .due:
            isRushing = inRun
            state = .due(at: now)
        case .waitingForEnter: state = .due(at: now)
        case .busy: holding = false
        default: break
        }
    }

    /// A line typed between the lesson's ran, or someone scrolled a long answer: it stays its
    /// reading time from now before the lesson's next line replaces it.
    public mutating func typed(_ command: String, output: String, at now: Double) {
        guard case .due(let at) = state else { return }
        state = .due(at: max(at, now + Self.readingTime(command: command, output: output)))
    }

    /// `pause` typed during the lesson: stop until Enter, at once between lines, or when the
    /// line running ends.
    public mutating func hold() {
        switch state {
        case .due: state = .waitingForEnter
        case .busy: holding = true
        default: break
        }
    }

    /// How long a line's outcome stays before the next line: a caption long enough to read
    /// at about 200 words a minute, other output by its number of lines.
    public static func readingTime(command: String, output: String) -> Double {
        switch command {
        case "say":
            let words = output.split(whereSeparator: \.isWhitespace).count
            return min(max(2 + Double(words) * 0.3, 3), 12)
        case "expect":
            return 1.5
        default:
            let lines = output.split(separator: "\n").count
            return min(1.5 + Double(lines) * 0.5, 6)
        }
    }
}
