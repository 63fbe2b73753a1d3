import XCTest
@testable import TUI

/// Seeded random inputs and sizes for every chart widget: nothing may crash or write outside
/// its area, and ASCII output stays ASCII.
final class ChartFuzzTests: XCTestCase {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct Rng {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func value() -> Double {
            switch int(12) {
            case 0: return .nan
            case 1: return .infinity
            case 2: return -.infinity
            case 3: return 0
            case 4: return Double(int(2000)) * 1e300 - 1e303
            case 5: return pow(10, Double(int(50)) - 25)
            default: return Double(int(2001)) / 1000 - 1
            }
        }
        mutating func values(_ n: Int) -> [Double] { (0..<n).map { _ in value() } }
    }

    func testRandomInputsNeverCrashOrEscape() {
        var rng = Rng(state: 7)
        for _ in 0..<300 {
            let size = Size(width: rng.int(50), height: rng.int(20))
            let caps = ChartTestSupport.levels[rng.int(ChartTestSupport.levels.count)].1
            let n = rng.int(40)
            let series = (0..<rng.int(5)).map { k in ChartSeries(name: "s\(k)", values: rng.values(rng.int(40)), xStart: Double(rng.int(5)) - 2) }
            let lo = rng.value(), hi = rng.value()
            let range: ClosedRange<Double>? = lo.isFinite && hi.isFinite && lo <= hi ? lo...hi : nil
            let kind: ScaleKind = rng.int(2) == 0 ? .linear : .log10
            let widgets: [any Widget] = [
                LineChart(series: series, yScale: kind, yRange: range, visibleCount: rng.int(3) == 0 ? nil : rng.int(50),
                          marker: rng.value(), references: [rng.value()], title: "t", xLabel: "x", yLabel: "y"),
                Sparkline(values: rng.values(n), range: range, scale: kind, label: "l", showsLast: true),
                BarChart(items: (0..<rng.int(8)).map { BarItem("b\($0)", rng.value()) }, scale: kind, range: range),
                Heatmap(values: (0..<rng.int(20)).map { _ in rng.values(rng.int(60)) }, current: rng.int(80) - 10,
                        scrolls: rng.int(2) == 0, firstStep: rng.int(3)),
            ]
            for w in widgets {
                let b = render(w, size: size, caps: caps)
                if !caps.unicode { ChartTestSupport.assertASCII(b) }
            }
        }
    }

    private func render(_ w: any Widget, size: Size, caps: Capabilities) -> Buffer {
        func open<W: Widget>(_ w: W) -> Buffer { ChartTestSupport.renderInsideSentinels(w, size: size, caps: caps) }
        return open(w)
    }
}
