import Foundation

/// A one-line text chart of a curve with the eight block heights ▁▂▃▄▅▆▇█, for the summary of
/// `rnnlab train` (the lab's charts are TUI widgets; this is the terminal-free fallback).
public enum TextSparkline {
    static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// `values` squeezed into `width` columns (each the mean of its bucket), scaled between the
    /// finite min and max; non-finite buckets are drawn as `!`. `logScale` plots log10 values.
    public static func render(_ values: [Double], width: Int, logScale: Bool = false) -> String {
        guard !values.isEmpty, width > 0 else { return "" }
        let xs = values.map { v -> Double in
            guard v.isFinite else { return .nan }
            return logScale ? log10(max(v, 1e-300)) : v
        }
        let n = min(width, xs.count)
        var buckets = [Double]()
        for i in 0..<n {
            let lo = i * xs.count / n, hi = max((i + 1) * xs.count / n, lo + 1)
            let part = xs[lo..<hi]
            buckets.append(part.contains { $0.isNaN } ? .nan : part.reduce(0, +) / Double(part.count))
        }
        let finite = buckets.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else { return String(repeating: "!", count: n) }
        return String(buckets.map { b -> Character in
            guard b.isFinite else { return "!" }
            if hi == lo { return levels[3] }
            let k = Int(((b - lo) / (hi - lo) * 7).rounded())
            return levels[min(max(k, 0), 7)]
        })
    }
}
