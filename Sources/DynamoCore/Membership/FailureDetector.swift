/// A node's local belief about which peers are up (the paper, section 4.8.3: "node A may
/// consider node B failed if node B does not respond to node A's messages").
///
/// A peer that misses a deadline is believed down for the suspicion timeout, then tried again;
/// any message from it clears the suspicion at once. Each node has its own detector, so views
/// differ from node to node.
public struct FailureDetector: Sendable, Equatable {
    private var suspectedUntil: [NodeID: Millis] = [:]

    public init() {}

    public func isUp(_ peer: NodeID, now: Millis) -> Bool {
        guard let until = suspectedUntil[peer] else { return true }
        return now >= until
    }

    /// The peers believed down at `now`, sorted.
    public func suspects(now: Millis) -> [NodeID] {
        suspectedUntil.filter { now < $0.value }.map(\.key).sorted()
    }

    public mutating func heard(from peer: NodeID) { suspectedUntil[peer] = nil }

    public mutating func suspect(_ peer: NodeID, now: Millis, for duration: Millis) {
        suspectedUntil[peer] = now + duration
    }
}
