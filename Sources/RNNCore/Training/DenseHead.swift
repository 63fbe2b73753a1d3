/// The output layer on top of the recurrence: y_t = W_hy h_t + b_y.
///
/// Shapes follow the equation: `W_hy` is (O × H), `b_y` is (1 × O); a batch of hidden states
/// h_t is (B × H) and gives outputs (B × O), computed as `h · W_hyᵀ + b_y`.
public struct DenseHead: Hashable, Sendable {
    /// (O × H)
    public var W_hy: Matrix
    /// (1 × O)
    public var b_y: Matrix

    public init(W_hy: Matrix, b_y: Matrix) {
        precondition(b_y.rows == 1 && b_y.cols == W_hy.rows,
                     "DenseHead: b_y \(b_y.shapeDescription) does not match W_hy \(W_hy.shapeDescription)")
        self.W_hy = W_hy
        self.b_y = b_y
    }

    /// A head with glorot-uniform weights and zero bias (Keras' `Dense` defaults).
    public init(hiddenSize: Int, outputSize: Int, rng: inout SeededRandom) {
        self.init(W_hy: Initializers.glorotUniform(rows: outputSize, cols: hiddenSize, rng: &rng),
                  b_y: .zeros(1, outputSize))
    }

    public var hiddenSize: Int { W_hy.cols }
    public var outputSize: Int { W_hy.rows }

    /// y = h W_hyᵀ + b_y for a batch h (B × H) → (B × O).
    public func forward(_ h: Matrix) -> Matrix {
        TrainingMath.addRow(h.multipliedTransposed(W_hy), b_y)
    }

    /// The gradients of one application, given h (B × H) and dy = ∂L/∂y (B × O):
    /// ∂L/∂W_hy = dyᵀ h, ∂L/∂b_y = Σ_b dy_b, ∂L/∂h = dy W_hy (this feeds the cell's `dh[t]`).
    public func backward(_ h: Matrix, dy: Matrix) -> (dW_hy: Matrix, db_y: Matrix, dh: Matrix) {
        precondition(dy.rows == h.rows && dy.cols == outputSize,
                     "DenseHead.backward: dy \(dy.shapeDescription) does not fit h \(h.shapeDescription) and O=\(outputSize)")
        return (dy.transposedMultiplied(by: h), TrainingMath.columnSums(dy), dy.multiplied(by: W_hy))
    }

    /// The parameters by name, for optimizers: `W_hy`, `b_y`.
    public var weights: [String: Matrix] {
        get { ["W_hy": W_hy, "b_y": b_y] }
        set {
            if let w = newValue["W_hy"] { W_hy = w }
            if let b = newValue["b_y"] { b_y = b }
        }
    }
}
