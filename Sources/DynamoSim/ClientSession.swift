import DynamoCore

/// A named client: what it has read. A put sends the context that this client's last `get`
/// of the key returned (the paper, section 4.1: `put(key, context, object)`), never one from
/// its own earlier puts, so two puts after one stale read become siblings.
public struct ClientSession: Sendable, Equatable {
    public let name: String
    private var contexts: [String: VectorClock] = [:]

    public init(name: String) { self.name = name }

    public func context(for key: String) -> VectorClock { contexts[key] ?? .empty }

    public mutating func remember(_ context: VectorClock, for key: String) { contexts[key] = context }

    /// Keys this client holds a context for, sorted.
    public var keys: [String] { contexts.keys.sorted() }
}
