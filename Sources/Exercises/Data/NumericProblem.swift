import Foundation
import RNNCore

/// One student's numbers for a `numeric` exercise: what the statement prints, the expected
/// answer (computed by RNNCore), and the answers of the mistakes that apply.
struct NumericProblem: Sendable {
    /// The student's numbers, in Markdown.
    var numbers: String
    /// The question with this student's names (e.g. "Give h_2[0] …").
    var ask: String
    var expected: Double
    /// Each mistake with the answers it can give (off by one goes both ways).
    var mistakes: [MistakeAnswer<[Double]>]

    // MARK: An element of h_t, c_t or a gate

    static func element(_ name: String, _ ex: NumericExercise, seed: UInt64) -> NumericProblem {
        let kind = ex.cell, D = ex.inputSize, H = ex.hiddenSize, t = ex.steps, unit = ex.unit
        var r = VariantRandom(seed: seed)
        var weights: [String: Matrix] = [:]
        for (w, rows, cols) in CellParameters.expectedShapes(kind: kind, inputSize: D, hiddenSize: H) {
            weights[w] = w.hasPrefix("b") ? r.readableMatrix(rows, cols, -0.5, 0.5, decimals: 2)
                                          : r.readableMatrix(rows, cols, -1, 1, decimals: 2)
        }
        if kind == .gru { weights["b_h"] = Matrix(rows: 1, cols: 3 * H) }  // the lecture's form: one bias
        let p = CellParameters(kind: kind, inputSize: D, hiddenSize: H, resetAfter: false, weights: weights)
        let x = (0..<t).map { _ in r.readableMatrix(1, D, -1, 1, decimals: 2) }
        let h0 = ex.initialState ? r.readableMatrix(1, H, -0.5, 0.5, decimals: 2) : nil
        let c0 = ex.initialState && kind == .lstm ? r.readableMatrix(1, H, -0.5, 0.5, decimals: 2) : nil
        let data = CellData(parameters: p, x: x, h0: h0, c0: c0, upstream: nil)

        // the value of `what` at step `step` (1-based; 0 is the initial state) of a run, at unit `u`
        @Sendable func value(_ run: CellRun, _ what: String, at step: Int, unit u: Int = unit) -> Double? {
            if step == 0 {
                switch what {
                case "h": return run.h0[0, u]
                case "c": return run.c0[0, u]
                default: return nil
                }
            }
            switch what {
            case "h": return run.h[step - 1][0, u]
            case "c": return run.c.isEmpty ? nil : run.c[step - 1][0, u]
            default: return run.gates[what]?[step - 1][0, u]
            }
        }
        let right = CellRun.rnnCore(p, data)
        let expected = value(right, name, at: t)!
        var mistakes: [MistakeAnswer<[Double]>] = []
        func weightsChanged(_ m: Mistake, _ change: @escaping @Sendable (CellParameters) -> CellParameters) {
            mistakes.append(MistakeAnswer(mistake: m) { value(CellRun.rnnCore(change(p), data), name, at: t).map { [$0] } })
        }
        func formula(_ m: Mistake, _ cell: ReferenceCell) {
            mistakes.append(MistakeAnswer(mistake: m) { value(CellRun.reference(cell, p, data), name, at: t).map { [$0] } })
        }
        // The right state handed in before its tanh (the last step's pre-activation, atanh of
        // the answer), or tanh left out at every step: checked first, as this answer is close
        // to the right one when the pre-activation is small.
        if kind == .rnn && name == "h" {
            mistakes.append(MistakeAnswer(mistake: .missingTanh) { abs(expected) < 1 ? [atanh(expected)] : [] })
            formula(.missingTanh, ReferenceCell(tanhOnState: false))
        }
        if H >= 2 { weightsChanged(.transposedRecurrentKernel, WeightMistakes.transposeRecurrent) }
        if D == H && D >= 2 {
            weightsChanged(.transposedKernel, WeightMistakes.transposeInput)
            weightsChanged(.transposedWeights) { WeightMistakes.transposeInput(WeightMistakes.transposeRecurrent($0)) }
        }
        weightsChanged(.missingBias) { WeightMistakes.scaleBiases($0, by: 0) }
        if kind == .gru {
            weightsChanged(.gruResetAfter, WeightMistakes.otherResetForm)
            weightsChanged(.gruResetAfter, WeightMistakes.resetAfterWithCandidateBiasInside)
            weightsChanged(.updateGateReversed, WeightMistakes.reverseUpdateGate)
        }
        formula(.sigmoidForTanh, ReferenceCell(sigmoidForTanh: true))
        if kind == .lstm { formula(.missingTanhOnC, ReferenceCell(tanhOnC: false)) }
        mistakes.append(MistakeAnswer(mistake: .offByOneElement) {
            [value(right, name, at: t - 1)].compactMap { $0 }
        })
        if H >= 2 {
            mistakes.append(MistakeAnswer(mistake: .otherUnit) {
                (0..<H).filter { $0 != unit }.compactMap { value(right, name, at: t, unit: $0) }
            })
        }
        if kind == .lstm && (name == "h" || name == "c") {
            let other = name == "h" ? "c" : "h"
            mistakes.append(MistakeAnswer(mistake: name == "h" ? .cInsteadOfH : .hInsteadOfC) { value(right, other, at: t).map { [$0] } })
        }
        return NumericProblem(numbers: elementNumbers(p, x: x, h0: h0, c0: c0),
                              ask: elementQuestion(name, kind: kind, step: t, unit: unit),
                              expected: expected, mistakes: mistakes)
    }

