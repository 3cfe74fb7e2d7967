/// The effects a node asks for, in the order it asked: what `Node.handle` appends to, and what a
/// simulator takes back out, oldest first, and reuses for the next input.
///
/// A node appends an effect or two for every message it handles, so the buffer owns its memory
/// outright (it cannot be copied) rather than being an array, which checks at every change
/// whether its storage is shared and must be copied first.
public struct Effects: ~Copyable {
    private var base: UnsafeMutablePointer<Effect>
    private var capacity: Int
    /// Effects `taken..<count` are held; those before were taken out.
    private var taken = 0
    private var count = 0

    public init() {
        capacity = 16
        base = .allocate(capacity: capacity)
    }

    deinit {
        (base + taken).deinitialize(count: count - taken)
        base.deallocate()
    }

    public mutating func append(_ effect: consuming Effect) {
        if count == capacity { makeRoom() }
        (base + count).initialize(to: effect)
        count += 1
    }

    /// Takes out the oldest effect held; nil when none is, and the next effect appended goes
    /// back at the start of the buffer.
    public mutating func popFirst() -> Effect? {
        guard taken < count else {
            taken = 0
            count = 0
            return nil
        }
        taken += 1
        return (base + taken - 1).move()
    }

    /// Every effect held, oldest first, as an array; the buffer is left empty.
    public mutating func takeAll() -> [Effect] {
        var all: [Effect] = []
        all.reserveCapacity(count - taken)
        while let effect = popFirst() { all.append(effect) }
        return all
    }

    /// Moves the effects held to the front, into a buffer twice as large unless taking them out
    /// made room enough.
    private mutating func makeRoom() {
        if taken >= capacity / 2 {
            base.moveInitialize(from: base + taken, count: count - taken)
        } else {
            let larger = UnsafeMutablePointer<Effect>.allocate(capacity: 2 * capacity)
            larger.moveInitialize(from: base + taken, count: count - taken)
            base.deallocate()
            base = larger
            capacity *= 2
        }
        count -= taken
        taken = 0
    }
}
