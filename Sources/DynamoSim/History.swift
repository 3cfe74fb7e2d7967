import DynamoCore

/// One client operation as the cluster saw it: when it was invoked and completed, and what came
/// back. The history is what `audit` and `explore` check the cluster's promises against.
public struct Operation: Sendable, Equatable {
    public enum Outcome: Sendable, Equatable {
        /// Still waiting for the coordinator.
        case pending
        /// An acknowledged write: the version the coordinator made.
        case written(Version)
        /// A read: the siblings returned.
        case read([Version])
        case failed(String)
    }

    public let id: RequestID
    public let client: String
    public let key: String
    /// The value written, or nil for a read.
    public let value: Value?
    public let invokedAt: Millis
    public let completedAt: Millis?
    public let outcome: Outcome
}

/// Every client operation, in invocation order: request `n` is at `n - 1`.
///
/// Kept in chunks of a fixed size rather than one array, so that a history of millions of
/// operations is not copied as it grows: a growing array copies itself into fresh memory at
/// every doubling, and the page faults of that growth were most of a long run's. Each operation
/// is kept in 96 bytes rather than an `Operation`'s 136 (`Record`), as the memory a long run's
/// history takes is most of what the run touches for the first time.
public struct History: RandomAccessCollection, Sendable {
    private static let chunkBits = 12
    private static let chunkSize = 1 << chunkBits
    private var chunks: [[Record]] = []
    /// Every client named so far, in order of first appearance.
    private var clients: [String] = []
    public private(set) var endIndex = 0

    public var startIndex: Int { 0 }

    public subscript(position: Int) -> Operation {
        let record = chunks[position >> Self.chunkBits][position & (Self.chunkSize - 1)]
        return record.operation(id: RequestID(position + 1), client: clients[Int(record.client)])
    }

    /// Opens the entry of the next request, which has the number `count + 1`.
    mutating func append(client: String, key: String, value: Value?, invokedAt: Millis) {
        if endIndex & (Self.chunkSize - 1) == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        // Clients are few, and most runs have one: the newest is looked at first.
        let number = clients.last == client ? clients.count - 1 : clients.firstIndex(of: client) ?? clients.count
        if number == clients.count { clients.append(client) }
        chunks[chunks.count - 1].append(Record(key: key, value: value, invokedAt: invokedAt, client: UInt32(number)))
        endIndex += 1
    }

    /// Completes the entry at `position` with `outcome` at `time`, unless it is completed already.
    mutating func complete(_ position: Int, at time: Millis, with outcome: ClientReply.Outcome) {
        guard indices.contains(position) else { return }
        chunks[position >> Self.chunkBits][position & (Self.chunkSize - 1)].complete(at: time, with: outcome)
    }
}

/// An operation as the history keeps it: its client as a number, and the version a write made
/// as its dot, context and timestamp, since its value is the operation's.
private struct Record: Sendable {
    enum Outcome: Sendable {
        case pending
        case written(context: VectorClock, dot: Dot, timestamp: Int64)
        case read([Version])
        case failed(String)
    }

    /// While the operation is pending.
    static let notCompleted: Millis = -1

    let key: String
    let value: Value?
    let invokedAt: Millis
    var completedAt = notCompleted
    var outcome = Outcome.pending
    /// Last, where it fills what would be padding after the outcome.
    let client: UInt32

    init(key: String, value: Value?, invokedAt: Millis, client: UInt32) {
        self.key = key
        self.value = value
        self.invokedAt = invokedAt
        self.client = client
    }

    mutating func complete(at time: Millis, with outcome: ClientReply.Outcome) {
        guard completedAt == Self.notCompleted else { return }
        completedAt = time
        switch outcome {
        case .written(let version, _, _):
            assert(version.value == value, "a write's version holds the value it was asked to write")
            self.outcome = .written(context: version.context, dot: version.dot, timestamp: version.timestamp)
        case .read(let siblings, _, _): self.outcome = .read(siblings)
        case .failed(let reason): self.outcome = .failed(reason)
        }
    }

    func operation(id: RequestID, client: String) -> Operation {
        let outcome: Operation.Outcome
        switch self.outcome {
        case .pending: outcome = .pending
        case .written(let context, let dot, let timestamp):
            outcome = .written(Version(value: value!, dot: dot, context: context, timestamp: timestamp))
        case .read(let siblings): outcome = .read(siblings)
        case .failed(let reason): outcome = .failed(reason)
        }
        return Operation(id: id, client: client, key: key, value: value, invokedAt: invokedAt,
                         completedAt: completedAt == Self.notCompleted ? nil : completedAt, outcome: outcome)
    }
}

extension Cluster {
    /// Every acknowledged write in the history, in invocation order.
    public var acknowledgedWrites: [(operation: Operation, version: Version)] {
        history.compactMap { operation in
            if case .written(let version) = operation.outcome { return (operation, version) }
            return nil
        }
    }
}
