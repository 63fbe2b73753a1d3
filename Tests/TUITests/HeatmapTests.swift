import XCTest
import LabTesting
@testable import TUI

final class HeatmapTests: XCTestCase {
    static func states(units: Int, steps: Int) -> [[Double]] { SampleData.hiddenStates(units: units, steps: steps) }
    static func gates(units: Int, steps: Int) -> [[Double]] { SampleData.gates(units: units, steps: steps) }

    func testSweepStates() {
        let h = Heatmap(values: Self.states(units: 8, steps: 20), current: 12)
        ChartTestSupport.sweep(h, name: "states",
                               snapshotSizes: [Size(width: 60, height: 11), Size(width: 40, height: 6), Size(width: 20, height: 4)])
    }

    func testSweepGates() {
        let h = Heatmap(values: Self.gates(units: 4, steps: 50), rowLabels: ["i", "f", "g", "o"], ramp: .gates, current: 40)
        ChartTestSupport.sweep(h, name: "gates", snapshotSizes: [Size(width: 40, height: 6)])
    }

    func testVisibleCountLeavesLaterStepsEmptyButShowsMissingValues() {
        // 2 units x 4 steps, one column a step, no legend or marker row; only 2 steps computed.
        let h = Heatmap(values: [[1, .nan, 1, 1], [0, 0, 0, 0]], rowLabels: ["", ""], showLegend: false, visibleCount: 2)
        let mono = h.rendered(size: Size(width: 4, height: 2), capabilities: .plainASCII)
        XCTAssertEqual(mono[1, 0].symbol, "?", "a NaN inside the visible steps is a missing value")
        XCTAssertEqual(mono[2, 0].symbol, " ", "steps from visibleCount on are not drawn")
        XCTAssertEqual(mono[3, 1].symbol, " ")
        XCTAssertNotEqual(mono[0, 0].symbol, " ")
        let colour = h.rendered(size: Size(width: 4, height: 2))
        XCTAssertEqual(colour[3, 0].style.background, .default)
        XCTAssertNotEqual(colour[0, 0].style.background, .default)
    }

    func testHalfBlockPutsUpperUnitInForeground() {
        // 4 units in 2 rows: colour needs half blocks; top unit = fg, lower = bg.
        let values: [[Double]] = [[1], [-1], [0], [1]]
        let h = Heatmap(values: values, showLegend: false)
        let b = h.rendered(size: Size(width: 1, height: 2))
        XCTAssertEqual(b[0, 0].symbol, "▀")
        XCTAssertEqual(b[0, 0].style.foreground, ColorRamp.states.color(1, .full))
        XCTAssertEqual(b[0, 0].style.background, ColorRamp.states.color(-1, .full))
        XCTAssertNotEqual(b[0, 0].style.foreground, b[0, 0].style.background)
        // Without colour: one unit per row, shades.
        let mono = h.rendered(size: Size(width: 1, height: 2), capabilities: Capabilities(colors: .none))
        XCTAssertEqual(mono.lines(), ["█", ""])
    }

    func testRampEnds() {
        XCTAssertEqual(ColorRamp.gates.shade(0, .plainASCII), " ")
        XCTAssertEqual(ColorRamp.gates.shade(1, .plainASCII), "@")
        XCTAssertEqual(ColorRamp.states.shade(.nan, .full), "?")
        XCTAssertEqual(ColorRamp.states.color(-5, .full), ColorRamp.states.color(-1, .full))
        XCTAssertEqual(Set(ColorRamp.rdbu256).count, ColorRamp.rdbu256.count, "diverging ramp levels must differ")
    }

    func testNonFiniteAndRagged() {
        let h = Heatmap(values: [[.nan, .infinity, -.infinity], [0.5], []], current: 99)
        ChartTestSupport.sweep(h, name: "nonfinite", snapshotSizes: [Size(width: 20, height: 5)])
        _ = Heatmap(values: []).rendered(size: Size(width: 10, height: 4))
        _ = Heatmap(values: [[]]).rendered(size: Size(width: 10, height: 4))
    }
}

extension HeatmapTests {
    func testUnitsThatDoNotFitAreCounted() {
        // 16 units, mono (one per row), 3 rows for the map: 13 are not shown.
        let h = Heatmap(values: SampleData.hiddenStates(units: 16, steps: 10), current: 3)
        let lines = h.rendered(size: Size(width: 30, height: 5), capabilities: .plainASCII).lines()
        XCTAssertTrue(lines[3].hasPrefix("+13"), lines.joined(separator: "\n"))
    }
}

extension HeatmapTests {
    func testScrollingWindowFollowsTheCurrentStep() {
        // 1 unit, steps valued by their index; 10 columns, no labels (width < 12): window of 10.
        let row = (0..<100).map { Double($0) }
        let h = Heatmap(values: [row], ramp: ColorRamp(kind: .sequential, lower: 0, upper: 99), current: 80, showLegend: false, scrolls: true)
        XCTAssertEqual(h.stepsOfColumns(per: 1, used: 10, steps: 100), Array(73..<83))
        let b = h.rendered(size: Size(width: 10, height: 3))
        XCTAssertEqual(b[7, 2].symbol, "↑")  // step 80 is column 7, under the 2-row map
        // Sampling instead covers the whole sequence.
        let sampled = Heatmap(values: [row], current: 80).stepsOfColumns(per: 1, used: 10, steps: 100)
        XCTAssertEqual(sampled.first, 0)
        XCTAssertEqual(sampled.last, 90)
    }
}

extension HeatmapTests {
    func testLogRampForGradientMagnitudes() {
        let r = ColorRamp.gradients
        XCTAssertEqual(r.fraction(1e-6)!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(r.fraction(0), 0)
        XCTAssertEqual(r.fraction(1e3), 1)
        XCTAssertNil(r.fraction(.nan))
        let grads: [[Double]] = (0..<4).map { u in (0..<30).map { t in pow(10, -Double(30 - t) * 0.4 - Double(u)) } }
        let h = Heatmap(values: grads, rowLabels: ["g1", "g2", "g3", "g4"], ramp: .gradients, current: 29)
        ChartTestSupport.sweep(h, name: "gradients", snapshotSizes: [Size(width: 50, height: 7)])
        XCTAssertTrue(h.rendered(size: Size(width: 50, height: 7)).text().contains("1e-12"))
    }
}

extension HeatmapTests {
    func testFirstStepNumbersStepsFromOne() {
        // Steps 1...20 in 20 columns (no labels, width < 12 is not the case: 2-char labels).
        let h = Heatmap(values: [Array(repeating: 0.5, count: 20)], rowLabels: ["h1"], current: 12, showLegend: false, firstStep: 1)
        let b = h.rendered(size: Size(width: 23, height: 3))
        // Column for step 12 is index 11, after the 3-column label gutter.
        XCTAssertEqual(b[3 + 11, 2].symbol, "↑")
        XCTAssertTrue(b.lines()[2].contains("t=12"), b.text())
        // Without a marker the step numbers show, counted from 1: "10" under step 10 (index 9).
        let plain = Heatmap(values: h.values, rowLabels: ["h1"], showLegend: false, firstStep: 1).rendered(size: Size(width: 23, height: 3))
        XCTAssertEqual(plain.lines()[2], String(repeating: " ", count: 12) + "10")
    }
}
