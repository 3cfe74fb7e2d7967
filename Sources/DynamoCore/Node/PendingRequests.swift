/// The requests of one kind a node is coordinating, by number.
///
/// A coordinator has a handful in flight at a time (each stays until its last replica answers
/// or its deadline passes), so a scan of a short array of numbers finds one faster than a
/// hash table would.
struct PendingRequests<Pending: Sendable>: Sendable {
    private var ids: [RequestID] = []
    private var entries: [Pending] = []

    /// How many requests are pending: also the position the next one inserted takes.
    var count: Int { ids.count }

    func contains(_ id: RequestID) -> Bool { ids.contains(id) }

    /// Where the request `id` is in the table, if it is pending; valid until the table changes.
    func position(of id: RequestID) -> Int? { ids.firstIndex(of: id) }

    /// The request at `position`, changed in place.
    subscript(at position: Int) -> Pending {
        _read { yield entries[position] }
        _modify { yield &entries[position] }
    }

    /// Adds `pending` under `id`, which must not be pending already.
    mutating func insert(_ pending: consuming Pending, for id: RequestID) {
        ids.append(id)
        entries.append(pending)
    }

    /// Takes the request `id` out of the table, if it is pending; a caller that is not done with
    /// it inserts it again, so that changing it never copies it.
    mutating func remove(_ id: RequestID) -> Pending? {
        guard let position = ids.firstIndex(of: id) else { return nil }
        return remove(at: position)
    }

    /// Takes the request at `position` out of the table.
    @discardableResult
    mutating func remove(at position: Int) -> Pending {
        ids.remove(at: position)
        return entries.remove(at: position)
    }

    /// Every pending request's number, with the request, in the order they were inserted.
    var all: Zip2Sequence<[RequestID], [Pending]> { zip(ids, entries) }

    mutating func removeAll() {
        ids.removeAll()
        entries.removeAll()
    }
}
