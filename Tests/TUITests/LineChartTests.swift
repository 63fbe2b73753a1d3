import XCTest
import LabTesting
@testable import TUI

final class LineChartTests: XCTestCase {
    /// Three hidden units of a small RNN driven by a sine, as the first lesson shows them.
    static func hiddenUnits(steps: Int = 40) -> [ChartSeries] {
        (1...3).map { k in
            let kk = Double(k)
            let values: [Double] = (0..<steps).map { (t: Int) -> Double in
                let tt = Double(t)
                let drive: Double = 1.4 * sin(tt * 0.25 + kk)
                return tanh(drive * exp(-tt * 0.01 * kk))
            }
            return ChartSeries(name: "h\(k)", values: values)
        }
    }

    func testSweepAllLevelsAndSizes() {
        let chart = LineChart(series: Self.hiddenUnits(), yRange: -1...1, xRange: 0...39, visibleCount: 25,
                              marker: 24, title: "hidden state", xLabel: "t", yLabel: "h")
        ChartTestSupport.sweep(chart, name: "states", snapshotSizes: [Size(width: 60, height: 16), Size(width: 30, height: 10)])
    }

    func testLogAxisGradientNorms() {
        let exploding = ChartSeries(name: "|W|=1.2", values: (0..<50).map { pow(1.8, Double($0)) * 1e-9 })
        let vanishing = ChartSeries(name: "|W|=0.8", values: (0..<50).map { pow(0.55, Double($0)) })
        let chart = LineChart(series: [exploding, vanishing], yScale: .log10, yRange: 1e-12...1e12,
                              title: "gradient norm", xLabel: "steps back")
        ChartTestSupport.sweep(chart, name: "log", snapshotSizes: [Size(width: 60, height: 16)])
        let b = chart.rendered(size: Size(width: 60, height: 16))
        XCTAssertTrue(b.text().contains("1e-12"), b.text())
        XCTAssertTrue(b.text().contains("1e+12"), b.text())
    }

    func testNonFiniteValuesAreGapsOrEdgeMarks() {
        let s = ChartSeries(name: "bad", values: [0, .nan, 1, .infinity, -.infinity, 0.5, .nan, -2, 5])
        let chart = LineChart(series: [s, ChartSeries(name: "empty", values: [])], yRange: -1...1)
        ChartTestSupport.sweep(chart, name: "nonfinite", snapshotSizes: [Size(width: 30, height: 8)])
        // Auto range with only non-finite values must still work.
        let allBad = LineChart(series: [ChartSeries(name: "x", values: [.nan, .infinity, -.infinity])], yScale: .log10)
        _ = allBad.rendered(size: Size(width: 20, height: 8))
        let huge = LineChart(series: [ChartSeries(name: "x", values: [-1e300, 1e300, 0, .greatestFiniteMagnitude])])
        _ = huge.rendered(size: Size(width: 20, height: 8))
        // A span that overflows to infinity.
        let extreme = [-Double.greatestFiniteMagnitude, .greatestFiniteMagnitude, 0]
        _ = LineChart(series: [ChartSeries(name: "x", values: extreme)]).rendered(size: Size(width: 30, height: 10))
        _ = Sparkline(values: extreme).rendered(size: Size(width: 10, height: 2))
        _ = BarChart(items: extreme.map { BarItem("b", $0) }).rendered(size: Size(width: 30, height: 5))
        _ = Heatmap(values: [extreme], ramp: ColorRamp(kind: .diverging, lower: -.greatestFiniteMagnitude, upper: .greatestFiniteMagnitude))
            .rendered(size: Size(width: 30, height: 5))
    }

    func testKnownPointSetsTheExpectedBrailleDot() {
        // Plot-only (no axes) at 2x1 cells: 4x4 dots. x 0...3, y 0...3, the single point (3, 3)
        // is the top-right dot: bit 0x08 of the second cell.
        let chart = LineChart(series: [ChartSeries(name: "p", values: [.nan, .nan, .nan, 3])],
                              yRange: 0...3, xRange: 0...3, showLegend: false)
        let b = chart.rendered(size: Size(width: 2, height: 1))
        XCTAssertEqual(b[1, 0].symbol, "\u{2808}")
        XCTAssertEqual(b[0, 0].symbol, " ")
        XCTAssertEqual(b[1, 0].style.foreground, .indexed(SeriesPalette.full[0]))
    }

    func testLinesAreJoinedBetweenSamples() {
        // A diagonal from bottom-left to top-right over 4x4 dots: every column has a dot.
        let chart = LineChart(series: [ChartSeries(name: "d", values: [0, 3])], yRange: 0...3, xRange: 0...1, showLegend: false)
        var canvas = BrailleCanvas(columns: 2, rows: 1)
        chart.draw(on: &canvas, xs: chart.xAxis, ys: chart.yAxis)
        for x in 0..<4 { XCTAssertTrue((0..<4).contains { canvas.isSet(x: x, y: $0) }, "column \(x) empty") }
        XCTAssertTrue(canvas.isSet(x: 0, y: 3))
    }

