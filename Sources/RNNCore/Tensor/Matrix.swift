/// A dense row-major matrix of Doubles: `rows × cols`, element (r, c) at `data[r * cols + c]`.
///
/// Batches are rows: a step of a sequence is a `(batch × features)` matrix, a hidden state a
/// `(batch × hidden)` matrix. Weights keep the shape of the equations: `W_xh` is
/// `(hidden × input)` so that `W_xh x_t` reads as in the lecture (computed as `x · W_xhᵀ`).
public struct Matrix: Hashable, Sendable, CustomStringConvertible {
    public private(set) var rows: Int
    public private(set) var cols: Int
    public var data: [Double]

    public init(rows: Int, cols: Int, data: [Double]) {
        precondition(rows >= 0 && cols >= 0 && data.count == rows * cols,
                     "Matrix(\(rows)x\(cols)) needs \(rows * cols) values, got \(data.count)")
        self.rows = rows
        self.cols = cols
        self.data = data
    }

    public init(rows: Int, cols: Int, repeating value: Double = 0) {
        self.init(rows: rows, cols: cols, data: Array(repeating: value, count: rows * cols))
    }

    /// A matrix from nested rows, e.g. `Matrix([[1, 2], [3, 4]])`.
    public init(_ nested: [[Double]]) {
        let r = nested.count
        let c = nested.first?.count ?? 0
        precondition(nested.allSatisfy { $0.count == c }, "ragged rows")
        self.init(rows: r, cols: c, data: nested.flatMap { $0 })
    }

    /// A one-row matrix (a row vector), e.g. a bias.
    public init(row: [Double]) { self.init(rows: 1, cols: row.count, data: row) }

    public static func zeros(_ rows: Int, _ cols: Int) -> Matrix { Matrix(rows: rows, cols: cols) }

    public var count: Int { data.count }
    public var shape: (rows: Int, cols: Int) { (rows, cols) }
    public var shapeDescription: String { "(\(rows), \(cols))" }

    public subscript(r: Int, c: Int) -> Double {
        get { data[r * cols + c] }
        set { data[r * cols + c] = newValue }
    }

    /// Row `r` as an array.
    public func row(_ r: Int) -> [Double] { Array(data[(r * cols)..<((r + 1) * cols)]) }

    /// Rows `range` as a new matrix (a block of gates, say).
    public func rows(_ range: Range<Int>) -> Matrix {
        Matrix(rows: range.count, cols: cols, data: Array(data[(range.lowerBound * cols)..<(range.upperBound * cols)]))
    }

    /// Columns `range` as a new matrix.
    public func columns(_ range: Range<Int>) -> Matrix {
        var out = Matrix(rows: rows, cols: range.count)
        for r in 0..<rows {
            for (j, c) in range.enumerated() { out.data[r * range.count + j] = data[r * cols + c] }
        }
        return out
    }

    public var transposed: Matrix {
        var out = Matrix(rows: cols, cols: rows)
        for r in 0..<rows { for c in 0..<cols { out.data[c * rows + r] = data[r * cols + c] } }
        return out
    }

    /// Stacks matrices with equal column counts on top of each other.
    public static func vstack(_ parts: [Matrix]) -> Matrix {
        guard let c = parts.first?.cols else { return Matrix(rows: 0, cols: 0) }
        precondition(parts.allSatisfy { $0.cols == c }, "vstack needs equal column counts")
        return Matrix(rows: parts.reduce(0) { $0 + $1.rows }, cols: c, data: parts.flatMap { $0.data })
    }

    /// Puts matrices with equal row counts side by side.
    public static func hstack(_ parts: [Matrix]) -> Matrix {
        guard let r = parts.first?.rows else { return Matrix(rows: 0, cols: 0) }
        precondition(parts.allSatisfy { $0.rows == r }, "hstack needs equal row counts")
        let c = parts.reduce(0) { $0 + $1.cols }
        var out = Matrix(rows: r, cols: c)
        var offset = 0
        for p in parts {
            for i in 0..<r { for j in 0..<p.cols { out.data[i * c + offset + j] = p.data[i * p.cols + j] } }
            offset += p.cols
        }
        return out
    }

    /// The Frobenius norm, sqrt of the sum of squares.
    public var frobeniusNorm: Double { data.reduce(0) { $0 + $1 * $1 }.squareRoot() }

    public var description: String {
        "Matrix\(shapeDescription)" + (count <= 16 ? " \(data)" : "")
    }
}
