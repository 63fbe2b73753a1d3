/// The LSTM of the lecture (Hochreiter & Schmidhuber), gates in the canonical block order
/// i, f, g, o:
///
///     i = σ(W_xi x_t + W_hi h_{t-1} + b_i)      input gate
///     f = σ(W_xf x_t + W_hf h_{t-1} + b_f)      forget gate
///     g = tanh(W_xg x_t + W_hg h_{t-1} + b_g)   candidate
///     o = σ(W_xo x_t + W_ho h_{t-1} + b_o)      output gate
///     c_t = f ⊙ c_{t-1} + i ⊙ g
///     h_t = o ⊙ tanh(c_t)
enum LSTMCell {
    static func forward(_ w: CellBuffers, _ s: TraceStorage, forced: [Double?]) {
        let T = s.steps, B = s.batch, D = s.inputSize, H = s.hiddenSize
        let G = 4 * H
        guard let act = s.act?.pointer, let cs = s.cs?.pointer else { preconditionFailure("LSTM trace without gate or cell buffers") }
        let whT = PackedPanels(.transposed(w.wh.pointer.readOnly, cols: H), k: H, n: G)
        let pre = s.pre.pointer  // (T·B × 4H)
        let bias = w.bx?.pointer.readOnly
        // the nonlinearities and the state update of step t for batch rows `rows` (rows are independent)
        func elementwise(_ t: Int, _ rows: Range<Int>) {
            let hNext = s.hs.pointer + (t + 1) * B * H
            let cPrev = cs + t * B * H, cNext = cPrev + B * H
            let a = pre + t * B * G, gates = act + t * B * G
            for b in rows {
                let ab = (a + b * G).readOnly, gb = gates + b * G
                // nonlinearities: σ for i, f, o; tanh for the candidate g
                Activations.sigmoid(ab, gb, count: 2 * H)
                Activations.tanh(ab + 2 * H, gb + 2 * H, count: H)
                Activations.sigmoid(ab + 3 * H, gb + 3 * H, count: H)
                for (block, value) in forced.enumerated() {
                    if let value { (gb + block * H).update(repeating: value, count: H) }
                }
                let i = gb, f = gb + H, g = gb + 2 * H, o = gb + 3 * H
                let cp = cPrev + b * H, cn = cNext + b * H, hn = hNext + b * H
                // c_t = f ⊙ c_{t-1} + i ⊙ g
                for j in 0..<H { cn[j] = f[j] * cp[j] + i[j] * g[j] }
                // h_t = o ⊙ tanh(c_t)
                Activations.tanh(cn.readOnly, hn, count: H)
                for j in 0..<H { hn[j] *= o[j] }
            }
        }
        if GEMM.splitStepRows(m: B, n: G, k: H) {
            // S3: each thread walks its half of the batch through all the steps on its own (a row
            // of h_t needs only the same row of h_{t-1}), so the halves never wait for each other.
            // At each step: its rows of A_t = b + x_t W_xᵀ + h_{t-1} W_hᵀ (the same operations in
            // the same order as the whole-sequence projection, so the same bits), which never
            // leave the thread's cache, then their nonlinearities
            let wxT = PackedPanels(.transposed(w.wx.pointer.readOnly, cols: D), k: D, n: G)
            GEMM.twoRowHalves(B) { rows in
                for t in 0..<T {
                    let hPrev = s.hs.pointer + t * B * H, aRows = pre + (t * B + rows.lowerBound) * G
                    fillRows(aRows, rows: rows.count, cols: G, with: bias)
                    GEMM.multiplyAdd(m: rows.count, a: .rowMajor((s.x.pointer + (t * B + rows.lowerBound) * D).readOnly, cols: D),
                                     b: wxT, c: aRows, ldc: G, singleThreaded: true)
                    GEMM.multiplyAdd(m: rows.count, a: .rowMajor((hPrev + rows.lowerBound * H).readOnly, cols: H), b: whT,
                                     c: aRows, ldc: G, singleThreaded: true)
                    elementwise(t, rows)
                }
            }
            return
        }
        // the input projections A = b + X W_xᵀ of all steps, ahead of the walk
        let projection = InputProjection(into: pre, x: s.x.pointer.readOnly, wx: w.wx.pointer.readOnly, bias: bias,
                                         steps: T, batch: B, inputSize: D, width: G)
        projection.run(alongside: !GEMM.stepUsesBothThreads(m: B, n: G, k: H, elementwise: B * G)) { projected in
            for t in 0..<T {
                projected(t)
                // the recurrence: A_t += h_{t-1} W_hᵀ
                GEMM.multiplyAdd(m: B, a: .rowMajor((s.hs.pointer + t * B * H).readOnly, cols: H), b: whT, c: pre + t * B * G, ldc: G)
                GEMM.forEachRowBlock(B, work: B * G) { rows in elementwise(t, rows) }
            }
        }
    }
}
