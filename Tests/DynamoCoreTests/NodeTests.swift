import Testing
@testable import DynamoCore

/// The node as a pure state machine: inputs in, effects out, no clock or network.
@Suite struct NodeTests {
    let members = (1...5).map { index in
        MemberRecord(node: NodeID(index), heartbeat: .init(incarnation: 0, beats: 0),
                     tokens: (0..<4).map { RingPosition.of(key: "token-\(index)-\($0)") })
    }
    var ring: Ring { Membership(owner: NodeID(1), records: members).ring }
    var preference: [NodeID] { ring.walk(from: .of(key: "cart")) }

    func node(_ id: NodeID, settings: NodeSettings = NodeSettings()) -> Node {
        var node = Node(id: id, members: members, settings: settings, random: TestRandom())
        _ = node.handle(.start, now: 0)
        return node
    }

    func put(_ value: String, id: RequestID = 1, context: VectorClock = .empty) -> Input {
        .client(ClientRequest(id: id, key: "cart", operation: .put(.data(value), context: context)))
    }

    func sends(_ effects: [Effect]) -> [(NodeID, Message)] {
        effects.compactMap { if case .send(let to, let message) = $0 { (to, message) } else { nil } }
    }

    func replies(_ effects: [Effect]) -> [ClientReply] {
        effects.compactMap { if case .reply(let reply) = $0 { reply } else { nil } }
    }

    @Test func coordinatorStoresLocallyAndSendsToTheOtherReplicas() {
        var coordinator = node(preference[0])
        let effects = coordinator.handle(put("milk"), now: 10)
        #expect(sends(effects).map(\.0) == Array(preference[1...2]))
        #expect(coordinator.store.versions(of: "cart").map(\.value) == [.data("milk")])
        #expect(replies(effects).isEmpty, "W=2 needs one more acknowledgement")
    }

    @Test func coordinatorAnswersOnceWAcknowledge() {
        var coordinator = node(preference[0])
        _ = coordinator.handle(put("milk"), now: 0)
        let effects = coordinator.handle(.message(from: preference[2], .stored(1)), now: 5)
        guard case .written(let version, let acks, let hinted)? = replies(effects).first?.outcome else {
            Issue.record("expected a successful write")
            return
        }
        #expect(acks == [preference[0], preference[2]])
        #expect(hinted.isEmpty)
        #expect(version.dot == Dot(node: preference[0], counter: 1))
    }

    @Test func silentReplicaIsReplacedByTheNextNodeHoldingAHint() {
        var coordinator = node(preference[0])
        _ = coordinator.handle(put("milk"), now: 0)
        _ = coordinator.handle(.message(from: preference[1], .stored(1)), now: 3)
        let effects = coordinator.handle(.timer(.replicas), now: 100)
        let hinted = sends(effects)
        #expect(hinted.count == 1)
        #expect(hinted.first?.0 == preference[3])
        if case .store(_, _, _, let owner)? = hinted.first?.1 {
            #expect(owner == preference[2])
        } else {
            Issue.record("expected a hinted store")
        }
        #expect(!coordinator.believesUp(preference[2], now: 100))
    }

    @Test func aNodeBelievedDownGetsItsHintWithoutWaiting() {
        var coordinator = node(preference[0])
        _ = coordinator.handle(put("milk"), now: 0)
        _ = coordinator.handle(.timer(.replicas), now: 100)
        let effects = coordinator.handle(put("tea", id: 2), now: 200)
        let targets = sends(effects).map(\.0)
        #expect(targets == [preference[3], preference[4]])
    }

