import TUI

/// What one cell's symbol becomes on the terminal: up to five wide characters (a whole
/// grapheme cluster: a base with its combining marks, or an emoji sequence; the most a
/// `cchar_t` holds), NUL-terminated (see `CursesCell`).
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
        // A cluster longer than a cell holds (a family of four is 7 scalars) is cut after a
        // whole component: never on a joiner or inside a tag sequence, which would show a
        // dangling joiner or a stray tag letter.
        if symbol.unicodeScalars.count > out.count {
            while let last = out.last, out.count > 1, last == 0x200D || (0xE0000...0xE007F).contains(last) || last == 0xFE0F {
                out.removeLast()
            }
        }
        if out.isEmpty { out.append(0x20) }
        out.append(0)
        return out
    }
}
