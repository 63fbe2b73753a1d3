import Glibc
import Synchronization

// Everything the fatal-signal handler touches, prepared before it is installed. The handler
// may only make async-signal-safe calls (write, tcsetattr, sigaction, raise) and must not
// allocate, lock or retain: it reads these fixed buffers through raw pointers (no exclusivity
// checks) and one atomic. Each global is touched in `CrashRestore.prepare`, so its lazy
// initialiser (not async-signal-safe) has run before any handler can.

/// Whether the terminal still needs restoring; the first handler to run takes it.
private let armed = Atomic<Bool>(false)
/// The restore bytes (see `RestoreSequence`) and their count.
nonisolated(unsafe) private let restoreBytes = UnsafeMutablePointer<UInt8>.allocate(capacity: CrashRestore.byteCapacity)
nonisolated(unsafe) private let restoreCount = UnsafeMutablePointer<Int>.allocate(capacity: 1)
/// The terminal modes from before curses started, and whether they could be read.
nonisolated(unsafe) private let savedModes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
nonisolated(unsafe) private let haveSavedModes = UnsafeMutablePointer<Bool>.allocate(capacity: 1)
/// The file descriptor curses draws on (stdout).
nonisolated(unsafe) private let terminalFD = UnsafeMutablePointer<Int32>.allocate(capacity: 1)
/// The actions in place before ours (the Swift runtime's crash handler or the default), by
/// signal number, and whether ours is installed for that signal.
nonisolated(unsafe) private let previousActions = UnsafeMutablePointer<sigaction>.allocate(capacity: Int(CrashRestore.signalLimit))
nonisolated(unsafe) private let installed = UnsafeMutablePointer<Bool>.allocate(capacity: Int(CrashRestore.signalLimit))

/// Restores the terminal when the process dies of a signal while curses runs: a crash (a Swift
/// trap, a bad memory access, abort) or a signal whose default action kills (SIGUSR1, SIGPIPE...).
///
/// The handler leaves the alternate screen (or clears the normal one), shows the cursor and
/// puts the saved terminal modes back, then passes the signal on to whoever had it before
/// (the Swift runtime's backtracer, which now prints on a normal screen) and finally ends the
/// process with the signal's default action, so the exit status still names the signal.
///
/// SIGINT, SIGTERM and SIGHUP are not handled here: `SignalTrap` turns those into an orderly
/// exit through the event loop.
public enum CrashRestore {
    /// The signals that end the process: the crash signals the Swift runtime's backtracer
    /// catches (SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV), SIGSYS, and the
    /// ones whose default action terminates and that the lab has no use for.
    public static let signals: [Int32] = [
        SIGQUIT, SIGILL, SIGTRAP, SIGABRT, SIGBUS, SIGFPE, SIGSEGV, SIGSYS,
        SIGUSR1, SIGUSR2, SIGALRM, SIGPIPE, SIGVTALRM, SIGXCPU, SIGXFSZ,
    ]

    /// Room for the restore bytes; real terminfo entries need well under 100.
    static let byteCapacity = 512
    /// One past the highest signal number handled.
    static let signalLimit: Int32 = 65
    /// The alternate signal stack's size: the handler runs there, so that it also works when
    /// the crash is a stack overflow; the Swift backtracer, called from it, needs room too.
    static let alternateStackSize = 256 * 1024

    /// Reads the terminal modes to restore. Call before curses changes them (before `newterm`).
    public static func saveModes(fd: Int32) {
        touchGlobals()
        terminalFD.pointee = fd
        haveSavedModes.pointee = tcgetattr(fd, savedModes) == 0
    }

    /// Installs the handlers with the bytes that restore the screen. Call once curses runs.
    public static func arm(restoring bytes: [UInt8]) {
        touchGlobals()
        let n = min(bytes.count, byteCapacity)
        for i in 0..<n { restoreBytes[i] = bytes[i] }
        restoreCount.pointee = n
        ensureAlternateStack()
        armed.store(true, ordering: .sequentiallyConsistent)

        var action = sigaction()
        sigemptyset(&action.sa_mask)
        // SA_NODEFER as the Swift runtime's own handler: a second fault inside the chain goes
        // straight to the then current (default) action instead of being blocked.
        action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER
        action.__sigaction_handler.sa_sigaction = fatalSignalHandler
        for s in signals where s < signalLimit && !installed[Int(s)] {
            var old = sigaction()
            guard sigaction(s, nil, &old) == 0 else { continue }
            // An ignored signal stays ignored (a parent may have set SIGPIPE so on purpose).
            if handlerValue(old) == ignoreValue { continue }
            previousActions[Int(s)] = old
            installed[Int(s)] = sigaction(s, &action, nil) == 0
        }
    }

