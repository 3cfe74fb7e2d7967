@preconcurrency import CNCurses

/// SIGTERM, SIGINT, SIGHUP and SIGQUIT, noted by a C handler that only records the signal,
/// so the main loop can restore the terminal and leave cleanly. Both calls live in this
/// file on purpose: the shim's flag is a static, one copy per object file.
public enum SignalWatch {
    static func start() { dl_watch_signals() }

    /// For the plain prompt: from now on ^C (SIGINT) ends neither the process nor a command,
    /// but is noted for `takeInterrupt()`; while `interruptingReads`, it also ends a blocking
    /// read with EINTR.
    public static func catchInterrupts(interruptingReads: Bool) { dl_catch_interrupts(interruptingReads ? 1 : 0) }

    /// True when ^C came since the last call (after `catchInterrupts()`).
    public static func takeInterrupt() -> Bool { dl_take_interrupt() != 0 }

    /// True when a signal has arrived and not been taken yet.
    static var pending: Bool { dl_signal_pending() != 0 }

    /// The signal that arrived since the last call, if any.
    static func take() -> Int32? {
        let signal = dl_take_signal()
        return signal == 0 ? nil : signal
    }
}