    /// The weights under the lecture's names, gate by gate, and the inputs, as Python lists.
    static func elementNumbers(_ p: CellParameters, x: [Matrix], h0: Matrix?, c0: Matrix?) -> String {
        let H = p.hiddenSize
        var lines: [String] = []
        func put(_ name: String, _ m: Matrix) {
            let pad = String(repeating: " ", count: name.count + 3)
            lines.append("\(name) = " + NumberText.nested(m).replacingOccurrences(of: "\n     ", with: "\n" + pad + " "))
        }
        func block(_ m: Matrix, _ k: Int) -> Matrix { m.rows((k * H)..<((k + 1) * H)) }
        func biasBlock(_ m: Matrix, _ k: Int) -> Matrix { Matrix(row: Array(m.data[(k * H)..<((k + 1) * H)])) }
        switch p.kind {
        case .rnn:
            put("W_xh", p["W_xh"]!)
            put("W_hh", p["W_hh"]!)
            lines.append("b    = " + NumberText.list(p["b_h"]!.data))
        case .lstm, .gru:
            let names = p.kind == .lstm ? ["i", "f", "g", "o"] : ["r", "z", "h"]
            for (k, g) in names.enumerated() {
                put("W_x\(g)", block(p["W_x"]!, k))
                put("W_h\(g)", block(p["W_h"]!, k))
                lines.append("b_\(g)  = " + NumberText.list(biasBlock(p[p.kind == .lstm ? "b" : "b_x"]!, k).data))
            }
        }
        lines.append("h_0  = " + NumberText.list(h0?.data ?? Array(repeating: 0, count: H)))
        if p.kind == .lstm { lines.append("c_0  = " + NumberText.list(c0?.data ?? Array(repeating: 0, count: H))) }
        for (t, xt) in x.enumerated() { lines.append("x_\(t + 1)  = " + NumberText.list(xt.data)) }
        return "```\n" + lines.joined(separator: "\n") + "\n```"
    }

