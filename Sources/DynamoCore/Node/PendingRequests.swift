/// The requests of one kind a node is coordinating, by number.
///
/// A coordinator has a handful in flight at a time (each stays until its last replica answers
/// or its deadline passes), so a scan of a short array of numbers finds one faster than a
/// hash table would.
struct PendingRequests<Pending: Sendable>: Sendable {
    private var ids: [RequestID] = []
    private var entries: [Pending] = []

    var isEmpty: Bool { ids.isEmpty }

    func contains(_ id: RequestID) -> Bool { ids.contains(id) }

    /// Adds `pending` under `id`, which must not be pending already.
    mutating func insert(_ pending: consuming Pending, for id: RequestID) {
        ids.append(id)
        entries.append(pending)
    }

    /// Takes the request `id` out of the table, if it is pending; a caller that is not done with
    /// it inserts it again, so that changing it never copies it.
    mutating func remove(_ id: RequestID) -> Pending? {
        guard let index = ids.firstIndex(of: id) else { return nil }
        ids.remove(at: index)
        return entries.remove(at: index)
    }

    mutating func removeAll() {
        ids.removeAll()
        entries.removeAll()
    }
}
