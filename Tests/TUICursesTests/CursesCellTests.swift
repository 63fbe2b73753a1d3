import CNcurses
import Glibc
import TUICurses
import XCTest

/// Whole grapheme clusters in one curses cell, checked on a curses screen that writes to
/// /dev/null (no terminal needed): what the cell holds is what a refresh sends.
final class CursesCellTests: XCTestCase {
    private func scalars(_ s: String) -> [Int32] { s.unicodeScalars.map { Int32($0.value) } }

    /// Runs `body` on the standard window of a fresh curses screen for `xterm-256color`.
    private func withScreen(_ body: (UnsafeMutablePointer<WINDOW>?) throws -> Void) throws {
        let previousLocale = setlocale(LC_ALL, nil).map { String(cString: $0) }
        guard setlocale(LC_ALL, "C.UTF-8") != nil else { throw XCTSkip("no C.UTF-8 locale") }
        defer { _ = setlocale(LC_ALL, previousLocale ?? "C") }
        guard let output = fopen("/dev/null", "w"), let input = fopen("/dev/null", "r") else {
            throw XCTSkip("cannot open /dev/null")
        }
        defer { fclose(output); fclose(input) }
        guard let screen = newterm("xterm-256color", output, input) else { throw XCTSkip("no terminfo entry for xterm-256color") }
        _ = set_term(screen)
        defer { _ = endwin(); delscreen(screen) }
        try body(nc_stdscr())
    }

    /// Clusters that join several spacing characters: `setcchar` alone refused them (nothing
    /// was drawn); now the cell holds the whole cluster.
    func testEmojiSequencesAreStoredWhole() throws {
        try withScreen { window in
            for cluster in ["👩\u{200D}💻", "👍🏽", "🇩🇪", "1\u{FE0F}\u{20E3}", "e\u{301}", "⡀"] {
                let chars = CellGlyph.wideCharacters(cluster, ascii: false)
                XCTAssertEqual(CursesCell.put(window, y: 1, x: 4, characters: chars, attributes: NC_A_NORMAL, pair: 0), NC_OK, cluster)
                XCTAssertEqual(CursesCell.characters(window, y: 1, x: 4), scalars(cluster), cluster)
            }
        }
    }

    /// A family of four (7 scalars) does not fit a cell (5): it is cut after a whole person,
    /// never on a joiner.
    func testLongClusterIsCutAfterAWholeComponent() throws {
        try withScreen { window in
            let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦"
            CursesCell.put(window, y: 0, x: 0, characters: CellGlyph.wideCharacters(family, ascii: false), attributes: NC_A_NORMAL, pair: 0)
            XCTAssertEqual(CursesCell.characters(window, y: 0, x: 0), scalars("👨\u{200D}👩\u{200D}👧"))
        }
    }

    /// Attributes and the colour pair are those `setcchar` sets, also for a long cluster.
    func testAttributesAndPairAreKept() throws {
        try withScreen { window in
            _ = start_color()
            _ = use_default_colors()
            XCTAssertEqual(init_extended_pair(3, 1, -1), NC_OK)
            CursesCell.put(window, y: 2, x: 2, characters: CellGlyph.wideCharacters("👩\u{200D}💻", ascii: false),
                           attributes: NC_A_BOLD | NC_A_UNDERLINE, pair: 3)
            var cell = cchar_t()
            XCTAssertEqual(mvwin_wch(window, 2, 2, &cell), NC_OK)
            XCTAssertNotEqual(cell.attr & NC_A_BOLD, 0)
            XCTAssertNotEqual(cell.attr & NC_A_UNDERLINE, 0)
            XCTAssertEqual(cell.ext_color, 3)
        }
    }

    func testEmptyOrNULIsRefused() throws {
        try withScreen { window in
            XCTAssertEqual(CursesCell.put(window, y: 0, x: 0, characters: [], attributes: NC_A_NORMAL, pair: 0), NC_ERR)
            XCTAssertEqual(CursesCell.put(window, y: 0, x: 0, characters: [0], attributes: NC_A_NORMAL, pair: 0), NC_ERR)
        }
    }
}
