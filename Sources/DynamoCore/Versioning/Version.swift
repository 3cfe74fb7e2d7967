/// What a version holds: a value, or a tombstone left by a delete. The paper's interface is
/// `get` and `put` (section 4.1); a delete here is a put of a tombstone, so that it is versioned,
/// and can be concurrent with a write, like any other (section 4.4's "deleted items can
/// resurface").
public enum Value: Hashable, Sendable {
    case data(String)
    case tombstone

    /// The stored string, or nil for a tombstone.
    public var string: String? {
        if case .data(let text) = self { return text }
        return nil
    }
}

/// One version of an object: its value, the dot of the write that created it, and the causal
/// context that write descended (the client's context from its last read).
public struct Version: Hashable, Sendable {
    /// First, so that comparing versions, which mostly differ in their dots, compares the dots
    /// before the values.
    public let dot: Dot
    public let value: Value
    /// What the write had seen, not including its own dot.
    public let context: VectorClock
    /// The coordinator's wall-clock milliseconds at the write; last-write-wins compares these.
    public let timestamp: Int64

    public init(value: Value, dot: Dot, context: VectorClock, timestamp: Int64) {
        self.value = value
        self.dot = dot
        self.context = context
        self.timestamp = timestamp
    }

    /// The familiar vector clock of this version: its context advanced by its own dot.
    public var clock: VectorClock {
        var clock = context
        clock.advance(dot.actor, to: dot.counter, at: timestamp)
        return clock
    }

    /// `clock[actor]` without building the clock.
    public func counter(of actor: ActorID) -> UInt64 {
        actor == dot.actor ? max(context[actor], dot.counter) : context[actor]
    }

    public var isTombstone: Bool { value == .tombstone }

    /// True when the dot skips counters the clock alone claims were seen (two writes from one
    /// read through one coordinator): the clock then looks as if it descended a sibling it is
    /// concurrent with, and only the dot and the context it saw tell the truth (section 4.4's
    /// clocks, read with the dots of dotted version vectors).
    public var clockOverstatesContext: Bool { dot.counter > context[dot.actor] + 1 }
}
