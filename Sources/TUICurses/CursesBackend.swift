import CNcurses
import Glibc
import TUI

/// The `Backend` that draws on a real terminal through ncurses.
///
/// Start it with `CursesBackend.start(options:)` (or, better, `TerminalSession.run`, which also
/// guarantees the terminal is restored). It draws the changed cells it is given with
/// `mvadd_wch`, turns `get_wch` input into `Event`s, and reports SIGINT/SIGTERM/SIGHUP as `.signal`.
/// A class, so that `shutdown()` happens exactly once even if copies of a reference exist,
/// and `deinit` can restore the terminal as a last resort.
public final class CursesBackend: Backend {
    public private(set) var size: Size
    public let capabilities: Capabilities
    /// The environment the backend started in.
    public let environment: TerminalEnvironment

    private var screen: OpaquePointer?
    private var pairs: ColorPairCache
    /// The colours ncurses uses for "default" (-1 with use_default_colors, else white on black).
    private let defaultForeground: Int32
    private let defaultBackground: Int32
    /// What to send after `endwin` so the shell prompt does not land inside the last frame:
    /// `clear` on terminals without an alternate screen, nothing on the others.
    private let clearOnExit: [UInt8]
    /// Longest wait per `get_wch` call when blocking, so that signals are noticed promptly
    /// while an idle lab still sleeps almost all the time.
    private let signalPollMilliseconds: Int32 = 250

    /// Starts ncurses on the process's terminal (stdin/stdout), in the order NCURSES.md gives.
    /// Installs the signal handlers first. Throws, without writing anything to stdout, when
    /// there is no terminal or the terminal cannot be driven.
    public static func start(options: CursesOptions = CursesOptions()) throws(TerminalError) -> CursesBackend {
        let env = TerminalEnvironment.current()
        if let problem = env.startProblem { throw problem }
        SignalTrap.install()
        // The modes to put back if the process dies while curses runs (read before newterm).
        CrashRestore.saveModes(fd: STDOUT_FILENO)
        guard let screen = nc_newterm(nil) else {
            // NULL: no terminfo entry. (Never initscr: it would print and exit(1) itself.)
            SignalTrap.restoreDefaults()
            throw .unknownTerm(env.term ?? "")
        }
        _ = set_term(screen)
        guard nc_has_cursor_addressing() else {
            _ = endwin()
            delscreen(screen)
            SignalTrap.restoreDefaults()
            throw .noCursorAddressing(env.term ?? "")
        }
        return CursesBackend(screen: screen, environment: env, options: options)
    }

    private init(screen: OpaquePointer, environment env: TerminalEnvironment, options: CursesOptions) {
        self.screen = screen
        self.environment = env
        _ = cbreak()            // keys arrive at once; Ctrl-C still raises SIGINT
        _ = noecho()
        _ = keypad(nc_stdscr(), true)
        _ = set_escdelay(options.escapeDelayMilliseconds)
        _ = curs_set(0)
        _ = leaveok(nc_stdscr(), true)   // the cursor is hidden: do not spend bytes moving it back

        // NO_COLOR and `--color none` skip start_color entirely: not even pair 0 is touched.
        var depth = env.colorDepth(hasColors: has_colors(), colors: 256, maximum: options.maxColors)
        var defaultFG: Int32 = -1, defaultBG: Int32 = -1
        if depth != .none {
            _ = start_color()
            if use_default_colors() != NC_OK {
                defaultFG = 7
                defaultBG = 0
            }
            depth = env.colorDepth(hasColors: has_colors(), colors: nc_colors(), maximum: options.maxColors)
        }
        self.defaultForeground = defaultFG
        self.defaultBackground = defaultBG
        self.pairs = ColorPairCache(capacity: depth == .none ? 1 : nc_color_pairs())
        self.capabilities = Capabilities(colors: depth, glyphs: env.glyphs(forceASCII: options.forceASCII))
        var h: Int32 = 0, w: Int32 = 0
        nc_getmaxyx(nc_stdscr(), &h, &w)
        self.size = Size(width: Int(w), height: Int(h))
        self.clearOnExit = RestoreSequence.clearAfterExit(lookup: Terminfo.string)
        CrashRestore.arm(restoring: RestoreSequence.bytes(lookup: Terminfo.string))
    }

    deinit { shutdown() }

    /// Whether ncurses is still running (false after `shutdown()`).
    public var isActive: Bool { screen != nil }

