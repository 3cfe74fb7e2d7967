/// What a node says about itself, spread by gossip: its tokens and whether it is still a member
/// (the paper, section 4.8.1), and a heartbeat that only it advances (the lab's, for its failure
/// detector: see `Membership`).
public struct MemberRecord: Sendable, Equatable {
    /// Orders records about one node: a later start, then more beats, is newer news.
    public struct Heartbeat: Sendable, Equatable, Comparable {
        /// When this life of the node began; a restarted or wiped node starts a newer one.
        public let incarnation: Millis
        public var beats: UInt64

        public init(incarnation: Millis, beats: UInt64) {
            self.incarnation = incarnation
            self.beats = beats
        }

        public static func < (lhs: Heartbeat, rhs: Heartbeat) -> Bool {
            (lhs.incarnation, lhs.beats) < (rhs.incarnation, rhs.beats)
        }
    }

    public enum Status: String, Sendable, Equatable {
        /// Owns its tokens and serves.
        case member
        /// Decommissioned: its tokens are gone from the ring (section 4.9).
        case left
    }

    public let node: NodeID
    public var heartbeat: Heartbeat
    public var tokens: [RingPosition]
    public var status: Status

    public init(node: NodeID, heartbeat: Heartbeat, tokens: [RingPosition], status: Status = .member) {
        self.node = node
        self.heartbeat = heartbeat
        self.tokens = tokens
        self.status = status
    }
}
