extension Cluster {
    /// The last `limit` trace entries in the order they were recorded; routine traffic
    /// (gossip, agreeing Merkle roots) only when `routine`.
    public func recentTrace(_ limit: Int, routine: Bool) -> [TraceEntry] {
        guard routine else { return Array(trace.suffix(limit)) }
        return Array(Self.inOrder(trace.suffix(limit), routineTrace.suffix(limit)).suffix(limit))
    }

    /// The entries still kept that were recorded after entry number `sequence`, both kinds, in order.
    public func traceEntries(after sequence: Int) -> [TraceEntry] {
        Self.inOrder(trace.filter { $0.sequence > sequence }, routineTrace.filter { $0.sequence > sequence })
    }

    private static func inOrder(_ first: some Sequence<TraceEntry>, _ second: some Sequence<TraceEntry>) -> [TraceEntry] {
        (Array(first) + Array(second)).sorted { $0.sequence < $1.sequence }
    }
}
