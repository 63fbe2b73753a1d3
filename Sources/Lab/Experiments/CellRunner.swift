import LessonKit
import RNNCore

/// Runs the recurrent cell a lab names on its input, through RNNCore.
///
/// The only place the Lab touches the numerics: build seeded weights, run the sequence
/// forward from h_0 = 0, and return the hidden state of every step.
public enum CellRunner {
    /// The RNNCore cell for a lesson's `cell:` word.
    public static func kind(_ cell: LabCell) -> CellKind {
        switch cell {
        case .rnn: return .rnn
        case .lstm: return .lstm
        case .gru: return .gru
        }
    }

    /// Seeded weights for a lab (same seed, same network, on every machine).
    public static func parameters(for spec: LabSpec) -> CellParameters {
        var rng = SeededRandom(seed: spec.seed)
        let H = spec.hidden
        let bound = spec.scale / Double(H).squareRoot()
        // Uniform in ±scale/√H, the usual 1/√H initialisation scaled by the lesson's `scale`.
        var weights: [String: Matrix] = [:]
        for (name, rows, cols) in CellParameters.expectedShapes(kind: kind(spec.cell), inputSize: 1, hiddenSize: H) {
            // The lecture's vanilla RNN has no bias: h_t = tanh(W_hh h_{t-1} + W_xh x_t).
            if spec.cell == .rnn && name == "b_h" { continue }
            weights[name] = rng.uniformMatrix(rows, cols, -bound, bound)
        }
        return CellParameters(kind: kind(spec.cell), inputSize: 1, hiddenSize: H, weights: weights)
    }

    /// h_1 … h_T for the inputs x_1 … x_T: `states[t - 1][i]` is unit i at step t.
    public static func hiddenStates(parameters p: CellParameters, inputs: [Double]) -> [[Double]] {
        // Vanilla RNN, h_t = tanh(W_hh h_{t-1} + W_xh x_t (+ b_h)), until RNNCore's forward lands.
        let H = p.hiddenSize
        guard let Wxh = p["W_xh"], let Whh = p["W_hh"] else { return [] }
        let b = p["b_h"]
        var h = Array(repeating: 0.0, count: H)
        var out: [[Double]] = []
        for x in inputs {
            var next = Array(repeating: 0.0, count: H)
            for i in 0..<H {
                var a = Wxh[i, 0] * x + (b?[0, i] ?? 0)
                for j in 0..<H { a += Whh[i, j] * h[j] }
                next[i] = tanh(a)
            }
            h = next
            out.append(h)
        }
        return out
    }
}

import Foundation
