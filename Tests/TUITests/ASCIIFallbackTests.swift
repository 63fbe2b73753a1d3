import XCTest
@testable import TUI

final class ASCIIFallbackTests: XCTestCase {
    func testTheTableIsASCIIAndCellsTakeOneColumn() {
        for (c, s) in ASCIIFallback.table {
            XCTAssertFalse(c.isASCII, "\(c) needs no stand-in")
            XCTAssertTrue(s.text.allSatisfy(\.isASCII), "\(c) → \(s.text)")
            if let cell = s.cell {
                XCTAssertEqual(cell.count, 1, "\(c) → \(cell)")
                XCTAssertTrue(cell.allSatisfy(\.isASCII), "\(c) → \(cell)")
            }
        }
    }

    func testTextAndCellSpellings() {
        XCTAssertEqual(ASCIIFold.fold("σ(W·h) → y…"), "sigma(W.h) -> y...")
        XCTAssertEqual(ASCIIFold.fold("e\u{301}t\u{E9} 漢"), "ete ??")
        XCTAssertEqual(ASCIIFallback.cell(for: "σ"), "s")
        XCTAssertEqual(ASCIIFallback.cell(for: "→"), ">")
        XCTAssertEqual(ASCIIFallback.cell(for: "…"), "~")
        XCTAssertEqual(ASCIIFallback.cell(for: "∞"), "?")
        XCTAssertEqual(ASCIIFallback.cell(for: "漢"), "?")
        XCTAssertEqual(ASCIIFallback.cell(for: "e\u{301}"), "e")
        XCTAssertEqual(ASCIIFallback.cell(for: "x"), "x")
    }

    func testApplyMakesEveryCellASCIIAndKeepsStyles() {
        var b = Buffer(width: 8, height: 1)
        b.put("σ漢→x", x: 0, y: 0, style: .fg(.indexed(9)))
        ASCIIFallback.apply(to: &b)
        XCTAssertEqual(b.lines(), ["s? >x"])
        for x in 0..<5 { XCTAssertEqual(b[x, 0].style, .fg(.indexed(9))) }
        XCTAssertFalse(b.cells.contains(where: \.isContinuation))
    }
}
