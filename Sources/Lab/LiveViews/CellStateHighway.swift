import Foundation
import LessonKit
import RNNCore

/// The numbers of the `highway` view: on the same input and the same loss L = Σ_i h_T[i],
/// how large the gradient is at every step of an LSTM's cell state and of a vanilla RNN's
/// hidden state, both from RNNCore's exact backpropagation through time.
///
/// `gradC[t - 1]` = ‖∂L/∂c_t‖ is the TOTAL derivative: through c_{t+1} (the highway, an
/// elementwise multiplication by f_{t+1}) and through h_t = o_t ⊙ tanh(c_t) into the gates of
/// every later step. RNNCore's backward reports ‖∂L/∂h_t‖ per step and ∂L/∂c_0; ∂L/∂c_t is
/// ∂L/∂c_0 of the same cell run from the recorded (h_t, c_t) over x_{t+1} … x_T (the
/// identical computation), plus the path through h_t: ∂L/∂h_t ⊙ o_t ⊙ (1 − tanh²(c_t)).
public struct CellStateHighway: Hashable, Sendable {
    /// ‖∂L/∂c_t‖ of the LSTM, t = 1 … T.
    public let gradC: [Double]
    /// ‖∂L/∂h_t‖ of the LSTM (total, with c_t held fixed), t = 1 … T.
    public let gradH: [Double]
    /// ‖∂L/∂h_t‖ of the vanilla RNN, t = 1 … T.
    public let rnnGradH: [Double]
    /// `forget[t - 1][i]`: f_t of unit i, the local gradient of c_{t−1} (∂c_t/∂c_{t−1} along the highway).
    public let forget: [[Double]]
    /// `forgetProduct[t - 1][i]` = Π_{s = t+1 … T} f_s[i]: what of c_t reaches c_T along the
    /// highway alone (1 at t = T).
    public let forgetProduct: [[Double]]
    /// ‖(Π_{s>t} f_s) ⊙ ∂L/∂c_T‖: the gradient the highway alone carries back to c_t.
    public let highwayAlone: [Double]
    /// The largest singular value of the RNN's W_hh (the `sigma` knob's, measured).
    public let rnnSigmaMax: Double

    public var steps: Int { gradC.count }

    /// The LSTM a highway step runs: the cell keys and knobs, without σ_max (the `sigma`
    /// knob is the RNN's).
    public static func lstmValues(_ values: KnobValues) -> KnobValues {
        var v = values
        v["sigma"] = nil
        return v
    }

    /// The vanilla RNN beside it: same H, seed, scale and input; σ_max from the `sigma` knob.
    public static func rnnSpec(_ cell: CellSpec) -> CellSpec {
        var c = cell
        c.cell = .rnn
        return c
    }

    public static func compute(_ cell: CellSpec, _ values: KnobValues) -> CellStateHighway {
        let inputs = InputSignal.values(cell, values)
        let lstmCell = { var c = cell; c.cell = .lstm; return c }()
        let lstm = CellRunner.parameters(lstmCell, lstmValues(values))
        let rnn = CellRunner.parameters(rnnSpec(cell), values)
        return compute(lstm: lstm, rnn: rnn, inputs: inputs, overrides: values.gateOverrides(.lstm))
    }

    /// The same for given weights and inputs x_1 … x_T (one scalar per step).
    public static func compute(lstm p: CellParameters, rnn q: CellParameters, inputs: [Double], overrides: GateOverrides) -> CellStateHighway {
        let sigma = SingularValues.spectralNorm(q["W_hh"]!)
        let T = inputs.count, H = p.hiddenSize
        guard T > 0 else {
            return CellStateHighway(gradC: [], gradH: [], rnnGradH: [], forget: [], forgetProduct: [], highwayAlone: [], rnnSigmaMax: sigma)
        }
        let x = inputs.map { Matrix(rows: 1, cols: 1, data: [$0]) }
        let ones = Matrix(rows: 1, cols: H, repeating: 1)
        let upstream: [Matrix?] = (0..<T).map { $0 == T - 1 ? ones : nil }

        let trace = p.forward(x, overrides: overrides)
        let gradH = p.backward(trace, dh: upstream).hNorm.row(0)
        let rnnTrace = q.forward(x)
        let rnnGradH = q.backward(rnnTrace, dh: upstream).hNorm.row(0)

        let h = trace.h.map { $0.row(0) }, c = trace.c.map { $0.row(0) }
        let o = trace.gates["o"]!.map { $0.row(0) }, f = trace.gates["f"]!.map { $0.row(0) }
        var dc: [[Double]] = []
        for t in 0..<T {
            // Every path from c_t on: the rest of the run from the recorded state.
            var direct = [Double](repeating: 0, count: H), throughH = upstream[t]?.row(0) ?? [Double](repeating: 0, count: H)
            if t < T - 1 {
                let rest = p.forward(Array(x[(t + 1)...]), h0: Matrix(rows: 1, cols: H, data: h[t]),
                                     c0: Matrix(rows: 1, cols: H, data: c[t]), overrides: overrides)
                let g = p.backward(rest, dh: Array(upstream[(t + 1)...]))
                direct = g.c0!.row(0)
                throughH = zip(throughH, g.h0.row(0)).map { $0 + $1 }
            }
            dc.append((0..<H).map { i in
                let th = tanh(c[t][i])
                return direct[i] + throughH[i] * o[t][i] * (1 - th * th)
            })
        }
        var product = [[Double]](repeating: [Double](repeating: 1, count: H), count: T)
        for t in stride(from: T - 2, through: 0, by: -1) {
            product[t] = (0..<H).map { product[t + 1][$0] * f[t + 1][$0] }
        }
        let alone = product.map { p in norm(zip(p, dc[T - 1]).map { $0 * $1 }) }
        return CellStateHighway(gradC: dc.map(norm), gradH: gradH, rnnGradH: rnnGradH, forget: f,
                                forgetProduct: product, highwayAlone: alone, rnnSigmaMax: sigma)
    }

    /// The ratio ‖at t = 1‖ / ‖at t = T‖ of a line: below 1 it decayed going back.
    public static func ratio(_ line: [Double]) -> Double { line.first! / line.last! }

    private static func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