    /// Whether the handlers are installed and the terminal not yet restored.
    public static var isArmed: Bool { armed.load(ordering: .sequentiallyConsistent) }

    /// Removes the handlers, putting back the previous actions. Call before `endwin` on an
    /// orderly exit; afterwards a crash is the Swift runtime's business alone.
    public static func disarm() {
        armed.store(false, ordering: .sequentiallyConsistent)
        putBackPreviousActions()
    }

    /// Writes the restore bytes and puts the saved modes back, once (the first caller wins).
    /// Async-signal-safe.
    static func restoreTerminal() {
        guard armed.exchange(false, ordering: .sequentiallyConsistent) else { return }
        let fd = terminalFD.pointee
        var done = 0
        let count = restoreCount.pointee
        while done < count {
            let w = write(fd, restoreBytes + done, count - done)
            if w > 0 { done += w } else if w < 0 && errno == EINTR { continue } else { break }
        }
        if haveSavedModes.pointee {
            _ = tcsetattr(fd, TCSANOW, savedModes)
        }
    }

    /// Async-signal-safe.
    /// (A plain loop over the fixed table: iterating `signals` would retain an array.)
    static func putBackPreviousActions() {
        var s: Int32 = 1
        while s < signalLimit {
            if installed[Int(s)] {
                installed[Int(s)] = false
                _ = sigaction(s, previousActions + Int(s), nil)
            }
            s += 1
        }
    }

    // MARK: Helpers

    fileprivate static let defaultValue = 0
    fileprivate static let ignoreValue = 1

    /// SIG_DFL is 0 and SIG_IGN 1; function pointers are not comparable in Swift.
    fileprivate static func handlerValue(_ a: sigaction) -> Int {
        unsafeBitCast(a.__sigaction_handler.sa_handler, to: Int.self)
    }

    fileprivate static func previousAction(_ s: Int32) -> sigaction { previousActions[Int(s)] }

    /// Runs every global's lazy initialiser now, outside any signal handler.
    private static func touchGlobals() {
        _ = armed.load(ordering: .relaxed)
        _ = (restoreBytes, restoreCount, savedModes, haveSavedModes, terminalFD, previousActions, installed)
        _ = alternateStack
        if !tablesCleared {
            for i in 0..<Int(signalLimit) { installed[i] = false }
            tablesCleared = true
        }
    }

    nonisolated(unsafe) private static var tablesCleared = false

    /// The stack the handler runs on, made once per process.
    nonisolated(unsafe) private static var alternateStack: UnsafeMutableRawPointer? = nil

    /// Gives the calling thread an alternate signal stack of at least `alternateStackSize`
    /// unless it has one that large already (the Swift runtime makes a small one).
    private static func ensureAlternateStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0 else { return }
        if current.ss_sp != nil && current.ss_size >= alternateStackSize { return }
        if current.ss_flags & Int32(SS_ONSTACK) != 0 { return }
        if alternateStack == nil {
            let p = mmap(nil, alternateStackSize, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
            guard let p, p != MAP_FAILED else { return }
            alternateStack = p
        }
        var ours = stack_t(ss_sp: alternateStack, ss_flags: 0, ss_size: alternateStackSize)
        _ = sigaltstack(&ours, nil)
    }
}

/// The fatal-signal handler: restore, hand the signal to the previous handler, then die of it.
private func fatalSignalHandler(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?, _ context: UnsafeMutableRawPointer?) {
    CrashRestore.restoreTerminal()
    let previous = CrashRestore.previousAction(signal)
    CrashRestore.putBackPreviousActions()
    switch CrashRestore.handlerValue(previous) {
    case CrashRestore.defaultValue, CrashRestore.ignoreValue:
        break   // nothing to call; the default action follows below
    default:
        if previous.sa_flags & SA_SIGINFO != 0, let handler = previous.__sigaction_handler.sa_sigaction {
            // The Swift runtime's backtracer: it reads the crash from `info` and `context`.
            handler(signal, info, context)
        } else if let handler = previous.__sigaction_handler.sa_handler {
            handler(signal)
        }
    }
    // The session cannot go on (its screen is gone), and the backtracer returns rather than
    // exits for a signal sent with kill(2): end the process as the signal's default action does.
    var dfl = sigaction()
    sigemptyset(&dfl.sa_mask)
    dfl.sa_flags = 0
    dfl.__sigaction_handler.sa_handler = nil   // SIG_DFL
    _ = sigaction(signal, &dfl, nil)
    var unblock = sigset_t()
    sigemptyset(&unblock)
    sigaddset(&unblock, signal)
    _ = pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
    _ = raise(signal)
}
