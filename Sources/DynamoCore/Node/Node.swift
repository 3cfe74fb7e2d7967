/// One Dynamo storage node as a pure state machine.
///
/// `handle(_:now:)` takes one input (a client request, a message, a timer) and returns the
/// effects it asks for (messages to send, timers to set, replies to clients, trace events).
/// A node never reads a clock or does I/O, and draws random choices (a gossip peer) only from
/// the seeded generator the simulator hands it, so a whole cluster runs deterministically and
/// the same node could run over a real network.
public struct Node: Sendable {
    public let id: NodeID
    public var settings: NodeSettings {
        didSet {
            replicatedRanges = nil
            if settings.n != oldValue.n {
                preferenceLists = []
                findMisplacedKeys()
            }
        }
    }
    /// Durable state: survives `kill`, lost by `wipe`.
    public internal(set) var store = Store()
    public internal(set) var hints = HintStore()
    /// The name this node's dots and clock entries carry; a new one after every `wipe`.
    public private(set) var actor: ActorID
    /// Keys this node writes under an actor of their own (`writer(of:held:issued:context:)`).
    var keyActors: [String: ActorID] = [:]
    /// The highest epoch this node has used for an actor: its own, or one of its keys'.
    public var latestEpoch: Int { keyActors.values.reduce(actor.epoch) { max($0, $1.epoch) } }
    /// Who is in the ring and who is up, as this node sees it (section 4.8).
    public internal(set) var membership: Membership
    /// This node's view of the ring, derived from its membership (section 4.2).
    public internal(set) var ring: Ring {
        didSet {
            replicatedRanges = nil
            preferenceLists = []
        }
    }
    /// The preference list of each stretch of the ring a request has come for, at the index of
    /// the token its walk starts at (`preferenceList(of:)`): the ring and N change far less
    /// often than requests come. Empty until the first request after a change.
    var preferenceLists: [[NodeID]?] = []
    /// The key ranges this node replicates by its ring and N, with their replicas; worked out
    /// when first needed, when the store starts keeping their trees.
    var replicatedRanges: [(range: KeyRange, replicas: [NodeID])]?
    /// Anti-entropy work counters (section 4.7).
    public internal(set) var antiEntropy = AntiEntropyCounters()
    /// The part of `antiEntropy` done in exchanges an operator's `sync` started.
    public internal(set) var antiEntropyByHand = AntiEntropyCounters()
    /// Keys this node holds but no longer replicates, to hand to their owners (section 4.9).
    var misplaced: Set<String> = []
    /// Owners that acknowledged each misplaced key.
    var handovers: [String: Set<NodeID>] = [:]
    var random: NodeRandom
    /// The target lists of requests that ended, emptied, for the next requests to fill: a list
    /// is needed only while its request runs, and reusing it spares allocating and freeing one
    /// a request (`keepForReuse`). Empty lists hold nothing to lose or keep across a restart.
    var spareTargets: [[ReplicaTarget]] = []
    /// Volatile state: lost when the process restarts.
    var writes = PendingRequests<PendingWrite>()
    var reads = PendingRequests<PendingRead>()
    var forwards: [RequestID: PendingForward] = [:]
    /// Writes forwarded here, held until the forwarder confirms this node coordinates them.
    var heldForwards: [RequestID: HeldForward] = [:]
    var nextExchange: UInt64 = 0
    /// When each periodic round (hand-off, gossip, anti-entropy) is next due. A timer firing
    /// at any other time was set before its interval changed, and is ignored.
    var roundsDue: [TimerID: Millis] = [:]
    /// When the `replicas` timer this node relies on fires, the earliest set; nil when it relies
    /// on none. Timers set earlier for later times may still fire, and find nothing due.
    var replicaTimer: Millis?
    /// This node's wall-clock reading for the input being handled (see `handle`).
    var wallClock: Millis = 0

    /// A node that knows the cluster's members and their tokens from `records`, as if the
    /// operator had configured them all (section 4.8.1 starts a node knowing only itself and
    /// lets gossip bring the rest; the lab boots a cluster already formed). `ring`,
    /// when given, must be the ring those records describe: a simulator booting many nodes
    /// from the same seeds builds it once, and the nodes share it until their views part.
    public init(id: NodeID, members records: [MemberRecord], ring: Ring? = nil, settings: NodeSettings,
                random: any RandomNumberGenerator & Sendable) {
        self.id = id
        actor = ActorID(id)
        self.settings = settings
        self.random = NodeRandom(random)
        membership = Membership(owner: id, records: records)
        self.ring = ring ?? membership.ring
    }

