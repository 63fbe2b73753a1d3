/// The GRU (Cho et al. 2014), forward and backward, gates in the canonical block order r, z, n:
///
///     r = σ(W_xr x_t + b_xr + W_hr h_{t-1} + b_hr)   reset gate
///     z = σ(W_xz x_t + b_xz + W_hz h_{t-1} + b_hz)   update gate
///     n = tanh(W_xn x_t + b_xn + r ⊙ (W_hn h_{t-1} + b_hn))   (resetAfter: Keras default, PyTorch)
///     n = tanh(W_xn x_t + b_xn + W_hn (r ⊙ h_{t-1}) + b_hn)   (Cho form, Keras reset_after=False)
///     h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n
///
/// computed for a batch with an input side `A_t = b_x + x_t W_xᵀ` and a recurrent side
/// `R_t = b_h + h_{t-1} W_hᵀ` (blocks r, z, n; the Cho form's n block is `b_hn + (r ⊙ h_{t-1}) W_hnᵀ`).
/// Each step is written once, for the batch rows it is given; `SequenceWalker` decides which
/// rows and threads run it.
enum GRUCell {
    static func forward(_ w: CellBuffers, _ s: TraceStorage, forced: [Double?], resetAfter: Bool) {
        let T = s.steps, B = s.batch, D = s.inputSize, H = s.hiddenSize
        let G = 3 * H
        guard let gates = s.act?.pointer, let aux = s.aux?.pointer else { preconditionFailure("GRU trace without gate buffers") }
        let A = s.pre.pointer, h = s.hs.pointer  // A: (T·B × 3H); h: slot 0 is h_0, slot t+1 is h_t
        let b_h = w.bh?.pointer.readOnly
        // the input side of every step, A_t = b_x + x_t W_xᵀ, before the recurrence reaches it
        let projection = InputProjection(into: A, x: s.x.pointer.readOnly, wx: w.wx.pointer.readOnly, bias: w.bx?.pointer.readOnly,
                                         steps: T, batch: B, inputSize: D, width: G)
        // the recurrent product of one step: resetAfter all three blocks, the Cho form only r and z
        let recWidth = resetAfter ? G : 2 * H
        let W_hT = PackedPanels(.transposed(w.wh.pointer.readOnly, cols: H), k: H, n: recWidth)
        // Cho form: W_hnᵀ alone, applied to r ⊙ h_{t-1}
        let W_hnT = resetAfter ? nil : PackedPanels(.transposed(w.wh.pointer.readOnly + 2 * H * H, cols: H), k: H, n: H)
        // the scratch R (rows × recWidth, or rows × H for the Cho form's n block)
        SequenceWalker.forward(steps: T, StepShape(batch: B, columns: recWidth, depth: H), projection: projection,
                               scratchPerRow: G) { t, part in
            let b0 = part.rows.lowerBound, R = part.scratch
            let h_prev = h + t * B * H, h_next = h_prev + B * H
            // keep (per row, H): W_hn h_{t-1} + b_hn (resetAfter) or r ⊙ h_{t-1} (Cho), for BPTT
            let A_t = A + t * B * G, act_t = gates + t * B * G, keep_t = aux + t * B * H
            // the recurrence: R = b_h + h_{t-1} W_hᵀ
            fillRows(R, rows: part.rows.count, cols: recWidth, with: b_h)
            part.multiplyAdd(.rowMajor((h_prev + b0 * H).readOnly, cols: H), W_hT, into: R, ldc: recWidth)
            for b in part.rows {
                let a = A_t + b * G, act = act_t + b * G, rec = R + (b - b0) * recWidth
                // r and z: σ of the input side plus the recurrent side
                for j in 0..<(2 * H) { a[j] += rec[j] }
                Activations.sigmoid(a.readOnly, act, count: 2 * H)
                for block in 0..<2 { if let value = forced[block] { (act + block * H).update(repeating: value, count: H) } }
                let r = act, keep = keep_t + b * H
                if resetAfter {
                    // n's argument: W_xn x + b_xn + r ⊙ (W_hn h + b_hn)
                    let rec_n = rec + 2 * H
                    for j in 0..<H {
                        keep[j] = rec_n[j]
                        a[2 * H + j] += r[j] * rec_n[j]
                    }
                } else {
                    // Cho form: r ⊙ h_{t-1}; its product with W_hnᵀ follows for all the rows
                    let hp = h_prev + b * H
                    for j in 0..<H { keep[j] = r[j] * hp[j] }
                }
            }
            if let W_hnT {
                // Cho form: n's argument += b_hn + (r ⊙ h_{t-1}) W_hnᵀ
                fillRows(R, rows: part.rows.count, cols: H, with: b_h.map { $0 + 2 * H })
                part.multiplyAdd(.rowMajor((keep_t + b0 * H).readOnly, cols: H), W_hnT, into: R, ldc: H)
                for b in part.rows {
                    let a_n = A_t + b * G + 2 * H, rec_n = R + (b - b0) * H
                    for j in 0..<H { a_n[j] += rec_n[j] }
                }
            }
            for b in part.rows {
                let a = A_t + b * G, act = act_t + b * G
                // n = tanh(its argument)
                Activations.tanh((a + 2 * H).readOnly, act + 2 * H, count: H)
                if let value = forced[2] { (act + 2 * H).update(repeating: value, count: H) }
                let z = act + H, n = act + 2 * H, hp = h_prev + b * H, h_t = h_next + b * H
                // h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n
                for j in 0..<H { h_t[j] = z[j] * hp[j] + (1 - z[j]) * n[j] }
            }
        }
    }

