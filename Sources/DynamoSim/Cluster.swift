import DynamoCore

/// A whole Dynamo cluster in one process: the nodes, the network between them and the event
/// queue. The only owner of time and randomness; nodes see neither.
///
/// A cluster is driven from one thread, and its methods never reach its state again while they
/// hold it (the simulation calls nothing back), so the properties every request reads carry
/// `@exclusivity(unchecked)`: without it, checking each access at run time cost 3 % of a request.
public final class Cluster {
    public let config: ClusterConfig
    /// The ring every node starts with; clients route by it.
    @exclusivity(unchecked) public internal(set) var ring: Ring
    @exclusivity(unchecked) public private(set) var settings: NodeSettings
    /// Everything events touch, kept in one value so the loop runs without exclusivity checks.
    @exclusivity(unchecked) var simulation: Simulation
    /// Nodes wiped since they last ran: a second wipe would have nothing left to lose.
    var wipedWhileDown: Set<NodeID> = []

    public var now: Millis { simulation.now }
    public internal(set) var network: Network {
        get { simulation.network }
        set { simulation.network = newValue }
    }
    var nodes: [Node] {
        get { simulation.nodes }
        _modify { yield &simulation.nodes }
    }
    var alive: [Bool] {
        get { simulation.alive }
        set { simulation.alive = newValue }
    }
    var incarnations: [Int] {
        get { simulation.incarnations }
        set { simulation.incarnations = newValue }
    }

    /// Every client operation, in invocation order.
    public var history: History { simulation.history }

    /// The most recent client-visible trace entries (requests, faults, hints, repairs), oldest first.
    public var trace: TraceRing { simulation.trace }
    public var traceCapacity: Int {
        get { simulation.trace.capacity }
        set { simulation.trace.capacity = newValue }
    }
    /// The most recent routine entries (`TraceEntry.isBackground`), oldest first: kept apart
    /// so that gossip never pushes the client-visible entries out of `trace`.
    public var routineTrace: TraceRing { simulation.routineTrace }
    public var routineTraceCapacity: Int {
        get { simulation.routineTrace.capacity }
        set { simulation.routineTrace.capacity = newValue }
    }
    /// How many entries were ever recorded, so a caller can tell which are new.
    public var traceSequence: Int { simulation.traceSequence }
    public var tracing: Bool {
        get { simulation.tracing }
        set { simulation.tracing = newValue }
    }

    public init(config: ClusterConfig = ClusterConfig()) {
        self.config = config
        settings = config.settings
        let ring = config.makeRing()
        self.ring = ring
        let members = config.initialMembers()
        let nodes = members.map { record in
            Node(id: record.node, members: members, ring: ring, settings: config.settings,
                 random: SimRandom(seed: config.seed, stream: "node-\(record.node.name)"))
        }
        simulation = Simulation(nodes: nodes, networkRandom: SimRandom(seed: config.seed, stream: "network"))
        for node in nodes { deliver(.start, to: node.id) }
    }

    public var nodeIDs: [NodeID] { nodes.map(\.id) }

    public func isAlive(_ node: NodeID) -> Bool { simulation.isAlive(node) }

    /// `key`'s preference list as `node` sees it, by the ring its gossip has given it: during a
    /// join or a leave it may differ from the cluster's.
    public func preferenceList(for key: String, seenBy node: NodeID) -> [NodeID] {
        nodes[node.index - 1].ring.preferenceList(for: key, n: settings.n)
    }

    /// A node's wall clock: virtual time moved by its skew. Only the timestamps it gives versions
    /// read this; its timers and failure detector run on virtual time.
    public func localTime(_ node: NodeID) -> Millis { simulation.localTime(node) }

    /// A node's state, for snapshots and tests; screens and commands read snapshots instead.
    func node(_ id: NodeID) -> Node { nodes[id.index - 1] }

    public func contains(_ node: NodeID) -> Bool { (1...nodes.count).contains(node.index) }

    public func checkKnown(_ node: NodeID) throws(ClusterError) {
        guard contains(node) else { throw .unknownNode(node, count: nodes.count) }
    }

    /// Changes the tunables of every node at once. A running node's periodic rounds whose
    /// interval changed are next due one new interval from now; a node that is down takes the
    /// new intervals when it restarts.
    public func update(_ settings: NodeSettings) {
        self.settings = settings
        for node in nodeIDs {
            if isAlive(node) {
                deliver(.configure(settings), to: node)
            } else {
                nodes[node.index - 1].settings = settings
            }
        }
    }

