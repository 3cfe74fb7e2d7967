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
        /// Up to this many tokens a node past the mask is compared with the tokens already
        /// passed, which costs no allocation; further on the walk keeps a set.
        private static let scanLimit = 32

        let tokens: [Token]
        let start: Int
        /// Tokens passed so far.
        private var passed = 0
        /// Nodes 1 to 64 met so far, one bit each.
        private var metMask: UInt64 = 0
        /// The nodes met, kept once a node past the mask turns up beyond `scanLimit` tokens.
        private var met: Set<NodeID>?

        init(tokens: [Token], start: Int) {
            self.tokens = tokens
            self.start = start
        }

        public mutating func next() -> NodeID? {
            while passed < tokens.count {
                let node = node(at: passed)
                passed += 1
                let bit = node.index - 1
                if (0..<64).contains(bit) {
                    let mask: UInt64 = 1 << bit
                    if metMask & mask == 0 {
                        metMask |= mask
                        return node
                    }
                } else if isNewPastMask(node) {
                    return node
                }
            }
            return nil
        }

        /// Whether a node past the mask, at the token just passed, is met for the first time:
        /// compared with the tokens before it while they are few, looked up in a set after.
        @inline(never)
        private mutating func isNewPastMask(_ node: NodeID) -> Bool {
            if passed <= Self.scanLimit { return !(0..<(passed - 1)).contains { self.node(at: $0) == node } }
            if met == nil { met = Set((0..<(passed - 1)).map(node(at:))) }
            return met!.insert(node).inserted
        }

        private func node(at offset: Int) -> NodeID {
            let index = start + offset
            return tokens[index < tokens.count ? index : index - tokens.count].node
        }
    }
}
