import XCTest
@testable import TUI

final class BufferTests: XCTestCase {
    func testPutClipsAtEdgeAndMaxWidth() {
        var b = Buffer(width: 6, height: 2)
        XCTAssertEqual(b.put("abcdefgh", x: 2, y: 0), 4)
        XCTAssertEqual(b.put("abcdef", x: 0, y: 1, maxWidth: 3), 3)
        XCTAssertEqual(b.lines(), ["  abcd", "abc"])
    }

    func testWideGraphemeTakesTwoCellsAndIsNotSplit() {
        var b = Buffer(width: 5, height: 1)
        XCTAssertEqual(b.put("a漢b漢", x: 0, y: 0), 4)  // the last 漢 does not fit whole
        XCTAssertEqual(b[1, 0].symbol, "漢")
        XCTAssertTrue(b[2, 0].isContinuation)
        XCTAssertEqual(b.text(), "a漢b")
    }

    func testCombiningMarksStayWithTheirBase() {
        var b = Buffer(width: 4, height: 1)
        b.put("e\u{301}x", x: 0, y: 0)
        XCTAssertEqual(b[0, 0].symbol, "e\u{301}")
        XCTAssertEqual(b[1, 0].symbol, "x")
    }

    func testDiffReportsOnlyChangedCells() {
        let a = Buffer(width: 4, height: 2)
        var b = a
        b.put("x", x: 3, y: 1, style: .fg(.red))
        XCTAssertEqual(b.diff(from: a), [CellChange(x: 3, y: 1, cell: Cell("x", style: .fg(.red)))])
        XCTAssertEqual(b.diff(from: Buffer(width: 3, height: 2)).count, 8)
    }

    func testStyledTextListsRuns() {
        var b = Buffer(width: 5, height: 1)
        b.put("hi", x: 1, y: 0, style: Style.fg(.indexed(196)).bold)
        XCTAssertEqual(b.styledText(), "\" hi  \"\nstyles:\n0 1-2 fg=i196 +bold")
    }

    func testCapabilitiesMapColoursDown() {
        let eight = Capabilities(colors: .eight, glyphs: .unicode)
        XCTAssertEqual(eight.resolve(Color.indexed(196)), .ansi(1))
        XCTAssertEqual(eight.resolve(Color.indexed(21)), .ansi(4))
        XCTAssertEqual(Capabilities(colors: .none).resolve(Color.red), .default)
    }
}
