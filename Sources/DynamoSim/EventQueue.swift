import DynamoCore

/// Something scheduled to happen to the cluster.
enum Event: Sendable {
    case deliver(from: NodeID, to: NodeID, Message)
    case timer(NodeID, incarnation: Int, TimerID)
    case client(NodeID, ClientRequest)
}

/// Pending events ordered by (time, insertion order), like SwiftNIO's `EmbeddedEventLoop`:
/// two events at the same millisecond always run in the order they were scheduled.
///
/// A binary min-heap of small plain entries, sifted through a hole so that each level moves one
/// entry; the events wait in numbered slots, so reordering the heap never copies a message.
/// Every event the cluster runs passes through here twice, which is why it is spelled out rather
/// than built on a general-purpose heap.
struct EventQueue: Sendable {
    private struct Entry: Sendable {
        let time: Millis
        let sequence: UInt64
        let slot: Int

        func precedes(_ other: Entry) -> Bool {
            time != other.time ? time < other.time : sequence < other.sequence
        }
    }

    /// The heap: each entry precedes its children, at 2i + 1 and 2i + 2.
    private var heap: [Entry] = []
    private var slots: [Event?] = []
    private var freeSlots: [Int] = []
    private var sequence: UInt64 = 0

    var nextTime: Millis? { heap.first?.time }

    mutating func schedule(_ event: consuming Event, at time: Millis) {
        sequence += 1
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = free
            // A free slot holds nil, which owns nothing: overwriting it needs no destruction.
            slots.withUnsafeMutableBufferPointer { ($0.baseAddress! + slot).initialize(to: event) }
        } else {
            slot = slots.count
            slots.append(consume event)
        }
        let entry = Entry(time: time, sequence: sequence, slot: slot)
        heap.append(entry)
        heap.withUnsafeMutableBufferPointer { heap in
            var hole = heap.count - 1
            while hole > 0 {
                let parent = (hole - 1) / 2
                guard entry.precedes(heap[parent]) else { break }
                heap[hole] = heap[parent]
                hole = parent
            }
            heap[hole] = entry
        }
    }

    /// Removes the next event, which must exist (`nextTime` is not nil), and returns it.
    mutating func removeNext() -> Event {
        let next = heap[0]
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap.withUnsafeMutableBufferPointer { heap in
                let count = heap.count
                var hole = 0
                while true {
                    var child = 2 * hole + 1
                    guard child < count else { break }
                    if child + 1 < count, heap[child + 1].precedes(heap[child]) { child += 1 }
                    guard heap[child].precedes(last) else { break }
                    heap[hole] = heap[child]
                    hole = child
                }
                heap[hole] = last
            }
        }
        freeSlots.append(next.slot)
        return slots.withUnsafeMutableBufferPointer { slots in
            let slot = slots.baseAddress! + next.slot
            let event = slot.move()!
            slot.initialize(to: nil)
            return event
        }
    }

    /// Timers scheduled for which `counts(node, incarnation, timer)` holds.
    func timerCount(where counts: (NodeID, Int, TimerID) -> Bool) -> Int {
        heap.filter { entry in
            if case .timer(let node, let incarnation, let timer)? = slots[entry.slot] { return counts(node, incarnation, timer) }
            return false
        }.count
    }

    /// Messages on the wire, in the order they will arrive.
    var inFlight: [(deliverAt: Millis, from: NodeID, to: NodeID, message: Message)] {
        heap.sorted { $0.precedes($1) }.compactMap { entry in
            if case .deliver(let from, let to, let message)? = slots[entry.slot] {
                return (entry.time, from, to, message)
            }
            return nil
        }
    }
}
