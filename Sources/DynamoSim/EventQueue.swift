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
struct EventQueue: Sendable {
    private struct Entry: Comparable, Sendable {
        let time: Millis
        let sequence: UInt64
        let event: Event
        static func < (lhs: Entry, rhs: Entry) -> Bool { (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence) }
        static func == (lhs: Entry, rhs: Entry) -> Bool { (lhs.time, lhs.sequence) == (rhs.time, rhs.sequence) }
    }

    private var heap = Heap<Entry>()
    private var sequence: UInt64 = 0

    var nextTime: Millis? { heap.min?.time }
    var count: Int { heap.count }

    mutating func schedule(_ event: Event, at time: Millis) {
        sequence += 1
        heap.insert(Entry(time: time, sequence: sequence, event: event))
    }

    mutating func popNext() -> (time: Millis, event: Event)? {
        heap.popMin().map { ($0.time, $0.event) }
    }

    /// Timers scheduled for which `counts(node, incarnation, timer)` holds.
    func timerCount(where counts: (NodeID, Int, TimerID) -> Bool) -> Int {
        heap.unordered.filter { entry in
            if case .timer(let node, let incarnation, let timer) = entry.event { return counts(node, incarnation, timer) }
            return false
        }.count
    }

    /// Messages on the wire, in the order they will arrive.
    var inFlight: [(deliverAt: Millis, from: NodeID, to: NodeID, message: Message)] {
        heap.unordered.sorted().compactMap { entry in
            if case .deliver(let from, let to, let message) = entry.event {
                return (entry.time, from, to, message)
            }
            return nil
        }
    }
}
