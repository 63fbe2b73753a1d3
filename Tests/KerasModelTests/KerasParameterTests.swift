import XCTest
@testable import KerasModel

/// The parameter formulas and the totals' formatting, on numbers worked out by hand.
final class KerasParameterTests: XCTestCase {
    private func layer(_ c: KerasLayerClass, units: Int, useBias: Bool = true, resetAfter: Bool = true) -> KerasLayerConfig {
        var l = KerasLayerConfig(layerClass: c, name: "x", position: SourcePosition(line: 1, column: 1))
        l.units = units
        l.useBias = useBias
        l.resetAfter = resetAfter
        return l
    }

    func testRecurrentCounts() {
        // D = 8, H = 64.
        XCTAssertEqual(layer(.simpleRNN, units: 64).parameterCount(inputFeatures: 8), 64 * 72 + 64)
        XCTAssertEqual(layer(.lstm, units: 64).parameterCount(inputFeatures: 8), 4 * (64 * 72 + 64))
        XCTAssertEqual(layer(.gru, units: 64).parameterCount(inputFeatures: 8), 3 * (64 * 72 + 64) + 3 * 64)
        XCTAssertEqual(layer(.gru, units: 64, resetAfter: false).parameterCount(inputFeatures: 8), 3 * (64 * 72 + 64))
        XCTAssertEqual(layer(.gru, units: 64, useBias: false).parameterCount(inputFeatures: 8), 3 * 64 * 72)
        XCTAssertEqual(layer(.lstm, units: 64, useBias: false).parameterCount(inputFeatures: 8), 4 * 64 * 72)
        XCTAssertEqual(layer(.dense, units: 3).parameterCount(inputFeatures: 64), 65 * 3)
        XCTAssertEqual(layer(.dense, units: 3, useBias: false).parameterCount(inputFeatures: 64), 64 * 3)
    }

    func testSizesAsKerasPrintsThem() {
        XCTAssertEqual(KerasSummaryTable.grouped(0), "0")
        XCTAssertEqual(KerasSummaryTable.grouped(999), "999")
        XCTAssertEqual(KerasSummaryTable.grouped(18_753), "18,753")
        XCTAssertEqual(KerasSummaryTable.grouped(33_330_960), "33,330,960")
        XCTAssertEqual(KerasSummaryTable.readableSize(bytes: 0), "0.00 B")
        XCTAssertEqual(KerasSummaryTable.readableSize(bytes: 832), "832.00 B")
        XCTAssertEqual(KerasSummaryTable.readableSize(bytes: 1024), "1.00 KB")
        XCTAssertEqual(KerasSummaryTable.readableSize(bytes: 18_753 * 4), "73.25 KB")
        XCTAssertEqual(KerasSummaryTable.readableSize(bytes: 279_552 * 4), "1.07 MB")
    }

    func testWrapLikeRich() {
        XCTAssertEqual(KerasSummaryTable.wrap("[(None, None, 64), (None, 64), (None, 64)]", width: 27),
                       ["[(None, None, 64), (None,", "64), (None, 64)]"])
        XCTAssertEqual(KerasSummaryTable.wrap("a_very_long_layer_name_that_wraps_around_the_column (SimpleRNN)", width: 36),
                       ["a_very_long_layer_name_that_wraps_a…", "(SimpleRNN)"])
    }
}
