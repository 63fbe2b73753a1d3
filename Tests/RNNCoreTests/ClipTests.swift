import XCTest
@testable import RNNCore

final class ClipTests: XCTestCase {
    func testGlobalNormClipKeepsDirectionAndReportsNorms() {
        var g = ["a": Matrix(row: [3, 0]), "b": Matrix(row: [0, 4])]   // ‖g‖ = 5
        let r = GradientClipping.clipByGlobalNorm(&g, maxNorm: 1)
        XCTAssertEqual(r.normBefore, 5, accuracy: 1e-12)
        XCTAssertEqual(r.normAfter, 1, accuracy: 1e-12)
        XCTAssertTrue(r.clipped)
        XCTAssertEqual(g["a"]!.data[0], 0.6, accuracy: 1e-12)
        XCTAssertEqual(g["b"]!.data[1], 0.8, accuracy: 1e-12)
    }

    func testGlobalNormClipLeavesSmallGradientsAlone() {
        var g = ["a": Matrix(row: [0.3, 0.4])]
        let r = GradientClipping.clipByGlobalNorm(&g, maxNorm: 1)
        XCTAssertFalse(r.clipped)
        XCTAssertEqual(g["a"], Matrix(row: [0.3, 0.4]))
    }

    func testClipByValueClampsEachEntry() {
        var g = ["a": Matrix(row: [3, -0.2, -7])]
        let r = GradientClipping.clipByValue(&g, limit: 0.5)
        XCTAssertEqual(g["a"], Matrix(row: [0.5, -0.2, -0.5]))
        XCTAssertEqual(r.normBefore, (9 + 0.04 + 49.0).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(r.normAfter, (0.25 + 0.04 + 0.25).squareRoot(), accuracy: 1e-12)
    }

    func testNonFiniteNormIsReportedNotHidden() {
        var g = ["a": Matrix(row: [.nan, 1])]
        let r = GradientClipping.clipByGlobalNorm(&g, maxNorm: 1)
        XCTAssertTrue(r.normBefore.isNaN)
    }
}
