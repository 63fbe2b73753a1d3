extension CellParameters {
    /// Random weights in the canonical layout: every weight and bias uniform in
    /// [−scale, scale). Reproducible from the seed of `rng`; the names are drawn in
    /// `expectedShapes` order.
    public static func random(kind: CellKind, inputSize: Int, hiddenSize: Int, resetAfter: Bool = true,
                              scale: Double = 0.5, rng: inout SeededRandom) -> CellParameters {
        precondition(inputSize > 0, "random cell: inputSize must be positive, got \(inputSize)")
        precondition(hiddenSize > 0, "random cell: hiddenSize must be positive, got \(hiddenSize)")
        var weights: [String: Matrix] = [:]
        for (name, rows, cols) in expectedShapes(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize) {
            weights[name] = rng.uniformMatrix(rows, cols, -scale, scale)
        }
        return CellParameters(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, resetAfter: resetAfter, weights: weights)
    }

    /// Stops with a message naming the weight when one has the wrong shape or a required
    /// one is missing (only biases may be absent; they count as zero).
    func validateShapes() {
        for (name, rows, cols) in CellParameters.expectedShapes(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize) {
            guard let w = weights[name] else {
                precondition(name.hasPrefix("b"), "\(kind.rawValue) cell is missing weight '\(name)' of shape (\(rows), \(cols))")
                continue
            }
            precondition(w.rows == rows && w.cols == cols,
                         "\(kind.rawValue) weight '\(name)' has shape \(w.shapeDescription), expected (\(rows), \(cols))")
        }
    }

    /// The weight `name` or, for an absent bias, zeros of the expected shape.
    func weightOrZeros(_ name: String) -> Matrix {
        if let w = weights[name] { return w }
        let shape = CellParameters.expectedShapes(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize).first { $0.name == name }!
        return Matrix(rows: shape.rows, cols: shape.cols)
    }
}
