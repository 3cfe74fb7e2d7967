import DynamoCore

/// The state a `Cluster` runs on, and its event loop: the nodes, the network, the event queue,
/// the history and the trace.
///
/// A value type, so the loop reads and writes it with no runtime exclusivity checks: the
/// cluster object that owns it is entered once per request, not once per field an event touches.
/// It cannot be copied, as its event queue owns its memory.
struct Simulation: ~Copyable {
    var now: Millis = 0
    var network = Network()
    var nodes: [Node]
    /// Whether each node's process is running.
    var alive: [Bool]
    /// Bumped at every restart so timers set by an earlier life are ignored.
    var incarnations: [Int]
    var queue = EventQueue()
    var networkRandom: SimRandom
    /// Answers that arrived for requests nobody is waiting on yet (`Cluster.submit`).
    var replies: [RequestID: ClientReply] = [:]
    /// The request `answer(to:patience:)` is running the cluster for, until its answer arrives
    /// in `awaitedReply`: kept out of `replies`, so the common case hashes nothing.
    private var awaited: RequestID?
    private var awaitedReply: ClientReply?
    /// Reused for every input's effects.
    private var effects = Effects()
    /// The key last prefetched, with its hash.
    private var prefetched = HashedKey("")
    /// Every client operation, in invocation order: request `n` is at `n - 1`.
    var history = History()

    var trace = TraceRing(capacity: 1_000)
    var routineTrace = TraceRing(capacity: 200)
    var traceSequence = 0
    var tracing = true
    /// Whether timers firing and requests reaching their coordinators are traced too, which
    /// `step` asks for so that it shows every event it runs: otherwise each shows only in the
    /// messages it leads to.
    var tracingEveryEvent = false
    /// Exchanges an operator's `sync` opened that never reached their peer, by peer and why:
    /// it was down or cut off, or the message was lost, though the node opening them believed
    /// it up.
    var syncOpeningsUnreached: [NodeID: [DropCause: Int]] = [:]

    init(nodes: [Node], networkRandom: SimRandom) {
        self.nodes = nodes
        self.networkRandom = networkRandom
        alive = Array(repeating: true, count: nodes.count)
        incarnations = Array(repeating: 0, count: nodes.count)
    }

    func isAlive(_ node: NodeID) -> Bool { alive[node.index - 1] }

    /// A node's wall clock: virtual time moved by its skew.
    func localTime(_ node: NodeID) -> Millis { network.skew.isEmpty ? now : now + (network.skew[node] ?? 0) }

    // MARK: The loop

    /// Runs every event due up to `deadline`, then sets the clock there.
    mutating func advance(to deadline: Millis) {
        while let next = queue.nextTime, next <= deadline { step() }
        now = max(now, deadline)
    }

    /// Runs the next event; false when none is pending.
    @discardableResult
    mutating func step() -> Bool {
        guard let time = queue.nextTime else { return false }
        now = max(now, time)
        let event = queue.removeNext()
        switch consume event {
        case .deliver(let from, let to, let message):
            if !isAlive(to) {
                drop(message, from: from, to: to, because: .down)
            } else if network.isCut(from: from, to: to) {
                drop(message, from: from, to: to, because: .cutOff)
            } else {
                record(.delivered(from: from, to: to, TracedMessage(message)))
                deliver(.message(from: from, message), to: to)
            }
        case .timer(let node, let incarnation, let timer):
            let current = isAlive(node) && incarnations[node.index - 1] == incarnation
            if tracingEveryEvent { record(.timer(node, timer, ignored: !current)) }
            if current { deliver(.timer(timer), to: node) }
        case .client(let node, let request):
            if tracingEveryEvent {
                let client = history[Int(request.id) - 1].client
                let operation = switch request.operation {
                case .get: "get"
                case .put(.tombstone, _): "delete"
                case .put: "put"
                }
                record(.request(to: node, client: client, operation: operation, key: request.key))
            }
            if isAlive(node) {
                deliver(.client(request), to: node)
            } else {
                let reply = ClientReply(id: request.id, key: request.key, coordinator: node,
                                        outcome: .failed(reason: ClusterError.nodeDown(node).description))
                complete(reply)
                keep(reply)
            }
        }
        return true
    }

    // MARK: Effects

    mutating func deliver(_ input: consuming Input, to id: NodeID) {
        nodes[id.index - 1].handle(input, now: now, wallClock: localTime(id), into: &effects)
        while let effect = effects.popFirst() { apply(effect, from: id) }
    }

