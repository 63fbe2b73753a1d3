import XCTest
@testable import TUI

final class ChartBrailleTests: XCTestCase {
    func testEachDotHasItsBit() {
        let expected: [[UInt32]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
        for dx in 0..<2 {
            for dy in 0..<4 {
                var c = BrailleCanvas(columns: 1, rows: 1)
                c.set(x: dx, y: dy, series: 0)
                var b = Buffer(width: 1, height: 1)
                c.render(in: b.area, into: &b) { _ in .plain }
                XCTAssertEqual(b[0, 0].symbol.unicodeScalars.first!.value, 0x2800 + expected[dx][dy], "dot \(dx),\(dy)")
            }
        }
    }

    func testAllDotsMakeAFullCellAndOutsideIsIgnored() {
        var c = BrailleCanvas(columns: 2, rows: 1)
        for x in 0..<2 { for y in 0..<4 { c.set(x: x, y: y, series: 3) } }
        c.set(x: -1, y: 0, series: 0)
        c.set(x: 4, y: 0, series: 0)
        c.set(x: 0, y: 4, series: 0)
        XCTAssertEqual(c.bits, [0xFF, 0x00])
        XCTAssertEqual(c.ink, [4, 0])
    }

    func testClippedLineStaysInsideAndHandlesHugeCoordinates() {
        var c = BrailleCanvas(columns: 3, rows: 2)
        c.clippedLine(-1e12, 3, 1e12, 3, series: 0)
        for x in 0..<6 { XCTAssertTrue(c.isSet(x: x, y: 3), "x \(x)") }
        c.clippedLine(.nan, 0, 1, 1, series: 0)
        c.clippedLine(-5, -5, -1, -1, series: 0)  // wholly outside: nothing
        XCTAssertEqual(c.bits.reduce(0) { $0 + $1.nonzeroBitCount }, 6)
    }

    func testRenderLeavesEmptyCellsUntouched() {
        var c = BrailleCanvas(columns: 2, rows: 1)
        c.set(x: 0, y: 0, series: 1)
        var b = Buffer(lines: ["ab"])
        c.render(in: b.area, into: &b) { _ in .plain }
        XCTAssertEqual(b.text(), "\u{2801}b")
    }
}

extension ChartBrailleTests {
    func testClippingHugeButFiniteCoordinatesDoesNotTrap() {
        // Rounding error of 1e305-sized coordinates is far beyond Int.max: must be clamped.
        var c = BrailleCanvas(columns: 4, rows: 2)
        c.clippedLine(0, 1e305, 7, -1e305, series: 0)
        c.clippedLine(-1.7e308, 3, 1.7e308, 4, series: 0)
        XCTAssertGreaterThan(c.bits.reduce(0) { $0 + $1.nonzeroBitCount }, 0)
        let chart = LineChart(series: [ChartSeries(name: "x", values: [0, 1e303, -1e303, 0.5])], yRange: 0...1)
        _ = chart.rendered(size: Size(width: 30, height: 10))
    }
}
