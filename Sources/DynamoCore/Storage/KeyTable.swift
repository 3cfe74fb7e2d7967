import CPrefetch

/// A hash table from keys to values laid out for a store that is much larger than the cache:
/// open addressing with linear probing, each slot holding its value, key and hash side by side.
///
/// Finding a key then reads one slot, where a `Dictionary` reads its occupancy bits, its keys
/// and its values from three arrays; with a replica's keys far out of cache, each read is a
/// miss. Keys are hashed with `Digest`, which is cheaper than the standard library's seeded
/// hash and the same in every run, so the table's order is too.
struct KeyTable<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var value: Value
        let key: String
        let hash: UInt64
    }

    /// A power of two in length, at most three quarters full; nil marks a free slot.
    private var slots: [Slot?] = []
    private(set) var count = 0
    /// The key last prefetched, with its hash: the lookup that follows, a few events later,
    /// finds the hash here rather than working it out again.
    private var prefetched = HashedKey("")

    /// Where `key` is, if present; valid until the table changes.
    func index(of key: String) -> Int? {
        guard count > 0 else { return nil }
        let hash = hash(of: key), mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash) & mask
        while let slot = slots[index] {
            if slot.hash == hash && slot.key == key { return index }
            index = (index + 1) & mask
        }
        return nil
    }

    /// Starts loading the slot where a lookup of `key` begins, so that a lookup soon after
    /// finds it in cache, and keeps the key's hash for that lookup.
    mutating func prefetch(_ key: HashedKey) {
        guard count > 0 else { return }
        prefetched = key
        let index = Int(truncatingIfNeeded: key.hash) & (slots.count - 1)
        slots.withUnsafeBufferPointer { slots in
            let slot = UnsafeRawPointer(slots.baseAddress! + index)
            dynamo_prefetch(slot)
            dynamo_prefetch(slot + MemoryLayout<Slot?>.stride - 1)
        }
    }

    /// The value at `index`, which must hold one, read or changed in place. Reading unwraps
    /// without a check: with one, Swift copies the whole slot out to read it (3 % more
    /// instructions per request).
    subscript(at index: Int) -> Value {
        _read { yield slots[index].unsafelyUnwrapped.value }
        _modify { yield &slots[index]!.value }
    }

    /// The hash of the key at `index`, which must hold one (`Digest.of(key:)`, where the key's
    /// Merkle digest starts).
    func hash(at index: Int) -> UInt64 { slots[index].unsafelyUnwrapped.hash }

    /// Adds `key`, which must be absent.
    mutating func insert(_ value: Value, for key: String) {
        if (count + 1) * 4 > slots.count * 3 { grow() }
        place(Slot(value: value, key: key, hash: hash(of: key)))
        count += 1
    }

    /// Removes and returns the value at `index`, moving back the slots after it that probed
    /// past it, so that no lookup needs a marker for removed keys.
    @discardableResult
    mutating func remove(at index: Int) -> Value {
        let removed = slots[index].take()!.value
        count -= 1
        let mask = slots.count - 1
        var hole = index, next = (index + 1) & mask
        while let slot = slots[next] {
            let home = Int(truncatingIfNeeded: slot.hash) & mask
            // The slot may fill the hole when its home is not in (hole, next], cyclically.
            if (next - home) & mask >= (next - hole) & mask {
                slots[hole] = slots[next].take()
                hole = next
            }
            next = (next + 1) & mask
        }
        return removed
    }

    /// Calls `body` with every key and value, in the table's order.
    func forEach(_ body: (String, Value) -> Void) {
        for case let slot? in slots { body(slot.key, slot.value) }
    }

    /// Doubles the table, moving each slot rather than copying it.
    private mutating func grow() {
        var old = Array(repeating: Slot?.none, count: Swift.max(16, 2 * slots.count))
        swap(&old, &slots)
        old.withUnsafeMutableBufferPointer { old in
            for index in old.indices {
                if let slot = old[index].take() { place(slot) }
            }
        }
    }

    private mutating func place(_ slot: consuming Slot) {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[index] != nil { index = (index + 1) & mask }
        slots[index] = consume slot
    }

    /// `key`'s hash, taken from the last prefetch when that was of `key`. Inlined into every
    /// lookup, which it begins.
    @inline(__always)
    private func hash(of key: String) -> UInt64 {
        key == prefetched.key ? prefetched.hash : Digest.of(key: key)
    }
}