    static func elementQuestion(_ name: String, kind: CellKind, step t: Int, unit: Int) -> String {
        let cellLine: String
        switch kind {
        case .rnn: cellLine = "The cell: h_t = tanh(W_xh x_t + W_hh h_{t-1} + b)."
        case .lstm: cellLine = "The cell: i, f, o = σ(W_x· x_t + W_h· h_{t-1} + b_·), g = tanh(W_xg x_t + W_hg h_{t-1} + b_g), c_t = f ⊙ c_{t-1} + i ⊙ g, h_t = o ⊙ tanh(c_t)."
        case .gru: cellLine = "The cell (the lecture's form): r, z = σ(W_x· x_t + W_h· h_{t-1} + b_·), h̃_t = tanh(W_xh x_t + W_hh (r ⊙ h_{t-1}) + b_h), h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃_t."
        }
        let what: String = switch name {
        case "h": "h_\(t)[\(unit)]"
        case "c": "c_\(t)[\(unit)]"
        case "n": "h̃_\(t)[\(unit)] (the candidate)"
        default: "\(name)_\(t)[\(unit)] (the \(ComputeQuantity.gateTitle(name).replacingOccurrences(of: " (Keras' c block)", with: "")))"
        }
        let ordinal = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth"][unit]
        return cellLine + " Give \(what): the \(ordinal) unit (numpy index \(unit)) at t = \(t), to at least 5 significant digits."
    }

    // MARK: ‖∂L/∂h_1‖ for a σ_max

    static func gradientNorm(_ ex: NumericExercise, seed: UInt64) -> NumericProblem {
        var r = VariantRandom(seed: seed)
        let H = ex.hiddenSize, T = ex.steps
        let sigma = ex.exploding ? r.readable(1.05, 1.30, decimals: 2) : r.readable(0.70, 0.95, decimals: 2)
        // W_hh = σ·Q with Q orthogonal (Gram–Schmidt on a random matrix): every singular value is σ.
        var q = Matrix(rows: H, cols: H, data: (0..<(H * H)).map { _ in r.normal() })
        for i in 0..<H {
            for j in 0..<i {
                let dot = (0..<H).reduce(0) { $0 + q[i, $1] * q[j, $1] }
                for k in 0..<H { q[i, k] -= dot * q[j, k] }
            }
            let n = (0..<H).reduce(0) { $0 + q[i, $1] * q[i, $1] }.squareRoot()
            for k in 0..<H { q[i, k] /= n }
        }
        let p = CellParameters(kind: .rnn, inputSize: 1, hiddenSize: H,
                               weights: ["W_xh": Matrix(rows: H, cols: 1), "W_hh": q.scaled(by: sigma), "b_h": Matrix(rows: 1, cols: H)])
        // At rest (x = 0, h_0 = 0) every h_t is 0 and tanh' = 1: the backward pass is linear.
        let trace = p.forward((0..<T).map { _ in Matrix(rows: 1, cols: 1) })
        let dh: [Matrix?] = (0..<T).map { $0 == T - 1 ? Matrix(rows: 1, cols: H, repeating: 1) : nil }
        let expected = p.backward(trace, dh: dh).hNorm[0, 0]
        let mistakes = [
            MistakeAnswer<[Double]>(mistake: .offByOneFactors) { [expected * sigma, expected / sigma] },
            MistakeAnswer<[Double]>(mistake: .upstreamNormOne) { [expected / Double(H).squareRoot()] },
        ]
        let numbers = "H = \(H) units, T = \(T) steps, σ_max = \(NumberText.short(sigma)): W_hh = σ_max·Q with Q orthogonal, "
            + "so every singular value of W_hh is σ_max. The RNN is at rest: x_t = 0 and h_0 = 0, so every h_t = 0 and tanh' = 1."
        return NumericProblem(numbers: numbers,
                              ask: "The loss is L = Σ h_T (the sum of the units of the last state). Give ‖∂L/∂h_1‖, to at least 5 significant digits.",
                              expected: expected, mistakes: mistakes)
    }

    // MARK: A parameter count

    static func parameters(_ ex: NumericExercise, seed: UInt64) -> NumericProblem {
        var r = VariantRandom(seed: seed)
        let D = r.int(in: 3...300), H = r.int(in: 4...256), kind = ex.cell
        // RNNCore's canonical weights hold every parameter of the Keras layer, the reset-after
        // GRU's two biases included.
        let all = CellParameters.expectedShapes(kind: kind, inputSize: D, hiddenSize: H).reduce(0) { $0 + $1.rows * $1.cols }
        let k = kind.blocks
        let count = kind == .gru && !ex.resetAfter ? all - 3 * H : all
        var mistakes: [MistakeAnswer<[Double]>] = []
        let biases = kind == .gru && ex.resetAfter ? 2 * k * H : k * H
        mistakes.append(MistakeAnswer(mistake: .missingBias) { [Double(count - biases)] })
        if kind != .rnn {
            mistakes.append(MistakeAnswer(mistake: .missingGateBlocks) { [Double(count / k)] })
        }
        if kind == .gru {
            mistakes.append(ex.resetAfter ? MistakeAnswer(mistake: .gruOneBias) { [Double(count - 3 * H)] }
                                          : MistakeAnswer(mistake: .gruTwoBiases) { [Double(count + 3 * H)] })
        }
        let layer: String = switch kind {
        case .rnn: "keras.layers.SimpleRNN(\(H))"
        case .lstm: "keras.layers.LSTM(\(H))"
        case .gru: ex.resetAfter ? "keras.layers.GRU(\(H))" : "keras.layers.GRU(\(H), reset_after=False)"
        }
        return NumericProblem(numbers: "`\(layer)` reading sequences of D = \(D) features per step (H = \(H) units).",
                              ask: "How many parameters does this layer have (what model.summary() prints for it)?",
                              expected: Double(count), mistakes: mistakes)
    }

    // MARK: A pulse's echo

    static func echoSteps(seed: UInt64) -> NumericProblem {
        var r = VariantRandom(seed: seed)
        let w = r.readable(0.50, 0.95, decimals: 2)
        var h = 1.0, n = 0
        while h >= 0.01 { h *= w; n += 1 }
        let steps = Double(n)
        return NumericProblem(
            numbers: "w = \(NumberText.short(w)). A pulse sets h_1 = 1; after it there is no input and h_{t+1} = w·h_t "
                + "(a linear unit: tanh is nearly the identity near 0).",
            ask: "After how many steps is the echo first below 1 % of the pulse: the smallest n with h_{1+n} < 0.01?",
            expected: steps,
            mistakes: [MistakeAnswer(mistake: .offByOneEcho) { [steps - 1, steps + 1] }])
    }
}
