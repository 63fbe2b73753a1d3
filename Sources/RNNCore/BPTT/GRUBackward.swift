/// Backpropagation through time for the GRU in both forms (see `GRUCell`).
///
/// Two gradient streams per step: `dA` for the input side (W_x x + b_x, blocks r, z, n) and
/// `dRec` for the recurrent side (W_h h + b_h). They differ only in the n block: with
/// resetAfter the recurrent part is scaled by r; in the Cho form it multiplies r ⊙ h_{t-1}.
enum GRUBackward {
    static func run(_ w: CellBuffers, _ s: TraceStorage, _ g: GradientBuffers, resetAfter: Bool) {
        let T = s.steps, B = s.batch, H = s.hiddenSize
        let G = 3 * H
        guard let act = s.act?.pointer, let aux = s.aux?.pointer, let dRec = g.dRec?.pointer else {
            preconditionFailure("GRU backward without gate buffers")
        }
        let forcedR = s.overridden[0], forcedZ = s.overridden[1], forcedN = s.overridden[2]
        let whPointer = w.wh.pointer.readOnly
        // the right operands of dh_{t-1} += dRec_t W_h: all three blocks, or r and z only (Cho)
        let wh = PackedPanels(.rowMajor(whPointer, cols: H), k: resetAfter ? G : 2 * H, n: H)
        // Cho form: W_hn, for ∂L/∂(r ⊙ h_{t-1}) = dA_n W_hn
        let whn = resetAfter ? nil : PackedPanels(.rowMajor(whPointer + 2 * H * H, cols: H), k: H, n: H)
        let dh = g.dhNext.pointer
        let drh = DoubleStorage(count: B * H)  // Cho form: ∂L/∂(r ⊙ h_{t-1})
        let direct = DoubleStorage(count: B * H)  // dh ⊙ z, the gradient that skips the cell
        // the input side's weights: gradients summed over steps (chunks of steps summed as the walk
        // finishes them): ∂L/∂W_x = Σ_t dA_tᵀ x_t, ∂L/∂b_x = Σ_t dA_t; and ∂L/∂x_t = dA_t W_x
        let shared = SharedWeightGradients(g, x: s.x.pointer.readOnly, hPrev: nil, wx: w.wx.pointer.readOnly)
        // one step back for the batch rows `part` (rows never depend on other rows)
        func step(_ t: Int, _ part: Range<Int>, singleThreaded: Bool) {
            let p0 = part.lowerBound
            let hPrev = s.hs.pointer + t * B * H
            for b in part {
                let gates = act + (t * B + b) * G
                let r = gates, z = gates + H, n = gates + 2 * H
                let da = g.dA.pointer + (t * B + b) * G, dr = dRec + (t * B + b) * G
                let dhb = dh + b * H, hp = hPrev + b * H, keep = aux + (t * B + b) * H, db = direct.pointer + b * H
                for j in 0..<H {
                    // backprop through h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n
                    let dN = dhb[j] * (1 - z[j])
                    let dZ = dhb[j] * (hp[j] - n[j])
                    db[j] = dhb[j] * z[j]
                    // backprop through tanh (n) and σ (z); a forced gate is a constant
                    let daN = forcedN ? 0 : dN * (1 - n[j] * n[j])
                    let daZ = forcedZ ? 0 : dZ * z[j] * (1 - z[j])
                    da[H + j] = daZ; dr[H + j] = daZ
                    da[2 * H + j] = daN
                    if resetAfter {
                        // backprop through r ⊙ (W_hn h + b_hn): to r, and to the recurrent part
                        let dR = daN * keep[j]
                        let daR = forcedR ? 0 : dR * r[j] * (1 - r[j])
                        da[j] = daR; dr[j] = daR
                        dr[2 * H + j] = daN * r[j]
                    } else {
                        dr[2 * H + j] = daN  // multiplies r ⊙ h_{t-1}, handled below
                    }
                }
            }
            if let whn {
                // Cho form: backprop through W_hn (r ⊙ h_{t-1}): ∂L/∂(r ⊙ h) = dA_n W_hn
                (drh.pointer + p0 * H).update(repeating: 0, count: part.count * H)
                GEMM.multiplyAdd(m: part.count, a: MatrixOperand((g.dA.pointer + (t * B + p0) * G + 2 * H).readOnly, rowStride: G, colStride: 1),
                                 b: whn, c: drh.pointer + p0 * H, ldc: H, singleThreaded: singleThreaded)
                for b in part {
                    let gates = act + (t * B + b) * G
                    let r = gates, hp = hPrev + b * H, d = drh.pointer + b * H
                    let da = g.dA.pointer + (t * B + b) * G, dr = dRec + (t * B + b) * G, db = direct.pointer + b * H
                    for j in 0..<H {
                        // backprop through r ⊙ h_{t-1}: to r, and straight to h_{t-1}
                        let daR = forcedR ? 0 : d[j] * hp[j] * r[j] * (1 - r[j])
                        da[j] = daR; dr[j] = daR
                        db[j] += d[j] * r[j]
                    }
                }
            }
            // dh_{t-1} = dh ⊙ z (+ the Cho path) + dRec_t W_h (r, z[, n] blocks)
            (dh + p0 * H).update(from: direct.pointer + p0 * H, count: part.count * H)
            GEMM.multiplyAdd(m: part.count, a: .rowMajor((dRec + (t * B + p0) * G).readOnly, cols: G), b: wh, c: dh + p0 * H, ldc: H,
                             singleThreaded: singleThreaded)
        }
        if GEMM.splitStepRows(m: B, n: H, k: G) {
            // a large batch: each thread walks its half of the batch back through the whole
            // sequence on its own
            shared.run(alongside: false) { _ in
                GEMM.twoRowHalves(B) { part in
                    for t in stride(from: T - 1, through: 0, by: -1) {
                        g.gatherHiddenGradient(step: t, rows: part)
                        step(t, part, singleThreaded: true)
                    }
                }
            }
        } else {
            shared.run(alongside: !GEMM.stepUsesBothThreads(m: B, n: H, k: G, elementwise: 0)) { finished in
                for t in stride(from: T - 1, through: 0, by: -1) {
                    // the total gradient reaching h_t: from the loss at t and from step t+1
                    g.gatherHiddenGradient(step: t)
                    step(t, 0..<B, singleThreaded: false)
                    finished(t)
                }
            }
        }
        let rows = T * B
        // ∂L/∂W_h = Σ_t dRec_tᵀ h_{t-1} (Cho: the n block against r ⊙ h_{t-1}); ∂L/∂b_h = Σ_t dRec_t
        let hsPrev = MatrixOperand.rowMajor(s.hs.pointer.readOnly, cols: H)
        if resetAfter {
            GEMM.multiplyAdd(m: G, n: H, k: rows, a: .transposed(dRec.readOnly, cols: G), b: hsPrev, c: g.dWh.pointer, ldc: H)
        } else {
            GEMM.multiplyAdd(m: 2 * H, n: H, k: rows, a: .transposed(dRec.readOnly, cols: G), b: hsPrev, c: g.dWh.pointer, ldc: H)
            GEMM.multiplyAdd(m: H, n: H, k: rows, a: .transposed((dRec + 2 * H).readOnly, cols: G),
                             b: .rowMajor(aux.readOnly, cols: H), c: g.dWh.pointer + 2 * H * H, ldc: H)
        }
        if let dbh = g.dbh { g.columnSums(dRec.readOnly, rows: rows, cols: G, into: dbh.pointer) }
    }
}
