import DequeModule
import DynamoCore

/// A whole Dynamo cluster in one process: the nodes, the network between them and the event
/// queue. The only owner of time and randomness; nodes see neither.
public final class Cluster {
    public let config: ClusterConfig
    /// The ring every node starts with; clients route by it.
    public internal(set) var ring: Ring
    public private(set) var now: Millis = 0
    public internal(set) var network = Network()
    public private(set) var settings: NodeSettings

    var nodes: [Node]
    /// Whether each node's process is running.
    var alive: [Bool]
    /// Bumped at every restart so timers set by an earlier life are ignored.
    var incarnations: [Int]
    var queue = EventQueue()
    var networkRandom: SimRandom
    var replies: [RequestID: ClientReply] = [:]
    /// Reused for every input's effects.
    private var effects: [Effect] = []
    /// Every client operation, in invocation order.
    public private(set) var history: [Operation] = []
    private var historyIndex: [RequestID: Int] = [:]
    private var nextRequest: RequestID = 0

    /// The most recent client-visible trace entries (requests, faults, hints, repairs), oldest first.
    public private(set) var trace = Deque<TraceEntry>()
    public var traceCapacity = 1_000
    /// The most recent routine entries (`TraceEntry.isBackground`), oldest first: kept apart
    /// so that gossip never pushes the client-visible entries out of `trace`.
    public private(set) var routineTrace = Deque<TraceEntry>()
    public var routineTraceCapacity = 200
    /// How many entries were ever recorded, so a caller can tell which are new.
    public private(set) var traceSequence = 0
    public var tracing = true

    public init(config: ClusterConfig = ClusterConfig()) {
        self.config = config
        settings = config.settings
        let ring = config.makeRing()
        self.ring = ring
        networkRandom = SimRandom(seed: config.seed, stream: "network")
        let members = config.initialMembers()
        nodes = members.map { record in
            Node(id: record.node, members: members, ring: ring, settings: config.settings,
                 random: SimRandom(seed: config.seed, stream: "node-\(record.node.name)"))
        }
        alive = Array(repeating: true, count: nodes.count)
        incarnations = Array(repeating: 0, count: nodes.count)
        for node in nodes { deliver(.start, to: node.id) }
    }

    public var nodeIDs: [NodeID] { nodes.map(\.id) }

    public func isAlive(_ node: NodeID) -> Bool { alive[node.index - 1] }

    /// A node's wall clock: virtual time moved by its skew. Only the timestamps it gives versions
    /// read this; its timers and failure detector run on virtual time.
    public func localTime(_ node: NodeID) -> Millis { now + (network.skew[node] ?? 0) }

    /// A node's state, for snapshots and tests; screens and commands read snapshots instead.
    func node(_ id: NodeID) -> Node { nodes[id.index - 1] }

    public func contains(_ node: NodeID) -> Bool { (1...nodes.count).contains(node.index) }

    public func checkKnown(_ node: NodeID) throws(ClusterError) {
        guard contains(node) else { throw .unknownNode(node, count: nodes.count) }
    }

    /// Changes the tunables of every node at once.
    public func update(_ settings: NodeSettings) {
        self.settings = settings
        for index in nodes.indices { nodes[index].settings = settings }
    }

    // MARK: Time

    /// Runs every event due up to `now + duration`, then sets the clock there.
    public func advance(by duration: Millis) {
        let deadline = now + max(duration, 0)
        while let next = queue.nextTime, next <= deadline { step() }
        now = deadline
    }

    /// Runs the next event; false when none is pending.
    @discardableResult
    public func step() -> Bool {
        guard let (time, event) = queue.popNext() else { return false }
        now = max(now, time)
        switch event {
        case .deliver(let from, let to, let message):
            if !isAlive(to) {
                record(.dropped(from: from, to: to, message, reason: "\(to) is down"))
            } else if network.isCut(from: from, to: to) {
                record(.dropped(from: from, to: to, message, reason: "link cut"))
            } else {
                record(.delivered(from: from, to: to, message))
                deliver(.message(from: from, message), to: to)
            }
        case .timer(let node, let incarnation, let timer):
            if isAlive(node), incarnations[node.index - 1] == incarnation {
                deliver(.timer(timer), to: node)
            }
        case .client(let node, let request):
            if isAlive(node) {
                deliver(.client(request), to: node)
            } else {
                let reply = ClientReply(id: request.id, key: request.key, coordinator: node,
                                        outcome: .failed(reason: ClusterError.nodeDown(node).description))
                replies[request.id] = reply
                complete(reply)
            }
        }
        return true
    }

    /// The virtual time of the next pending event, if any.
    public var nextEventTime: Millis? { queue.nextTime }

    /// Pending timers of one kind that will still fire (those of earlier lives do not).
    func pendingTimers(_ timer: TimerID) -> Int {
        queue.timerCount { node, incarnation, id in
            id == timer && isAlive(node) && incarnations[node.index - 1] == incarnation
        }
    }

    /// Messages on the wire, in arrival order.
    public var inFlight: [(deliverAt: Millis, from: NodeID, to: NodeID, message: Message)] { queue.inFlight }

    // MARK: Effects

    func deliver(_ input: Input, to id: NodeID) {
        effects.removeAll(keepingCapacity: true)
        nodes[id.index - 1].handle(input, now: now, wallClock: localTime(id), into: &effects)
        for effect in effects { apply(effect, from: id) }
    }

