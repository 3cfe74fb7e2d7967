/// The distinct physical nodes met walking the ring clockwise from a token, produced on
/// demand (the paper, section 4.3: "skipping positions in the ring" of nodes already met).
public struct RingWalk: Sequence, Sendable {
    let tokens: [Token]
    let start: Int

    public func makeIterator() -> Iterator {
        Iterator(tokens: tokens, start: start)
    }

    /// The first `count` nodes of the walk (fewer if the ring has fewer nodes).
    public func first(_ count: Int) -> [NodeID] {
        var nodes: [NodeID] = []
        nodes.reserveCapacity(Swift.min(count, tokens.count))
        var iterator = makeIterator()
        while nodes.count < count, let node = iterator.next() { nodes.append(node) }
        return nodes
    }

    public struct Iterator: IteratorProtocol {
        /// Up to this many tokens a node is checked against the tokens already passed, which
        /// costs no allocation; a longer walk keeps a set.
        private static let scanLimit = 32

        let tokens: [Token]
        let start: Int
        /// Tokens passed so far.
        private var passed = 0
        private var met: Set<NodeID> = []

        init(tokens: [Token], start: Int) {
            self.tokens = tokens
            self.start = start
        }

        public mutating func next() -> NodeID? {
            while passed < tokens.count {
                let node = token(passed).node
                let isNew = passed < Self.scanLimit
                    ? !(0..<passed).contains { token($0).node == node }
                    : met.insert(node).inserted
                passed += 1
                if passed == Self.scanLimit { met = Set((0..<passed).map { token($0).node }) }
                if isNew { return node }
            }
            return nil
        }

        private func token(_ offset: Int) -> Token {
            let index = start + offset
            return tokens[index < tokens.count ? index : index - tokens.count]
        }
    }
}
