/// An n-dimensional array of Doubles in C (row-major) order, as read from or written to a
/// NumPy `.npy` file.
///
/// rnnlab computes in Double; `dtype` remembers what the file stored (float16 and float32
/// values are widened exactly on read) and chooses what `NPY.encode` writes.
public struct NDArray: Hashable, Sendable, CustomStringConvertible {
    /// The element types rnnlab reads and writes.
    public enum DType: String, Sendable, Hashable {
        case float16
        case float32
        case float64

        /// Bytes per element.
        public var size: Int {
            switch self {
            case .float16: return 2
            case .float32: return 4
            case .float64: return 8
            }
        }
        /// The NumPy type string for little-endian data: `<f2`, `<f4` or `<f8`.
        public var littleEndianDescr: String { "<f\(size)" }
    }

    /// The extent of each axis; `[]` is a 0-d (scalar) array.
    public var shape: [Int]
    /// The elements in C order: the last axis varies fastest.
    public var data: [Double]
    public var dtype: DType

    /// An array of the given shape; `data.count` must equal the product of `shape`.
    public init(shape: [Int], data: [Double], dtype: DType = .float64) {
        precondition(shape.allSatisfy { $0 >= 0 }, "NDArray shape \(shape) has a negative extent")
        precondition(data.count == shape.reduce(1, *),
                     "NDArray of shape \(numpyShapeDescription(shape)) needs \(shape.reduce(1, *)) values, got \(data.count)")
        self.shape = shape
        self.data = data
        self.dtype = dtype
    }

    /// A float64 array of zeros.
    public static func zeros(_ shape: [Int]) -> NDArray {
        NDArray(shape: shape, data: Array(repeating: 0, count: shape.reduce(1, *)))
    }

    /// A 2-d array holding a matrix (rows × cols).
    public init(_ matrix: Matrix) {
        self.init(shape: [matrix.rows, matrix.cols], data: matrix.data)
    }

    /// A 1-d array holding the values of a one-row or one-column matrix.
    public init(vector matrix: Matrix) {
        self.init(shape: [matrix.count], data: matrix.data)
    }

    /// Number of elements.
    public var count: Int { data.count }
    /// Number of axes.
    public var ndim: Int { shape.count }
    /// The shape as NumPy prints it, e.g. `(2, 5, 3)`.
    public var shapeDescription: String { numpyShapeDescription(shape) }

    /// The array as a matrix when it has two axes; a 1-d array becomes one row.
    public var matrix: Matrix? {
        switch shape.count {
        case 1: return Matrix(rows: 1, cols: shape[0], data: data)
        case 2: return Matrix(rows: shape[0], cols: shape[1], data: data)
        default: return nil
        }
    }

    /// Element at a multi-index (C order).
    public subscript(index: [Int]) -> Double {
        var flat = 0
        for (i, n) in zip(index, shape) { flat = flat * n + i }
        return data[flat]
    }

    /// The first element that is NaN or infinite, with its position in C order, if any.
    public var firstNonFinite: (offset: Int, value: Double)? {
        data.withUnsafeBufferPointer { values in
            guard let base = values.baseAddress, let k = OutputArray.firstNonFinite(base, count: values.count) else { return nil }
            return (k, values[k])
        }
    }

    /// Splits a (B, T, F) array into T matrices of B × F (the time steps of a sequence).
    public func timeSteps() -> [Matrix] {
        precondition(shape.count == 3, "timeSteps() needs a 3-d array, got \(shapeDescription)")
        let (b, t, f) = (shape[0], shape[1], shape[2])
        return (0..<t).map { step in
            var m = Matrix(rows: b, cols: f)
            for row in 0..<b {
                let src = (row * t + step) * f
                for col in 0..<f { m.data[row * f + col] = data[src + col] }
            }
            return m
        }
    }

    /// Joins T matrices of B × F into a (B, T, F) array (the inverse of `timeSteps()`).
    public static func stackingTimeSteps(_ steps: [Matrix]) -> NDArray {
        guard let first = steps.first else { return NDArray.zeros([0, 0, 0]) }
        let (b, t, f) = (first.rows, steps.count, first.cols)
        var out = [Double](repeating: 0, count: b * t * f)
        for (step, m) in steps.enumerated() {
            precondition(m.rows == b && m.cols == f, "time step \(step) is \(m.shapeDescription), expected (\(b), \(f))")
            for row in 0..<b {
                let dst = (row * t + step) * f
                for col in 0..<f { out[dst + col] = m.data[row * f + col] }
            }
        }
        return NDArray(shape: [b, t, f], data: out)
    }

    /// The same values with another shape of equal element count.
    public func reshaped(_ newShape: [Int]) -> NDArray {
        NDArray(shape: newShape, data: data, dtype: dtype)
    }

    public var description: String {
        "NDArray\(shapeDescription) \(dtype.rawValue)" + (count <= 16 ? " \(data)" : "")
    }
}
