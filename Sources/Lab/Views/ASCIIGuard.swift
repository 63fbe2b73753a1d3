import TUI

/// The last pass of every ASCII frame: any symbol outside seven-bit ASCII that reached the
/// buffer (a "→" typed in a lesson, a Greek letter in a title) is replaced by TUI's one
/// table of stand-ins (`ASCIIFallback`), so an ASCII terminal never receives a byte it cannot show.
enum ASCIIGuard {
    static func apply(to buffer: inout Buffer) { ASCIIFallback.apply(to: &buffer) }
}
