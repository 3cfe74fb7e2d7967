import Foundation

/// Real time for pacing the live clock and lessons: monotonic, so a change of the wall clock
/// never makes virtual time jump.
enum MonotonicClock {
    /// Seconds since an arbitrary fixed point.
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }
}
