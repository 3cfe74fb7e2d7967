/// The most recent entries of a trace, oldest first, at most `capacity` of them.
///
/// Once full, a new entry takes the place of the oldest: the trace records every message, so
/// appending moves one entry into place and frees one, and nothing else.
public struct TraceRing: RandomAccessCollection, Sendable {
    private var storage: [TraceEntry] = []
    /// Where in `storage` the oldest entry is; 0 until the ring is full.
    private var oldest = 0

    /// How many entries are kept; setting it keeps the most recent that fit.
    public var capacity: Int {
        didSet {
            precondition(capacity > 0, "a trace keeps at least one entry")
            storage = Array(suffix(capacity))
            oldest = 0
        }
    }

    public init(capacity: Int) {
        precondition(capacity > 0, "a trace keeps at least one entry")
        self.capacity = capacity
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }

    public subscript(position: Int) -> TraceEntry {
        let index = oldest + position
        return storage[index < storage.count ? index : index - storage.count]
    }

    mutating func append(_ entry: consuming TraceEntry) {
        if storage.count < capacity {
            storage.append(entry)
        } else {
            storage[oldest] = entry
            oldest = oldest + 1 == capacity ? 0 : oldest + 1
        }
    }
}
