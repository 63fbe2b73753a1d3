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
}
