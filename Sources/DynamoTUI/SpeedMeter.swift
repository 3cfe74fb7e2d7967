/// How fast virtual time really passes on the screen. The live loop reports each turn the
/// real time that went by and the virtual time it owed but could not pass (the cluster could
/// not run that fast, or drawing took long); each second the meter works out the speed
/// reached, so the status bar can say when it falls short of the speed asked.
struct SpeedMeter {
    /// Real seconds over which the speed is measured.
    static let window = 1.0
    /// The share of the speed asked below which the speed reached is shown.
    static let enough = 0.9

    /// The speed reached over the last window, if it fell short.
    private var shortSpeed: Double?
    private var speed: Double?
    private var realSeconds = 0.0
    private var lostMillis = 0.0
    private var skipsTurn = false

    /// Adds one turn at `speed`; a change of speed starts the measure again.
    mutating func record(realSeconds: Double, lostMillis: Double, speed: Double) {
        if skipsTurn {
            skipsTurn = false
            return
        }
        if speed != self.speed { self = SpeedMeter(speed: speed) }
        self.realSeconds += realSeconds
        self.lostMillis += lostMillis
        guard self.realSeconds >= Self.window else { return }
        let speedReached = max(speed - self.lostMillis / (self.realSeconds * 1000), 0)
        shortSpeed = speedReached < speed * Self.enough ? speedReached : nil
        self.realSeconds = 0
        self.lostMillis = 0
    }

    /// The speed reached over the last window at `speed`, when it fell short of it.
    func reached(at speed: Double) -> Double? { speed == self.speed ? shortSpeed : nil }

    /// Leaves the turn under way out: a line ran in it, and the time it took is the line's.
    mutating func skipTurn() { skipsTurn = true }

    /// Forgets the measure: the clock stopped.
    mutating func reset() { self = SpeedMeter() }
}