    /// Leaves curses mode: the alternate screen, cursor and terminal modes are restored; a
    /// terminal without an alternate screen is cleared. Safe to call more than once.
    public func shutdown() {
        guard let s = screen else { return }
        screen = nil
        CrashRestore.disarm()
        _ = curs_set(1)
        _ = endwin()
        if !clearOnExit.isEmpty {
            fflush(nil)
            clearOnExit.withUnsafeBufferPointer { p in _ = write(STDOUT_FILENO, p.baseAddress, p.count) }
        }
        delscreen(s)
    }

    // MARK: Drawing

    public func draw(_ changes: [CellChange]) {
        guard screen != nil else { return }
        let ascii = capabilities.glyphs == .ascii
        let w = size.width, h = size.height
        for change in changes {
            guard change.x >= 0, change.y >= 0, change.x < w, change.y < h else { continue }
            // The bottom-right cell would scroll the screen (or return ERR) on many terminals.
            if change.x == w - 1 && change.y == h - 1 { continue }
            let cell = change.cell
            if cell.isContinuation {
                // ncurses fills the right half of a wide character itself. In ASCII mode the
                // wide character was drawn as one "?", so the right half gets a blank.
                guard ascii else { continue }
            }
            let (attrs, pair) = attributesAndPair(for: cell.style)
            let chars = CellGlyph.wideCharacters(cell.isContinuation ? " " : cell.symbol, ascii: ascii)
            CursesCell.put(nc_stdscr(), y: Int32(change.y), x: Int32(change.x), characters: chars, attributes: attrs, pair: pair)
        }
    }

    public func flush() {
        guard screen != nil else { return }
        _ = wrefresh(nc_stdscr())
    }

    public func invalidate() {
        guard screen != nil else { return }
        // The next refresh clears the terminal and repaints every cell: after a resize the
        // terminal may hold anything (reflowed lines, a shell prompt, garbage).
        _ = clearok(nc_stdscr(), true)
        _ = werase(nc_stdscr())
    }

    /// ncurses attributes and colour pair for a style, colours mapped to this terminal's depth.
    private func attributesAndPair(for style: Style) -> (attr_t, Int32) {
        var a: attr_t = NC_A_NORMAL
        let at = style.attributes
        if at.contains(.bold) { a |= NC_A_BOLD }
        if at.contains(.dim) { a |= NC_A_DIM }
        if at.contains(.italic) { a |= NC_A_ITALIC }
        if at.contains(.underline) { a |= NC_A_UNDERLINE }
        if at.contains(.reverse) { a |= NC_A_REVERSE }
        guard capabilities.colors != .none else { return (a, 0) }
        let resolved = capabilities.resolve(style)
        let fg = number(resolved.foreground, default: defaultForeground)
        let bg = number(resolved.background, default: defaultBackground)
        let pair = pairs.pair(foreground: fg, background: bg) { p, f, b in nc_init_pair(p, f, b) == NC_OK }
        return (a, pair)
    }

    private func number(_ c: Color, default d: Int32) -> Int32 {
        switch c {
        case .default: return d
        case .ansi(let n): return Int32(n)
        case .indexed(let n): return Int32(n)
        }
    }

    // MARK: Input

    /// The next key, resize or signal. nil `timeout` waits until one comes, in slices of
    /// 250 ms so that a signal is noticed; a timeout of zero only looks.
    public func nextEvent(timeout: Duration?) -> Event? {
        guard screen != nil else { return nil }
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        var instantFailures = 0
        while true {
            if let s = SignalTrap.pending { return .signal(s) }
            var slice = signalPollMilliseconds
            if let deadline {
                let left = clock.now.duration(to: deadline)
                let ms = max(0, left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
                slice = Int32(min(Int64(slice), ms))
            }
            wtimeout(nc_stdscr(), slice)
            var value: wint_t = 0
            let started = clock.now
            let status = wget_wch(nc_stdscr(), &value)
            if status == NC_ERR && slice >= 50 && clock.now - started < .milliseconds(1) {
                // A wait that ends at once with nothing read, again and again, means the tty
                // is gone (EOF or EIO) without a SIGHUP: leave instead of spinning the CPU.
                instantFailures += 1
                if instantFailures >= 100 {
                    SignalTrap.record(SIGHUP)
                    return .signal(SIGHUP)
                }
            } else {
                instantFailures = 0
            }
            if status != NC_ERR {
                switch KeyDecoder.decode(status: status, value: value) {
                case .key(let k): return .key(k)
                case .resize:
                    var h: Int32 = 0, w: Int32 = 0
                    nc_getmaxyx(nc_stdscr(), &h, &w)
                    size = Size(width: Int(w), height: Int(h))
                    return .resize(size)
                case .ignored: break
                }
            }
            if let s = SignalTrap.pending { return .signal(s) }
            if let deadline, clock.now >= deadline { return nil }
        }
    }
}
