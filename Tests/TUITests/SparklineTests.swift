import XCTest
import LabTesting
@testable import TUI

final class SparklineTests: XCTestCase {
    static let loss: [Double] = SampleData.loss(steps: 60)

    func testSweep() {
        ChartTestSupport.sweep(Sparkline(values: Self.loss), name: "loss",
                               snapshotSizes: [Size(width: 40, height: 1), Size(width: 30, height: 3)])
    }

    func testEighthLevels() {
        let s = Sparkline(values: [0, 1, 2, 3, 4, 5, 6, 7, 8], range: 0...8)
        XCTAssertEqual(s.rendered(size: Size(width: 9, height: 1)).text(), " ▁▂▃▄▅▆▇█")
        // Two rows: 16 levels; value 12 of 16 is a full lower block and a half upper one.
        let two = Sparkline(values: [12], range: 0...16).rendered(size: Size(width: 1, height: 2))
        XCTAssertEqual(two.lines(), ["▄", "█"])
    }

    func testShowsTheNewestValuesWhenTooMany() {
        let s = Sparkline(values: [8, 8, 8, 0, 4], range: 0...8)
        XCTAssertEqual(s.rendered(size: Size(width: 2, height: 1)).text(), " ▄")
    }

    func testNonFiniteAndLog() {
        let s = Sparkline(values: [.nan, .infinity, -.infinity, 1e-12, 1e12, 0, -3], scale: .log10)
        ChartTestSupport.sweep(s, name: "nonfinite", snapshotSizes: [Size(width: 8, height: 2)])
        XCTAssertEqual(Sparkline(values: [.nan, 1], range: 0...1).rendered(size: Size(width: 2, height: 1)).text(), " █")
    }
}

extension SparklineTests {
    func testLabelAndLastValue() {
        let s = Sparkline(values: [0, 4, 8], range: 0...8, label: "loss", showsLast: true)
        XCTAssertEqual(s.rendered(size: Size(width: 20, height: 1)).text(), "loss            ▄█ 8")
        // Too narrow for the text: blocks only.
        XCTAssertEqual(s.rendered(size: Size(width: 3, height: 1)).text(), " ▄█")
        ChartTestSupport.sweep(s, name: "labelled", snapshotSizes: [Size(width: 24, height: 2)])
    }
}
