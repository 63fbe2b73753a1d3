import LessonKit
import RNNCore

/// Runs the recurrent cell a lab sets up, through RNNCore.
///
/// The only place the Lab touches the numerics: build seeded weights (rescaled to the
/// knob's σ_max when there is one), run the sequence forward from h_0 = 0 (and c_0 = 0),
/// and return every hidden state and gate.
public enum CellRunner {
    /// The RNNCore cell for a lesson's `cell:` word.
    public static func kind(_ cell: LabCell) -> CellKind {
        switch cell {
        case .rnn: return .rnn
        case .lstm: return .lstm
        case .gru: return .gru
        }
    }

    /// Seeded weights (same seed, same network, on every machine): uniform in ±scale/√H,
    /// the usual 1/√H initialisation scaled by the `scale` setting; then, with a `sigma`
    /// setting, the recurrent matrix rescaled so that its largest singular value is σ.
    public static func parameters(_ cell: CellSpec, _ values: KnobValues) -> CellParameters {
        if let given = cell.given { return given.parameters }
        var rng = SeededRandom(seed: values.seed)
        var p = CellParameters.random(kind: kind(cell.cell), inputSize: 1, hiddenSize: cell.hidden,
                                      resetAfter: cell.gruForm == .resetAfter,
                                      scale: values.scale / Double(cell.hidden).squareRoot(), rng: &rng)
        // The lecture's vanilla RNN has no bias: h_t = tanh(W_hh h_{t-1} + W_xh x_t).
        if cell.cell == .rnn { p["b_h"] = nil }
        if cell.weights == .orthogonal { p = orthogonalRecurrence(p, gain: values.scale, rng: &rng) }
        if let sigma = values.sigmaMax { p = p.rescaled(spectralNorm: sigma) }
        // The forget-bias knob shifts b_f (block 1 of the LSTM's i, f, g, o): a positive
        // shift opens f, a negative one closes it. Applied after the rescale (a bias has no
        // singular values), and written into the exported weights like any other bias.
        if cell.cell == .lstm, let shift = values.forgetBias, shift != 0, var b = p["b"] {
            for j in 0..<cell.hidden { b.data[cell.hidden + j] += shift }
            p["b"] = b
        }
        return p
    }

    /// W_hh (each gate's H × H block of W_h) replaced by a seeded orthogonal matrix times
    /// `gain`, drawn after the other weights so W_xh is the same as with `uniform`.
    static func orthogonalRecurrence(_ p: CellParameters, gain: Double, rng: inout SeededRandom) -> CellParameters {
        var out = p
        let H = p.hiddenSize
        let name = p.kind == .rnn ? "W_hh" : "W_h"
        var w = Matrix(rows: p.kind.blocks * H, cols: H)
        for block in 0..<p.kind.blocks {
            let q = Initializers.orthogonal(rows: H, cols: H, gain: gain, rng: &rng)
            for k in 0..<(H * H) { w.data[block * H * H + k] = q.data[k] }
        }
        out[name] = w
        return out
    }

    /// What one run gives the views: x_1 … x_T, h_1 … h_T and, for gated cells, every gate.
    public struct Run: Hashable, Sendable {
        /// `inputs[t - 1]` is x_t.
        public var inputs: [Double]
        /// `states[t - 1][i]` is unit i + 1 at step t.
        public var states: [[Double]]
        /// `gates[name][t - 1][i]`, names in RNNCore's order ("i", "f", "g", "o" / "r", "z", "n").
        public var gates: [String: [[Double]]]
        /// The weights that ran.
        public var parameters: CellParameters
        /// `cellStates[t - 1][i]`: the LSTM's c_t (empty for the other cells).
        public var cellStates: [[Double]] = []
        /// The gates the gate knobs forced (exact constants in the forward pass).
        public var overrides: GateOverrides = .none
    }

    /// Runs the cell a lab sets up on its input, with the current knob values.
    public static func run(_ cell: CellSpec, _ values: KnobValues) -> Run {
        run(parameters: parameters(cell, values), rows: inputRows(cell, values), overrides: values.gateOverrides(cell.cell))
    }

    /// x_1 … x_T as the cell takes them, one (1 × D) matrix per step: the input signal
    /// (D = 1), or the given model's own inputs.
    public static func inputRows(_ cell: CellSpec, _ values: KnobValues) -> [Matrix] {
        if let given = cell.given { return given.inputs.map { Matrix(row: $0) } }
        return InputSignal.values(cell, values).map { Matrix(rows: 1, cols: 1, data: [$0]) }
    }

    /// Runs x_1 … x_T through the cell from zero state, with gates forced by `overrides`.
    public static func run(parameters p: CellParameters, inputs: [Double], overrides: GateOverrides = .none) -> Run {
        // One sequence (batch 1) of scalar inputs: T matrices of shape (1 × 1).
        run(parameters: p, rows: inputs.map { Matrix(rows: 1, cols: 1, data: [$0]) }, overrides: overrides)
    }

    /// Runs one sequence of (1 × D) inputs; `Run.inputs` keeps the first feature of each x_t.
    public static func run(parameters p: CellParameters, rows: [Matrix], overrides: GateOverrides = .none) -> Run {
        let inputs = rows.map { $0.data[0] }
        guard !rows.isEmpty else { return Run(inputs: [], states: [], gates: [:], parameters: p, overrides: overrides) }
        let trace = p.forward(rows, overrides: overrides)
        var gates: [String: [[Double]]] = [:]
        for (name, steps) in trace.gates { gates[name] = steps.map { $0.row(0) } }
        return Run(inputs: inputs, states: trace.h.map { $0.row(0) }, gates: gates, parameters: p,
                   cellStates: trace.c.map { $0.row(0) }, overrides: overrides)
    }
}

extension KnobValues {
    /// The cell settings every cell view reads (see `CellSpec`).
    public var seed: UInt64 { UInt64(self["seed"] ?? 1) }
    public var scale: Double { self["scale"] ?? 1 }
    public var input: LabInput { choice("input", LabInput.self) ?? .sine }
    /// The largest singular value W_hh is rescaled to; nil: as drawn.
    public var sigmaMax: Double? { self["sigma"] }
    /// What the forget-bias knob adds to the LSTM's b_f (nil: nothing).
    public var forgetBias: Double? { self["forget-bias"] }

    /// The gates the gate knobs force for `cell` (knobs of another cell's gates are ignored).
    public func gateOverrides(_ cell: LabCell) -> GateOverrides {
        var forced: [String: Double] = [:]
        for g in GateForcing.gates where g.cell == cell {
            if let v = GateForcing.forced(self[g.knob]) { forced[g.gate] = v }
        }
        return GateOverrides(forced)
    }
}
