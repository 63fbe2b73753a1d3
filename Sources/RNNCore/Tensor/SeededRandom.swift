/// The one random number generator of rnnlab: SplitMix64, seeded, so that every run, plot
/// and exercise is reproducible on every machine. (Swift's SystemRandomNumberGenerator cannot
/// be seeded; see DECISIONS.md.)
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    public mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Uniform in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double { lower + (upper - lower) * nextUnit() }

    /// Standard normal, by Box–Muller.
    public mutating func normal(mean: Double = 0, std: Double = 1) -> Double {
        var u = nextUnit()
        while u <= .leastNormalMagnitude { u = nextUnit() }
        let v = nextUnit()
        return mean + std * (-2 * _log(u)).squareRoot() * _cos(2 * .pi * v)
    }

    /// A matrix of uniform values in [lower, upper).
    public mutating func uniformMatrix(_ rows: Int, _ cols: Int, _ lower: Double, _ upper: Double) -> Matrix {
        var m = Matrix(rows: rows, cols: cols)
        for i in 0..<m.count { m.data[i] = uniform(lower, upper) }
        return m
    }
}

import Foundation
@inline(__always) private func _log(_ x: Double) -> Double { Foundation.log(x) }
@inline(__always) private func _cos(_ x: Double) -> Double { Foundation.cos(x) }
