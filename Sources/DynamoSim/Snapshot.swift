import DynamoCore

/// An immutable picture of the whole cluster at one instant: what screens and inspection
/// commands read, so that nothing outside the simulator touches a live node.
public struct Snapshot: Sendable {
    /// One node as seen from outside.
    public struct NodeState: Sendable {
        public let id: NodeID
        public let alive: Bool
        public let store: Store
        public let hints: [HintStore.Hint]
        /// Whether this node still belongs to the ring.
        public let member: Bool
        public let antiEntropy: AntiEntropyCounters
        /// What `view` is worked out from, when asked: a screen asks only for the nodes it
        /// lists, so a frame of a large cluster does not cost every node's view of every other.
        let membership: Membership
        let time: Millis
        let suspicion: Millis

        /// Left the ring while down: it hands nothing over, its hints included, until it runs again.
        public var leftWhileDown: Bool { !alive && !member }

        /// How this node sees every other node.
        public var view: [PeerView] { membership.view(now: time, suspicion: suspicion) }

        /// How this node sees the peers it believes not up: suspected, or down.
        public var suspects: [PeerView] { view.filter { $0.status != .up && $0.status != .left } }
    }

    /// A message on the wire.
    public struct InFlight: Sendable {
        public let deliverAt: Millis
        public let from: NodeID
        public let to: NodeID
        public let message: Message
    }

    public let time: Millis
    public let seed: UInt64
    public let settings: NodeSettings
    public let ring: Ring
    public let nodes: [NodeState]
    public let network: Network
    public let inFlight: [InFlight]
    /// The most recent client-visible trace entries, oldest first (no routine gossip).
    public let trace: [TraceEntry]

    /// The node `id`, found where node numbering puts it (nodes are listed in order from
    /// node1), so that a screen looking up every node of a large ring does not search for each.
    public func node(_ id: NodeID) -> NodeState? {
        let index = id.index - 1
        if nodes.indices.contains(index), nodes[index].id == id { return nodes[index] }
        return nodes.first { $0.id == id }
    }

    /// The sides of the partitions in force, in node order: nodes cut from exactly the same
    /// others. Nodes with no cut link reach every side and are on none; nothing cut, no sides.
    public var sides: [[NodeID]] { network.sides(of: nodes.map(\.id)) }

    /// Every node in the order `key`'s holders are listed: the ring's walk from the key, its
    /// preference list first, then the nodes that left the ring, which may still hold it.
    public func walkThenDeparted(from key: String) -> [NodeID] {
        let walk = ring.walk(from: .of(key: key))
        let inRing = Set(walk)
        return walk + nodes.map(\.id).filter { !inRing.contains($0) }
    }

    /// What screens and commands call side `index` of `sides`: A, B, C...
    public static func sideName(_ index: Int) -> String { String(UnicodeScalar(UInt8(65 + index % 26))) }

    /// Nodes about which the live nodes' views disagree (each node's view is its own, 4.8),
    /// not having heard of a node counting as a view; and live nodes about which some view
    /// contradicts their own record: not heard of, or believed left, while a member, or
    /// believed anything but left after leaving.
    public var disputedNodes: [NodeID] {
        let size = (nodes.map(\.id.index).max() ?? 0) + 1
        var beliefs = [Set<PeerStatus?>](repeating: [], count: size)
        for node in nodes where node.alive {
            var seen = [PeerStatus?](repeating: nil, count: size)
            for peer in node.view where peer.node.index < size { seen[peer.node.index] = peer.status }
            for other in nodes where other.id != node.id { beliefs[other.id.index].insert(seen[other.id.index]) }
        }
        return nodes.filter { node in
            let held = beliefs[node.id.index]
            return held.count > 1 || node.alive && held.contains { belief in node.member ? belief == nil || belief == .left : belief != .left }
        }.map(\.id)
    }
}

extension Cluster {
    /// The cluster as it is now, with the last `traceLimit` client-visible trace entries.
    public func snapshot(traceLimit: Int = 50) -> Snapshot {
        Snapshot(
            time: now, seed: config.seed, settings: settings, ring: ring,
            nodes: nodes.map { node in
                Snapshot.NodeState(
                    id: node.id, alive: isAlive(node.id), store: node.store, hints: node.hints.all,
                    member: node.membership.record(of: node.id)?.status == .member,
                    antiEntropy: node.antiEntropy,
                    membership: node.membership, time: now, suspicion: node.suspicionTimeout)
            },
            network: network,
            inFlight: inFlight.map { Snapshot.InFlight(deliverAt: $0.deliverAt, from: $0.from, to: $0.to, message: $0.message) },
            trace: Array(trace.suffix(traceLimit)))
    }
}
