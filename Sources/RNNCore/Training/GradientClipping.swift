/// What clipping did: the global gradient norm ‖g‖ = √(Σ_params Σ_i g_i²) before and after.
public struct ClipReport: Sendable, Hashable {
    public var normBefore: Double
    public var normAfter: Double
    /// Whether anything was changed.
    public var clipped: Bool { normBefore != normAfter }
    public init(normBefore: Double, normAfter: Double) {
        self.normBefore = normBefore
        self.normAfter = normAfter
    }
}

/// Gradient clipping, the lecture's cure for exploding gradients ("scale the gradients").
public enum GradientClipping {
    /// The global norm of a set of gradients: ‖g‖ = √(Σ over all matrices of Σ g_i²).
    public static func globalNorm(_ gradients: [String: Matrix]) -> Double {
        var s = 0.0
        for name in gradients.keys.sorted() {
            for v in gradients[name]!.data { s += v * v }
        }
        return s.squareRoot()
    }

    /// Clip by global norm (PyTorch `clip_grad_norm_`, Keras `global_clipnorm`):
    /// if ‖g‖ > c then g ← g · c / ‖g‖. Directions are kept; only the length shrinks.
    /// A non-finite norm is left alone (there is no direction to keep) and reported as is.
    @discardableResult
    public static func clipByGlobalNorm(_ gradients: inout [String: Matrix], maxNorm c: Double) -> ClipReport {
        precondition(c > 0, "clip norm must be positive, got \(c)")
        let before = globalNorm(gradients)
        guard before.isFinite, before > c else { return ClipReport(normBefore: before, normAfter: before) }
        let scale = c / before
        for name in gradients.keys { gradients[name] = gradients[name]!.scaled(by: scale) }
        return ClipReport(normBefore: before, normAfter: globalNorm(gradients))
    }

    /// Clip by value (Keras `clipvalue`, PyTorch `clip_grad_value_`): g_i ← min(max(g_i, −v), v).
    /// This changes the direction of the gradient, unlike clipping by norm.
    @discardableResult
    public static func clipByValue(_ gradients: inout [String: Matrix], limit v: Double) -> ClipReport {
        precondition(v > 0, "clip value must be positive, got \(v)")
        let before = globalNorm(gradients)
        for name in gradients.keys {
            var g = gradients[name]!
            for i in 0..<g.count { g.data[i] = min(max(g.data[i], -v), v) }
            gradients[name] = g
        }
        return ClipReport(normBefore: before, normAfter: globalNorm(gradients))
    }
}