    /// One `replicas` timer serves every request the node coordinates: set for the earliest
    /// replica deadline, it deals with the requests due then alone and is set again for the next.
    @Test func oneReplicaTimerServesEachRequestAtItsOwnDeadline() {
        var coordinator = node(preference[0])
        func timers(_ effects: [Effect]) -> [Millis] {
            effects.compactMap { if case .setTimer(.replicas, let after) = $0 { after } else { nil } }
        }
        func hintedRequests(_ effects: [Effect]) -> [RequestID] {
            sends(effects).compactMap { if case .store(let id, _, _, _?) = $0.1 { id } else { nil } }
        }
        #expect(timers(coordinator.handle(put("milk"), now: 0)) == [100])
        #expect(timers(coordinator.handle(put("tea", id: 2), now: 30)).isEmpty, "the timer set fires sooner")

        let first = coordinator.handle(.timer(.replicas), now: 100)
        #expect(hintedRequests(first) == [1, 1])
        #expect(timers(first) == [30], "request 2 is due at 130")

        let second = coordinator.handle(.timer(.replicas), now: 130)
        #expect(hintedRequests(second) == [2, 2])
        #expect(timers(second) == [70], "request 1's stand-ins are due at 200")
    }

    /// A coordinator keeps the preference list of each stretch of the ring it is asked about, and
    /// works it out again once N or the ring changes.
    @Test func aKeptPreferenceListFollowsNAndTheRing() {
        var coordinator = node(preference[0])
        #expect(sends(coordinator.handle(put("milk"), now: 0)).map(\.0) == Array(preference[1...2]))

        var wider = coordinator.settings
        wider.n = 4
        _ = coordinator.handle(.configure(wider), now: 10)
        #expect(sends(coordinator.handle(put("tea", id: 2), now: 20)).map(\.0) == Array(preference[1...3]))

        let leaving = preference[1]
        let left = MemberRecord(node: leaving, heartbeat: .init(incarnation: 0, beats: 5),
                                tokens: members[leaving.index - 1].tokens, status: .left)
        _ = coordinator.handle(.message(from: leaving, .gossip([left])), now: 30)
        #expect(sends(coordinator.handle(put("jam", id: 3), now: 40)).map(\.0) == Array(preference[2...4]))
    }

    /// With every other node believed down there is no one to stand in: the owners themselves
    /// are tried, since they may be back (section 4.8.3), rather than nothing being sent.
    @Test func withNoHealthyNodeLeftTheOwnersThemselvesAreTried() {
        var coordinator = node(preference[0])
        _ = coordinator.handle(put("milk"), now: 0)
        _ = coordinator.handle(.timer(.replicas), now: 100)
        _ = coordinator.handle(.timer(.replicas), now: 200)
        #expect(preference[1...].allSatisfy { !coordinator.believesUp($0, now: 200) }, "owners and stand-ins all silent")

        let write = coordinator.handle(put("tea", id: 2), now: 300)
        #expect(sends(write).map(\.0) == [preference[1], preference[2]])
        #expect(sends(write).allSatisfy { if case .store(_, _, _, nil) = $0.1 { true } else { false } }, "no hints")

        let read = coordinator.handle(.client(ClientRequest(id: 3, key: "cart", operation: .get)), now: 300)
        #expect(sends(read).map(\.0) == [preference[1], preference[2]])
    }

    @Test func fallbackKeepsHintApartAndHandsItBackToTheOwner() {
        let owner = preference[2]
        var holder = node(preference[3])
        let version = Version(value: .data("milk"), dot: Dot(node: preference[0], counter: 1), context: .empty, timestamp: 0)
        let stored = holder.handle(.message(from: preference[0], .store(1, key: "cart", versions: [version], hintFor: owner)), now: 1)
        #expect(sends(stored).map(\.1) == [.stored(1)])
        #expect(holder.store.versions(of: "cart").isEmpty)
        #expect(holder.hints.all.map(\.owner) == [owner])

        let offered = sends(holder.handle(.timer(.handoff), now: 1_000)).filter { $0.1.kind == .handoff }
        #expect(offered.map(\.0) == [owner])

        var ownerNode = node(owner)
        let answer = sends(ownerNode.handle(.message(from: preference[3], offered[0].1), now: 1_001))
        #expect(answer.map(\.1) == [.handedOff(key: "cart", owner: owner, versions: [version])])
        #expect(ownerNode.store.versions(of: "cart") == [version])
        _ = holder.handle(.message(from: owner, answer[0].1), now: 1_002)
        #expect(holder.hints.isEmpty)
    }

