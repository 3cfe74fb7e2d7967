/// A vector clock: one (actor, counter) pair per coordinator that wrote the object, each with the
/// wall-clock time of its last update (the paper, section 4.4). An actor is a node in one life of
/// its store (see `ActorID`).
public struct VectorClock: Hashable, Sendable, CustomStringConvertible {
    public struct Entry: Hashable, Sendable {
        public let actor: ActorID
        public var counter: UInt64
        /// The coordinator's wall-clock milliseconds when it last advanced this entry; used only
        /// to pick which entry truncation drops.
        public var timestamp: Int64
    }

    /// Entries sorted by actor, at most one per actor.
    public private(set) var entries: [Entry]

    public init() { entries = [] }

    public init(_ pairs: [(NodeID, UInt64)], timestamp: Int64 = 0) {
        entries = []
        for (node, counter) in pairs { advance(ActorID(node), to: counter, at: timestamp) }
    }

    public static let empty = VectorClock()

    public var isEmpty: Bool { entries.isEmpty }

    /// The counter recorded for `actor`, zero when absent.
    public subscript(actor: ActorID) -> UInt64 {
        entries.first { $0.actor == actor }?.counter ?? 0
    }

    /// Raises `actor`'s entry to `counter` (never lowers it), stamping it with `timestamp`.
    public mutating func advance(_ actor: ActorID, to counter: UInt64, at timestamp: Int64) {
        if let index = entries.firstIndex(where: { $0.actor >= actor }), entries[index].actor == actor {
            if counter > entries[index].counter {
                entries[index].counter = counter
                entries[index].timestamp = timestamp
            }
        } else {
            let index = entries.firstIndex { $0.actor > actor } ?? entries.count
            entries.insert(Entry(actor: actor, counter: counter, timestamp: timestamp), at: index)
        }
    }

    /// True when this clock has seen the event `dot`.
    public func covers(_ dot: Dot) -> Bool { self[dot.actor] >= dot.counter }

    /// True when every entry of `other` is at most this clock's (equal clocks descend each other).
    public func descends(_ other: VectorClock) -> Bool {
        other.entries.allSatisfy { self[$0.actor] >= $0.counter }
    }

    /// Neither clock descends the other: the versions are in conflict (section 4.4).
    public func isConcurrent(with other: VectorClock) -> Bool {
        !descends(other) && !other.descends(self)
    }

    /// The least clock descending both: the per-actor maximum.
    public func merged(with other: VectorClock) -> VectorClock {
        var result = self
        for entry in other.entries { result.advance(entry.actor, to: entry.counter, at: entry.timestamp) }
        return result
    }

    /// Drops the oldest entries by timestamp until at most `limit` remain (section 4.4: "when the
    /// number of (node, counter) pairs in the vector clock reaches a threshold, the oldest pair is
    /// removed"; a clock may hold `limit` pairs, and one more is over the threshold). `kept`'s
    /// entry is never dropped, even past `limit`: its node is writing, so its pair is about to be
    /// the newest. Ties on timestamp drop the lower actor first, so the result is deterministic.
    public func truncated(to limit: Int, keeping kept: ActorID? = nil) -> VectorClock {
        guard entries.count > limit else { return self }
        let limit = max(limit, kept.map { self[$0] > 0 ? 1 : 0 } ?? 0)
        guard entries.count > limit else { return self }
        let dropped = Set(
            entries.filter { $0.actor != kept }
                .sorted { ($0.timestamp, $0.actor) < ($1.timestamp, $1.actor) }
                .prefix(entries.count - limit).map(\.actor))
        var result = self
        result.entries.removeAll { dropped.contains($0.actor) }
        return result
    }

    /// `{node1:2 node4:1}`, the form every screen uses.
    public var description: String {
        "{" + entries.map { "\($0.actor):\($0.counter)" }.joined(separator: " ") + "}"
    }
}
