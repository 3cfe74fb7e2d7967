/// Gossip-based membership (the paper, section 4.8.1): each round a node beats its heartbeat and
/// exchanges membership records with a member chosen at random; both keep the newer records.
///
/// The member is chosen among those the node believes up, and one it suspects or believes down
/// is gossiped with too now and then: with probability min(1, d / (r + 1)), for d such members
/// and r others, so always when the node believes no other member up. Heartbeats are this
/// lab's failure detector (4.8.3), and a round spent on a dead or cut-off peer carries none:
/// with such members drawn as often as live ones, live peers' heartbeats spread too slowly for
/// the suspicion timeout, so that a coordinator took a live, reachable replica for unreachable
/// (4.6), and in 20 of 100 seeded partitions a node came to suspect a peer on its own side.
///
/// A round also traces each change in what the node believes of a peer since the last, with
/// when it took effect: its detector, read then, suspects a peer, believes it down, no longer
/// suspects it or believes it up again.
///
/// Nodes a view says left are gossiped with the same way, with probability
/// left / (members + 1). Views can disagree about who left, after departures and rejoins
/// during a partition, and a node that believes every other node left would otherwise never
/// hear from the ring again. Section 4.8.2 guards against such logical partitions with seeds,
/// a few nodes every node knows; here every node once known serves as one.
extension Node {
    mutating func gossip(now: Millis, effects: inout Effects) {
        membership.beat()
        let suspicion = suspicionTimeout
        for change in membership.untoldChanges(now: now, suspicion: suspicion) {
            let silence = change.status == .down ? 2 * suspicion : change.status == .suspected ? suspicion : 0
            effects.append(.trace(.believes(change.node, change.status, was: change.was, since: change.since, silence: silence)))
        }
        let records = membership.records, me = id, view = membership
        let isMember = { (record: MemberRecord) in record.node != me && record.status == .member }
        let isUp = { (record: MemberRecord) in view.status(of: record.node, now: now, suspicion: suspicion) == .up }
        let isReachable = { (record: MemberRecord) in isMember(record) && isUp(record) }
        let isUnreachable = { (record: MemberRecord) in isMember(record) && !isUp(record) }
        let members = records.count(where: isMember), reachable = records.count(where: isReachable)
        if reachable > 0, let peer = Self.pick(Int.random(in: 0..<reachable, using: &random), of: records, where: isReachable) {
            effects.append(.send(to: peer, .gossip(records)))
        }
        let unreachable = members - reachable
        if unreachable > 0, Int.random(in: 0...reachable, using: &random) < unreachable,
           let peer = Self.pick(Int.random(in: 0..<unreachable, using: &random), of: records, where: isUnreachable) {
            effects.append(.send(to: peer, .gossip(records)))
        }
        let departed = membership.departedPeers
        guard departed > 0, Int.random(in: 0...members, using: &random) < departed else { return }
        let isDeparted = { (record: MemberRecord) in record.node != me && record.status == .left }
        if let peer = Self.pick(Int.random(in: 0..<departed, using: &random), of: records, where: isDeparted) {
            effects.append(.send(to: peer, .gossip(records)))
        }
    }

    /// The node of the `index`th record that matches, without copying the records.
    private static func pick(_ index: Int, of records: [MemberRecord], where matches: (MemberRecord) -> Bool) -> NodeID? {
        records.lazy.filter(matches).dropFirst(index).first?.node
    }

    mutating func receiveGossip(_ records: [MemberRecord], from peer: NodeID, reply: Bool, now: Millis, effects: inout Effects) {
        let changed = membership.merge(records, now: now)
        if reply { effects.append(.send(to: peer, .gossipReply(membership.digest))) }
        if changed, adoptRing() { effects.append(.trace(.ringChanged(tokens: ring.tokens.count))) }
    }
}
