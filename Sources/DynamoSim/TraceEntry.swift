import DynamoCore

/// One line of the cluster's trace: a message delivered or dropped, something a node did, or a
/// change an operator made.
public struct TraceEntry: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case delivered(from: NodeID, to: NodeID, TracedMessage)
        case dropped(from: NodeID, to: NodeID, TracedMessage, reason: String)
        case node(NodeID, NodeEvent)
        /// A timer fired, traced only while `step` runs events one by one; `ignored` when it
        /// was set by a life of the node that has ended (it is down, or restarted since).
        case timer(NodeID, TimerID, ignored: Bool)
        /// A client's request reached its coordinator, traced only while `step` runs events
        /// one by one: `operation` is put, get or delete.
        case request(to: NodeID, client: String, operation: String, key: String)
        case action(String)
    }

    /// Its place among every entry the cluster recorded, from 1.
    public let sequence: Int
    public let time: Millis
    public let kind: Kind

    /// Routine traffic that drowns the interesting lines: gossip and Merkle exchanges that agree,
    /// and the periodic rounds' timers (and any a node's earlier life set) that `step` shows.
    public var isBackground: Bool {
        switch kind {
        case .delivered(_, _, let message), .dropped(_, _, let message, _): message.kind.isRoutine
        case .timer(_, let timer, let ignored): ignored || [.gossip, .handoff, .antiEntropy].contains(timer)
        default: false
        }
    }

    /// A node's change of belief about a peer, told by its gossip round.
    public var isBelief: Bool {
        if case .node(_, .believes) = kind { true } else { false }
    }

    /// `1.234s node1 → node3 store cart`, the form the `trace` command prints.
    public var description: String { text(showingKeys: { $0 }) }

    /// What happened, without the time: `node1 → node3 store cart`.
    public var body: String { body(showingKeys: { $0 }) }

    /// The description, with each key written by `show` (the lab quotes those that need it).
    public func text(showingKeys show: (String) -> String) -> String {
        "\(Self.format(time)) \(body(showingKeys: show))"
    }

    /// The body, with each key written by `show`.
    public func body(showingKeys show: (String) -> String) -> String {
        switch kind {
        case .delivered(let from, let to, let message): "\(from) → \(to) \(message.text(showingKey: show))"
        case .dropped(let from, let to, let message, let reason):
            "\(from) ⇸ \(to) \(message.text(showingKey: show)) dropped: \(reason)"
        case .node(let node, let event):
            "\(node) \(event.text(at: node, showingKeys: show))" + Self.since(event)
        case .request(let node, let client, let operation, let key): "\(client) → \(node) \(operation) \(show(key))"
        case .timer(let node, let timer, let ignored):
            "\(node) timer: \(Self.purpose(of: timer))" + (ignored ? " (set before \(node) went down: ignored)" : "")
        case .action(let text): text
        }
    }

    /// When a change of belief took effect and, for a suspicion, the silence that brought it:
    /// ` since 7.009s: no new heartbeat for 5s`; nothing for other events.
    private static func since(_ event: NodeEvent) -> String {
        guard case .believes(_, let status, _, let since, let silence) = event else { return "" }
        return " since \(format(since))" + (status == .up ? "" : ": no new heartbeat for \(DurationText.of(silence))")
    }

    /// What a timer is for, as `step` shows it: `gossip round`, `request 3's deadline`.
    static func purpose(of timer: TimerID) -> String {
        switch timer {
        case .replicas: "replica deadline (any replica still silent is replaced)"
        case .forward(let request): "request \(request)'s forward deadline"
        case .heldForward(let request): "hold on forwarded request \(request) ends (dropped unless confirmed)"
        case .request(let request): "request \(request)'s deadline"
        case .handoff: "hand-off round"
        case .gossip: "gossip round"
        case .antiEntropy: "anti-entropy round"
        }
    }

    /// Virtual time as `12.345s`.
    public static func format(_ time: Millis) -> String {
        let seconds = time / 1000, millis = time % 1000
        let padded = String(millis)
        return "\(seconds).\(String(repeating: "0", count: 3 - padded.count))\(padded)s"
    }
}

/// What the trace keeps of a message: its kind, its key and the owner of a hint, but not its
/// versions, so that recording a delivery copies a few words and keeps nothing alive.
public struct TracedMessage: Sendable, Equatable, CustomStringConvertible {
    public let kind: Message.Kind
    public let key: String?
    /// The owner a hinted `store` stands in for.
    public let hintFor: NodeID?

    public init(_ message: borrowing Message) {
        kind = message.kind
        key = message.key
        hintFor = message.hintFor
    }

    /// `store cart (hint for node2)`, as trace lines show it.
    public var description: String { text(showingKey: { $0 }) }

    /// The description, with the key written by `show` (the lab quotes one that needs it).
    public func text(showingKey show: (String) -> String) -> String {
        var text = kind.description
        if let key { text += " " + show(key) }
        if let hintFor { text += " (hint for \(hintFor))" }
        return text
    }
}

extension Message.Kind {
    /// Gossip and the first, usually agreeing, step of a Merkle exchange: what screens leave
    /// out unless asked.
    public var isRoutine: Bool {
        switch self {
        case .gossip, .gossipReply, .treeAgrees: true
        case .treeLevel(let level): level == 0
        default: false
        }
    }
}
