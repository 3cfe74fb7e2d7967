import DynamoCore

/// Permanent failures and membership changes (the paper, sections 4.7 and 4.9).
extension Cluster {
    /// A permanent failure: the node stops and loses its store and hints. It keeps its tokens,
    /// so after `restart` it serves its ranges again and anti-entropy refills it. It returns
    /// under a new epoch, so its dots cannot repeat those of its earlier life.
    public func wipe(_ node: NodeID) throws(ClusterError) {
        try checkKnown(node)
        guard !wipedWhileDown.contains(node) else { throw .alreadyWiped(node) }
        if isAlive(node) {
            alive[node.index - 1] = false
        }
        wipedWhileDown.insert(node)
        nodes[node.index - 1].wipe(epoch: nodes[node.index - 1].latestEpoch + 1)
        record(.action("\(node) wiped: its store and hints are gone"))
    }

    /// Adds a new node with fresh tokens. It is told the current members, as an operator joining
    /// it would tell it a few (section 4.8.2's seeds), and announces itself by gossip; the others
    /// hand it the keys it now owns.
    public func join(_ node: NodeID) throws(ClusterError) {
        guard !contains(node) else { throw .alreadyMember(node) }
        guard node.index == nodes.count + 1 else { throw .notNextNode(node, next: NodeID(nodes.count + 1)) }
        let tokens = config.tokens(for: node)
        let seeds = ring.nodes.map { member in
            MemberRecord(node: member, heartbeat: .init(incarnation: 0, beats: 0),
                         tokens: ring.tokens.filter { $0.node == member }.map(\.position))
        }
        let own = MemberRecord(node: node, heartbeat: .init(incarnation: now, beats: 0), tokens: tokens)
        nodes.append(Node(id: node, members: seeds + [own], settings: settings,
                          random: SimRandom(seed: config.seed, stream: "node-\(node.name)")))
        alive.append(true)
        incarnations.append(0)
        ring = ring.replacingTokens(of: node, with: tokens)
        record(.action("\(node) joins with \(tokens.count) tokens"))
        deliver(.start, to: node)
    }

    /// Adds back a node that left the ring (section 4.8.1: nodes "can be removed and added back
    /// multiple times"), restarting it if it is down. It takes the tokens it had and announces
    /// itself by gossip; the others hand it the keys it owns again.
    public func rejoin(_ node: NodeID) throws(ClusterError) {
        try checkKnown(node)
        guard !ring.nodes.contains(node) else { throw .alreadyMember(node) }
        if !isAlive(node) { try restart(node) }
        deliver(.rejoin, to: node)
        let tokens = nodes[node.index - 1].membership.record(of: node)?.tokens ?? config.tokens(for: node)
        ring = ring.replacingTokens(of: node, with: tokens)
        record(.action("\(node) rejoins the ring with \(tokens.count) tokens"))
    }

    /// Decommissions a node: it leaves the ring, hands its keys to their new owners and tells
    /// the others by gossip. A node that is down (failed for good) cannot speak for itself: the
    /// operator tells every live member. Section 4.8.1's administrator tells one node, whose
    /// gossip spreads the news; telling each keeps it should that node fail before it gossips.
    public func leave(_ node: NodeID) throws(ClusterError) {
        try checkKnown(node)
        guard ring.nodes.contains(node) else { throw .notMember(node) }
        guard ring.nodes.count > settings.n else { throw .tooFewMembers(n: settings.n) }
        let told = ring.nodes.filter { $0 != node && isAlive($0) }
        guard isAlive(node) || !told.isEmpty else { throw .noLiveMember(node) }
        ring = ring.replacingTokens(of: node, with: [])
        if isAlive(node) {
            // The node traces its own leaving.
            deliver(.leave, to: node)
        } else {
            nodes[node.index - 1].markLeft()
            guard let departure = nodes[node.index - 1].membership.record(of: node) else { return }
            record(.action("\(node) is down: the operator tells \(told.count == 1 ? told[0].name : "every live member") that it left the ring"))
            for member in told { deliver(.message(from: member, .gossipReply([departure])), to: member) }
        }
    }

    /// Starts an anti-entropy round on every live node now and lets it run for `duration`;
    /// `antiEntropyByHand` counts its work apart from any scheduled round's.
    public func syncNow(for duration: Millis) {
        for node in nodeIDs where isAlive(node) { deliver(.syncNow, to: node) }
        advance(by: duration)
    }

    /// Anti-entropy counters summed over every node.
    public var antiEntropyTotals: AntiEntropyCounters {
        nodes.reduce(AntiEntropyCounters()) { $0 + $1.antiEntropy }
    }

    /// Exchanges `syncNow` opened that never reached their peer, by peer and why, counted since
    /// the cluster started.
    public var syncOpeningsUnreached: [NodeID: [DropCause: Int]] { simulation.syncOpeningsUnreached }

    /// The part of `antiEntropyTotals` done in rounds `syncNow` started.
    public var antiEntropyByHand: AntiEntropyCounters {
        nodes.reduce(AntiEntropyCounters()) { $0 + $1.antiEntropyByHand }
    }
}