    /// Inlined into `deliver`, its one caller, which then hands it each effect where it took it
    /// out of the buffer, and lets the compiler inline what it calls in turn, which it did not
    /// in a function of its own: 1.5 % of the request path's instructions.
    @inline(__always)
    private mutating func apply(_ effect: consuming Effect, from id: NodeID) {
        switch consume effect {
        case .send(let to, let message):
            let lossRate = network.lossRate(from: id, to: to)
            if network.isCut(from: id, to: to) {
                drop(message, from: id, to: to, because: .cutOff)
            } else if lossRate > 0, Double.random(in: 0..<1, using: &networkRandom) < lossRate {
                drop(message, from: id, to: to, because: .lost)
            } else {
                let delay = Millis.random(in: network.latency, using: &networkRandom)
                // The receiver will look the key up a few events from now: its store is far larger
                // than the cache, so start loading the entry at once, and the wait overlaps the
                // events between (a lookup's cache miss was a sixth of the request path's time).
                if let key = message.requestPathKey { prefetch(key, at: to) }
                queue.schedule(.deliver(from: id, to: to, message), at: now + delay)
            }
        case .setTimer(let timer, let after):
            queue.schedule(.timer(id, incarnation: incarnations[id.index - 1], timer), at: now + after)
        case .reply(let reply):
            complete(reply)
            keep(reply)
        case .trace(let event):
            record(.node(id, event))
        }
    }

    /// Starts loading the store entry where `node` will look `key` up (`Store.prefetch`). A
    /// request's key is prefetched at its coordinator and then at each replica: it is hashed once.
    private mutating func prefetch(_ key: String, at node: NodeID) {
        if key != prefetched.key { prefetched = HashedKey(key) }
        nodes[node.index - 1].prefetch(prefetched)
    }

    /// Traces a message that will never arrive, and counts it when it opened an exchange of `sync`.
    private mutating func drop(_ message: borrowing Message, from: NodeID, to: NodeID, because cause: DropCause) {
        if case .treeLevel(let exchange, _, 0, _) = copy message, exchange.byHand { syncOpeningsUnreached[to, default: [:]][cause, default: 0] += 1 }
        let reason = switch cause {
        case .down: "\(to) is down"
        case .cutOff: "link cut"
        case .lost: "lost"
        }
        record(.dropped(from: from, to: to, TracedMessage(message), reason: reason))
    }

    /// The largest cluster whose nodes' changes of belief go with the entries `trace` shows;
    /// in a larger one they go with the routine ones, as one failure told by every other node
    /// would push everything else out (and the Nodes panel gives a column per peer up to this
    /// size too).
    static let beliefsTracedUpTo = 16

    mutating func record(_ kind: consuming TraceEntry.Kind) {
        guard tracing else { return }
        traceSequence += 1
        let entry = TraceEntry(sequence: traceSequence, time: now, kind: kind)
        if entry.isBackground || (entry.isBelief && nodes.count > Self.beliefsTracedUpTo) {
            routineTrace.append(consume entry)
        } else {
            trace.append(consume entry)
        }
    }

    // MARK: Client requests

    /// The number the next client request gets: requests are numbered in order from 1.
    var nextRequest: RequestID { RequestID(history.count + 1) }

    /// Queues `request`, numbered `nextRequest`, for its coordinator now and opens its history
    /// entry. A caller `running` the cluster next has the coordinator take it at once when
    /// nothing else is due by now: it is the event that would run next, and one event fewer
    /// passes through the queue.
    mutating func submit(_ request: ClientRequest, to coordinator: NodeID, client: String, running: Bool) {
        precondition(request.id == nextRequest, "requests are numbered in order from 1")
        var value: Value?
        if case .put(let written, _) = request.operation { value = written }
        history.append(client: client, key: request.key, value: value, invokedAt: now)
        // The coordinator looks the key up once it has found its preference list and opened the
        // request: a little of the load overlaps that.
        prefetch(request.key, at: coordinator)
        if running, isAlive(coordinator), queue.nextTime.map({ $0 > now }) ?? true {
            deliver(.client(request), to: coordinator)
        } else {
            queue.schedule(.client(coordinator, request), at: now)
        }
    }

    /// Runs the cluster until the answer to `request` arrives, for at most `patience`, and
    /// takes the answer.
    mutating func answer(to request: RequestID, patience: Millis) -> ClientReply? {
        if !replies.isEmpty, let early = replies.removeValue(forKey: request) { return early }
        awaited = request
        let limit = now + patience
        while awaited != nil, let next = queue.nextTime, next <= limit { step() }
        awaited = nil
        return awaitedReply.take()
    }

    /// Holds an answer for whoever takes it.
    private mutating func keep(_ reply: consuming ClientReply) {
        if reply.id == awaited {
            awaited = nil
            awaitedReply = reply
        } else {
            replies[reply.id] = reply
        }
    }

    // MARK: History

    /// Completes the history entry of an answered request, once.
    private mutating func complete(_ reply: ClientReply) {
        history.complete(Int(reply.id) - 1, at: now, with: reply.outcome)
    }
}
