import Glibc
import TUI

/// One interactive session on the real terminal, with the guarantee that the terminal is
/// restored however it ends: the body returns, throws, or a SIGINT/SIGTERM/SIGHUP arrives.
///
/// A signal is re-raised after the terminal is restored, so the process ends with status
/// 130 (SIGINT) or 143 (SIGTERM) as a shell expects, instead of ncurses' exit(1).
/// (Only SIGKILL and crashes can still leave the terminal in curses mode.)
public enum TerminalSession {
    /// Starts ncurses, hands the backend to `body`, and restores the terminal afterwards.
    public static func run<T>(
        options: CursesOptions = CursesOptions(),
        _ body: (CursesBackend) throws -> T
    ) throws -> T {
        let backend = try CursesBackend.start(options: options)
        defer { finish(backend) }
        return try body(backend)
    }

    /// Runs a program in the synchronous loop until it quits or a signal ends it.
    public static func run<P: Program>(_ program: inout P, options: CursesOptions = CursesOptions()) throws {
        try run(options: options) { backend in
            var b = backend
            Runtime.run(&program, on: &b)
        }
    }

    /// Restores the terminal, then lets a pending signal end the process the way it would
    /// have without our handler.
    static func finish(_ backend: CursesBackend) {
        backend.shutdown()
        fflush(nil)   // all C streams; `stdout` itself is a global Swift 6 will not touch
        if let s = SignalTrap.pending {
            SignalTrap.reraise(s)
        }
        SignalTrap.restoreDefaults()
    }
}
