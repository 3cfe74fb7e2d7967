/// The periodic rounds: hand-off of hints and misplaced keys (sections 4.6 and 4.9), gossip
/// (4.8) and anti-entropy (4.7), each on its own interval from the node's settings.
extension Node {
    static let rounds: [TimerID] = [.handoff, .gossip, .antiEntropy]

    /// How often `round` runs under `settings`.
    static func interval(of round: TimerID, in settings: NodeSettings) -> Millis? {
        switch round {
        case .handoff: settings.handoffInterval
        case .gossip: settings.gossipInterval
        case .antiEntropy: settings.antiEntropyInterval
        case .replicas, .forward, .heldForward, .request: nil
        }
    }

    /// Sets the timer of `round` one interval from now.
    mutating func arm(_ round: TimerID, now: Millis, effects: inout Effects) {
        guard let interval = Self.interval(of: round, in: settings) else { return }
        roundsDue[round] = now + interval
        effects.append(.setTimer(round, after: interval))
    }

    /// Runs `round` and sets its next timer, unless this timer was set before the round's
    /// interval changed.
    mutating func runRound(_ round: TimerID, now: Millis, effects: inout Effects) {
        guard roundsDue[round] == now else { return }
        switch round {
        case .handoff:
            offerHints(now: now, effects: &effects)
            handOverMisplacedKeys(now: now, effects: &effects)
        case .gossip:
            gossip(now: now, effects: &effects)
        case .antiEntropy:
            startAntiEntropy(byHand: false, now: now, effects: &effects)
        case .replicas, .forward, .heldForward, .request:
            return
        }
        arm(round, now: now, effects: &effects)
    }

    /// New tunables: a round whose interval changed is next due one new interval from now,
    /// not when the timer set under the old one fires.
    mutating func configure(_ new: NodeSettings, now: Millis, effects: inout Effects) {
        let old = settings
        settings = new
        for round in Self.rounds where Self.interval(of: round, in: new) != Self.interval(of: round, in: old) {
            arm(round, now: now, effects: &effects)
        }
    }
}
