@preconcurrency import CNCurses

/// SIGTERM, SIGINT, SIGHUP and SIGQUIT, noted by a C handler that only records the signal,
/// so the main loop can restore the terminal and leave cleanly. Both calls live in this
/// file on purpose: the shim's flag is a static, one copy per object file.
public enum SignalWatch {
    static func start() { dl_watch_signals() }

    /// For the plain prompt: while `reading`, ^C (SIGINT) ends a blocking read with EINTR
    /// instead of the process; otherwise it ends the process, stopping a long command.
    public static func interruptReads(_ reading: Bool) { dl_interrupt_reads(reading ? 1 : 0) }

    /// True when a signal has arrived and not been taken yet.
    static var pending: Bool { dl_signal_pending() != 0 }

    /// The signal that arrived since the last call, if any.
    static func take() -> Int32? {
        let signal = dl_take_signal()
        return signal == 0 ? nil : signal
    }
}
