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
        // the input projections a = b_h + X W_xhᵀ of all steps, ahead of the walk
        let projection = InputProjection(into: pre, x: s.x.pointer.readOnly, wx: w.wx.pointer.readOnly, bias: w.bx?.pointer.readOnly,
                                         steps: T, batch: B, inputSize: D, width: H)
        if GEMM.splitStepRows(m: B, n: H, k: H) {
            // a large batch: each thread walks its half of the batch through the whole sequence
            // on its own (a row of h_t needs only the same row of h_{t-1})
            projection.run(alongside: false) { _ in
                GEMM.twoRowHalves(B) { rows in
                    for t in 0..<T {
                        let r0 = t * B + rows.lowerBound
                        let hPrev = s.hs.pointer + r0 * H, a = pre + r0 * H
                        GEMM.multiplyAdd(m: rows.count, a: .rowMajor(hPrev.readOnly, cols: H), b: whhT, c: a, ldc: H, singleThreaded: true)
                        Activations.tanh(a.readOnly, s.hs.pointer + (r0 + B) * H, count: rows.count * H)
                    }
                }
            }
            return
        }
        projection.run(alongside: !GEMM.stepUsesBothThreads(m: B, n: H, k: H, elementwise: 0)) { projected in
            for t in 0..<T {
                projected(t)
                let hPrev = s.hs.pointer + t * B * H
                let a = pre + t * B * H
                // the recurrence: a_t += h_{t-1} W_hhᵀ
                GEMM.multiplyAdd(m: B, a: .rowMajor(hPrev.readOnly, cols: H), b: whhT, c: a, ldc: H)
                // h_t = tanh(a_t)
                Activations.tanh(a.readOnly, hPrev + B * H, count: B * H)
            }
        }
    }
}