    /// Backpropagation through time, in two gradient streams per step: `dA` for the input side
    /// (W_x x + b_x, blocks r, z, n) and `dRec` for the recurrent side (W_h h + b_h). They differ
    /// only in the n block: with resetAfter the recurrent part is scaled by r; in the Cho form it
    /// multiplies r ⊙ h_{t-1}. Through `SharedWeightGradients` ∂L/∂W_x = Σ_t dA_tᵀ x_t,
    /// ∂L/∂b_x = Σ_t dA_t and ∂L/∂x_t = dA_t W_x; after the walk ∂L/∂W_h and ∂L/∂b_h from dRec.
    static func backward(_ w: CellBuffers, _ s: TraceStorage, _ g: GradientBuffers, resetAfter: Bool) {
        let T = s.steps, B = s.batch, H = s.hiddenSize
        let G = 3 * H
        guard let gates = s.act?.pointer, let aux = s.aux?.pointer, let dRec = g.dRec?.pointer else {
            preconditionFailure("GRU backward without gate buffers")
        }
        // a gate forced to a constant passes no gradient to its pre-activation
        let forcedR = s.overridden[0], forcedZ = s.overridden[1], forcedN = s.overridden[2]
        let W_hPointer = w.wh.pointer.readOnly
        // the right operands of dh_{t-1} += dRec_t W_h: all three blocks, or r and z only (Cho)
        let W_h = PackedPanels(.rowMajor(W_hPointer, cols: H), k: resetAfter ? G : 2 * H, n: H)
        // Cho form: W_hn, for ∂L/∂(r ⊙ h_{t-1}) = dA_n W_hn
        let W_hn = resetAfter ? nil : PackedPanels(.rowMajor(W_hPointer + 2 * H * H, cols: H), k: H, n: H)
        // dhAll: the total ∂L/∂h_t (gathered by the walker), then ∂L/∂h_{t-1}
        let dhAll = g.dhNext.pointer, dA = g.dA.pointer, h = s.hs.pointer
        let shared = SharedWeightGradients(g, x: s.x.pointer.readOnly, hPrev: nil, wx: w.wx.pointer.readOnly)
        // scratch per row: ∂L/∂(r ⊙ h_{t-1}) (Cho form), then dh ⊙ z, the gradient that skips the cell
        SequenceWalker.backward(steps: T, StepShape(batch: B, columns: H, depth: G), gradients: g, shared: shared,
                                scratchPerRow: 2 * H) { t, part in
            let b0 = part.rows.lowerBound
            let drh = part.scratch, direct = part.scratch + part.rows.count * H
            let h_prev = h + t * B * H
            for b in part.rows {
                let row = t * B + b
                backwardRow(H, gates: gates + row * G, h_prev: h_prev + b * H, keep: aux + row * H, dh: dhAll + b * H,
                            skip: direct + (b - b0) * H, da: dA + row * G, dr: dRec + row * G, resetAfter: resetAfter,
                            forced: (forcedR, forcedZ, forcedN))
            }
            if let W_hn {
                // Cho form: backprop through (r ⊙ h_{t-1}) W_hnᵀ: ∂L/∂(r ⊙ h) = dA_n W_hn
                drh.update(repeating: 0, count: part.rows.count * H)
                part.multiplyAdd(MatrixOperand((dA + (t * B + b0) * G + 2 * H).readOnly, rowStride: G, colStride: 1), W_hn,
                                 into: drh, ldc: H)
                for b in part.rows {
                    let row = t * B + b
                    backwardChoRow(H, r: gates + row * G, h_prev: h_prev + b * H, drh: drh + (b - b0) * H,
                                   skip: direct + (b - b0) * H, da: dA + row * G, dr: dRec + row * G, forcedR: forcedR)
                }
            }
            // dh_{t-1} = dh ⊙ z (+ the Cho path) + dRec_t W_h (r, z[, n] blocks)
            let dh = dhAll + b0 * H
            dh.update(from: direct, count: part.rows.count * H)
            part.multiplyAdd(.rowMajor((dRec + (t * B + b0) * G).readOnly, cols: G), W_h, into: dh, ldc: H)
        }
        let rows = T * B
        // ∂L/∂W_h = Σ_t dRec_tᵀ h_{t-1} (Cho: the n block against r ⊙ h_{t-1}); ∂L/∂b_h = Σ_t dRec_t
        let hsPrev = MatrixOperand.rowMajor(h.readOnly, cols: H)
        if resetAfter {
            GEMM.multiplyAdd(m: G, n: H, k: rows, a: .transposed(dRec.readOnly, cols: G), b: hsPrev, c: g.dWh.pointer, ldc: H)
        } else {
            GEMM.multiplyAdd(m: 2 * H, n: H, k: rows, a: .transposed(dRec.readOnly, cols: G), b: hsPrev, c: g.dWh.pointer, ldc: H)
            GEMM.multiplyAdd(m: H, n: H, k: rows, a: .transposed((dRec + 2 * H).readOnly, cols: G),
                             b: .rowMajor(aux.readOnly, cols: H), c: g.dWh.pointer + 2 * H * H, ldc: H)
        }
        if let dbh = g.dbh { g.columnSums(dRec.readOnly, rows: rows, cols: G, into: dbh.pointer) }
    }

