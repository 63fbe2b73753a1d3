import LessonKit
import RNNCore

/// Runs the recurrent cell a lab names on its input, through RNNCore.
///
/// The only place the Lab touches the numerics: build seeded weights, run the sequence
/// forward from h_0 = 0 (and c_0 = 0), and return the hidden state of every step.
public enum CellRunner {
    /// The RNNCore cell for a lesson's `cell:` word.
    public static func kind(_ cell: LabCell) -> CellKind {
        switch cell {
        case .rnn: return .rnn
        case .lstm: return .lstm
        case .gru: return .gru
        }
    }

    /// Seeded weights for a lab (same seed, same network, on every machine): uniform in
    /// ±scale/√H, the usual 1/√H initialisation scaled by the lesson's `scale`.
    public static func parameters(for spec: LabSpec) -> CellParameters {
        var rng = SeededRandom(seed: spec.seed)
        var p = CellParameters.random(kind: kind(spec.cell), inputSize: 1, hiddenSize: spec.hidden,
                                      scale: spec.scale / Double(spec.hidden).squareRoot(), rng: &rng)
        // The lecture's vanilla RNN has no bias: h_t = tanh(W_hh h_{t-1} + W_xh x_t).
        if spec.cell == .rnn { p["b_h"] = nil }
        return p
    }

    /// What one run gives the views: h_1 … h_T and, for gated cells, every gate.
    public struct Run: Hashable, Sendable {
        /// `states[t - 1][i]` is unit i + 1 at step t.
        public var states: [[Double]]
        /// `gates[name][t - 1][i]`, names in RNNCore's order ("i", "f", "g", "o" / "r", "z", "n").
        public var gates: [String: [[Double]]]
    }

    /// Runs x_1 … x_T through the cell from zero state.
    public static func run(parameters p: CellParameters, inputs: [Double]) -> Run {
        guard !inputs.isEmpty else { return Run(states: [], gates: [:]) }
        // One sequence (batch 1) of scalar inputs: T matrices of shape (1 × 1).
        let trace = p.forward(inputs.map { Matrix(rows: 1, cols: 1, data: [$0]) })
        var gates: [String: [[Double]]] = [:]
        for (name, steps) in trace.gates { gates[name] = steps.map { $0.row(0) } }
        return Run(states: trace.h.map { $0.row(0) }, gates: gates)
    }

    /// h_1 … h_T for the inputs x_1 … x_T: `states[t - 1][i]` is unit i + 1 at step t.
    public static func hiddenStates(parameters p: CellParameters, inputs: [Double]) -> [[Double]] {
        run(parameters: p, inputs: inputs).states
    }
}
