/// Backpropagation through time for the vanilla RNN, h_t = tanh(a_t),
/// a_t = W_xh x_t + W_hh h_{t-1} + b_h.
enum VanillaRNNBackward {
    static func run(_ w: CellBuffers, _ s: TraceStorage, _ g: GradientBuffers) {
        let T = s.steps, B = s.batch, H = s.hiddenSize
        // W_hh as the right operand of dh_{t-1} = da_t W_hh
        let whh = PackedPanels(.rowMajor(w.wh.pointer.readOnly, cols: H), k: H, n: H)
        let dh = g.dhNext.pointer
        // the weights are shared by all steps: their gradients sum over steps (chunks of steps
        // summed as the walk finishes them): ∂L/∂W_xh = Σ_t da_tᵀ x_t, ∂L/∂W_hh = Σ_t da_tᵀ h_{t-1},
        // ∂L/∂b_h = Σ_t da_t; and ∂L/∂x_t = da_t W_xh
        let shared = SharedWeightGradients(g, x: s.x.pointer.readOnly, hPrev: s.hs.pointer.readOnly, wx: w.wx.pointer.readOnly)
        if GEMM.splitStepRows(m: B, n: H, k: H) {
            // a large batch: each thread walks its half of the batch back through the whole
            // sequence on its own (a row of dh_{t-1} needs only the same row of dh_t)
            shared.run(alongside: false) { _ in
                GEMM.twoRowHalves(B) { rows in
                    let n = rows.count * H, dhRows = dh + rows.lowerBound * H
                    for t in stride(from: T - 1, through: 0, by: -1) {
                        g.gatherHiddenGradient(step: t, rows: rows)
                        let r0 = t * B + rows.lowerBound
                        let h = s.hs.pointer + (r0 + B) * H, da = g.dA.pointer + r0 * H
                        for j in 0..<n { da[j] = dhRows[j] * (1 - h[j] * h[j]) }
                        dhRows.update(repeating: 0, count: n)
                        GEMM.multiplyAdd(m: rows.count, a: .rowMajor(da.readOnly, cols: H), b: whh, c: dhRows, ldc: H, singleThreaded: true)
                    }
                }
            }
            return
        }
        shared.run(alongside: !GEMM.stepUsesBothThreads(m: B, n: H, k: H, elementwise: 0)) { finished in
            for t in stride(from: T - 1, through: 0, by: -1) {
                // the total gradient reaching h_t: from the loss at t and from step t+1
                g.gatherHiddenGradient(step: t)
                let h = s.hs.pointer + (t + 1) * B * H, da = g.dA.pointer + t * B * H
                // backprop through tanh: da = dh ⊙ (1 − h_t²)
                for j in 0..<(B * H) { da[j] = dh[j] * (1 - h[j] * h[j]) }
                finished(t)
                // backprop through W_hh h_{t-1}: dh_{t-1} = da W_hh
                dh.update(repeating: 0, count: B * H)
                GEMM.multiplyAdd(m: B, a: .rowMajor(da.readOnly, cols: H), b: whh, c: dh, ldc: H)
            }
        }
    }
}
