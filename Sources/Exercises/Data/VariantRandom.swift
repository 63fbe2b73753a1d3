import RNNCore

/// The numbers of one student's variant, drawn from its seed: readable ones for exercises
/// computed by hand (a few decimals) and float32-exact ones for exported data, so that the
/// file the learner reads holds exactly the numbers the expected answer was computed from.
struct VariantRandom {
    private var rng: SeededRandom

    init(seed: UInt64) { rng = SeededRandom(seed: seed) }

    /// Uniform in [lower, upper], rounded to `decimals` places, never exactly zero (a zero
    /// weight would hide a mistake that changes it).
    mutating func readable(_ lower: Double, _ upper: Double, decimals: Int) -> Double {
        let scale = pow10(decimals)
        while true {
            let v = (rng.uniform(lower, upper) * scale).rounded() / scale
            if v != 0 { return v }
        }
    }

    /// A (rows × cols) matrix of `readable` values.
    mutating func readableMatrix(_ rows: Int, _ cols: Int, _ lower: Double, _ upper: Double, decimals: Int) -> Matrix {
        Matrix(rows: rows, cols: cols, data: (0..<(rows * cols)).map { _ in readable(lower, upper, decimals: decimals) })
    }

    /// A (rows × cols) matrix uniform in [−scale, scale), each value rounded to float32.
    mutating func float32Matrix(_ rows: Int, _ cols: Int, scale: Double) -> Matrix {
        Matrix(rows: rows, cols: cols, data: (0..<(rows * cols)).map { _ in Double(Float(rng.uniform(-scale, scale))) })
    }

    /// A whole number in `range`.
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(rng.next() % UInt64(range.count))
    }

    /// A standard normal value.
    mutating func normal() -> Double { rng.normal() }

    private func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { x, _ in x * 10 } }
}

/// Numbers as a statement prints them: `0.12`, `-0.3`, `1e-05` stay short and exact enough
/// for a learner to copy.
enum NumberText {
    /// `value` with at most `digits` significant digits, without trailing zeros.
    static func short(_ value: Double, digits: Int = 6) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        var s = String(format: "%.\(digits)g", value)
        if s.contains("."), !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// A vector as a Python list: `[0.12, -0.3]`.
    static func list(_ values: [Double]) -> String { "[" + values.map { short($0) }.joined(separator: ", ") + "]" }

    /// A matrix as a nested Python list, one row per line when it has several rows.
    static func nested(_ m: Matrix) -> String {
        if m.rows == 1 { return "[" + list(m.row(0)) + "]" }
        return "[" + (0..<m.rows).map { list(m.row($0)) }.joined(separator: ",\n     ") + "]"
    }
}

import Foundation
