import Foundation

/// The elementwise nonlinearities of the cells and their derivatives in terms of the output
/// (the form backpropagation uses, so nothing needs to be recomputed).
enum Activations {
    /// σ(x) = 1 / (1 + e^(−x)).
    @inline(__always)
    static func sigmoid(_ x: Double) -> Double { 1 / (1 + Foundation.exp(-x)) }

    /// tanh(x).
    @inline(__always)
    static func tanh(_ x: Double) -> Double { Foundation.tanh(x) }

    /// dst[i] = σ(src[i]) for i in 0..<count (src and dst may be the same).
    static func sigmoid(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { dst[i] = sigmoid(src[i]) }
    }

    /// dst[i] = tanh(src[i]) for i in 0..<count (src and dst may be the same).
    static func tanh(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, count: Int) {
        for i in 0..<count { dst[i] = tanh(src[i]) }
    }
}

/// Sets every row of the `(rows × cols)` block at `dst` to `bias` (zeros when absent):
/// the starting value of a pre-activation before the GEMMs accumulate into it.
func fillRows(_ dst: UnsafeMutablePointer<Double>, rows: Int, cols: Int, with bias: UnsafePointer<Double>?) {
    if let bias {
        for r in 0..<rows { (dst + r * cols).update(from: bias, count: cols) }
    } else {
        dst.update(repeating: 0, count: rows * cols)
    }
}
