/// Gossip-based membership (the paper, section 4.8.1): each round a node beats its heartbeat and
/// exchanges membership records with one member chosen at random; both keep the newer records.
///
/// A node also gossips, now and then, with a node its view says left: with probability
/// left / (members + 1), so always when it knows of no other member. Views can disagree about
/// who left, after departures and rejoins during a partition, and a node that believes every
/// other node left would otherwise never hear from the ring again. Section 4.8.2 guards
/// against such logical partitions with seeds; here every node once known serves as one.
extension Node {
    mutating func gossip(now: Millis, effects: inout [Effect]) {
        membership.beat()
        let records = membership.records, me = id
        let others = records.filter { $0.node != me }
        let members = others.filter { $0.status == .member }
        if !members.isEmpty {
            effects.append(.send(to: members[Int.random(in: 0..<members.count, using: &random)].node, .gossip(records)))
        }
        guard members.count < others.count else { return }
        let departed = others.filter { $0.status == .left }
        guard Int.random(in: 0...members.count, using: &random) < departed.count else { return }
        effects.append(.send(to: departed[Int.random(in: 0..<departed.count, using: &random)].node, .gossip(records)))
    }

    mutating func receiveGossip(_ records: [MemberRecord], from peer: NodeID, reply: Bool, now: Millis, effects: inout [Effect]) {
        let changed = membership.merge(records, now: now)
        if reply { effects.append(.send(to: peer, .gossipReply(membership.digest))) }
        if changed { ringChanged(effects: &effects) }
    }
}
