/// Which actor a node's new versions of a key carry.
///
/// A version's clock (its context advanced by its dot) claims every earlier counter of its
/// actor, and a client that reads the version carries the claim in its context: its next write
/// supersedes all of them (section 4.4). The claim is sound while a coordinator holds each of
/// its own earlier versions of the key, or one superseding it, since it sends everything it
/// holds along with a new version (so does Riak's DVVSet: a server's own history of a key stays
/// whole). A node that gave some away, a hint handed off (section 4.6) or a key that moved to
/// other owners (section 4.9), and then wrote the key again would claim writes that no reader
/// saw, and a later write would delete them: acknowledged writes lost. Such a node writes that
/// key under a new actor, with a fresh epoch as after a wipe, whose clock claims nothing else.
extension Node {
    /// The actor this node's new versions of `key` carry.
    func actor(for key: String) -> ActorID { keyActors.isEmpty ? actor : keyActors[key] ?? actor }

    /// The actor for a new version of `key` and the last counter it issued for the key, given
    /// the versions held here and the client's context: a new actor, which issued nothing,
    /// when an earlier version of this node's is neither held here nor seen by the client.
    mutating func writer(of key: String, held: [Version], issued: UInt64, context: VectorClock)
        -> (actor: ActorID, issued: UInt64) {
        let current = actor(for: key)
        // Plain clocks are the paper's, claims and all; last-write-wins drops versions by
        // timestamp whatever the clocks claim, so a new actor would change nothing there.
        let policy = settings.versioning
        guard policy.clocks == .dotted, policy.conflicts == .siblings else { return (current, issued) }
        // Counters up to `covered` are in the client's context or a held version's.
        let covered = held.reduce(context[current]) { max($0, $1.context[current]) }
        let gap = issued > covered
            && (issued - covered > UInt64(held.count)
                || !(covered + 1...issued).allSatisfy { counter in held.contains { $0.dot == Dot(current, counter: counter) } })
        guard gap else { return (current, issued) }
        let fresh = ActorID(id, epoch: latestEpoch + 1)
        keyActors[key] = fresh
        store.restartIssued(for: key)
        return (fresh, 0)
    }

    /// Whether this node may stop holding `leaving` while it keeps `staying`. Not when a version
    /// it keeps has a later counter of the same actor than one leaving and nothing kept saw
    /// that one: readers here would be given a clock claiming a write they never saw, and their
    /// next write would delete it wherever it went (the loss the fresh actors above prevent for
    /// new writes; this keeps the versions already written from causing it).
    func mayForget(_ leaving: [Version], keeping staying: [Version]) -> Bool {
        leaving.allSatisfy { gone in
            // The very version staying, not another with its dot: plain clocks can stamp two
            // writes with one dot.
            staying.contains(gone)
                || staying.contains { $0.context.covers(gone.dot) }
                || !staying.contains { $0.dot.actor == gone.dot.actor && $0.dot.counter > gone.dot.counter }
        }
    }
}
