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
