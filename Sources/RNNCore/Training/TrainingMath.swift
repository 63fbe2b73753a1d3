/// The few matrix products the training code needs (the dense head, clipping, optimizers).
///
/// Kept in a namespace of their own so they never clash with the operators the cells use;
/// written as plain loops over contiguous rows (row-major `Matrix`) so that the inner loop
/// walks memory in order and the optimizer can vectorise it.
enum TrainingMath {
    /// `a · bᵀ`: (n × k) · (m × k)ᵀ = (n × m). The dense head's `h W_hyᵀ`.
    static func multiplyTransposed(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.cols == b.cols, "a·bᵀ needs equal column counts, got \(a.shapeDescription) and \(b.shapeDescription)")
        let n = a.rows, m = b.rows, k = a.cols
        var out = Matrix(rows: n, cols: m)
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                out.data.withUnsafeMutableBufferPointer { po in
                    for i in 0..<n {
                        for j in 0..<m {
                            var s = 0.0
                            for p in 0..<k { s += pa[i * k + p] * pb[j * k + p] }
                            po[i * m + j] = s
                        }
                    }
                }
            }
        }
        return out
    }

    /// `a · b`: (n × k) · (k × m) = (n × m). The gradient into the hidden state, `dy W_hy`.
    static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.cols == b.rows, "a·b needs a.cols == b.rows, got \(a.shapeDescription) and \(b.shapeDescription)")
        let n = a.rows, m = b.cols, k = a.cols
        var out = Matrix(rows: n, cols: m)
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                out.data.withUnsafeMutableBufferPointer { po in
                    for i in 0..<n {
                        for p in 0..<k {
                            let aip = pa[i * k + p]
                            if aip == 0 { continue }
                            for j in 0..<m { po[i * m + j] += aip * pb[p * m + j] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// `aᵀ · b`: (k × n)ᵀ · (k × m) = (n × m). Weight gradients, `dyᵀ h`.
    static func transposedMultiply(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.rows == b.rows, "aᵀ·b needs equal row counts, got \(a.shapeDescription) and \(b.shapeDescription)")
        let n = a.cols, m = b.cols, k = a.rows
        var out = Matrix(rows: n, cols: m)
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                out.data.withUnsafeMutableBufferPointer { po in
                    for p in 0..<k {
                        for i in 0..<n {
                            let api = pa[p * n + i]
                            if api == 0 { continue }
                            for j in 0..<m { po[i * m + j] += api * pb[p * m + j] }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Adds the row vector `bias` (1 × m) to every row of `a` (n × m).
    static func addRow(_ a: Matrix, _ bias: Matrix) -> Matrix {
        precondition(bias.rows == 1 && bias.cols == a.cols, "bias \(bias.shapeDescription) does not fit rows of \(a.shapeDescription)")
        var out = a
        for i in 0..<a.rows { for j in 0..<a.cols { out.data[i * a.cols + j] += bias.data[j] } }
        return out
    }

    /// The sum of the rows of `a`: (n × m) → (1 × m). Bias gradients.
    static func columnSums(_ a: Matrix) -> Matrix {
        var out = Matrix(rows: 1, cols: a.cols)
        for i in 0..<a.rows { for j in 0..<a.cols { out.data[j] += a.data[i * a.cols + j] } }
        return out
    }

    /// `a += b` elementwise (shapes must match).
    static func accumulate(_ a: inout Matrix, _ b: Matrix) {
        precondition(a.rows == b.rows && a.cols == b.cols, "cannot add \(b.shapeDescription) into \(a.shapeDescription)")
        for i in 0..<a.count { a.data[i] += b.data[i] }
    }

    /// `s · a`.
    static func scaled(_ a: Matrix, _ s: Double) -> Matrix {
        var out = a
        for i in 0..<out.count { out.data[i] *= s }
        return out
    }
}
