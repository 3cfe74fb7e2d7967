import DynamoCore
import HeapModule

/// Something scheduled to happen to the cluster.
enum Event: Sendable {
    case deliver(from: NodeID, to: NodeID, Message)
    case timer(NodeID, incarnation: Int, TimerID)
    /// Boxed, so that messages, nearly every event, wait in slots of 88 bytes rather than 128: a
    /// call hands its request to the coordinator directly unless other events are due first.
    indirect case client(NodeID, ClientRequest)
}

/// Pending events ordered by (time, scheduling order), like SwiftNIO's `EmbeddedEventLoop`:
/// two events at the same millisecond always run in the order they were scheduled.
///
/// A calendar queue: time is whole milliseconds, and nearly every event (a message, a replica
/// deadline) falls due within a second of the last one taken, so each of those waits in a list
/// for its millisecond, found through a bitmap of the lists in use. Scheduling one appends to its
/// list and taking one pops from the front of a list: no comparisons, whatever the queue holds.
/// The few events due later (anti-entropy rounds) wait in a min-heap and join their millisecond's
/// list when it comes within reach, before anything else can be scheduled there, so each list
/// stays in scheduling order.
///
/// Events wait in numbered slots, so nothing but the slot numbers move, and slots taken are
/// chained for reuse. Every event the cluster runs passes through here twice, which is why the
/// queue owns its memory outright (it cannot be copied) rather than sharing arrays that check,
/// at every change, whether they must be copied first.
struct EventQueue: ~Copyable {
    /// How far ahead of the last event taken the lists reach: 1,024 ms.
    private static let windowBits = 10
    private static let window = 1 << windowBits
    private static let mask = window - 1

    private struct Slot {
        /// Nil while the slot is free.
        var event: Event?
        var time: Millis
        var sequence: UInt64
        /// The slot after this one in its millisecond's list, or in the chain of free slots;
        /// -1 at the end.
        var next: Int
    }

    /// An event due beyond the lists' reach, ordered by time, then scheduling order.
    private struct Later: Comparable {
        let time: Millis
        let sequence: UInt64
        let slot: Int

        static func < (lhs: Later, rhs: Later) -> Bool { (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence) }
        static func == (lhs: Later, rhs: Later) -> Bool { (lhs.time, lhs.sequence) == (rhs.time, rhs.sequence) }
    }

    /// Slots `0..<used` are initialized; the free ones among them are chained from `free`.
    private var slots: UnsafeMutablePointer<Slot>
    private var capacity = 64
    private var used = 0
    private var free = -1
    private var sequence: UInt64 = 0
    /// The time of the last event taken: every listed event is due in [base, base + window),
    /// in the list `time & mask`.
    private var base: Millis = 0
    /// The first and last slot of each millisecond's list; -1 when it is empty.
    private let heads: UnsafeMutablePointer<Int>
    private let tails: UnsafeMutablePointer<Int>
    /// Bit `i` of word `i / 64` is set when list `i` holds an event.
    private let inUse: UnsafeMutablePointer<UInt64>
    private static let words = window / 64
    private var listed = 0
    /// The events due at `base + window` or later, earliest first.
    private var later = Heap<Later>()

    /// When the next event is due; nil when none is pending.
    private(set) var nextTime: Millis?

    init() {
        slots = .allocate(capacity: capacity)
        heads = .allocate(capacity: Self.window)
        heads.initialize(repeating: -1, count: Self.window)
        tails = .allocate(capacity: Self.window)
        tails.initialize(repeating: -1, count: Self.window)
        inUse = .allocate(capacity: Self.words)
        inUse.initialize(repeating: 0, count: Self.words)
    }

    deinit {
        slots.deinitialize(count: used)
        slots.deallocate()
        heads.deallocate()
        tails.deallocate()
        inUse.deallocate()
    }

