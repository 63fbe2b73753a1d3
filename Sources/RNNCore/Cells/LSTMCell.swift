/// The LSTM of the lecture (Hochreiter & Schmidhuber), forward and backward, gates in the
/// canonical block order i, f, g, o:
///
///     i = σ(W_xi x_t + W_hi h_{t-1} + b_i)      input gate
///     f = σ(W_xf x_t + W_hf h_{t-1} + b_f)      forget gate
///     g = tanh(W_xg x_t + W_hg h_{t-1} + b_g)   candidate
///     o = σ(W_xo x_t + W_ho h_{t-1} + b_o)      output gate
///     c_t = f ⊙ c_{t-1} + i ⊙ g
///     h_t = o ⊙ tanh(c_t)
///
/// computed for a batch as `A_t = b + x_t W_xᵀ + h_{t-1} W_hᵀ` (B × 4H, blocks i, f, g, o).
/// Each step is written once, for the batch rows it is given; `SequenceWalker` decides which
/// rows and threads run it.
enum LSTMCell {
    static func forward(_ w: CellBuffers, _ s: TraceStorage, forced: [Double?]) {
        let T = s.steps, B = s.batch, D = s.inputSize, H = s.hiddenSize
        let G = 4 * H
        guard let gates = s.act?.pointer, let c = s.cs?.pointer else { preconditionFailure("LSTM trace without gate or cell buffers") }
        let A = s.pre.pointer, h = s.hs.pointer  // A: (T·B × 4H); h and c: slot 0 is the initial state, slot t+1 step t's
        let W_hT = PackedPanels(.transposed(w.wh.pointer.readOnly, cols: H), k: H, n: G)
        // the input side of every step, b + x_t W_xᵀ, before the recurrence reaches it
        let projection = InputProjection(into: A, x: s.x.pointer.readOnly, wx: w.wx.pointer.readOnly, bias: w.bx?.pointer.readOnly,
                                         steps: T, batch: B, inputSize: D, width: G)
        let shape = StepShape(batch: B, columns: G, depth: H, elementwise: B * G)
        // a batch split in halves projects inside the step: A_t never leaves the thread's cache
        SequenceWalker.forward(steps: T, shape, projection: projection, projectInStep: true) { t, part in
            let r0 = t * B + part.rows.lowerBound
            // the recurrence: A_t += h_{t-1} W_hᵀ
            part.multiplyAdd(.rowMajor((h + r0 * H).readOnly, cols: H), W_hT, into: A + r0 * G, ldc: G)
            part.forEachRowBlock { rows in
                for b in rows {
                    let row = t * B + b
                    let a = (A + row * G).readOnly, act = gates + row * G
                    // the nonlinearities: σ for i, f, o; tanh for the candidate g
                    Activations.sigmoid(a, act, count: 2 * H)
                    Activations.tanh(a + 2 * H, act + 2 * H, count: H)
                    Activations.sigmoid(a + 3 * H, act + 3 * H, count: H)
                    for (block, value) in forced.enumerated() {
                        if let value { (act + block * H).update(repeating: value, count: H) }
                    }
                    let i = act, f = act + H, g = act + 2 * H, o = act + 3 * H
                    let c_prev = c + row * H, c_t = c_prev + B * H, h_t = h + (row + B) * H
                    // c_t = f ⊙ c_{t-1} + i ⊙ g
                    for j in 0..<H { c_t[j] = f[j] * c_prev[j] + i[j] * g[j] }
                    // h_t = o ⊙ tanh(c_t)
                    Activations.tanh(c_t.readOnly, h_t, count: H)
                    for j in 0..<H { h_t[j] *= o[j] }
                }
            }
        }
    }

