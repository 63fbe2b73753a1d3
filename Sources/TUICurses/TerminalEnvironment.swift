import CNcurses
import Glibc
import TUI

/// What can be learned about the terminal before ncurses starts: ttys, locale, TERM,
/// NO_COLOR. Reading these once keeps the start-up order of NCURSES.md in one place.
public struct TerminalEnvironment: Sendable, Equatable {
    public var stdinIsTerminal: Bool
    public var stdoutIsTerminal: Bool
    /// The locale's character set after `setlocale(LC_ALL, "")`, e.g. "UTF-8" or "ANSI_X3.4-1968".
    public var codeset: String
    /// TERM, nil when unset or empty.
    public var term: String?
    /// NO_COLOR is set to a non-empty value (https://no-color.org).
    public var noColor: Bool

    public init(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, codeset: String, term: String?, noColor: Bool) {
        self.stdinIsTerminal = stdinIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.codeset = codeset
        self.term = term
        self.noColor = noColor
    }

    /// Reads the process's environment. Calls `setlocale(LC_ALL, "")` first: without it the
    /// C library (and ncurses) stay in the "C" locale and wide characters vanish.
    public static func current() -> TerminalEnvironment {
        _ = setlocale(LC_ALL, "")
        let codeset = nc_codeset().map { String(cString: $0) } ?? ""
        let term = getenv("TERM").map { String(cString: $0) }
        let noColor = getenv("NO_COLOR").map { String(cString: $0) }
        return TerminalEnvironment(
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            codeset: codeset,
            term: (term?.isEmpty ?? true) ? nil : term,
            noColor: !(noColor?.isEmpty ?? true)
        )
    }

    /// Whether the locale encodes text as UTF-8 (braille, box drawing and Greek need it).
    public var isUTF8: Bool {
        let c = codeset.uppercased().filter { $0 != "-" }
        return c == "UTF8"
    }

    /// The problem that stops the lab before ncurses is even asked, if any.
    public var startProblem: TerminalError? {
        if !stdinIsTerminal || !stdoutIsTerminal {
            return .notATerminal(stdin: stdinIsTerminal, stdout: stdoutIsTerminal)
        }
        guard let term else { return .termUnset }
        // Caught here so that ncurses never gets to write anything for them.
        if term == "dumb" || term == "unknown" { return .noCursorAddressing(term) }
        return nil
    }

    /// The glyph set: Unicode only in a UTF-8 locale and when not forced to ASCII.
    public func glyphs(forceASCII: Bool) -> GlyphSet {
        (isUTF8 && !forceASCII) ? .unicode : .ascii
    }

    /// The colour depth from what the terminal reports (`hasColors`, COLORS), NO_COLOR and a
    /// maximum asked for on the command line.
    public func colorDepth(hasColors: Bool, colors: Int32, maximum: ColorDepth?) -> ColorDepth {
        var depth: ColorDepth
        if noColor || !hasColors {
            depth = .none
        } else if colors >= 256 {
            depth = .full
        } else if colors >= 8 {
            depth = .eight
        } else {
            depth = .none
        }
        if let maximum { depth = min(depth, maximum) }
        return depth
    }
}
