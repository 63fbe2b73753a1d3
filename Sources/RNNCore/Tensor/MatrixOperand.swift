/// A strided view of a matrix for the kernels: element (i, k) is at `base[i·rowStride + k·colStride]`.
///
/// Strides make transposes free: a row-major `(r × c)` matrix is `(base, c, 1)`, its transpose
/// `(base, 1, c)`. That is how `W_xh x_t` (computed as `x · W_xhᵀ`) and `∂L/∂W = dAᵀ · H`
/// reach the same GEMM without copying.
struct MatrixOperand {
    let base: UnsafePointer<Double>
    let rowStride: Int
    let colStride: Int

    init(_ base: UnsafePointer<Double>, rowStride: Int, colStride: Int) {
        self.base = base
        self.rowStride = rowStride
        self.colStride = colStride
    }

    /// A row-major matrix with `cols` columns.
    static func rowMajor(_ base: UnsafePointer<Double>, cols: Int) -> MatrixOperand {
        MatrixOperand(base, rowStride: cols, colStride: 1)
    }

    /// The transpose of a row-major matrix with `cols` columns.
    static func transposed(_ base: UnsafePointer<Double>, cols: Int) -> MatrixOperand {
        MatrixOperand(base, rowStride: 1, colStride: cols)
    }

    @inline(__always)
    subscript(i: Int, k: Int) -> Double { base[i &* rowStride &+ k &* colStride] }
}

extension UnsafeMutablePointer where Pointee == Double {
    /// The same address as a read-only pointer (for operands).
    @inline(__always) var readOnly: UnsafePointer<Double> { UnsafePointer(self) }
}
