import XCTest
@testable import TUI

/// `ChartSeries.faint`: context drawn grey (a `·`/`.` pen), taking no palette slot.
final class FaintSeriesTests: XCTestCase {
    /// The whole run faint, the part from sample 6 on bright (as the gradients view draws it).
    static func chart() -> LineChart {
        let values = (0..<10).map { pow(0.5, Double(10 - $0)) }
        let bright = values.enumerated().map { $0.offset >= 6 ? $0.element : .nan }
        return LineChart(series: [ChartSeries(name: "all", values: values, faint: true), ChartSeries(name: "reached", values: bright)],
                         yScale: .log10, showLegend: false)
    }

    func testFaintSeriesTakeNoPaletteSlot() {
        let c = Self.chart()
        XCTAssertEqual(c.paletteSlot(1), 0, "the bright series is the palette's first")
        XCTAssertEqual(c.seriesStyle(1, .full), SeriesPalette.style(0, .full))
        XCTAssertEqual(c.seriesStyle(0, .full), Style(foreground: .indexed(240)))
        XCTAssertEqual(c.seriesPen(0, .plainASCII), ".")
        XCTAssertEqual(c.seriesPen(0, .full), "·")
        XCTAssertEqual(c.seriesPen(1, .plainASCII), SeriesPalette.pen(0, .plainASCII))
        XCTAssertTrue(c.seriesStyle(0, Capabilities(colors: .none, glyphs: .unicode)).attributes.contains(.dim))
    }

    func testBrightOverFaintInBrailleAndPens() {
        let c = Self.chart()
        let b = c.rendered(size: Size(width: 40, height: 10))
        let faint = Style(foreground: .indexed(240)), bright = SeriesPalette.style(0, .full)
        let styles = b.cells.filter { $0.symbol.unicodeScalars.first.map { (0x2801...0x28FF).contains($0.value) } ?? false }.map(\.style)
        XCTAssertTrue(styles.contains(faint), "the part not reached is grey")
        XCTAssertTrue(styles.contains(bright), "the part reached is in the first palette colour")
        let ascii = c.rendered(size: Size(width: 40, height: 10), capabilities: .plainASCII).text()
        XCTAssertTrue(ascii.contains("."), ascii)
        XCTAssertTrue(ascii.contains(SeriesPalette.pen(0, .plainASCII)), ascii)
    }
}