    func testLastWriterColourWins() {
        let a = ChartSeries(name: "a", values: [1, 1]), b = ChartSeries(name: "b", values: [1, 1])
        let chart = LineChart(series: [a, b], yRange: 0...2, showLegend: false)
        let buf = chart.rendered(size: Size(width: 4, height: 2))
        let inked = buf.cells.filter { $0.symbol != " " }
        XCTAssertFalse(inked.isEmpty)
        XCTAssertTrue(inked.allSatisfy { $0.style.foreground == .indexed(SeriesPalette.full[1]) })
    }

    func testVisibleCountDrawsOnlyThePrefixOnAFixedDomain() {
        let s = ChartSeries(name: "h", values: Array(repeating: 0.5, count: 20))
        let chart = LineChart(series: [s], yRange: 0...1, xRange: 0...19, visibleCount: 10, showLegend: false)
        let b = chart.rendered(size: Size(width: 10, height: 2))
        XCTAssertNotEqual(b[0, 0].symbol + b[0, 1].symbol, "  ")
        XCTAssertEqual((6..<10).map { b[$0, 0].symbol + b[$0, 1].symbol }, ["  ", "  ", "  ", "  "])
    }

    func testASCIIUsesPensAndAxes() {
        let chart = LineChart(series: Self.hiddenUnits(), yRange: -1...1)
        let b = chart.rendered(size: Size(width: 40, height: 12), capabilities: .plainASCII)
        let t = b.text()
        XCTAssertTrue(t.contains("*") && t.contains("#") && t.contains("$"), t)
        XCTAssertTrue(t.contains("+--"), t)
        ChartTestSupport.assertASCII(b)
    }
}

extension LineChartTests {
    func testLegendDropsWhatDoesNotFitAndMarksIt() {
        let legend = Legend(series: ["alpha", "beta", "gamma"], usePens: false, capabilities: .full)
        let b = legend.rendered(size: Size(width: 20, height: 1))
        XCTAssertEqual(b.text(), "━━ alpha  ━━ beta  …")
        XCTAssertEqual(b[0, 0].style.foreground, .indexed(SeriesPalette.full[0]))
        XCTAssertEqual(Legend(series: ["a", "b"], usePens: true, capabilities: .plainASCII).rendered(size: Size(width: 20, height: 1)).text(), "* a  # b")
    }

    func testMarkerIsDrawnAtTheCurrentStep() {
        // Plot-only 10x2 over x 0...9: step 5 sits in column round(5/9 * 19) / 2 = 5.
        let chart = LineChart(series: [ChartSeries(name: "h", values: [])], yRange: 0...1, xRange: 0...9, marker: 5, showLegend: false)
        let b = chart.rendered(size: Size(width: 10, height: 2))
        XCTAssertEqual(b[5, 0].symbol, "│")
        XCTAssertEqual(b[5, 1].symbol, "│")
        XCTAssertEqual(b.lines()[0].filter { $0 == "│" }.count, 1)
    }
}

extension LineChartTests {
    func testReferenceLineSitsUnderTheData() {
        // Plot-only 6x3 over y 0...1: the reference 0.5 is dot row round(0.5 * 11) = 6 -> cell row 1.
        let chart = LineChart(series: [ChartSeries(name: "h", values: [1, 1])], yRange: 0...1, references: [0.5], showLegend: false)
        let b = chart.rendered(size: Size(width: 6, height: 3))
        XCTAssertEqual(b.lines()[1], "┄┄┄┄┄┄")
        XCTAssertEqual(chart.rendered(size: Size(width: 6, height: 3), capabilities: .plainASCII).lines()[1], "------")
    }
}

extension LineChartTests {
    func testSeriesOwnColourIsUsedAndMappedDown() {
        let chart = LineChart(series: [ChartSeries(name: "f", values: [0.5, 0.5], color: .indexed(196))], yRange: 0...1, showLegend: false)
        let full = chart.rendered(size: Size(width: 4, height: 2)).cells.filter { $0.symbol != " " }
        XCTAssertFalse(full.isEmpty)
        XCTAssertTrue(full.allSatisfy { $0.style.foreground == .indexed(196) })
        let eight = chart.rendered(size: Size(width: 4, height: 2), capabilities: Capabilities(colors: .eight)).cells.filter { $0.symbol != " " }
        XCTAssertTrue(eight.allSatisfy { $0.style.foreground == .ansi(1) })
        XCTAssertEqual(chart.legendEntries(.full).first?.style.foreground, .indexed(196))
    }
}

extension LineChartTests {
    func testXStartShiftsSamples() {
        // x domain 1...3 on 2x1 cells (4 dot columns): the sample at x = 3 is the rightmost dot.
        let s = ChartSeries(name: "h", values: [.nan, .nan, 1], xStart: 1)
        let chart = LineChart(series: [s], yRange: 0...1, xRange: 1...3, showLegend: false)
        XCTAssertEqual(chart.rendered(size: Size(width: 2, height: 1))[1, 0].symbol, "\u{2808}")
        // Auto x range follows xStart.
        XCTAssertEqual(LineChart(series: [s]).xAxis.lower, 1)
        XCTAssertEqual(LineChart(series: [s]).xAxis.upper, 3)
    }
}
