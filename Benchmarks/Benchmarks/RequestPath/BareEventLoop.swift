import HeapModule

/// The reference the request path's target was set against: an event loop that only replays a
/// quorum operation's message pattern (a client event, two requests, two answers, two timers, a
/// reply to the client) on a (time, sequence) heap with 1–10 ms latencies, and has no nodes,
/// stores, versions or trace. The cluster's own loop now runs fewer events an operation, on a
/// calendar queue; this one stays as it was set, so that its rate is the same yardstick.
struct BareEventLoop {
    private enum Event {
        case client(Int)
        case request(Int)
        case answer(Int)
        case timer
        case reply
    }

    private struct Entry: Comparable {
        let time: Int64
        let sequence: UInt64
        let event: Event
        static func < (lhs: Entry, rhs: Entry) -> Bool { (lhs.time, lhs.sequence) < (rhs.time, rhs.sequence) }
        static func == (lhs: Entry, rhs: Entry) -> Bool { (lhs.time, lhs.sequence) == (rhs.time, rhs.sequence) }
    }

    private var heap = Heap<Entry>()
    private var sequence: UInt64 = 0
    private var now: Int64 = 0
    private var random: UInt64 = 1
    private var answers: [Int: Int] = [:]
    private var completed = 0

    private mutating func latency() -> Int64 {
        random = random &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return 1 + Int64(random >> 60) % 10
    }

    private mutating func schedule(_ event: Event, after delay: Int64) {
        sequence += 1
        heap.insert(Entry(time: now + delay, sequence: sequence, event: event))
    }

    /// Runs `operations` operations one after another; returns how many completed.
    mutating func run(operations: Int) -> Int {
        for operation in 0..<operations {
            schedule(.client(operation), after: 0)
            while completed <= operation, let entry = heap.popMin() {
                now = entry.time
                switch entry.event {
                case .client(let id):
                    schedule(.request(id), after: latency())
                    schedule(.request(id), after: latency())
                    schedule(.timer, after: 100)
                    schedule(.timer, after: 300)
                case .request(let id):
                    schedule(.answer(id), after: latency())
                case .answer(let id):
                    if answers.removeValue(forKey: id) == nil {
                        answers[id] = 1
                        schedule(.reply, after: 0)
                    }
                case .timer:
                    break
                case .reply:
                    completed += 1
                }
            }
        }
        return completed
    }
}
