import CNcurses
import Glibc

/// Puts one cell's glyph into curses' screen, a whole grapheme cluster in one `cchar_t`.
///
/// `setcchar` keeps a spacing character and the non-spacing ones after it and drops the rest
/// (ncurses 6.4), so the clusters that join several spacing characters into one glyph lost
/// all but their first part: emoji with zero-width joiners (👩‍💻 became 👩 and a dangling
/// joiner), skin tones (👍🏽), flags (🇩🇪 became a lone regional indicator). Here `setcchar` makes the cell from the first character (attributes and the
/// extended colour pair exactly as ncurses stores them) and the rest of the cluster is then
/// copied into the cell's character array, which ncurses sends to the terminal as it is, so
/// the terminal receives the whole cluster, as `rnnlab render` writes it. The cell's width in
/// curses' screen model is that of the first character (`wcwidth`), as before.
public enum CursesCell {
    /// Writes `characters` (from `CellGlyph.wideCharacters`: at most `CellGlyph.maxCharacters`,
    /// NUL-terminated) at column `x`, row `y` of `window`. Returns OK or ERR.
    @discardableResult
    public static func put(_ window: UnsafeMutablePointer<WINDOW>?, y: Int32, x: Int32, characters: [Int32], attributes: attr_t, pair: Int32) -> Int32 {
        guard let first = characters.first, first != 0 else { return NC_ERR }
        var cell = cchar_t()
        var colorPair = pair
        let head: [wchar_t] = [first, 0]
        guard setcchar(&cell, head, attributes, 0, &colorPair) == NC_OK else { return NC_ERR }
        withUnsafeMutableBytes(of: &cell.chars) { raw in
            let chars = raw.bindMemory(to: wchar_t.self)
            var i = 1
            while i < chars.count, i < characters.count, characters[i] != 0 {
                chars[i] = characters[i]
                i += 1
            }
        }
        guard wmove(window, y, x) == NC_OK else { return NC_ERR }
        return wadd_wch(window, &cell)
    }

    /// The characters curses holds for the cell at (`y`, `x`) of `window`, without the NULs
    /// (for tests: what `put` stored is what a refresh sends).
    public static func characters(_ window: UnsafeMutablePointer<WINDOW>?, y: Int32, x: Int32) -> [Int32] {
        var cell = cchar_t()
        guard mvwin_wch(window, y, x, &cell) == NC_OK else { return [] }
        return withUnsafeBytes(of: &cell.chars) { raw in
            Array(raw.bindMemory(to: wchar_t.self).prefix { $0 != 0 })
        }
    }
}