    private func apply(_ effect: Effect, from id: NodeID) {
        switch effect {
        case .send(let to, let message):
            let lossRate = network.lossRate(from: id, to: to)
            if network.isCut(from: id, to: to) {
                record(.dropped(from: id, to: to, message, reason: "link cut"))
            } else if lossRate > 0, Double.random(in: 0..<1, using: &networkRandom) < lossRate {
                record(.dropped(from: id, to: to, message, reason: "lost"))
            } else {
                let delay = Millis.random(in: network.latency, using: &networkRandom)
                queue.schedule(.deliver(from: id, to: to, message), at: now + delay)
            }
        case .setTimer(let timer, let after):
            queue.schedule(.timer(id, incarnation: incarnations[id.index - 1], timer), at: now + after)
        case .reply(let reply):
            replies[reply.id] = reply
            complete(reply)
        case .trace(let event):
            record(.node(id, event))
        }
    }

    func record(_ kind: TraceEntry.Kind) {
        guard tracing else { return }
        traceSequence += 1
        let entry = TraceEntry(sequence: traceSequence, time: now, kind: kind)
        if entry.isBackground {
            if routineTrace.count >= routineTraceCapacity { routineTrace.removeFirst() }
            routineTrace.append(entry)
        } else {
            if trace.count >= traceCapacity { trace.removeFirst() }
            trace.append(entry)
        }
    }

    // MARK: Client requests

    /// Sends a request to `coordinator` (or, by default, the first live node of the key's
    /// preference list, as a client library would) and runs the cluster until it answers.
    public func call(_ operation: ClientRequest.Operation, key: String, via coordinator: NodeID? = nil,
                     quorum: Int? = nil, client: String = "client1") throws(ClusterError) -> ClientReply {
        let request = try submit(operation, key: key, via: coordinator, quorum: quorum, client: client)
        let limit = now + settings.clientPatience
        while replies.isEmpty || replies[request.id] == nil, let next = queue.nextTime, next <= limit { step() }
        return takeReply(for: request.id)
            ?? ClientReply(id: request.id, key: key, coordinator: request.coordinator,
                           outcome: .failed(reason: "no answer from \(request.coordinator)"))
    }

    /// Queues a request for its coordinator without running the cluster: time passing
    /// (`advance`, `step`) brings the answer, which `takeReply(for:)` then hands over.
    public func submit(_ operation: ClientRequest.Operation, key: String, via coordinator: NodeID? = nil,
                       quorum: Int? = nil, client: String = "client1") throws(ClusterError) -> (id: RequestID, coordinator: NodeID) {
        let request = ClientRequest(id: nextRequest + 1, key: key, operation: operation, quorum: quorum)
        let target: NodeID
        if let coordinator {
            try checkKnown(coordinator)
            guard isAlive(coordinator) else { throw .nodeDown(coordinator) }
            target = coordinator
        } else {
            guard let first = ring.walking(from: request.position).first(where: isAlive) else { throw .noLiveNode(key: key) }
            target = first
        }
        nextRequest = request.id
        queue.schedule(.client(target, request), at: now)
        var value: Value?
        if case .put(let written, _) = operation { value = written }
        historyIndex[nextRequest] = history.count
        history.append(Operation(id: nextRequest, client: client, key: key, value: value, invokedAt: now))
        return (nextRequest, target)
    }

    /// Completes the history entry of an answered request.
    private func complete(_ reply: ClientReply) {
        guard let index = historyIndex.removeValue(forKey: reply.id) else { return }
        history[index].completedAt = now
        switch reply.outcome {
        case .written(let version, _, _): history[index].outcome = .written(version)
        case .read(let siblings, _, _): history[index].outcome = .read(siblings)
        case .failed(let reason): history[index].outcome = .failed(reason)
        }
    }

    /// The answer to a submitted request, once it has arrived; removed when taken.
    public func takeReply(for request: RequestID) -> ClientReply? {
        replies.removeValue(forKey: request)
    }

    // MARK: Failures

    /// Stops a node's process; its store and hints survive (the paper, section 4.6's
    /// "temporary failure").
    public func kill(_ node: NodeID) throws(ClusterError) {
        try checkKnown(node)
        guard isAlive(node) else { throw .alreadyDown(node) }
        alive[node.index - 1] = false
        record(.action("\(node) killed"))
    }

    /// Starts a stopped node again with its durable state and an empty volatile state.
    public func restart(_ node: NodeID) throws(ClusterError) {
        try checkKnown(node)
        guard !isAlive(node) else { throw .alreadyUp(node) }
        alive[node.index - 1] = true
        incarnations[node.index - 1] += 1
        record(.action("\(node) restarted"))
        deliver(.start, to: node)
    }

    /// Cuts every link between the sides; one side alone is cut from every other node.
    public func partition(_ sides: [[NodeID]]) throws(ClusterError) {
        for node in sides.joined() { try checkKnown(node) }
        let sides = againstTheRest(sides)
        network.partition(sides)
        record(.action("partition " + sides.map { $0.map(\.name).joined(separator: ",") }.joined(separator: " | ")))
    }

    /// Restores links: all of them, or only those between the sides named.
    public func heal(_ sides: [[NodeID]] = []) throws(ClusterError) {
        for node in sides.joined() { try checkKnown(node) }
        if sides.isEmpty {
            network.healAll()
            record(.action("heal: every link restored"))
        } else {
            let sides = againstTheRest(sides)
            network.heal(sides)
            record(.action("heal " + sides.map { $0.map(\.name).joined(separator: ",") }.joined(separator: " | ")))
        }
    }

    /// One side alone stands against every other node.
    public func againstTheRest(_ sides: [[NodeID]]) -> [[NodeID]] {
        sides.count == 1 ? [sides[0], nodeIDs.filter { !sides[0].contains($0) }] : sides
    }
}
