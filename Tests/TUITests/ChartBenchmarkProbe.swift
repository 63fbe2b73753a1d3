import XCTest
@testable import TUI

/// Prints the frame benchmark when BENCH=1 (release: swift test -c release). Not a timing
/// assertion: it only checks that the benchmark produces a positive number.
final class ChartBenchmarkProbe: XCTestCase {
    func testFrameBenchmarkRuns() {
        let frames = ProcessInfo.processInfo.environment["BENCH"] != nil ? 300 : 3
        let s = FrameBenchmark.run(frames: frames)
        XCTAssertGreaterThan(s, 0)
        if frames > 3 {
            print(String(format: "FRAME median %.3f ms", s * 1000))
            breakdown()
        }
    }

    /// Where the time goes: each part alone, 200 times.
    func breakdown() {
        let scene = FrameBenchmark.Scene()
        var b = Buffer(size: scene.size)
        let old = Buffer(size: scene.size)
        let clock = ContinuousClock()
        func time(_ name: String, _ body: () -> Void) {
            let t0 = clock.now
            for _ in 0..<200 { body() }
            print(name, clock.now - t0, "/ 200")
        }
        time("fill") { b.fill(b.area) }
        time("diff") { _ = b.diff(from: old).count }
        time("linear chart") { LineChart(series: scene.states, yRange: -1...1).render(in: Rect(x: 0, y: 0, width: 100, height: 30), into: &b, capabilities: .full) }
        time("log chart") { LineChart(series: scene.norms, yScale: .log10).render(in: Rect(x: 0, y: 0, width: 100, height: 30), into: &b, capabilities: .full) }
        time("heatmap") { Heatmap(values: scene.heat, current: 50).render(in: Rect(x: 0, y: 30, width: 200, height: 20), into: &b, capabilities: .full) }
    }

    func testBenchmarkFrameLooksRight() {
        var b = Buffer(size: Size(width: 200, height: 50))
        FrameBenchmark.Scene().draw(step: 60, into: &b, capabilities: .full)
        let t = b.text()
        XCTAssertTrue(t.contains("hidden state") && t.contains("gradient norm") && t.contains("t=60"), t)
    }
}
