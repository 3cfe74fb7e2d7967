/// Gossip-based membership (the paper, section 4.8.1): each round a node beats its heartbeat and
/// exchanges membership records with one peer chosen at random; both keep the newer records.
extension Node {
    mutating func gossip(now: Millis, effects: inout [Effect]) {
        membership.beat()
        let peers = membership.nodes.filter { $0 != id && membership.records[$0]?.status == .member }
        guard !peers.isEmpty else { return }
        let peer = peers[Int.random(in: 0..<peers.count, using: &random)]
        effects.append(.send(to: peer, .gossip(membership.digest)))
    }

    mutating func receiveGossip(_ records: [MemberRecord], from peer: NodeID, reply: Bool, now: Millis, effects: inout [Effect]) {
        let changed = membership.merge(records, now: now)
        if reply { effects.append(.send(to: peer, .gossipReply(membership.digest))) }
        if changed { ringChanged(effects: &effects) }
    }
}
