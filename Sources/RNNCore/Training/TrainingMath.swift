/// The elementwise helpers the training code needs besides the matrix products (which go
/// through the GEMM: `Matrix.multiplied(by:)`, `multipliedTransposed(_:)`,
/// `transposedMultiplied(by:)`).
enum TrainingMath {
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
}