    /// Two writes of the cart through `coordinator` from one empty context: the second's clock
    /// claims the first, which it did not see.
    func twoWrites(through coordinator: NodeID) -> (earlier: Version, later: Version) {
        let earlier = Version(value: .data("milk"), dot: Dot(node: coordinator, counter: 1), context: .empty, timestamp: 0)
        return (earlier, Version(value: .data("eggs"), dot: Dot(node: coordinator, counter: 2), context: .empty, timestamp: 0))
    }

    func handedBack(_ version: Version, by owner: NodeID, to holder: inout Node, now: Millis) {
        _ = holder.handle(.message(from: owner, .handedOff(key: "cart", owner: owner, versions: [version])), now: now)
    }

    /// Two writes by one coordinator, held as hints for different owners. Once the first is
    /// handed back, the holder keeps it while it still holds the second (a reader here would
    /// otherwise get a clock claiming a write it never saw), in the second's hint, and lets both
    /// go once the second's owner took them.
    @Test func aHintHandedBackStaysWhileAVersionKeptHereClaimsIt() {
        let (first, second) = (preference[1], preference[2])
        var holder = node(preference[3])
        let (earlier, later) = twoWrites(through: preference[0])
        _ = holder.handle(.message(from: preference[0], .store(1, key: "cart", versions: [earlier], hintFor: first)), now: 1)
        _ = holder.handle(.message(from: preference[0], .store(2, key: "cart", versions: [later], hintFor: second)), now: 2)

        handedBack(earlier, by: first, to: &holder, now: 3)
        #expect(holder.hints.versions(of: "cart", for: first).isEmpty)
        #expect(holder.hints.versions(of: "cart", for: second) == [earlier, later], "the later version still claims it")
        handedBack(later, by: second, to: &holder, now: 4)
        #expect(holder.hints.versions(of: "cart", for: second) == [earlier], "the earlier one waits to be taken in turn")
        handedBack(earlier, by: second, to: &holder, now: 5)
        #expect(holder.hints.isEmpty)
    }

    /// The same on a node that replicates the key (it became an owner after taking the hints):
    /// the version handed back moves into its store instead of staying a hint.
    @Test func aHintHandedBackThatAVersionKeptHereClaimsMovesIntoAnOwnersStore() {
        let (first, second) = (preference[0], preference[1])
        var holder = node(preference[2])
        let (earlier, later) = twoWrites(through: preference[3])
        holder.hints.add([earlier], for: first, key: "cart", policy: holder.settings.versioning)
        holder.hints.add([later], for: second, key: "cart", policy: holder.settings.versioning)

        handedBack(earlier, by: first, to: &holder, now: 3)
        #expect(holder.hints.versions(of: "cart", for: first).isEmpty)
        #expect(holder.store.versions(of: "cart") == [earlier])
    }

    /// A node hands over a key it no longer replicates while it also keeps a hint for it, each
    /// holding a version of one coordinator that claims a version only the other holds. The
    /// hint handed back joins the copy being handed over, so that neither waits on the other
    /// for ever, and once every owner took the key nothing of it is left here.
    @Test func aHintAndACopyToHandOverThatClaimEachOthersVersionsBothGo() {
        let writes = (1...3).map { counter in
            Version(value: .data("v\(counter)"), dot: Dot(node: preference[0], counter: UInt64(counter)), context: .empty, timestamp: 0)
        }
        var holder = node(preference[3])
        _ = holder.handle(.message(from: preference[4], .transfer(key: "cart", versions: [writes[1], writes[2]])), now: 1)
        _ = holder.handle(.message(from: preference[0], .store(1, key: "cart", versions: [writes[0], writes[2]], hintFor: preference[1])), now: 2)
        #expect(holder.store.versions(of: "cart") == [writes[1], writes[2]])

        _ = holder.handle(.message(from: preference[1], .handedOff(key: "cart", owner: preference[1], versions: [writes[0], writes[2]])), now: 3)
        #expect(holder.hints.isEmpty, "the hint's versions joined the copy to hand over")
        #expect(holder.store.versions(of: "cart") == writes)
        for owner in preference.prefix(3) {
            _ = holder.handle(.message(from: owner, .transferred(key: "cart", versions: writes)), now: 4)
        }
        #expect(holder.store.count == 0 && holder.hints.isEmpty)
    }

