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

extension Cluster {
    /// Every acknowledged write in the history, in invocation order.
    public var acknowledgedWrites: [(operation: Operation, version: Version)] {
        history.compactMap { operation in
            if case .written(let version) = operation.outcome { return (operation, version) }
            return nil
        }
    }
}
