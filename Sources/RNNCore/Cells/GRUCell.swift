/// The GRU (Cho et al. 2014), gates in the canonical block order r, z, n:
///
///     r = σ(W_xr x_t + b_xr + W_hr h_{t-1} + b_hr)   reset gate
///     z = σ(W_xz x_t + b_xz + W_hz h_{t-1} + b_hz)   update gate
///     n = tanh(W_xn x_t + b_xn + r ⊙ (W_hn h_{t-1} + b_hn))   (resetAfter: Keras default, PyTorch)
///     n = tanh(W_xn x_t + b_xn + W_hn (r ⊙ h_{t-1}) + b_hn)   (Cho form, Keras reset_after=False)
///     h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n
enum GRUCell {
    static func forward(_ w: CellBuffers, _ s: TraceStorage, forced: [Double?], resetAfter: Bool) {
        let T = s.steps, B = s.batch, D = s.inputSize, H = s.hiddenSize
        let G = 3 * H
        guard let act = s.act?.pointer, let aux = s.aux?.pointer else { preconditionFailure("GRU trace without gate buffers") }
        let pre = s.pre.pointer  // (T·B × 3H)
        // the input projections A = b_x + X W_xᵀ of all steps, ahead of the walk
        let projection = InputProjection(into: pre, x: s.x.pointer.readOnly, wx: w.wx.pointer.readOnly, bias: w.bx?.pointer.readOnly,
                                         steps: T, batch: B, inputSize: D, width: G)
        // the recurrent part of one step: resetAfter all three blocks, Cho form only r and z
        let recWidth = resetAfter ? G : 2 * H
        let whT = PackedPanels(.transposed(w.wh.pointer.readOnly, cols: H), k: H, n: recWidth)
        // Cho form: W_hnᵀ alone, applied to r ⊙ h_{t-1}
        let whnT = resetAfter ? nil : PackedPanels(.transposed(w.wh.pointer.readOnly + 2 * H * H, cols: H), k: H, n: H)
        // one step for batch rows `rows`, with `rec` a scratch of rows.count × G
        func step(_ t: Int, _ rows: Range<Int>, rec: UnsafeMutablePointer<Double>, singleThreaded: Bool) {
            let r0 = rows.lowerBound
            let hPrev = s.hs.pointer + t * B * H, hNext = hPrev + B * H
            let a = pre + t * B * G, gates = act + t * B * G, extra = aux + t * B * H
            // the recurrence: R = h_{t-1} W_hᵀ + b_h
            fillRows(rec, rows: rows.count, cols: recWidth, with: w.bh?.pointer.readOnly)
            GEMM.multiplyAdd(m: rows.count, a: .rowMajor((hPrev + r0 * H).readOnly, cols: H), b: whT, c: rec, ldc: recWidth,
                             singleThreaded: singleThreaded)
            for b in rows {
                let ab = a + b * G, gb = gates + b * G, rb = rec + (b - r0) * recWidth
                // r and z: σ of input part + recurrent part
                for j in 0..<(2 * H) { ab[j] += rb[j] }
                Activations.sigmoid(ab.readOnly, gb, count: 2 * H)
                for block in 0..<2 { if let value = forced[block] { (gb + block * H).update(repeating: value, count: H) } }
                if resetAfter {
                    // n's argument: W_xn x + b_xn + r ⊙ (W_hn h + b_hn); keep W_hn h + b_hn for BPTT
                    let r = gb, recN = rb + 2 * H, keep = extra + b * H
                    for j in 0..<H {
                        keep[j] = recN[j]
                        ab[2 * H + j] += r[j] * recN[j]
                    }
                } else {
                    // Cho form: keep r ⊙ h_{t-1}; its product with W_hnᵀ follows for all the rows
                    let r = gb, hp = hPrev + b * H, keep = extra + b * H
                    for j in 0..<H { keep[j] = r[j] * hp[j] }
                }
            }
            if let whnT {
                // n's argument += (r ⊙ h_{t-1}) W_hnᵀ + b_hn
                fillRows(rec, rows: rows.count, cols: H, with: w.bh.map { $0.pointer.readOnly + 2 * H })
                GEMM.multiplyAdd(m: rows.count, a: .rowMajor((extra + r0 * H).readOnly, cols: H), b: whnT, c: rec, ldc: H,
                                 singleThreaded: singleThreaded)
                for b in rows {
                    let an = a + b * G + 2 * H, rn = rec + (b - r0) * H
                    for j in 0..<H { an[j] += rn[j] }
                }
            }
            for b in rows {
                let ab = a + b * G, gb = gates + b * G
                // n = tanh(argument)
                Activations.tanh((ab + 2 * H).readOnly, gb + 2 * H, count: H)
                if let value = forced[2] { (gb + 2 * H).update(repeating: value, count: H) }
                let z = gb + H, n = gb + 2 * H, hp = hPrev + b * H, hn = hNext + b * H
                for j in 0..<H {
                    // h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n
                    hn[j] = z[j] * hp[j] + (1 - z[j]) * n[j]
                }
            }
        }
        if GEMM.splitStepRows(m: B, n: recWidth, k: H) {
            // a large batch: each thread walks its half of the batch through the whole sequence
            // on its own (a row of h_t needs only the same row of h_{t-1}), with its own scratch
            projection.run(alongside: false) { _ in
                GEMM.twoRowHalves(B) { rows in
                    let rec = DoubleStorage(count: rows.count * G)
                    for t in 0..<T { step(t, rows, rec: rec.pointer, singleThreaded: true) }
                }
            }
            return
        }
        let rec = DoubleStorage(count: B * G)  // (B × recWidth) or (B × H) for W_hn (r ⊙ h)
        projection.run(alongside: !GEMM.stepUsesBothThreads(m: B, n: recWidth, k: H, elementwise: 0)) { projected in
            for t in 0..<T {
                projected(t)
                step(t, 0..<B, rec: rec.pointer, singleThreaded: false)
            }
        }
    }
}