    /// The same between two hints of one key for different owners: the versions the first
    /// owner took join the second hint, whose owner then takes them all.
    @Test func twoHintsThatClaimEachOthersVersionsBothDrain() {
        let writes = (1...4).map { counter in
            Version(value: .data("v\(counter)"), dot: Dot(node: preference[0], counter: UInt64(counter)), context: .empty, timestamp: 0)
        }
        var holder = node(preference[3])
        _ = holder.handle(.message(from: preference[0], .store(1, key: "cart", versions: [writes[0], writes[3]], hintFor: preference[1])), now: 1)
        _ = holder.handle(.message(from: preference[0], .store(2, key: "cart", versions: [writes[2]], hintFor: preference[2])), now: 2)
        func handedBack(by owner: NodeID, now: Millis) {
            let versions = holder.hints.versions(of: "cart", for: owner)
            _ = holder.handle(.message(from: owner, .handedOff(key: "cart", owner: owner, versions: versions)), now: now)
        }
        handedBack(by: preference[1], now: 3)
        #expect(holder.hints.versions(of: "cart", for: preference[1]).isEmpty)
        #expect(Set(holder.hints.versions(of: "cart", for: preference[2]).map(\.dot)) == Set([0, 2, 3].map { writes[$0].dot }))
        handedBack(by: preference[2], now: 4)
        #expect(holder.hints.isEmpty)
    }

    /// A key given away goes again each round only to the owners that have not yet said they
    /// took it, and the copy goes once the last of them has.
    @Test func aKeyGivenAwayIsOfferedAgainOnlyToOwnersThatHaveNotTakenIt() {
        let version = Version(value: .data("milk"), dot: Dot(node: preference[0], counter: 1), context: .empty, timestamp: 0)
        var holder = node(preference[3])
        _ = holder.handle(.message(from: preference[4], .transfer(key: "cart", versions: [version])), now: 1)
        /// The owners a hand-off round, due each second, offers the key to.
        func offeredTo(now: Millis) -> [NodeID] {
            sends(holder.handle(.timer(.handoff), now: now)).compactMap { if case .transfer = $0.1 { $0.0 } else { nil } }
        }
        #expect(offeredTo(now: 1_000) == Array(preference.prefix(3)))
        _ = holder.handle(.message(from: preference[0], .transferred(key: "cart", versions: [version])), now: 1_500)
        #expect(offeredTo(now: 2_000) == Array(preference[1...2]))
        for owner in preference[1...2] {
            _ = holder.handle(.message(from: owner, .transferred(key: "cart", versions: [version])), now: 2_500)
        }
        #expect(holder.store.count == 0)
        #expect(offeredTo(now: 3_000).isEmpty)
    }

