import DynamoCore

/// One line of the cluster's trace: a message delivered or dropped, something a node did, or a
/// change an operator made.
public struct TraceEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case delivered(from: NodeID, to: NodeID, Message)
        case dropped(from: NodeID, to: NodeID, Message, reason: String)
        case node(NodeID, NodeEvent)
        case action(String)
    }

    /// Its place among every entry the cluster recorded, from 1.
    public let sequence: Int
    public let time: Millis
    public let kind: Kind

    /// Routine traffic that drowns the interesting lines: gossip and Merkle exchanges that agree.
    public var isBackground: Bool {
        switch kind {
        case .delivered(_, _, let message), .dropped(_, _, let message, _): message.isRoutine
        default: false
        }
    }

    /// `1.234s node1 → node3 store cart`, the form the `trace` command prints.
    public var description: String { "\(Self.format(time)) \(body)" }

    /// What happened, without the time: `node1 → node3 store cart`.
    public var body: String {
        switch kind {
        case .delivered(let from, let to, let message): "\(from) → \(to) \(Self.describe(message))"
        case .dropped(let from, let to, let message, let reason): "\(from) ⇸ \(to) \(Self.describe(message)) dropped: \(reason)"
        case .node(let node, let event): "\(node) \(event.description)"
        case .action(let text): text
        }
    }

    public static func describe(_ message: Message) -> String {
        let hint: String
        if case .store(_, _, _, let owner?) = message { hint = " (hint for \(owner))" } else { hint = "" }
        return message.kind + (message.key.map { " " + $0 } ?? "") + hint
    }

    /// Virtual time as `12.345s`.
    public static func format(_ time: Millis) -> String {
        let seconds = time / 1000, millis = time % 1000
        let padded = String(millis)
        return "\(seconds).\(String(repeating: "0", count: 3 - padded.count))\(padded)s"
    }
}

extension Message {
    /// Gossip and the first, usually agreeing, step of a Merkle exchange: what screens leave
    /// out unless asked.
    public var isRoutine: Bool {
        switch self {
        case .gossip, .gossipReply, .treeAgrees: true
        case .treeLevel(_, _, let level, _): level == 0
        default: false
        }
    }
}
