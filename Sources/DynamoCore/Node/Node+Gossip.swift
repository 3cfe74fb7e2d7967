/// Gossip-based membership (the paper, section 4.8.1): each round a node beats its heartbeat and
/// exchanges membership records with one peer chosen at random; both keep the newer records.
extension Node {
    mutating func gossip(now: Millis, effects: inout [Effect]) {
        membership.beat()
        let records = membership.records, me = id
        let isPeer = { (record: MemberRecord) in record.node != me && record.status == .member }
        let peers = records.count(where: isPeer)
        guard peers > 0 else { return }
        let chosen = Int.random(in: 0..<peers, using: &random)
        guard let peer = records.lazy.filter(isPeer).dropFirst(chosen).first?.node else { return }
        effects.append(.send(to: peer, .gossip(records)))
    }

    mutating func receiveGossip(_ records: [MemberRecord], from peer: NodeID, reply: Bool, now: Millis, effects: inout [Effect]) {
        let changed = membership.merge(records, now: now)
        if reply { effects.append(.send(to: peer, .gossipReply(membership.digest))) }
        if changed { ringChanged(effects: &effects) }
    }
}