    /// Only an owner, in its own ring, acknowledges a key given away: a node that would give it
    /// away again must not let the sender delete its copy.
    @Test func onlyAnOwnerAcknowledgesAKeyGivenAway() {
        let version = Version(value: .data("milk"), dot: Dot(node: preference[0], counter: 1), context: .empty, timestamp: 0)
        var owner = node(preference[1]), other = node(preference[3])
        let transfer = Message.transfer(key: "cart", versions: [version])
        #expect(sends(owner.handle(.message(from: preference[4], transfer), now: 1)).map(\.1)
                == [.transferred(key: "cart", versions: [version])])
        #expect(sends(other.handle(.message(from: preference[4], transfer), now: 1)).isEmpty)
        #expect(other.store.versions(of: "cart") == [version], "it keeps the copy, to pass it on")
    }

    @Test func aWriteOutsideThePreferenceListIsForwardedAndAcceptedOrPassedOn() {
        let outsider = ring.nodes.first { !preference.prefix(3).contains($0) }!
        var entry = node(outsider)
        let effects = entry.handle(put("milk"), now: 0)
        #expect(sends(effects).map(\.0) == [preference[0]])
        #expect(entry.store.count == 0)
        // No acceptance in time: the next node of the preference list is tried.
        let retried = entry.handle(.timer(.forward(1)), now: 100)
        #expect(sends(retried).map(\.0) == [preference[1]])
        let confirmed = sends(entry.handle(.message(from: preference[1], .forwardAccepted(1)), now: 102))
        #expect(confirmed.map(\.0) == [preference[1]])
        #expect(confirmed.first?.1 == .forwardConfirmed(1))
        let reply = ClientReply(id: 1, key: "cart", coordinator: preference[1], outcome: .failed(reason: "test"))
        #expect(replies(entry.handle(.message(from: preference[1], .forwardedReply(reply)), now: 150)) == [reply])
    }

    @Test func aForwardTargetThatAcceptsLateIsToldToDropTheWrite() {
        let outsider = ring.nodes.first { !preference.prefix(3).contains($0) }!
        var entry = node(outsider)
        _ = entry.handle(put("milk"), now: 0)
        _ = entry.handle(.timer(.forward(1)), now: 100)
        // The slow first target accepts after the second was tried: it coordinates, the other drops it.
        let late = sends(entry.handle(.message(from: preference[0], .forwardAccepted(1)), now: 120))
        #expect(late.map(\.1) == [.forwardConfirmed(1)])
        let second = sends(entry.handle(.message(from: preference[1], .forwardAccepted(1)), now: 125))
        #expect(second.map(\.0) == [preference[1]])
        #expect(second.map(\.1) == [.forwardWithdrawn(1)])
    }

    @Test func aForwardTargetCoordinatesOnlyOnceConfirmed() {
        var target = node(preference[0])
        let request = ClientRequest(id: 1, key: "cart", operation: .put(.data("milk"), context: .empty))
        let held = target.handle(.message(from: NodeID(9), .forward(request)), now: 0)
        #expect(sends(held).map(\.1) == [.forwardAccepted(1)])
        #expect(target.store.count == 0, "held, not yet coordinated")
        _ = target.handle(.message(from: NodeID(9), .forwardWithdrawn(1)), now: 5)
        #expect(target.handle(.message(from: NodeID(9), .forwardConfirmed(1)), now: 6).isEmpty, "withdrawn: nothing to coordinate")
        _ = target.handle(.message(from: NodeID(9), .forward(ClientRequest(id: 2, key: "cart", operation: request.operation))), now: 10)
        let coordinated = target.handle(.message(from: NodeID(9), .forwardConfirmed(2)), now: 12)
        #expect(sends(coordinated).map(\.0) == Array(preference[1...2]))
        #expect(target.store.versions(of: "cart").count == 1)
    }

    @Test func readAnswersAfterRAndRepairsTheStaleReplica() {
        var coordinator = node(preference[0])
        let fresh = Version(value: .data("new"), dot: Dot(node: preference[1], counter: 2), context: VectorClock([(preference[1], 1)]), timestamp: 0)
        let get = ClientRequest(id: 7, key: "cart", operation: .get)
        let asked = sends(coordinator.handle(.client(get), now: 0))
        #expect(asked.map(\.0) == Array(preference[1...2]))
        let answered = coordinator.handle(.message(from: preference[1], .fetched(7, versions: [fresh])), now: 4)
        guard case .read(let siblings, let context, let replied)? = replies(answered).first?.outcome else {
            Issue.record("expected a read after R=2 answers")
            return
        }
        #expect(siblings == [fresh])
        #expect(context.descends(fresh.clock))
        #expect(replied == [preference[0], preference[1]])
        #expect(coordinator.store.versions(of: "cart").isEmpty)
        let repairs = sends(coordinator.handle(.message(from: preference[2], .fetched(7, versions: [])), now: 6))
        // The stale coordinator repairs itself at once, with no message to itself.
        #expect(repairs.map(\.0) == [preference[2]])
        #expect(repairs.map(\.1) == [.repair(key: "cart", versions: [fresh])])
        #expect(coordinator.store.versions(of: "cart") == [fresh])
    }

    @Test func aWriteFailsAtTheDeadlineWithoutQuorum() {
        var settings = NodeSettings()
        settings.w = 3
        var coordinator = node(preference[0], settings: settings)
        _ = coordinator.handle(put("milk"), now: 0)
        let effects = coordinator.handle(.timer(.request(1)), now: 300)
        guard case .failed(let reason)? = replies(effects).first?.outcome else {
            Issue.record("expected a failure")
            return
        }
        #expect(reason.contains("only 1 of W=3"))
    }

    @Test func theDotCounterGrowsPastEveryVersionHeldHere() {
        var coordinator = node(preference[0])
        _ = coordinator.handle(put("a", id: 1), now: 0)
        _ = coordinator.handle(put("b", id: 2), now: 1)
        let dots = coordinator.store.versions(of: "cart").map(\.dot.counter)
        #expect(dots == [1, 2], "two puts with the same empty context are siblings with distinct dots")
    }

    @Test func truncationKeepsTheNewClockWithinClockMax() {
        var settings = NodeSettings()
        settings.versioning.clockMax = 2
        var coordinator = node(preference[0], settings: settings)
        let context = VectorClock([(NodeID(7), 1), (NodeID(8), 1), (NodeID(9), 1)])
        _ = coordinator.handle(put("a", context: context), now: 5)
        let clock = coordinator.store.versions(of: "cart")[0].clock
        #expect(clock.entries.count == 2)
        #expect(clock[ActorID(preference[0])] == 1)
    }

    /// The coordinator's own entry is the oldest in the context it is sent, yet truncation keeps
    /// it, as this write makes it the newest: the clock stays within `clockMax`, and the context
    /// still covers the coordinator's earlier write, which the new version therefore replaces.
    @Test func truncationNeverDropsTheCoordinatorsOwnEntry() {
        var settings = NodeSettings()
        settings.versioning.clockMax = 2
        let me = preference[0]
        var coordinator = node(me, settings: settings)
        _ = coordinator.handle(put("a", id: 1), now: 1)
        var context = coordinator.store.versions(of: "cart")[0].clock
        context.advance(ActorID(NodeID(8)), to: 1, at: 20)
        context.advance(ActorID(NodeID(9)), to: 1, at: 30)
        _ = coordinator.handle(put("b", id: 2, context: context), now: 40)
        let held = coordinator.store.versions(of: "cart")
        #expect(held.map(\.value) == [.data("b")], "the write replaces the one its context saw")
        #expect(held[0].clock.entries.map(\.actor) == [ActorID(me), ActorID(NodeID(9))], "the oldest other entry goes")
        #expect(held[0].context.covers(Dot(ActorID(me), counter: 1)))
    }

    /// Gossip targets over `rounds` rounds of node1, whose view says `departed` left.
    func gossipTargets(departed: Set<Int>, rounds: Int) -> [NodeID] {
        let records = members.map { record in
            var record = record
            if departed.contains(record.node.index) { record.status = .left }
            return record
        }
        var gossiper = Node(id: NodeID(1), members: records, settings: NodeSettings(), random: TestRandom())
        _ = gossiper.handle(.start, now: 0)
        return (1...rounds).flatMap { round in
            sends(gossiper.handle(.timer(.gossip), now: Millis(round) * 1_000)).compactMap { target, message in
                if case .gossip = message { target } else { nil }
            }
        }
    }

    /// A node whose view says every other node left still gossips, with one of them each round:
    /// if they came back while it could not hear, that is how it finds the ring again (section
    /// 4.8.2's logical partitions).
    @Test func aNodeThatBelievesEveryPeerLeftStillGossipsWithThem() {
        let targets = gossipTargets(departed: [2, 3, 4, 5], rounds: 20)
        #expect(targets.count == 20)
        #expect(Set(targets).count > 1, "a different node now and then")
    }

    /// With members to gossip with, a node gossips with each round's member and only now and
    /// then with a node its view says left.
    @Test func aNodeGossipsWithMembersAndNowAndThenWithANodeThatLeft() {
        let targets = gossipTargets(departed: [5], rounds: 200)
        let withLeft = targets.count { $0 == NodeID(5) }
        #expect(targets.count - withLeft == 200, "one member each round")
        #expect(withLeft > 0 && withLeft < 100)
        #expect(gossipTargets(departed: [], rounds: 50).count == 50, "no one left: one gossip a round")
    }
}