    /// Schedules `event` at `time`, which must not be before the last event taken: the cluster's
    /// clock never goes back.
    mutating func schedule(_ event: consuming Event, at time: Millis) {
        precondition(time >= base, "an event cannot be scheduled before the last one taken")
        sequence += 1
        let slot: Int
        if free >= 0 {
            slot = free
            free = slots[slot].next
            slots[slot].time = time
            slots[slot].sequence = sequence
            slots[slot].next = -1
            // A free slot holds nil, which owns nothing: overwriting it needs no destruction.
            withUnsafeMutablePointer(to: &slots[slot].event) { $0.initialize(to: event) }
        } else {
            if used == capacity { grow() }
            slot = used
            (slots + slot).initialize(to: Slot(event: consume event, time: time, sequence: sequence, next: -1))
            used += 1
        }
        if time < base + Millis(Self.window) {
            list(slot, at: time)
        } else {
            later.insert(Later(time: time, sequence: sequence, slot: slot))
        }
        if nextTime.map({ time < $0 }) ?? true { nextTime = time }
    }

    /// Removes the next event, which must exist (`nextTime` is not nil), and returns it.
    mutating func removeNext() -> Event {
        let time = nextTime!
        if time > base {
            base = time
            listLaterEventsInReach()
        }
        let list = Int(truncatingIfNeeded: time) & Self.mask
        let slot = heads[list]
        heads[list] = slots[slot].next
        let event = withUnsafeMutablePointer(to: &slots[slot].event) { pointer in
            let event = pointer.move()!
            pointer.initialize(to: nil)
            return event
        }
        if heads[list] == -1 {
            tails[list] = -1
            inUse[list >> 6] &= ~(1 << UInt64(list & 63))
        }
        listed -= 1
        slots[slot].next = free
        free = slot
        nextTime = listed > 0 ? time + Millis(distanceToNextList(from: list)) : later.min?.time
        return event
    }

    /// Doubles the slots, moving the events over.
    private mutating func grow() {
        let larger = UnsafeMutablePointer<Slot>.allocate(capacity: 2 * capacity)
        larger.moveInitialize(from: slots, count: used)
        slots.deallocate()
        slots = larger
        capacity *= 2
    }

    /// Appends `slot` to the list of `time`, which is within reach. Inlined, like the next: each
    /// runs for nearly every event, and its call cost about as much as its body.
    @inline(__always)
    private mutating func list(_ slot: Int, at time: Millis) {
        let list = Int(truncatingIfNeeded: time) & Self.mask
        if tails[list] == -1 {
            heads[list] = slot
            inUse[list >> 6] |= 1 << UInt64(list & 63)
        } else {
            slots[tails[list]].next = slot
        }
        tails[list] = slot
        listed += 1
    }

    /// How many milliseconds after list `start` the first list in use is (0 for `start` itself).
    /// Inlined: called, it took a copy of the whole queue, which it borrows, to point it at.
    @inline(__always)
    private func distanceToNextList(from start: Int) -> Int {
        var word = start >> 6
        var bits = inUse[word] & (~0 << UInt64(start & 63))
        for _ in 0...Self.words {
            if bits != 0 { return ((word << 6) + bits.trailingZeroBitCount - start) & Self.mask }
            word = (word + 1) % Self.words
            bits = inUse[word]
        }
        preconditionFailure("no list in use although \(listed) events are listed")
    }

    /// Moves the events that `base` has brought within reach from the heap to their lists. They
    /// were scheduled before any event listed at their times, so they go first, in heap order.
    @inline(__always)
    private mutating func listLaterEventsInReach() {
        while let first = later.min, first.time < base + Millis(Self.window) {
            later.removeMin()
            list(first.slot, at: first.time)
        }
    }

    /// Timers scheduled for which `counts(node, incarnation, timer)` holds.
    func timerCount(where counts: (NodeID, Int, TimerID) -> Bool) -> Int {
        waiting.filter { slot in
            if case .timer(let node, let incarnation, let timer)? = slot.event { return counts(node, incarnation, timer) }
            return false
        }.count
    }

    /// Messages on the wire, in the order they will arrive.
    var inFlight: [(deliverAt: Millis, from: NodeID, to: NodeID, message: Message)] {
        waiting.filter { $0.event != nil }
            .sorted { ($0.time, $0.sequence) < ($1.time, $1.sequence) }
            .compactMap { slot in
                if case .deliver(let from, let to, let message)? = slot.event { return (slot.time, from, to, message) }
                return nil
            }
    }

    /// The slots in use, free ones included (they hold no event).
    private var waiting: UnsafeBufferPointer<Slot> { UnsafeBufferPointer(start: slots, count: used) }
}
