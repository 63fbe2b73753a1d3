/// Backpropagation through time for the LSTM (gates i, f, g, o; see `LSTMCell`).
enum LSTMBackward {
    static func run(_ w: CellBuffers, _ s: TraceStorage, _ g: GradientBuffers) {
        let T = s.steps, B = s.batch, H = s.hiddenSize
        let G = 4 * H
        guard let act = s.act?.pointer, let cs = s.cs?.pointer, let dcBuffer = g.dc else {
            preconditionFailure("LSTM backward without gate or cell buffers")
        }
        let forcedI = s.overridden[0], forcedF = s.overridden[1], forcedG = s.overridden[2], forcedO = s.overridden[3]
        let wh = PackedPanels(.rowMajor(w.wh.pointer.readOnly, cols: H), k: G, n: H)
        let dh = g.dhNext.pointer, dcp = dcBuffer.pointer
        // backprop through the cell at step t for batch rows `rows` (rows are independent), given
        // the total ∂L/∂h_t in `dh`: writes dA_t and moves dc from c_t to c_{t-1}
        func elementwise(_ t: Int, _ rows: Range<Int>) {
            let cPrev = cs + t * B * H, cNow = cPrev + B * H
            // tanh(c_t) of one row, recomputed rather than stored (one buffer per thread)
            withUnsafeTemporaryAllocation(of: Double.self, capacity: H) { tanhBuffer in
                let tanhC = tanhBuffer.baseAddress!
                for b in rows {
                    let gates = act + (t * B + b) * G
                    let i = gates, f = gates + H, gg = gates + 2 * H, o = gates + 3 * H
                    let da = g.dA.pointer + (t * B + b) * G
                    let dai = da, daf = da + H, dag = da + 2 * H, dao = da + 3 * H
                    let dhb = dh + b * H, dcb = dcp + b * H, cp = cPrev + b * H, cn = cNow + b * H
                    Activations.tanh(cn.readOnly, tanhC, count: H)
                    for j in 0..<H {
                        let tc = tanhC[j]
                        // backprop through h_t = o ⊙ tanh(c_t)
                        let dO = dhb[j] * tc
                        // backprop through tanh(c_t), plus what reached c_t from c_{t+1}
                        let dC = dcb[j] + dhb[j] * o[j] * (1 - tc * tc)
                        // backprop through c_t = f ⊙ c_{t-1} + i ⊙ g
                        let dI = dC * gg[j], dF = dC * cp[j], dG = dC * i[j]
                        dcb[j] = dC * f[j]  // the cell path: ∂L/∂c_{t-1}
                        // backprop through σ (i, f, o) and tanh (g); a forced gate is a constant
                        dai[j] = forcedI ? 0 : dI * i[j] * (1 - i[j])
                        daf[j] = forcedF ? 0 : dF * f[j] * (1 - f[j])
                        dag[j] = forcedG ? 0 : dG * (1 - gg[j] * gg[j])
                        dao[j] = forcedO ? 0 : dO * o[j] * (1 - o[j])
                    }
                }
            }
        }
        // the weights are shared by all steps: their gradients sum over steps (chunks of steps
        // summed as the walk finishes them): ∂L/∂W_x = Σ_t dA_tᵀ x_t, ∂L/∂W_h = Σ_t dA_tᵀ h_{t-1},
        // ∂L/∂b = Σ_t dA_t; and ∂L/∂x_t = dA_t W_x
        let shared = SharedWeightGradients(g, x: s.x.pointer.readOnly, hPrev: s.hs.pointer.readOnly, wx: w.wx.pointer.readOnly)
        if GEMM.splitStepRows(m: B, n: H, k: G) {
            // S3: each thread walks its half of the batch back through all the steps on its own
            // (a row of dA_t and of dh_{t-1} = dA_t W_h needs only the same row of dh_t), so the
            // halves never wait for each other: one hand-over per pass instead of one per step
            shared.run(alongside: false) { _ in
                GEMM.twoRowHalves(B) { rows in
                    let dhRows = dh + rows.lowerBound * H
                    for t in stride(from: T - 1, through: 0, by: -1) {
                        // the total gradient reaching h_t: from the loss at t and from step t+1
                        g.gatherHiddenGradient(step: t, rows: rows)
                        elementwise(t, rows)
                        dhRows.update(repeating: 0, count: rows.count * H)
                        GEMM.multiplyAdd(m: rows.count, a: .rowMajor((g.dA.pointer + (t * B + rows.lowerBound) * G).readOnly, cols: G),
                                         b: wh, c: dhRows, ldc: H, singleThreaded: true)
                    }
                }
            }
            return
        }
        shared.run(alongside: !GEMM.stepUsesBothThreads(m: B, n: H, k: G, elementwise: B * G)) { finished in
            for t in stride(from: T - 1, through: 0, by: -1) {
                // the total gradient reaching h_t: from the loss at t and from step t+1
                g.gatherHiddenGradient(step: t)
                GEMM.forEachRowBlock(B, work: B * G) { rows in elementwise(t, rows) }
                // backprop through W_h h_{t-1}: dh_{t-1} = dA_t W_h
                dh.update(repeating: 0, count: B * H)
                GEMM.multiplyAdd(m: B, a: .rowMajor((g.dA.pointer + t * B * G).readOnly, cols: G), b: wh, c: dh, ldc: H)
                finished(t)
            }
        }
    }
}