    /// Backprop through one row of one step (H units), from the total ∂L/∂h_t in `dh`: writes the
    /// row's dA_t and dRec_t (r, z, n; in the Cho form dRec's n block and both r blocks wait for
    /// `backwardChoRow`) and dh ⊙ z into `skip`. `keep` is what the forward kept: W_hn h_{t-1} +
    /// b_hn (resetAfter) or r ⊙ h_{t-1} (Cho). Not inlined, so that the vectoriser checks this
    /// row's pointers for overlap (see `LSTMCell.backwardRow`).
    @inline(never)
    private static func backwardRow(_ H: Int, gates: UnsafeMutablePointer<Double>, h_prev: UnsafeMutablePointer<Double>,
                                    keep: UnsafeMutablePointer<Double>, dh: UnsafeMutablePointer<Double>,
                                    skip: UnsafeMutablePointer<Double>, da: UnsafeMutablePointer<Double>,
                                    dr: UnsafeMutablePointer<Double>, resetAfter: Bool, forced: (r: Bool, z: Bool, n: Bool)) {
        let r = gates, z = gates + H, n = gates + 2 * H
        for j in 0..<H {
            // backprop through h_t = z ⊙ h_{t-1} + (1 − z) ⊙ n: to n, z and (directly) h_{t-1}
            let dN = dh[j] * (1 - z[j])
            let dZ = dh[j] * (h_prev[j] - n[j])
            skip[j] = dh[j] * z[j]
            // backprop through tanh (n: tanh' = 1 − n²) and σ (z: σ' = z(1 − z)); a forced gate is a constant
            let daN = forced.n ? 0 : dN * (1 - n[j] * n[j])
            let daZ = forced.z ? 0 : dZ * z[j] * (1 - z[j])
            da[H + j] = daZ; dr[H + j] = daZ
            da[2 * H + j] = daN
            if resetAfter {
                // backprop through r ⊙ (W_hn h + b_hn): to r (through σ), and to the recurrent part
                let dR = daN * keep[j]
                let daR = forced.r ? 0 : dR * r[j] * (1 - r[j])
                da[j] = daR; dr[j] = daR
                dr[2 * H + j] = daN * r[j]
            } else {
                dr[2 * H + j] = daN  // multiplies r ⊙ h_{t-1}: see backwardChoRow
            }
        }
    }

    /// The Cho form's last part of one row: from `drh` = ∂L/∂(r ⊙ h_{t-1}) (= dA_n W_hn), backprop
    /// through r ⊙ h_{t-1} to r (the r blocks of dA_t and dRec_t) and straight to h_{t-1} (`skip`).
    @inline(never)
    private static func backwardChoRow(_ H: Int, r: UnsafeMutablePointer<Double>, h_prev: UnsafeMutablePointer<Double>,
                                       drh: UnsafeMutablePointer<Double>, skip: UnsafeMutablePointer<Double>,
                                       da: UnsafeMutablePointer<Double>, dr: UnsafeMutablePointer<Double>, forcedR: Bool) {
        for j in 0..<H {
            // backprop through r ⊙ h_{t-1}: to r (through σ), and straight to h_{t-1}
            let daR = forcedR ? 0 : drh[j] * h_prev[j] * r[j] * (1 - r[j])
            da[j] = daR; dr[j] = daR
            skip[j] += drh[j] * r[j]
        }
    }
}
