import ArgumentParser

/// The largest sizes and counts the command line accepts: what a teaching lab can use, far
/// below what would exhaust memory (`train --hidden 100000`, `render --size 100000x100000`)
/// or take hours. A value outside is a usage error (exit 64) that states the bound.
///
/// The largest run within the bounds, `train --task copy --delay 100 --hidden 256 --batch 256
/// --cell lstm`, keeps about half a gigabyte (measured: 0.53 GB resident; 7 arrays of
/// 256 × 256 Doubles per step for 102 steps).
enum Bounds {
    /// `render --size WxH`: wider and taller than any real terminal.
    static let frameWidth = 1...1000
    static let frameHeight = 1...500
    /// `train --hidden`: S3 of the benchmarks uses 256.
    static let hidden = 1...256
    /// `train --batch`.
    static let batch = 1...256
    /// `train --steps`: minutes to hours at the largest sizes.
    static let steps = 0...100_000
    /// `train --delay`: a vanilla RNN fails long before 100; an LSTM still learns at 100.
    static let delay = 0...100
    /// `train --symbols` (K classes of the copy task).
    static let symbols = 2...64
    /// `train --lr`: above 10 every optimizer diverges at once.
    static let learningRate = 10.0
    /// `train --sigma-max`: 2.5 already explodes; 10 leaves room to show it faster.
    static let sigmaMax = 10.0
    /// `train --noise` (std of the copy task's blank-step noise).
    static let noise = 100.0
    /// `train --temperature`.
    static let temperature = 100.0
    /// `train --clip`, `--clip-value`: beyond this clipping never acts.
    static let clip = 1e6

    /// A whole number in `range`, or a usage error stating it: `--hidden must be between 1
    /// and 256, got 100000`.
    static func check(_ value: Int?, in range: ClosedRange<Int>, _ option: String) throws {
        guard let value, !range.contains(value) else { return }
        throw ValidationError("\(option) must be between \(range.lowerBound) and \(range.upperBound), got \(value)")
    }

    /// A finite number in `lower...upper` (or `lower<..upper` when `lowerOpen`): NaN and
    /// infinities are refused with the same message as any other value outside.
    static func check(_ value: Double?, from lower: Double, lowerOpen: Bool = false, to upper: Double,
                      _ option: String) throws {
        guard let value else { return }
        let inside = value.isFinite && (lowerOpen ? value > lower : value >= lower) && value <= upper
        guard !inside else { return }
        let range = lowerOpen ? "greater than \(format(lower)) and at most \(format(upper))"
                              : "between \(format(lower)) and \(format(upper))"
        throw ValidationError("\(option) must be a number \(range), got \(format(value))")
    }

    /// `0`, `0.5`, `1000000`, `1e+20`, `nan`: short and unambiguous.
    static func format(_ x: Double) -> String {
        if x.isNaN { return "nan" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
        return x.isFinite ? String(format: "%g", x) : "\(x)"
    }
}