    // MARK: Time

    /// Runs every event due up to `now + duration`, then sets the clock there.
    public func advance(by duration: Millis) {
        simulation.advance(to: now + max(duration, 0))
    }

    /// Runs the next event; false when none is pending.
    @discardableResult
    public func step() -> Bool { simulation.step() }

    /// `step`, tracing the event even when it is a timer firing or a request reaching its
    /// coordinator, which otherwise show only in the messages they lead to: what the lab's
    /// `step` runs, so that it shows every event.
    public func stepTracingEveryEvent() -> Bool {
        simulation.tracingEveryEvent = true
        defer { simulation.tracingEveryEvent = false }
        return simulation.step()
    }

    /// The virtual time of the next pending event, if any.
    public var nextEventTime: Millis? { simulation.queue.nextTime }

    /// Pending timers of one kind that will still reach their node (those of earlier lives do
    /// not). A round's timer set before its interval changed reaches it and is ignored there.
    func pendingTimers(_ timer: TimerID) -> Int {
        simulation.queue.timerCount { node, incarnation, id in
            id == timer && isAlive(node) && incarnations[node.index - 1] == incarnation
        }
    }

    /// Messages on the wire, in arrival order.
    public var inFlight: [(deliverAt: Millis, from: NodeID, to: NodeID, message: Message)] { simulation.queue.inFlight }

    // MARK: Effects

    func deliver(_ input: Input, to id: NodeID) { simulation.deliver(input, to: id) }

    func record(_ kind: TraceEntry.Kind) { simulation.record(kind) }

    // MARK: Client requests

    /// Sends a request to `coordinator` (or, by default, the first live node of the key's
    /// preference list, as a client library would) and runs the cluster until it answers. The
    /// client believes a node up while its process runs, as a refused connection tells it at
    /// once that one does not; a partition cuts links between nodes, not the client's.
    public func call(_ operation: ClientRequest.Operation, key: String, via coordinator: NodeID? = nil,
                     quorum: Int? = nil, client: String = "client1") throws(ClusterError) -> ClientReply {
        let request = try submit(operation, key: key, via: coordinator, quorum: quorum, client: client, running: true)
        return simulation.answer(to: request.id, patience: settings.clientPatience)
            ?? ClientReply(id: request.id, key: key, coordinator: request.coordinator,
                           outcome: .failed(reason: "no answer from \(request.coordinator)"))
    }

    /// Queues a request for its coordinator without running the cluster: time passing
    /// (`advance`, `step`) brings the answer, which `takeReply(for:)` then hands over.
    public func submit(_ operation: ClientRequest.Operation, key: String, via coordinator: NodeID? = nil,
                       quorum: Int? = nil, client: String = "client1") throws(ClusterError) -> (id: RequestID, coordinator: NodeID) {
        try submit(operation, key: key, via: coordinator, quorum: quorum, client: client, running: false)
    }

    /// `submit`, which hands the request to its coordinator at once when the caller is about
    /// to run the cluster anyway (`Simulation.submit`).
    private func submit(_ operation: ClientRequest.Operation, key: String, via coordinator: NodeID?, quorum: Int?,
                        client: String, running: Bool) throws(ClusterError) -> (id: RequestID, coordinator: NodeID) {
        let request = ClientRequest(id: simulation.nextRequest, key: key, operation: operation, quorum: quorum)
        let target: NodeID
        if let coordinator {
            try checkKnown(coordinator)
            guard isAlive(coordinator) else { throw .nodeDown(coordinator) }
            target = coordinator
        } else {
            // A loop asking the simulation rather than `first(where:)` over a copy of `alive`:
            // two retains and releases fewer a request.
            var first: NodeID?
            for node in ring.walking(from: request.position) where simulation.isAlive(node) {
                first = node
                break
            }
            guard let first else { throw .noLiveNode(key: key) }
            target = first
        }
        simulation.submit(request, to: target, client: client, running: running)
        return (request.id, target)
    }

    /// The answer to a submitted request, once it has arrived; removed when taken.
    public func takeReply(for request: RequestID) -> ClientReply? {
        simulation.replies.removeValue(forKey: request)
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
        wipedWhileDown.remove(node)
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
