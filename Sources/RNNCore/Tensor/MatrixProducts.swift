extension Matrix {
    /// The matrix product `self · other` ((r × k) · (k × c) → (r × c)), through the packed GEMM.
    public func multiplied(by other: Matrix) -> Matrix {
        precondition(cols == other.rows, "matrix product: \(shapeDescription) · \(other.shapeDescription) needs \(cols) == \(other.rows)")
        var out = Matrix(rows: rows, cols: other.cols)
        let (m, n, k) = (rows, other.cols, cols)
        guard m > 0, n > 0, k > 0 else { return out }
        data.withUnsafeBufferPointer { a in
            other.data.withUnsafeBufferPointer { b in
                out.data.withUnsafeMutableBufferPointer { c in
                    GEMM.multiplyAdd(m: m, n: n, k: k, a: .rowMajor(a.baseAddress!, cols: k),
                                     b: .rowMajor(b.baseAddress!, cols: n), c: c.baseAddress!, ldc: n)
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
