import XCTest
@testable import TUI

/// `UnrolledGraph.notes`: a number in a box instead of `f_W`, shaded when there is colour.
final class UnrolledGraphNotesTests: XCTestCase {
    func testNotesReplaceFWInTheirBoxesOnly() {
        let notes: [Int: UnrolledGraph.BoxNote] = [3: .init("3.2e-4", level: 0), 4: .init("0.5", level: 1)]
        let g = UnrolledGraph(steps: 4, current: 3, direction: .backward, notes: notes)
        let b = g.rendered(size: Size(width: 80, height: 8))
        let text = b.text()
        XCTAssertTrue(text.contains("3.2e-4"), text)
        XCTAssertTrue(text.contains("0.5"), text)
        XCTAssertEqual(text.components(separatedBy: "f_W").count - 1, 2, "boxes 1 and 2 keep f_W")
        // Shades: the ramp's dark end behind box 3, its bright end (dark text) behind box 4.
        let ramp = ColorRamp(kind: .sequential, lower: 0, upper: 1)
        let five = b.cells.first { $0.symbol == "5" }!
        XCTAssertEqual(five.style.background, ramp.color(1, .full))
        XCTAssertEqual(five.style.foreground, .black)
        let e = b.cells.first { $0.symbol == "e" }!
        XCTAssertEqual(e.style.background, ramp.color(0, .full))
        XCTAssertTrue(e.style.attributes.contains(.bold), "the current box's note is bold")
    }

    func testNotesAreCutToTheBoxAndASCIIStaysASCII() {
        let g = UnrolledGraph(steps: 3, current: 1, direction: .backward, notes: [1: .init("123456789"), 2: .init("~0", level: 0.5)])
        let ascii = g.rendered(size: Size(width: 60, height: 8), capabilities: .plainASCII)
        XCTAssertTrue(ascii.text().utf8.allSatisfy { $0 < 0x80 })
        XCTAssertTrue(ascii.text().contains("123456~"), ascii.text())
        XCTAssertFalse(ascii.text().contains("1234567"))
        XCTAssertTrue(ascii.text().contains("~0"))
    }
}

extension UnrolledGraphNotesTests {
    func testBackwardWithNotesKeepsTheReachedBoxesInView() {
        let notes = Dictionary(uniqueKeysWithValues: (9...12).map { ($0, UnrolledGraph.BoxNote("n\($0)")) })
        let g = UnrolledGraph(steps: 12, current: 9, direction: .backward, notes: notes)
        let count = g.stepsThatFit(width: 80)
        XCTAssertEqual(count, 5)
        XCTAssertEqual(g.firstStep(showing: count), 8, "t = 9 a quarter from the left: 8 … 12 shown")
        XCTAssertEqual(UnrolledGraph(steps: 12, current: 9, direction: .backward).firstStep(showing: count), 7, "the schematic stays centred")
    }
}
