import Glibc
import Synchronization

/// The signal that asked the lab to stop, 0 while none has. Handlers may only do
/// async-signal-safe work, so they store here and the input loop polls it.
private let pendingSignal = Atomic<Int32>(0)

/// SIGINT, SIGTERM and SIGHUP handling for the terminal session.
///
/// The handlers only store the signal number; `CursesBackend.nextEvent` notices it within one
/// input slice (250 ms) and reports `.signal(n)`. After the terminal is restored,
/// `reraise()` restores the default action and raises the signal again, so the exit
/// status is the conventional 130 (SIGINT) or 143 (SIGTERM) and parent shells see a signal
/// death, not a normal exit.
public enum SignalTrap {
    /// The signals the lab catches. SIGHUP too: when the terminal goes away (a closed
    /// window, a dropped ssh connection) the lab must leave rather than read a dead tty.
    public static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Installs the storing handlers. Call before `newterm`: ncurses installs its own
    /// handlers (which exit with status 1) only where it finds the default action.
    public static func install() {
        // Touch the atomic before any handler can run: the global's lazy initialiser is not
        // async-signal-safe.
        pendingSignal.store(0, ordering: .relaxed)
        for s in signals {
            _ = signal(s) { n in pendingSignal.store(n, ordering: .relaxed) }
        }
    }

    /// The signal received since `install()`, if any.
    public static var pending: Int32? {
        let n = pendingSignal.load(ordering: .relaxed)
        return n == 0 ? nil : n
    }

    /// Records a signal as if it had arrived (the backend does this for a vanished tty), so
    /// the session ends the same way.
    static func record(_ n: Int32) {
        pendingSignal.store(n, ordering: .relaxed)
    }

    /// Puts the default actions back (after the terminal is restored).
    public static func restoreDefaults() {
        for s in signals { _ = signal(s, SIG_DFL) }
    }

    /// Restores the default action for `n` and raises it, ending the process the way the
    /// signal would have. Returns only if the signal does not terminate (it always does for
    /// SIGINT and SIGTERM with the default action).
    public static func reraise(_ n: Int32) {
        restoreDefaults()
        _ = raise(n)
    }
}