    /// Backpropagation through time: dA (the gradients of the A_t, blocks i, f, g, o), dh_0,
    /// dc_0, and through `SharedWeightGradients` ∂L/∂W_x = Σ_t dA_tᵀ x_t,
    /// ∂L/∂W_h = Σ_t dA_tᵀ h_{t-1}, ∂L/∂b = Σ_t dA_t and ∂L/∂x_t = dA_t W_x.
    static func backward(_ w: CellBuffers, _ s: TraceStorage, _ grads: GradientBuffers) {
        let T = s.steps, B = s.batch, H = s.hiddenSize
        let G = 4 * H
        guard let gates = s.act?.pointer, let c = s.cs?.pointer, let dcBuffer = grads.dc else {
            preconditionFailure("LSTM backward without gate or cell buffers")
        }
        // a gate forced to a constant passes no gradient to its pre-activation
        let forcedI = s.overridden[0], forcedF = s.overridden[1], forcedG = s.overridden[2], forcedO = s.overridden[3]
        // W_h as the right operand of dh_{t-1} = dA_t W_h
        let W_h = PackedPanels(.rowMajor(w.wh.pointer.readOnly, cols: H), k: G, n: H)
        // dhAll: the total ∂L/∂h_t (gathered by the walker), then ∂L/∂h_{t-1}; dcAll: ∂L/∂c_t, then ∂L/∂c_{t-1}
        let dhAll = grads.dhNext.pointer, dcAll = dcBuffer.pointer, dA = grads.dA.pointer
        let shared = SharedWeightGradients(grads, x: s.x.pointer.readOnly, hPrev: s.hs.pointer.readOnly, wx: w.wx.pointer.readOnly)
        let shape = StepShape(batch: B, columns: H, depth: G, elementwise: B * G)
        SequenceWalker.backward(steps: T, shape, gradients: grads, shared: shared) { t, part in
            // through the cell, row by row (rows are independent): dA_t, and dc moves from c_t to c_{t-1}
            part.forEachRowBlock { rows in
                // tanh(c_t) of one row, recomputed rather than stored (one buffer per thread)
                withUnsafeTemporaryAllocation(of: Double.self, capacity: H) { tanhBuffer in
                    for b in rows {
                        let row = t * B + b
                        backwardRow(H, gates: gates + row * G, c_prev: c + row * H, c_t: c + (row + B) * H,
                                    dh: dhAll + b * H, dc: dcAll + b * H, da: dA + row * G, tanh_c: tanhBuffer.baseAddress!,
                                    forced: (forcedI, forcedF, forcedG, forcedO))
                    }
                }
            }
            // backprop through h_{t-1} W_hᵀ: dh_{t-1} = dA_t W_h
            let b0 = part.rows.lowerBound, dh = dhAll + b0 * H
            dh.update(repeating: 0, count: part.rows.count * H)
            part.multiplyAdd(.rowMajor((dA + (t * B + b0) * G).readOnly, cols: G), W_h, into: dh, ldc: H)
        }
    }

    /// Backprop through one row of one step (H units): from the total ∂L/∂h_t in `dh` and
    /// ∂L/∂c_t in `dc`, writes the row's dA_t (blocks i, f, g, o) and leaves ∂L/∂c_{t-1} in `dc`.
    /// `c_prev` and `c_t` are the row's c_{t-1} and c_t; `tanh_c` is scratch for H values.
    /// Not inlined: as its own function the vectoriser checks the row's pointers for overlap once
    /// per row; inlined into the walk it hoisted one check over all the rows, where the interleaved
    /// gate blocks of different rows overlap, and fell back to scalar code (4.6x the instructions).
    @inline(never)
    private static func backwardRow(_ H: Int, gates: UnsafeMutablePointer<Double>,
                                    c_prev: UnsafeMutablePointer<Double>, c_t: UnsafeMutablePointer<Double>,
                                    dh: UnsafeMutablePointer<Double>, dc: UnsafeMutablePointer<Double>,
                                    da: UnsafeMutablePointer<Double>, tanh_c: UnsafeMutablePointer<Double>, forced: (i: Bool, f: Bool, g: Bool, o: Bool)) {
        let i = gates, f = gates + H, g = gates + 2 * H, o = gates + 3 * H
        let da_i = da, da_f = da + H, da_g = da + 2 * H, da_o = da + 3 * H
        Activations.tanh(c_t.readOnly, tanh_c, count: H)
        for j in 0..<H {
            let tc = tanh_c[j]
            // backprop through h_t = o ⊙ tanh(c_t): to o
            let dO = dh[j] * tc
            // and through tanh(c_t) (tanh' = 1 − tanh²), plus what reached c_t from c_{t+1}
            let dC = dc[j] + dh[j] * o[j] * (1 - tc * tc)
            // backprop through c_t = f ⊙ c_{t-1} + i ⊙ g: to i, f, g
            let dI = dC * g[j], dF = dC * c_prev[j], dG = dC * i[j]
            // and to c_{t-1}, the cell path: dc_{t-1} = dc_t ⊙ f
            dc[j] = dC * f[j]
            // backprop through σ (σ' = σ(1 − σ)) for i, f, o and tanh for g; a forced gate is a constant
            da_i[j] = forced.i ? 0 : dI * i[j] * (1 - i[j])
            da_f[j] = forced.f ? 0 : dF * f[j] * (1 - f[j])
            da_g[j] = forced.g ? 0 : dG * (1 - g[j] * g[j])
            da_o[j] = forced.o ? 0 : dO * o[j] * (1 - o[j])
        }
    }
}
