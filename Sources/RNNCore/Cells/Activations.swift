/// The elementwise nonlinearities of the cells, over arrays (SIMD, see `VectorMath`).
/// Backpropagation uses their derivatives in terms of the outputs: σ' = σ(1 − σ),
/// tanh' = 1 − tanh², so nothing is recomputed.
enum Activations {
    /// dst[i] = σ(src[i]) = 1 / (1 + e^(−src[i])) for i in 0..<count (src and dst may be the same).
    static func sigmoid(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, count: Int) {
        VectorMath.sigmoid(src, dst, count: count)
    }

    /// dst[i] = tanh(src[i]) for i in 0..<count (src and dst may be the same).
    static func tanh(_ src: UnsafePointer<Double>, _ dst: UnsafeMutablePointer<Double>, count: Int) {
        VectorMath.tanh(src, dst, count: count)
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
