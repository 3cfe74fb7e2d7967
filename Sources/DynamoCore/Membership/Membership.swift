/// A node's membership view and failure detector (the paper, sections 4.8.1 and 4.8.3).
///
/// The records are gossiped: each round a node exchanges them with one random peer and keeps
/// the newer record about every node, so membership changes spread with no central registry, as
/// in section 4.8.1. The records also carry heartbeats, which the paper's membership does not:
/// section 4.8.3 says early designs used a gossiped failure detector and Dynamo later dropped it,
/// relying on explicit joins and leaves and on each node noticing for itself that a peer does
/// not answer. The lab keeps both, so that a view can be watched: whether a peer is up is decided
/// locally, by how long ago its heartbeat last rose here and by whether it failed to answer this
/// node's own requests (4.8.3's local detection). Views therefore differ from node to node, and
/// during a partition each side sees the other down.
public struct Membership: Sendable, Equatable {
    public let owner: NodeID
    /// What this node knows about every node, itself included, sorted by node: gossip carries
    /// it as it is. Durable: it survives a crash.
    public private(set) var records: [MemberRecord]
    /// Nodes whose record says they left: looked up on every request, so kept apart.
    private var departed: Set<NodeID> = []
    /// What the failure detector has seen of each peer (local, volatile).
    private var peers = PeerTable()

    public init(owner: NodeID, records: [MemberRecord]) {
        self.owner = owner
        self.records = Dictionary(records.map { ($0.node, $0) }, uniquingKeysWith: { _, last in last })
            .values.sorted { $0.node < $1.node }
        departed = Set(records.filter { $0.status == .left }.map(\.node))
    }

    /// The record about `node`, if it is known.
    public func record(of node: NodeID) -> MemberRecord? { position(of: node).map { records[$0] } }

    /// Where `node`'s record is in `records`.
    private func position(of node: NodeID) -> Int? {
        let index = records.partitioningIndex { $0.node >= node }
        return index < records.count && records[index].node == node ? index : nil
    }

    /// The ring these records describe: the tokens of every node still a member.
    public var ring: Ring {
        Ring(tokens: records.filter { $0.status == .member }.flatMap { record in
            record.tokens.map { Token(position: $0, node: record.node) }
        })
    }

    /// Every node known, sorted.
    public var nodes: [NodeID] { records.map(\.node) }

    /// Starts a new life: a newer incarnation, and every peer presumed up from now on. The
    /// incarnation is the start time, but always above the last one, so peers take the new
    /// life's records as news even when it starts within the same millisecond.
    public mutating func start(now: Millis) {
        peers = PeerTable()
        for record in records { peers[record.node].lastNews = now }
        guard let mine = position(of: owner) else { return }
        let previous = records[mine].heartbeat.incarnation
        records[mine].heartbeat = MemberRecord.Heartbeat(incarnation: max(previous + 1, now), beats: 0)
    }

    /// Advances this node's own heartbeat; called once per gossip round.
    public mutating func beat() {
        if let mine = position(of: owner) { records[mine].heartbeat.beats += 1 }
    }

    /// Changes this node's own record (tokens or status); the next gossip spreads it.
    public mutating func updateSelf(tokens: [RingPosition]? = nil, status: MemberRecord.Status? = nil) {
        guard let mine = position(of: owner) else { return }
        if let tokens { records[mine].tokens = tokens }
        if let status { records[mine].status = status }
        records[mine].heartbeat.beats += 1
        if records[mine].status == .left { departed.insert(owner) } else { departed.remove(owner) }
    }

    /// How many other nodes this node believes left.
    var departedPeers: Int { departed.count - (departed.contains(owner) ? 1 : 0) }

    /// Records gossip is carried as: sorted by node.
    public var digest: [MemberRecord] { records }

    /// Keeps the newer record about each node; returns true when the ring changed.
    ///
    /// Every gossip message brings a record of every node: most are read in place by their
    /// heartbeats alone, and a newer one with the same tokens and status only moves the
    /// heartbeat on, so that no record is copied (retaining its tokens) and a round among 1,000
    /// nodes stays cheap. Both lists are sorted by node, and usually name the same nodes: a
    /// record is looked for first where the same place in the list puts it.
    public mutating func merge(_ incoming: [MemberRecord], now: Millis) -> Bool {
        var ringChanged = false
        for position in incoming.indices {
            let node = incoming[position].node
            guard node != owner else { continue }
            let index = position < records.count && records[position].node == node
                ? position : records.partitioningIndex { $0.node >= node }
            if index < records.count, records[index].node == node {
                if records[index].heartbeat >= incoming[position].heartbeat { continue }
                if records[index].tokens == incoming[position].tokens && records[index].status == incoming[position].status {
                    records[index].heartbeat = incoming[position].heartbeat
                } else {
                    ringChanged = true
                    records[index] = incoming[position]
                }
            } else {
                ringChanged = true
                records.insert(incoming[position], at: index)
            }
            if incoming[position].status == .left {
                departed.insert(node)
            } else if !departed.isEmpty {
                departed.remove(node)
            }
            peers[node].lastNews = now
        }
        return ringChanged
    }

