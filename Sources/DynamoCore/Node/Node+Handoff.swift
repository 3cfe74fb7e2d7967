/// Hinted handoff (the paper, section 4.6): a node holding versions for another offers them
/// back whenever it believes the owner up; the owner stores them and the holder deletes them.
extension Node {
    mutating func offerHints(now: Millis, effects: inout [Effect]) {
        for hint in hints.all where detector.isUp(hint.owner, now: now) {
            effects.append(.send(to: hint.owner, .handoff(key: hint.key, versions: hint.versions)))
        }
        effects.append(.setTimer(.handoff, after: settings.handoffInterval))
    }
}
