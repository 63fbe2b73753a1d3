import TUICurses
import XCTest

final class CellGlyphTests: XCTestCase {
    func testUnicodeKeepsScalarsAndTerminates() {
        XCTAssertEqual(CellGlyph.wideCharacters("⡀", ascii: false), [0x2840, 0])
        XCTAssertEqual(CellGlyph.wideCharacters("é", ascii: false), [0xE9, 0])
        XCTAssertEqual(CellGlyph.wideCharacters("e\u{301}", ascii: false), [0x65, 0x301, 0], "combining mark kept")
        XCTAssertEqual(CellGlyph.wideCharacters("", ascii: false), [0x20, 0])
    }

    func testControlCharactersBecomeSpaces() {
        XCTAssertEqual(CellGlyph.wideCharacters("\u{1B}", ascii: false), [0x20, 0])
        XCTAssertEqual(CellGlyph.wideCharacters("\u{9B}", ascii: true), [0x20, 0], "C1 CSI never reaches the terminal")
    }

    func testASCIIReplacesEverythingElse() {
        XCTAssertEqual(CellGlyph.wideCharacters("q", ascii: true), [0x71, 0])
        XCTAssertEqual(CellGlyph.wideCharacters("⡀", ascii: true), [0x3F, 0])
        XCTAssertEqual(CellGlyph.wideCharacters("e\u{301}", ascii: true), [0x65, 0])
    }

    func testAtMostFiveCharacters() {
        let many = "a" + String(repeating: "\u{301}", count: 8)
        XCTAssertEqual(CellGlyph.wideCharacters(many, ascii: false).count, CellGlyph.maxCharacters + 1)
    }

    /// Emoji sequences keep every scalar (the cell is drawn as one glyph, as `render` writes it).
    func testEmojiSequencesKeepEveryScalar() {
        XCTAssertEqual(CellGlyph.wideCharacters("🇩🇪", ascii: false), [0x1F1E9, 0x1F1EA, 0])
        XCTAssertEqual(CellGlyph.wideCharacters("👩\u{200D}💻", ascii: false), [0x1F469, 0x200D, 0x1F4BB, 0])
        XCTAssertEqual(CellGlyph.wideCharacters("👍🏽", ascii: true), [0x3F, 0], "ASCII: one ?")
    }

    /// Too long for a cell: cut after a whole component, never on a joiner, a tag or a
    /// presentation selector.
    func testLongClustersAreCutAtComponentBoundaries() {
        XCTAssertEqual(CellGlyph.wideCharacters("👨\u{200D}👩\u{200D}👧\u{200D}👦", ascii: false),
                       [0x1F468, 0x200D, 0x1F469, 0x200D, 0x1F467, 0])
        XCTAssertEqual(CellGlyph.wideCharacters("👩\u{200D}❤\u{FE0F}\u{200D}👨", ascii: false),
                       [0x1F469, 0x200D, 0x2764, 0])
        // England: a black flag and tag letters; cut, only the flag is left.
        let england = "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}"
        XCTAssertEqual(CellGlyph.wideCharacters(england, ascii: false), [0x1F3F4, 0])
    }
}
