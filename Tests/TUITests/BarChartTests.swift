import XCTest
import LabTesting
@testable import TUI

final class BarChartTests: XCTestCase {
    /// Gradient norms of an exploding RNN, step by step back in time: 1e-12 ... 1e+12.
    static let norms: [BarItem] = (0..<7).map { (k: Int) -> BarItem in BarItem("t-\(k * 4)", 2.5 * pow(10, Double(k * 4 - 12))) }

    func testSweepLog() {
        let c = BarChart(items: Self.norms, scale: .log10, range: 1e-12...1e12)
        ChartTestSupport.sweep(c, name: "log", snapshotSizes: [Size(width: 60, height: 8), Size(width: 30, height: 5)])
        let t = c.rendered(size: Size(width: 60, height: 8)).text()
        XCTAssertTrue(t.contains("2.5e-12") && t.contains("2.5e+12") && t.contains("1e-12"), t)
    }

    func testSweepLinear() {
        let items = [BarItem("forget", 0.92), BarItem("input", 0.25), BarItem("output", 0.5, color: .indexed(36)), BarItem("cand", -0.5)]
        ChartTestSupport.sweep(BarChart(items: items, range: 0...1), name: "gates",
                               snapshotSizes: [Size(width: 40, height: 5), Size(width: 20, height: 3)])
    }

    func testEighthResolution() {
        // 0.5 of an 8-cell bar is 4 full cells; 0.53125 adds a quarter-cell (2 eighths).
        let c = BarChart(items: [BarItem("", 0.5), BarItem("", 0.53125)], range: 0...1, showAxis: false)
        var b = Buffer(width: 8, height: 2)
        // Width 8 hides labels and values, leaving exactly 8 bar cells.
        c.render(in: b.area, into: &b, capabilities: .full)
        XCTAssertEqual(b.lines(), ["████", "████▎"])
    }

    func testNonFiniteAndClipped() {
        let items = [BarItem("nan", .nan), BarItem("inf", .infinity), BarItem("zero", 0), BarItem("neg", -1), BarItem("big", 5)]
        let c = BarChart(items: items, scale: .log10, range: 1e-3...1)
        ChartTestSupport.sweep(c, name: "nonfinite", snapshotSizes: [Size(width: 30, height: 6)])
        let lines = c.rendered(size: Size(width: 30, height: 6)).lines()
        XCTAssertTrue(lines[1].contains("▸") && lines[1].hasSuffix("inf"), lines[1])
        XCTAssertTrue(lines[0].hasSuffix("nan") && !lines[0].contains("█"), lines[0])
    }
}

extension BarChartTests {
    func testTooManyBarsSayHowManyMore() {
        let c = BarChart(items: Self.norms, scale: .log10)
        let lines = c.rendered(size: Size(width: 40, height: 3)).lines()
        XCTAssertEqual(lines.count, 3)
        XCTAssertTrue(lines[2].hasPrefix("… +5 more"), lines.joined(separator: "\n"))
    }
}
