/// The vanilla (Elman) RNN of the lecture:
///
///     h_t = tanh(W_hh h_{t-1} + W_xh x_t + b_h)
///
/// computed for a batch as `a_t = x_t W_xhᵀ + h_{t-1} W_hhᵀ + b_h`, `h_t = tanh(a_t)`.
enum VanillaRNNCell {
    static func forward(_ w: CellBuffers, _ s: TraceStorage) {
        let T = s.steps, B = s.batch, D = s.inputSize, H = s.hiddenSize
        // W_hhᵀ packed once, reused at every step
        let whhT = PackedPanels(.transposed(w.wh.pointer.readOnly, cols: H), k: H, n: H)
        let pre = s.pre.pointer  // (T·B × H)
        fillRows(pre, rows: T * B, cols: H, with: w.bx?.pointer.readOnly)
        // the input projection of all steps as one GEMM: a += X W_xhᵀ
        GEMM.multiplyAdd(m: T * B, n: H, k: D, a: .rowMajor(s.x.pointer.readOnly, cols: D),
                         b: .transposed(w.wx.pointer.readOnly, cols: D), c: pre, ldc: H)
        for t in 0..<T {
            let hPrev = s.hs.pointer + t * B * H
            let a = pre + t * B * H
            // the recurrence: a_t += h_{t-1} W_hhᵀ
            GEMM.multiplyAdd(m: B, a: .rowMajor(hPrev.readOnly, cols: H), b: whhT, c: a, ldc: H)
            // h_t = tanh(a_t)
            Activations.tanh(a.readOnly, hPrev + B * H, count: B * H)
        }
    }
}
