import XCTest
@testable import TUI

final class ScaleTests: XCTestCase {
    func testNumberFormats() {
        XCTAssertEqual(ChartNumber.compact(0), "0")
        XCTAssertEqual(ChartNumber.compact(-0.5), "-0.5")
        XCTAssertEqual(ChartNumber.compact(0.25), "0.25")
        XCTAssertEqual(ChartNumber.compact(1e-12), "1e-12")
        XCTAssertEqual(ChartNumber.compact(1e12), "1e+12")
        XCTAssertEqual(ChartNumber.compact(2.5e-7), "2.5e-7")
        XCTAssertEqual(ChartNumber.compact(9.9996e5), "1e+6")
        XCTAssertEqual(ChartNumber.compact(1234), "1234")
        XCTAssertEqual(ChartNumber.compact(.nan), "nan")
        XCTAssertEqual(ChartNumber.compact(-.infinity), "-inf")
    }

    func testLinearTicksAreNiceAndInDataUnits() {
        XCTAssertEqual(Scale(lower: -1, upper: 1).ticks(maxCount: 5).map(\.label), ["-1", "-0.5", "0", "0.5", "1"])
        XCTAssertEqual(Scale(lower: 0, upper: 1).ticks(maxCount: 5).map(\.label), ["0", "0.25", "0.5", "0.75", "1"])
        XCTAssertEqual(Scale(lower: 0, upper: 100).ticks(maxCount: 3).map(\.label), ["0", "50", "100"])
        XCTAssertEqual(Scale(lower: 0, upper: 5).ticks(maxCount: 3).map(\.label), ["0", "2.5", "5"])
    }

    func testLogTicksAreDecades() {
        let s = Scale(kind: .log10, lower: 1e-12, upper: 1e12)
        XCTAssertEqual(s.ticks(maxCount: 7).map(\.label), ["1e-12", "1e-8", "1e-4", "1", "1e+4", "1e+8", "1e+12"])
        XCTAssertEqual(Scale(kind: .log10, lower: 0.01, upper: 100).ticks(maxCount: 5).map(\.label), ["0.01", "0.1", "1", "10", "100"])
        XCTAssertEqual(s.fraction(of: 1)!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(s.ticks(maxCount: 4).map(\.label), ["1e-12", "1e-4", "1e+4", "1e+12"])
        XCTAssertNil(s.fraction(of: -1))
        XCTAssertEqual(s.fraction(of: 0), -.infinity)
    }

    func testFittingIgnoresNonFiniteAndWidensToNiceEnds() {
        let s = Scale.fitting([0.13, .nan, .infinity, 0.87])
        XCTAssertEqual(s.lower, 0, accuracy: 1e-12)
        XCTAssertEqual(s.upper, 1, accuracy: 1e-12)
        let l = Scale.fitting([3e-9, 0, -1, 4e5], kind: .log10)
        XCTAssertEqual(l.lower, 1e-9, accuracy: 1e-21)
        XCTAssertEqual(l.upper, 1e6, accuracy: 1e-6)
        let flat = Scale.fitting([2, 2, 2])
        XCTAssertLessThan(flat.lower, 2)
        XCTAssertGreaterThan(flat.upper, 2)
        XCTAssertEqual(Scale.fitting([Double]()).lower, -1)
    }
}
