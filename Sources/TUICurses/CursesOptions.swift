import TUI

/// Start-up choices for the ncurses backend, from the command line.
public struct CursesOptions: Sendable, Equatable {
    /// The most colours to use; the terminal (and NO_COLOR) may allow fewer. nil: as many as
    /// the terminal has.
    public var maxColors: ColorDepth?
    /// Draw with ASCII glyphs even in a UTF-8 locale.
    public var forceASCII: Bool
    /// How long to wait after Esc for the rest of an escape sequence (ncurses' default of
    /// one second makes Esc feel broken).
    public var escapeDelayMilliseconds: Int32

    public init(maxColors: ColorDepth? = nil, forceASCII: Bool = false, escapeDelayMilliseconds: Int32 = 25) {
        self.maxColors = maxColors
        self.forceASCII = forceASCII
        self.escapeDelayMilliseconds = escapeDelayMilliseconds
    }
}