    /// A message came straight from `peer`: it is alive and reachable now. Inlined, as every
    /// message a node handles tells it.
    @inline(__always)
    public mutating func heard(from peer: NodeID, now: Millis) {
        peers[peer].heard(now: now)
    }

    /// `peer` answered a request this node sent at `sentAt`.
    public mutating func answered(by peer: NodeID, requestSentAt sentAt: Millis) {
        peers[peer].answered(requestSentAt: sentAt)
    }

    /// Whether `peer` answered a request this node sent at or after `time`: proof that it was
    /// up and reachable since, which a message it sent earlier and that arrived late is not.
    public func answered(by peer: NodeID, requestSentSince time: Millis) -> Bool {
        peers[peer].answeredSentAt.map { $0 >= time } ?? false
    }

    /// `peer`, believed up, failed to answer in time: believe it down for `duration`. The
    /// caller tells of it, so the gossip round, which tells of other changes, takes it as told.
    public mutating func suspect(_ peer: NodeID, now: Millis, for duration: Millis) {
        peers[peer].failedUntil = now + duration
        peers[peer].told = .suspected
    }

    /// The members whose status has changed since it was last told, as this node reads it now,
    /// each with the status last told and when the change took effect (a silence reached the
    /// timeout, or news came), and then taken as told. Joins and departures are told as ring
    /// changes, not here.
    public mutating func untoldChanges(now: Millis, suspicion: Millis)
        -> [(node: NodeID, status: PeerStatus, was: PeerStatus, since: Millis)] {
        var changes: [(node: NodeID, status: PeerStatus, was: PeerStatus, since: Millis)] = []
        for record in records where record.node != owner {
            let status = status(of: record.node, now: now, suspicion: suspicion), seen = peers[record.node]
            guard status != seen.told else { continue }
            peers[record.node].told = status
            guard status != .left && seen.told != .left else { continue }
            let news = seen.lastNews ?? now
            let since = switch status {
            case .down: news + 2 * suspicion
            case .suspected: news + suspicion
            default: max(news, seen.failedUntil ?? news)
            }
            changes.append((record.node, status, seen.told, min(since, now)))
        }
        return changes
    }

    public func status(of peer: NodeID, now: Millis, suspicion: Millis) -> PeerStatus {
        if peer == owner { return .up }
        if !departed.isEmpty, departed.contains(peer) { return .left }
        let seen = peers[peer]
        let silence = now - (seen.lastNews ?? now)
        if silence >= 2 * suspicion { return .down }
        if silence >= suspicion { return .suspected }
        if let until = seen.failedUntil, now < until { return .suspected }
        return .up
    }

    public func isUp(_ peer: NodeID, now: Millis, suspicion: Millis) -> Bool {
        status(of: peer, now: now, suspicion: suspicion) == .up
    }

    /// This node's view of every other node.
    public func view(now: Millis, suspicion: Millis) -> [PeerView] {
        nodes.filter { $0 != owner }.map { peer in
            PeerView(node: peer, status: status(of: peer, now: now, suspicion: suspicion),
                     silence: now - (peers[peer].lastNews ?? now))
        }
    }
}

/// What a node's failure detector has seen of one peer.
private struct PeerTimes: Sendable, Equatable {
    /// When the peer's heartbeat last rose here.
    var lastNews: Millis?
    /// Until when the peer is suspected, having failed to answer.
    var failedUntil: Millis?
    /// When this node sent the latest of its requests the peer answered: the peer was up and
    /// reachable after that time.
    var answeredSentAt: Millis?
    /// The status the trace last told of the peer.
    var told = PeerStatus.up

    /// A message came from the peer at `now`: news of it, and an end to any suspicion.
    mutating func heard(now: Millis) {
        lastNews = now
        failedUntil = nil
    }

    /// The peer answered a request sent at `sentAt`.
    mutating func answered(requestSentAt sentAt: Millis) {
        answeredSentAt = max(answeredSentAt ?? sentAt, sentAt)
    }
}

/// Each peer's times, indexed by the node's number: what the failure detector reads for every
/// request and writes for every message, in one array so that a message changes one. It grows
/// only to hold a time, so two tables with the same times are the same length.
private struct PeerTable: Sendable, Equatable {
    private var times: [PeerTimes] = []

    subscript(node: NodeID) -> PeerTimes {
        get { node.index < times.count ? times[node.index] : PeerTimes() }
        _modify {
            if node.index >= times.count { times += Array(repeating: PeerTimes(), count: node.index + 1 - times.count) }
            yield &times[node.index]
        }
    }
}
