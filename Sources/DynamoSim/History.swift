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
    public internal(set) var completedAt: Millis?
    public internal(set) var outcome: Outcome = .pending
}

/// Every client operation, in invocation order: request `n` is at `n - 1`.
///
/// Kept in chunks of a fixed size rather than one array, so that a history of millions of
/// operations is not copied as it grows: a growing array copies itself into fresh memory at
/// every doubling, and the page faults of that growth were most of a long run's.
public struct History: RandomAccessCollection, Sendable {
    private static let chunkBits = 12
    private static let chunkSize = 1 << chunkBits
    private var chunks: [[Operation]] = []
    public private(set) var endIndex = 0

    public var startIndex: Int { 0 }

    public internal(set) subscript(position: Int) -> Operation {
        _read { yield chunks[position >> Self.chunkBits][position & (Self.chunkSize - 1)] }
        _modify { yield &chunks[position >> Self.chunkBits][position & (Self.chunkSize - 1)] }
    }

    mutating func append(_ operation: Operation) {
        if endIndex & (Self.chunkSize - 1) == 0 {
            chunks.append([])
            chunks[chunks.count - 1].reserveCapacity(Self.chunkSize)
        }
        chunks[chunks.count - 1].append(operation)
        endIndex += 1
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
