import DynamoCore

/// Network faults as data: loss, delay, one-way cuts and clock skew.
extension Cluster {
    /// Sets the loss rate everywhere, or on one directed link.
    public func setLoss(_ rate: Double, on link: Network.Link? = nil) throws(ClusterError) {
        if let link {
            try checkKnown(link.from)
            try checkKnown(link.to)
            // A link at the loss everywhere needs no entry; any other rate, 0 % included, does.
            network.linkLoss[link] = rate == network.loss ? nil : rate
        } else {
            network.loss = rate
            network.linkLoss = [:]
        }
        record(.action("loss \(Network.percent(rate))" + (link.map { " on \($0)" } ?? "")))
    }

    public func setLatency(_ latency: ClosedRange<Millis>) {
        network.latency = latency
        record(.action("delay \(latency.lowerBound)ms..\(latency.upperBound)ms"))
    }

    /// Cuts one direction of a link: messages from `link.from` to `link.to` are lost.
    public func cut(_ link: Network.Link) throws(ClusterError) {
        try checkKnown(link.from)
        try checkKnown(link.to)
        network.cut(link)
        record(.action("cut \(link)"))
    }

    /// Moves a node's wall clock by `offset` from virtual time.
    public func setSkew(_ node: NodeID, by offset: Millis) throws(ClusterError) {
        try checkKnown(node)
        network.skew[node] = offset == 0 ? nil : offset
        record(.action("skew \(node) \(offset >= 0 ? "+" : "")\(offset)ms"))
    }
}
