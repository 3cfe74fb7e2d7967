/// How the coordinator stamps versions and how replicas decide which versions survive.
public struct VersioningPolicy: Hashable, Sendable {
    /// Dotted version vectors, or the plain per-node vector clocks of the paper.
    public enum ClockMode: String, Sendable, CaseIterable {
        /// Each version keeps its dot apart from its context: no acknowledged write is lost.
        case dotted = "dvv"
        /// The paper's clocks: the coordinator increments its entry in the client's context.
        case vectorClock = "vv"
    }

    /// What a replica keeps when versions conflict.
    public enum ConflictMode: String, Sendable, CaseIterable {
        /// Keep every concurrent version and let the reader reconcile (section 4.4).
        case siblings
        /// Keep only the version with the latest wall-clock timestamp.
        case lastWriteWins = "lww"
    }

    public var clocks: ClockMode = .dotted
    public var conflicts: ConflictMode = .siblings
    /// Clock entries kept before the oldest is dropped (section 4.4) [10].
    public var clockMax: Int = 10

    public init() {}
}
