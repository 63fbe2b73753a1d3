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
