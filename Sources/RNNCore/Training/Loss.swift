import Foundation

/// The two losses of the lab, each with its gradient with respect to the network output.
public enum LossKind: String, Sendable, Hashable, CaseIterable {
    /// Regression: L = (1 / (B·O)) Σ_b Σ_o (y_bo − t_bo)²  (Keras `mean_squared_error`).
    case meanSquaredError = "mse"
    /// Classification: L = −(1 / B) Σ_b log softmax(z_b)[label_b]  (Keras
    /// `sparse_categorical_crossentropy(from_logits=True)`, PyTorch `cross_entropy`).
    case softmaxCrossEntropy = "cross-entropy"
}

/// A loss value and its gradient ∂L/∂y with respect to the predictions (same shape as them).
public struct LossResult: Sendable {
    public var value: Double
    public var gradient: Matrix
    public init(value: Double, gradient: Matrix) {
        self.value = value
        self.gradient = gradient
    }
}

/// Losses and the softmax, as free-standing functions of matrices whose rows are the batch.
public enum Loss {
    /// Mean squared error over every element: L = mean((y − t)²), ∂L/∂y = 2 (y − t) / (B·O).
    public static func meanSquaredError(prediction y: Matrix, target t: Matrix) -> LossResult {
        precondition(y.rows == t.rows && y.cols == t.cols,
                     "MSE: prediction \(y.shapeDescription) and target \(t.shapeDescription) differ in shape")
        let n = Double(max(y.count, 1))
        var grad = Matrix(rows: y.rows, cols: y.cols)
        var sum = 0.0
        for i in 0..<y.count {
            let d = y.data[i] - t.data[i]
            sum += d * d
            grad.data[i] = 2 * d / n
        }
        return LossResult(value: sum / n, gradient: grad)
    }

    /// Softmax cross-entropy from logits z (B × K) and integer labels (B of them, in 0..<K):
    /// L = (1/B) Σ_b [logsumexp(z_b) − z_b,label], ∂L/∂z = (softmax(z) − onehot(label)) / B.
    /// Stable: the row maximum is subtracted before exponentiating.
    public static func softmaxCrossEntropy(logits z: Matrix, labels: [Int]) -> LossResult {
        precondition(labels.count == z.rows, "cross-entropy: \(labels.count) labels for \(z.rows) rows of logits")
        let p = softmax(z)
        var grad = p
        var sum = 0.0
        let scale = 1.0 / Double(max(z.rows, 1))
        for b in 0..<z.rows {
            let label = labels[b]
            precondition(label >= 0 && label < z.cols, "cross-entropy: label \(label) outside 0..<\(z.cols)")
            sum += logSumExp(z, row: b) - z[b, label]
            grad[b, label] -= 1
        }
        for i in 0..<grad.count { grad.data[i] *= scale }
        return LossResult(value: sum * scale, gradient: grad)
    }

    /// log Σ_k exp(z_k) of one row, computed as m + log Σ exp(z_k − m) with m the row maximum.
    public static func logSumExp(_ z: Matrix, row b: Int) -> Double {
        var m = -Double.infinity
        for k in 0..<z.cols { m = max(m, z[b, k]) }
        if !m.isFinite { return m }
        var s = 0.0
        for k in 0..<z.cols { s += exp(z[b, k] - m) }
        return m + log(s)
    }

    /// Row-wise softmax at a temperature τ: p_k = exp(z_k/τ) / Σ_j exp(z_j/τ).
    /// τ < 1 sharpens the distribution, τ > 1 flattens it (sampling in the `chars` task).
    public static func softmax(_ z: Matrix, temperature tau: Double = 1) -> Matrix {
        precondition(tau > 0, "softmax temperature must be positive, got \(tau)")
        var out = Matrix(rows: z.rows, cols: z.cols)
        for b in 0..<z.rows {
            var m = -Double.infinity
            for k in 0..<z.cols { m = max(m, z[b, k] / tau) }
            var s = 0.0
            for k in 0..<z.cols {
                let e = exp(z[b, k] / tau - m)
                out[b, k] = e
                s += e
            }
            for k in 0..<z.cols { out[b, k] /= s }
        }
        return out
    }

    /// The index of the largest entry of each row (ties: the first).
    public static func argmax(_ z: Matrix) -> [Int] {
        (0..<z.rows).map { b in
            var best = 0
            for k in 1..<max(z.cols, 1) where z[b, k] > z[b, best] { best = k }
            return best
        }
    }
}
