import XCTest
@testable import TUI

/// Prints the frame benchmark when BENCH=1 (release: swift test -c release). Not a timing
/// assertion: it only checks that the benchmark produces a positive number.
final class ChartBenchmarkProbe: XCTestCase {
    func testFrameBenchmarkRuns() {
        let frames = ProcessInfo.processInfo.environment["BENCH"] != nil ? 300 : 3
        let s = FrameBenchmark.run(frames: frames)
        XCTAssertGreaterThan(s, 0)
        if frames > 3 { print(String(format: "FRAME median %.3f ms", s * 1000)) }
    }

    func testBenchmarkFrameLooksRight() {
        var b = Buffer(size: Size(width: 200, height: 50))
        FrameBenchmark.Scene().draw(step: 60, into: &b, capabilities: .full)
        let t = b.text()
        XCTAssertTrue(t.contains("hidden state") && t.contains("gradient norm") && t.contains("t=60"), t)
    }
}
