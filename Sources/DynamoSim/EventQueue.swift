import DynamoCore
import HeapModule

/// Something scheduled to happen to the cluster.
enum Event: Sendable {
    case deliver(from: NodeID, to: NodeID, Message)
    case timer(NodeID, incarnation: Int, TimerID)
    case client(NodeID, ClientRequest)
}

/// Pending events ordered by (time, insertion order), like SwiftNIO's `EmbeddedEventLoop`:
/// two events at the same millisecond always run in the order they were scheduled.
///
/// The heap orders small plain entries; the events wait in numbered slots, so reordering the
/// heap never copies a message.
struct EventQueue: Sendable {
    private struct Entry: Comparable, Sendable {
        let time: Millis
        let sequence: UInt64
        let slot: Int
        // Spelled out rather than as tuple comparisons, which an unoptimised build (`swift run`)
        // pays for with a runtime type lookup on every comparison.
        static func < (lhs: Entry, rhs: Entry) -> Bool {
            lhs.time != rhs.time ? lhs.time < rhs.time : lhs.sequence < rhs.sequence
        }
        static func == (lhs: Entry, rhs: Entry) -> Bool { lhs.time == rhs.time && lhs.sequence == rhs.sequence }
    }

    private var heap = Heap<Entry>()
    private var slots: [Event?] = []
    private var freeSlots: [Int] = []
    private var sequence: UInt64 = 0

    var nextTime: Millis? { heap.min?.time }

    mutating func schedule(_ event: consuming Event, at time: Millis) {
        sequence += 1
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            slots[slot] = consume event
        } else {
            slot = slots.count
            slots.append(consume event)
        }
        heap.insert(Entry(time: time, sequence: sequence, slot: slot))
    }

    /// Removes the next event, which must exist (`nextTime` is not nil), and returns it.
    mutating func removeNext() -> Event {
        let entry = heap.removeMin()
        freeSlots.append(entry.slot)
        return slots[entry.slot].take()!
    }

    /// Timers scheduled for which `counts(node, incarnation, timer)` holds.
    func timerCount(where counts: (NodeID, Int, TimerID) -> Bool) -> Int {
        heap.unordered.filter { entry in
            if case .timer(let node, let incarnation, let timer)? = slots[entry.slot] { return counts(node, incarnation, timer) }
            return false
        }.count
    }

    /// Messages on the wire, in the order they will arrive.
    var inFlight: [(deliverAt: Millis, from: NodeID, to: NodeID, message: Message)] {
        heap.unordered.sorted().compactMap { entry in
            if case .deliver(let from, let to, let message)? = slots[entry.slot] {
                return (entry.time, from, to, message)
            }
            return nil
        }
    }
}
