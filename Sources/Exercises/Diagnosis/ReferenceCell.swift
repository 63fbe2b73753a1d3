import Foundation
import RNNCore

/// A plain, step-by-step forward pass of the three cells with the formula changes no change
/// of the weights can express: a sigmoid where tanh belongs, tanh missing on c_t or on the
/// RNN's state.
///
/// RNNCore's cells are the answers; this small loop exists only for these mistakes (it
/// agrees with RNNCore when nothing is changed, which a test checks).
struct ReferenceCell {
    /// A sigmoid instead of tanh on the RNN's state, the LSTM's g and the GRU's candidate.
    var sigmoidForTanh = false
    /// h_t = o ⊙ c_t instead of o ⊙ tanh(c_t) (LSTM).
    var tanhOnC = true
    /// The RNN's h_t = tanh(…) (false: the pre-activation itself, a linear RNN).
    var tanhOnState = true

    /// What the run computed: T of (B × H) each; gates by canonical name.
    struct Run {
        var h: [Matrix]
        var c: [Matrix]
        var gates: [String: [Matrix]]
    }

    func forward(_ p: CellParameters, x: [Matrix], h0: Matrix?, c0: Matrix?) -> Run {
        let H = p.hiddenSize, B = x.first?.rows ?? 0, k = p.kind.blocks
        let wx = p.weights[WeightMistakes.inputName(p.kind)]!, wh = p.weights[WeightMistakes.recurrentName(p.kind)]!
        let bx = p.weights[p.kind == .rnn ? "b_h" : p.kind == .lstm ? "b" : "b_x"]?.data ?? Array(repeating: 0, count: k * H)
        let bh = p.kind == .gru ? (p.weights["b_h"]?.data ?? Array(repeating: 0, count: 3 * H)) : Array(repeating: 0, count: k * H)
        var h = h0 ?? Matrix(rows: B, cols: H), c = c0 ?? Matrix(rows: B, cols: H)
        var run = Run(h: [], c: [], gates: [:])
        for name in p.kind.gateNames { run.gates[name] = [] }
        let useSigmoid = sigmoidForTanh
        func candidate(_ a: Double) -> Double { useSigmoid ? ReferenceCell.sigmoid(a) : Foundation.tanh(a) }
        for xt in x {
            var hNext = Matrix(rows: B, cols: H), cNext = Matrix(rows: B, cols: H)
            var gateValues = Array(repeating: Matrix(rows: B, cols: H), count: k)
            for b in 0..<B {
                // input side A = W_x x + b_x and recurrent side R = W_h h + b_h, all blocks
                let A = (0..<(k * H)).map { row in bx[row] + (0..<wx.cols).reduce(0) { $0 + wx[row, $1] * xt[b, $1] } }
                let R = (0..<(k * H)).map { row in bh[row] + (0..<H).reduce(0) { $0 + wh[row, $1] * h[b, $1] } }
                // the Cho form's r ⊙ h_{t-1}, every unit, before any candidate reads it
                let resetH = (0..<H).map { ReferenceCell.sigmoid(A[$0] + R[$0]) * h[b, $0] }
                for j in 0..<H {
                    switch p.kind {
                    case .rnn:
                        hNext[b, j] = tanhOnState ? candidate(A[j] + R[j]) : A[j] + R[j]
                    case .lstm:
                        let i = ReferenceCell.sigmoid(A[j] + R[j]), f = ReferenceCell.sigmoid(A[H + j] + R[H + j])
                        let g = candidate(A[2 * H + j] + R[2 * H + j]), o = ReferenceCell.sigmoid(A[3 * H + j] + R[3 * H + j])
                        cNext[b, j] = f * c[b, j] + i * g
                        hNext[b, j] = o * (tanhOnC ? Foundation.tanh(cNext[b, j]) : cNext[b, j])
                        for (n, v) in [i, f, g, o].enumerated() { gateValues[n][b, j] = v }
                    case .gru:
                        let r = ReferenceCell.sigmoid(A[j] + R[j]), z = ReferenceCell.sigmoid(A[H + j] + R[H + j])
                        let recurrent: Double
                        if p.resetAfter {
                            recurrent = r * R[2 * H + j]
                        } else {
                            recurrent = bh[2 * H + j] + (0..<H).reduce(0) { $0 + wh[2 * H + j, $1] * resetH[$1] }
                        }
                        let n = candidate(A[2 * H + j] + recurrent)
                        hNext[b, j] = z * h[b, j] + (1 - z) * n
                        for (m, v) in [r, z, n].enumerated() { gateValues[m][b, j] = v }
                    }
                }
            }
            h = hNext
            c = cNext
            run.h.append(h)
            if p.kind == .lstm { run.c.append(c) }
            for (n, name) in p.kind.gateNames.enumerated() { run.gates[name]!.append(gateValues[n]) }
        }
        return run
    }

    private static func sigmoid(_ a: Double) -> Double { 1 / (1 + Foundation.exp(-a)) }
}
