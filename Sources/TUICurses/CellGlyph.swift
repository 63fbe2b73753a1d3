import TUI

/// What one cell's symbol becomes on the terminal: up to five wide characters (a base and
/// its combining marks, the most a `cchar_t` holds), NUL-terminated for `setcchar`.
///
/// On ASCII terminals (non-UTF-8 locale, `--ascii`) anything outside printable ASCII is
/// drawn as `?`: widgets already choose ASCII glyphs there, and this keeps stray text (a
/// lesson's é, a wide character) from turning into escape garbage in a Latin-1 or C locale.
public enum CellGlyph {
    /// The most characters a `cchar_t` holds (CCHARW_MAX).
    public static let maxCharacters = 5

    /// wchar_t values (UTF-32 on Linux) for `symbol`, ending with 0.
    public static func wideCharacters(_ symbol: String, ascii: Bool) -> [Int32] {
        var out: [Int32] = []
        for scalar in symbol.unicodeScalars {
            var v = scalar.value
            if v < 0x20 || (v >= 0x7F && v < 0xA0) { v = 0x20 }   // control characters never reach the terminal
            if ascii && v > 0x7E { v = 0x3F }                       // "?"
            // In ASCII mode only the base character is kept: combining marks would be "?" too.
            if ascii && !out.isEmpty { break }
            out.append(Int32(v))
            if out.count == maxCharacters { break }
        }
        if out.isEmpty { out.append(0x20) }
        out.append(0)
        return out
    }
}
