/// How virtual time moves on the screen: running or paused, and how many virtual seconds pass
/// per real second. Headless modes ignore it; time there moves only with `wait` and `step`.
public struct LiveClock: Sendable, Equatable {
    public var running = true
    public var speed = 1.0

    public init() {}
}
