import Testing
@testable import DynamoCore

/// The failure detector's local view of its peers (the paper, section 4.8.3): suspicion from
/// silence or from failing to answer, and an end to it when the peer is heard from.
@Suite struct MembershipTests {
    let suspicion: Millis = 1_000

    func membership() -> Membership {
        let records = (1...3).map { MemberRecord(node: NodeID($0), heartbeat: .init(incarnation: 0, beats: 0), tokens: []) }
        var membership = Membership(owner: NodeID(1), records: records)
        membership.start(now: 0)
        return membership
    }

    @Test func aPeerThatFailedToAnswerIsSuspectedUntilItIsHeardFrom() {
        var membership = membership()
        membership.suspect(NodeID(2), now: 100, for: 5_000)
        #expect(membership.status(of: NodeID(2), now: 200, suspicion: suspicion) == .suspected)
        #expect(membership.status(of: NodeID(3), now: 200, suspicion: suspicion) == .up)

        membership.heard(from: NodeID(2), now: 300)
        #expect(membership.status(of: NodeID(2), now: 400, suspicion: suspicion) == .up)
    }

    @Test func suspicionForFailingToAnswerEndsWhenItsTimeIsUp() {
        var membership = membership()
        membership.heard(from: NodeID(2), now: 100)
        membership.suspect(NodeID(2), now: 100, for: 500)
        #expect(membership.status(of: NodeID(2), now: 599, suspicion: suspicion) == .suspected)
        #expect(membership.status(of: NodeID(2), now: 600, suspicion: suspicion) == .up)
    }

    @Test func silenceMakesAPeerSuspectedThenDown() {
        var membership = membership()
        membership.heard(from: NodeID(2), now: 100)
        #expect(membership.status(of: NodeID(2), now: 100 + suspicion - 1, suspicion: suspicion) == .up)
        #expect(membership.status(of: NodeID(2), now: 100 + suspicion, suspicion: suspicion) == .suspected)
        #expect(membership.status(of: NodeID(2), now: 100 + 2 * suspicion, suspicion: suspicion) == .down)
        #expect(membership.status(of: NodeID(1), now: 100 + 2 * suspicion, suspicion: suspicion) == .up, "a node never suspects itself")
    }

    @Test func anAnswerCountsFromTheLatestRequestItAnswered() {
        var membership = membership()
        membership.answered(by: NodeID(2), requestSentAt: 500)
        membership.answered(by: NodeID(2), requestSentAt: 200)
        #expect(membership.answered(by: NodeID(2), requestSentSince: 500))
        #expect(!membership.answered(by: NodeID(2), requestSentSince: 501))
        #expect(!membership.answered(by: NodeID(3), requestSentSince: 0), "a peer that never answered")
    }

    @Test func aRestartForgetsWhatWasSeen() {
        var membership = membership()
        membership.suspect(NodeID(2), now: 100, for: 5_000)
        membership.answered(by: NodeID(3), requestSentAt: 100)
        membership.start(now: 200)
        #expect(membership.status(of: NodeID(2), now: 300, suspicion: suspicion) == .up)
        #expect(!membership.answered(by: NodeID(3), requestSentSince: 0))
    }
}

/// Merging gossip (the paper, section 4.8.1): the newer record about each node wins, whatever
/// order the records come in; only a change of tokens or membership changes the ring.
@Suite struct MembershipMergeTests {
    func record(_ node: Int, beats: UInt64, tokens: [RingPosition] = [1], status: MemberRecord.Status = .member) -> MemberRecord {
        MemberRecord(node: NodeID(node), heartbeat: .init(incarnation: 0, beats: beats), tokens: tokens, status: status)
    }

    func membership() -> Membership {
        Membership(owner: NodeID(1), records: (1...4).map { record($0, beats: 5, tokens: [RingPosition($0)]) })
    }

    @Test func aNewerHeartbeatMovesOnAndTheRingStays() {
        var membership = membership()
        let changed = membership.merge([record(2, beats: 6, tokens: [2]), record(3, beats: 4, tokens: [3]), record(4, beats: 5, tokens: [4])], now: 10)
        #expect(!changed)
        #expect(membership.record(of: NodeID(2))?.heartbeat.beats == 6)
        #expect(membership.record(of: NodeID(3))?.heartbeat.beats == 5, "an older record is ignored")
    }

    @Test func newTokensANewNodeOrADepartureChangeTheRing() {
        var membership = membership()
        let moved = membership.merge([record(3, beats: 6, tokens: [30])], now: 10)
        #expect(moved)
        #expect(membership.record(of: NodeID(3))?.tokens == [30])
        let joined = membership.merge([record(6, beats: 0, tokens: [60])], now: 20)
        #expect(joined)
        #expect(membership.records.map(\.node.index) == [1, 2, 3, 4, 6], "kept sorted by node")
        let left = membership.merge([record(4, beats: 7, tokens: [4], status: .left)], now: 30)
        #expect(left)
        #expect(membership.record(of: NodeID(4))?.status == .left)
        let back = membership.merge([record(4, beats: 8, tokens: [4])], now: 40)
        #expect(back, "back from having left")
    }

    /// Gossip carries records sorted by node, but a merge does not rely on it.
    @Test func recordsInAnyOrderMergeAsSortedOnes() {
        let incoming = [record(5, beats: 1, tokens: [50]), record(3, beats: 9, tokens: [3]), record(2, beats: 9, tokens: [20]), record(1, beats: 99)]
        var sorted = membership(), shuffled = membership()
        _ = sorted.merge(incoming.sorted { $0.node < $1.node }, now: 10)
        _ = shuffled.merge(incoming, now: 10)
        #expect(sorted == shuffled)
        #expect(sorted.records.map(\.node.index) == [1, 2, 3, 4, 5])
        #expect(sorted.record(of: NodeID(1))?.heartbeat.beats == 5, "a node's own record is its own to keep")
        #expect(sorted.record(of: NodeID(2))?.tokens == [20])
    }
}