    /// Handles one input. `now` is true time, which drives timers and failure detection;
    /// `wallClock` is this node's own clock, which may be skewed and only stamps versions (the
    /// timestamps of section 4.4 that clock truncation and last-write-wins compare). Without
    /// one, the node's clock is taken to be exact.
    public mutating func handle(_ input: Input, now: Millis, wallClock: Millis? = nil) -> [Effect] {
        var effects = Effects()
        handle(input, now: now, wallClock: wallClock, into: &effects)
        return effects.takeAll()
    }

    /// `handle(_:now:wallClock:)` appending to the caller's buffer, which a simulator reuses.
    public mutating func handle(_ input: consuming Input, now: Millis, wallClock: Millis? = nil, into effects: inout Effects) {
        self.wallClock = wallClock ?? now
        switch consume input {
        case .start:
            membership.start(now: now)
            writes.removeAll()
            reads.removeAll()
            forwards = [:]
            heldForwards = [:]
            roundsDue = [:]
            replicaTimer = nil
            for round in Self.rounds { arm(round, now: now, effects: &effects) }
        case .client(let request):
            coordinate(request, replyTo: nil, now: now, effects: &effects)
        case .message(let peer, let message):
            membership.heard(from: peer, now: now)
            receive(message, from: peer, now: now, effects: &effects)
        case .timer(.replicas):
            replicaDeadlinesPassed(now: now, effects: &effects)
        case .timer(.forward(let request)):
            forwardDeadline(request, now: now, effects: &effects)
        case .timer(.heldForward(let request)):
            heldForwards[request] = nil
        case .timer(.request(let request)):
            requestDeadline(request, now: now, effects: &effects)
        case .timer(let periodic):
            runRound(periodic, now: now, effects: &effects)
        case .syncNow:
            startAntiEntropy(byHand: true, now: now, effects: &effects)
        case .leave:
            membership.updateSelf(status: .left)
            adoptRing()
            effects.append(.trace(.leaving))
        case .rejoin:
            membership.updateSelf(status: .member)
            adoptRing()
        case .configure(let new):
            configure(new, now: now, effects: &effects)
        }
    }

    /// Marks this node's own record as left without running it: how an operator decommissions
    /// a node that is down for good; a live peer then gossips the record (section 4.8.1). Should
    /// the node be restarted without rejoining (`Cluster.restart`), it knows its keys are no
    /// longer its own and hands them over.
    public mutating func markLeft() {
        membership.updateSelf(status: .left)
        ring = membership.ring
        findMisplacedKeys()
    }

    /// A permanent failure: the node comes back with empty stores and no memory of its own
    /// keys (the paper, section 4.7); it keeps its place on the ring.
    ///
    /// Having forgotten which counters it issued, it must not issue dots under its old name
    /// again: replicas still hold versions with those dots and would take a new write for one
    /// they have (an acknowledged write lost). So it comes back as a new actor, with the fresh
    /// `epoch` the caller gives it (a real node would draw a unique id), and counts from one.
    public mutating func wipe(epoch: Int) {
        precondition(epoch > latestEpoch, "a wiped node needs an epoch it has not used")
        actor = ActorID(id, epoch: epoch)
        keyActors = [:]
        store = Store()
        replicatedRanges = nil
        hints = HintStore()
        misplaced = []
        handovers = [:]
    }

    /// Takes the target list of a request that ended, emptied, into `spareTargets`.
    mutating func keepForReuse(_ targets: inout [ReplicaTarget]) {
        var list: [ReplicaTarget] = []
        swap(&list, &targets)
        // Emptied from the end, which for a few targets costs less than `removeAll`'s general
        // replacement of a range.
        while list.popLast() != nil {}
        spareTargets.append(consume list)
    }

    /// Starts loading where this node's store will look `key` up (`Store.prefetch`, which
    /// says why it is mutating).
    package mutating func prefetch(_ key: HashedKey) { store.prefetch(key) }

    /// Silence after which this node suspects a peer, for the cluster it knows of.
    public var suspicionTimeout: Millis { settings.suspicion(members: membership.records.count) }

    /// True when this node believes `peer` up: itself always; others by its own view.
    func believesUp(_ peer: NodeID, now: Millis) -> Bool {
        peer == id || membership.isUp(peer, now: now, suspicion: suspicionTimeout)
    }

    /// Sends `reply` to the client, or back to the node the client called when this request
    /// was forwarded here.
    static func answer(_ reply: consuming ClientReply, replyTo: NodeID?, effects: inout Effects) {
        if let replyTo {
            effects.append(.send(to: replyTo, .forwardedReply(consume reply)))
        } else {
            effects.append(.reply(consume reply))
        }
    }
}
