/// One Dynamo storage node as a pure state machine.
///
/// `handle(_:now:)` takes one input (a client request, a message, a timer) and returns the
/// effects it asks for (messages to send, timers to set, replies to clients, trace events).
/// A node never reads a clock, draws a random number or does I/O, so the simulator can run a
/// whole cluster deterministically and the same node could run over a real network.
public struct Node: Sendable {
    public let id: NodeID
    /// This node's view of the ring (the paper, section 4.2).
    public var ring: Ring
    public var settings: NodeSettings
    /// Durable state: survives `kill`, lost by `wipe`.
    public internal(set) var store = Store()
    public internal(set) var hints = HintStore()
    /// Volatile state: lost when the process restarts.
    public internal(set) var detector = FailureDetector()
    var writes: [RequestID: PendingWrite] = [:]
    var reads: [RequestID: PendingRead] = [:]
    var forwards: [RequestID: PendingForward] = [:]

    public init(id: NodeID, ring: Ring, settings: NodeSettings) {
        self.id = id
        self.ring = ring
        self.settings = settings
    }

    /// Requests this node is coordinating or has forwarded and not yet finished.
    public var pendingRequests: Int { writes.count + reads.count + forwards.count }

    public mutating func handle(_ input: Input, now: Millis) -> [Effect] {
        var effects: [Effect] = []
        switch input {
        case .start:
            detector = FailureDetector()
            writes = [:]
            reads = [:]
            forwards = [:]
            effects.append(.setTimer(.handoff, after: settings.handoffInterval))
        case .client(let request):
            coordinate(request, replyTo: nil, now: now, effects: &effects)
        case .message(let peer, let message):
            detector.heard(from: peer)
            receive(message, from: peer, now: now, effects: &effects)
        case .timer(.replica(let request)):
            replicaDeadline(request, now: now, effects: &effects)
        case .timer(.forward(let request)):
            forwardDeadline(request, now: now, effects: &effects)
        case .timer(.request(let request)):
            requestDeadline(request, effects: &effects)
        case .timer(.handoff):
            offerHints(now: now, effects: &effects)
        }
        return effects
    }

    /// A permanent failure: the node comes back with empty stores (the paper, section 4.7).
    public mutating func wipe() {
        store = Store()
        hints = HintStore()
    }

    /// The nodes met walking clockwise from `key`: the first N are its preference list.
    func walk(for key: String) -> [NodeID] {
        ring.walk(from: .of(key: key))
    }

    /// Sends `reply` to the client, or back to the node the client called when this request
    /// was forwarded here.
    func answer(_ reply: ClientReply, replyTo: NodeID?, effects: inout [Effect]) {
        if let replyTo {
            effects.append(.send(to: replyTo, .forwardedReply(reply)))
        } else {
            effects.append(.reply(reply))
        }
    }
}
