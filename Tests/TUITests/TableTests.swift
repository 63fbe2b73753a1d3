import XCTest
import LabTesting
@testable import TUI

final class TableTests: XCTestCase {
    let table = Table(
        columns: [TableColumn("cell"), TableColumn("params", alignment: .right), TableColumn("gates", alignment: .center), TableColumn("note")],
        rows: [["RNN", "12", "-", "one tanh"], ["LSTM", "48", "i f o g", "cell state c_t flows"], ["GRU", "36", "r z", "lighter"]],
        highlightedRow: 1
    )

    func testNaturalWidthAndBorders() {
        let b = table.rendered(size: Size(width: 60, height: 8))
        assertSnapshot(b.text(), named: "table-60")
        assertSnapshot(table.rendered(size: Size(width: 60, height: 8), capabilities: .plainASCII).text(), named: "table-60-ascii")
        XCTAssertEqual(b.lines()[0].first, "┌")
        XCTAssertEqual(table.naturalHeight, 7)
    }

    func testTruncatesWithEllipsisWhenNarrow() {
        let b = table.rendered(size: Size(width: 30, height: 7))
        assertSnapshot(b.text(), named: "table-30")
        XCTAssertTrue(b.text().contains("…"))
        for line in b.lines() { XCTAssertLessThanOrEqual(TextWidth.of(line), 30) }
        XCTAssertEqual(Table.fit("abcdef", width: 4, alignment: .left, ellipsis: "…"), "abc…")
        XCTAssertEqual(Table.fit("ab", width: 4, alignment: .right, ellipsis: "…"), "  ab")
        XCTAssertEqual(Table.fit("漢字漢字", width: 5, alignment: .left, ellipsis: "…"), "漢字…")
    }

    func testWithoutBordersAndHighlight() {
        var t = table
        t.borders = false
        let b = t.rendered(size: Size(width: 50, height: 5), capabilities: Capabilities(colors: .none))
        assertSnapshot(b.styledText(), named: "table-plain-styles")
        XCTAssertTrue(b[0, 3].style.attributes.contains(.reverse))  // LSTM row highlighted
    }

    func testTinySizesStayInside() {
        for w in 0...6 { for h in 0...3 {
            var b = Buffer(width: 10, height: 6)
            table.render(in: Rect(x: 1, y: 1, width: w, height: h), into: &b, capabilities: .plainASCII)
            for y in 0..<6 { for x in 0..<10 where !Rect(x: 1, y: 1, width: w, height: h).contains(x: x, y: y) {
                XCTAssertEqual(b[x, y], .blank)
            } }
        } }
    }
}

final class TableASCIIFoldTests: XCTestCase {
    func testNonASCIICellsAreFoldedForASCIITerminals() {
        let t = Table(columns: [TableColumn("gate σ"), TableColumn("range")], rows: [["f ⊙ c", "0 → 1"], ["漢", "…"]])
        let b = t.rendered(size: Size(width: 40, height: 6), capabilities: .plainASCII)
        XCTAssertTrue(b.text().utf8.allSatisfy { $0 < 0x80 }, b.text())
        XCTAssertTrue(b.text().contains("gate sigma"))
        XCTAssertTrue(b.text().contains("f * c"))
        XCTAssertTrue(b.text().contains("0 -> 1"))
        XCTAssertTrue(b.text().contains("??"))  // a wide character keeps its two columns
        XCTAssertEqual(ASCIIFold.fold("e\u{301}t\u{E9}"), "ete")
        XCTAssertEqual(ASCIIFold.fitting("σ", .full), "σ")
    }
}
