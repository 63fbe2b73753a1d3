import LessonKit
import RNNCore

/// The backward pass of a lab's cell: how large the gradient of a loss is at every hidden
/// state, computed by RNNCore's exact backpropagation through time. What the `gradients`
/// view plots and the backward `unrolled` view writes into its boxes.
///
/// The loss is a plain sum of hidden units, so the gradient the loss injects is all ones
/// and everything the curve shows comes from the recurrence:
/// - `last`: L = Σ_i h_T[i] (many to one): ∂L/∂h_T = (1, …, 1) and nothing at other steps;
/// - `every`: L = Σ_t Σ_i h_t[i] (many to many): (1, …, 1) at every step.
///
/// `gradient[t - 1]` = ‖∂L/∂h_t‖ is the TOTAL gradient reaching h_t: the loss's own term at t
/// plus every path through h_{t+1}, …, h_T (what `rnnlab run --upstream` writes as
/// `grad_h_norm`). For the LSTM it is the gradient with respect to h_t with c_t held fixed.
public struct GradientFlow: Hashable, Sendable {
    /// Where the loss reads the hidden states.
    public enum Loss: String, CaseIterable, Hashable, Sendable {
        /// L = Σ_i h_T[i].
        case last
        /// L = Σ_t Σ_i h_t[i].
        case every

        /// The formula, for the panel.
        public var formula: String { self == .last ? "L = Σ h_T" : "L = Σ_t Σ h_t" }
        /// The formula in ASCII.
        public var asciiFormula: String { self == .last ? "L = sum h_T" : "L = sum_t sum h_t" }
    }

    public let loss: Loss
    /// `gradient[t - 1]` = ‖∂L/∂h_t‖ (total, Euclidean norm), t = 1 … T. May be 0 or
    /// subnormal where it underflowed.
    public let gradient: [Double]
    /// `jacobian[t - 1]` = ‖∂h_T/∂h_t‖ (spectral norm; 1 at t = T), when asked for.
    public let jacobian: [Double]?
    /// The largest singular value of the W_hh that ran (the largest over the gate blocks of
    /// W_h for the LSTM and GRU): measured, not the knob's value.
    public let sigmaMax: Double

    public var steps: Int { gradient.count }

    /// Runs the cell forward on its input, injects the loss's gradient and backpropagates.
    public static func compute(_ cell: CellSpec, _ values: KnobValues, loss: Loss, jacobian: Bool) -> GradientFlow {
        compute(parameters: CellRunner.parameters(cell, values), rows: CellRunner.inputRows(cell, values),
                loss: loss, jacobian: jacobian)
    }

    /// The same for given weights and inputs x_1 … x_T (one scalar per step).
    public static func compute(parameters p: CellParameters, inputs: [Double], loss: Loss, jacobian: Bool) -> GradientFlow {
        // One sequence (batch 1) of scalar inputs, as `CellRunner.run`.
        compute(parameters: p, rows: inputs.map { Matrix(rows: 1, cols: 1, data: [$0]) }, loss: loss, jacobian: jacobian)
    }

    /// The same for one sequence of (1 × D) inputs.
    public static func compute(parameters p: CellParameters, rows: [Matrix], loss: Loss, jacobian: Bool) -> GradientFlow {
        let sigma = p.recurrentSingularValues.values.compactMap(\.first).max() ?? 0
        guard !rows.isEmpty else { return GradientFlow(loss: loss, gradient: [], jacobian: jacobian ? [] : nil, sigmaMax: sigma) }
        let T = rows.count, H = p.hiddenSize
        let trace = p.forward(rows)
        let grads = p.backward(trace, dh: upstream(loss, steps: T, hidden: H))
        let norms = grads.hNorm.row(0)
        // ‖∂h_{T−1}/∂h_t‖ in RNNCore's 0-based steps is ‖∂h_T/∂h_t‖ in the lecture's.
        let jac = jacobian ? p.jacobianNorms(trace, spectral: true).spectral.row(0) : nil
        return GradientFlow(loss: loss, gradient: norms, jacobian: jac, sigmaMax: sigma)
    }

    /// The gradient the loss injects at each step, ∂L/∂h_t from outside the recurrence
    /// (1 × H, nil = zero): ones at t = T for `last`, ones at every step for `every`. What an
    /// export writes as `upstream.npy` and `rnnlab run --upstream` reads.
    public static func upstream(_ loss: Loss, steps T: Int, hidden H: Int) -> [Matrix?] {
        let ones = Matrix(rows: 1, cols: H, repeating: 1)
        return (0..<T).map { t in loss == .every || t == T - 1 ? ones : nil }
    }

    /// The time step t the backward pass has reached after `walked` steps of it (1: the loss
    /// at t = T only).
    public func reached(_ walked: Int) -> Int { max(1, steps - max(1, walked) + 1) }

    /// The measured factor per step from t = T back to t = `to`: the geometric mean of
    /// ‖∂L/∂h_{s−1}‖ / ‖∂L/∂h_s‖ over s = t+1 … T, i.e. (‖∂L/∂h_t‖ / ‖∂L/∂h_T‖)^(1/(T−t)).
    /// nil before the first step back, or when either end underflowed to 0 (or a subnormal).
    public func factorPerStep(to t: Int) -> Double? {
        let T = steps
        guard t >= 1, t < T else { return nil }
        let a = gradient[t - 1], b = gradient[T - 1]
        guard GradientFlow.representable(a), GradientFlow.representable(b) else { return nil }
        return Foundation.exp((Foundation.log(a) - Foundation.log(b)) / Double(T - t))
    }

    /// A norm that can be placed on a log axis: finite and at least the smallest normal double
    /// (0 and subnormals are what is left of an underflow: drawn as a gap).
    public static func representable(_ v: Double) -> Bool { v.isFinite && v >= Double.leastNormalMagnitude }
}

import Foundation
