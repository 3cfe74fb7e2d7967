/// Gossip-based membership (the paper, section 4.8.1): each round a node beats its heartbeat and
/// exchanges membership records with one member chosen at random; both keep the newer records.
///
/// A node also gossips, now and then, with a node its view says left: with probability
/// left / (members + 1), so always when it knows of no other member. Views can disagree about
/// who left, after departures and rejoins during a partition, and a node that believes every
/// other node left would otherwise never hear from the ring again. Section 4.8.2 guards
/// against such logical partitions with seeds, a few nodes every node knows; here every node
/// once known serves as one.
extension Node {
    mutating func gossip(now: Millis, effects: inout Effects) {
        membership.beat()
        let records = membership.records, me = id
        let isMember = { (record: MemberRecord) in record.node != me && record.status == .member }
        let members = records.count(where: isMember)
        if members > 0, let peer = Self.pick(Int.random(in: 0..<members, using: &random), of: records, where: isMember) {
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
        if changed { ringChanged(effects: &effects) }
    }
}
