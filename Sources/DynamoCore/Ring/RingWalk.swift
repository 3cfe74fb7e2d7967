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
        let tokens: [Token]
        let start: Int
        /// Tokens passed so far.
        private var passed = 0
        /// Nodes met so far, by number: one bit each for nodes 1 to 64, a set for the rest.
        private var metMask: UInt64 = 0
        private var metBeyondMask: Set<NodeID> = []

        init(tokens: [Token], start: Int) {
            self.tokens = tokens
            self.start = start
        }

        public mutating func next() -> NodeID? {
            while passed < tokens.count {
                let index = start + passed
                let node = tokens[index < tokens.count ? index : index - tokens.count].node
                passed += 1
                if meet(node) { return node }
            }
            return nil
        }

        /// Records `node` as met; false if it was met before.
        private mutating func meet(_ node: NodeID) -> Bool {
            let bit = node.index - 1
            guard (0..<64).contains(bit) else { return metBeyondMask.insert(node).inserted }
            let mask: UInt64 = 1 << bit
            defer { metMask |= mask }
            return metMask & mask == 0
        }
    }
}
