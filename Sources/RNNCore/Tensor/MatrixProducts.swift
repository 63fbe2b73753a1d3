extension Matrix {
    /// The matrix product `self · other` ((r × k) · (k × c) → (r × c)), through the packed GEMM.
    public func multiplied(by other: Matrix) -> Matrix {
        Matrix.product(self, transposingA: false, other, transposingB: false)
    }

    /// `self · otherᵀ` ((r × k) · (c × k)ᵀ → (r × c)), e.g. a dense layer's `h W_hyᵀ`.
    public func multipliedTransposed(_ other: Matrix) -> Matrix {
        Matrix.product(self, transposingA: false, other, transposingB: true)
    }

    /// `selfᵀ · other` ((k × r)ᵀ · (k × c) → (r × c)), e.g. a weight gradient `dyᵀ h`.
    public func transposedMultiplied(by other: Matrix) -> Matrix {
        Matrix.product(self, transposingA: true, other, transposingB: false)
    }

    /// op(a) · op(b) through the packed GEMM; transposes are strides, never copies.
    private static func product(_ a: Matrix, transposingA ta: Bool, _ b: Matrix, transposingB tb: Bool) -> Matrix {
        let (m, k) = ta ? (a.cols, a.rows) : (a.rows, a.cols)
        let (kb, n) = tb ? (b.cols, b.rows) : (b.rows, b.cols)
        precondition(k == kb, "matrix product: \(ta ? "\(a.shapeDescription)ᵀ" : a.shapeDescription) · "
                     + "\(tb ? "\(b.shapeDescription)ᵀ" : b.shapeDescription) needs inner sizes \(k) == \(kb)")
        var out = Matrix(rows: m, cols: n)
        guard m > 0, n > 0, k > 0 else { return out }
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                out.data.withUnsafeMutableBufferPointer { c in
                    let opA: MatrixOperand = ta ? .transposed(pa.baseAddress!, cols: a.cols) : .rowMajor(pa.baseAddress!, cols: a.cols)
                    let opB: MatrixOperand = tb ? .transposed(pb.baseAddress!, cols: b.cols) : .rowMajor(pb.baseAddress!, cols: b.cols)
                    GEMM.multiplyAdd(m: m, n: n, k: k, a: opA, b: opB, c: c.baseAddress!, ldc: n)
                }
            }
        }
        return out
    }

    /// `a · b`.
    public static func * (a: Matrix, b: Matrix) -> Matrix { a.multiplied(by: b) }

    /// The n × n identity.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, cols: n)
        for i in 0..<n { m[i, i] = 1 }
        return m
    }

    /// Every element times `s`.
    public func scaled(by s: Double) -> Matrix { Matrix(rows: rows, cols: cols, data: data.map { $0 * s }) }
}
