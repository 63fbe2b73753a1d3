/// The vanilla (Elman) RNN of the lecture, forward and backward:
///
///     a_t = W_xh x_t + W_hh h_{t-1} + b_h
///     h_t = tanh(a_t)
///
/// computed for a batch as `a_t = b_h + x_t W_xhᵀ + h_{t-1} W_hhᵀ` (one row per sequence).
/// Each step is written once, for the batch rows it is given; `SequenceWalker` decides which
/// rows and threads run it.
enum VanillaRNNCell {
    static func forward(_ w: CellBuffers, _ s: TraceStorage) {
        let T = s.steps, B = s.batch, D = s.inputSize, H = s.hiddenSize
        // W_hhᵀ packed once, reused at every step
        let W_hhT = PackedPanels(.transposed(w.wh.pointer.readOnly, cols: H), k: H, n: H)
        let a = s.pre.pointer, h = s.hs.pointer  // a: (T·B × H); h: slot 0 is h_0, slot t+1 is h_t
        // the input side of every step, a_t = b_h + x_t W_xhᵀ, before the recurrence reaches it
        let projection = InputProjection(into: a, x: s.x.pointer.readOnly, wx: w.wx.pointer.readOnly, bias: w.bx?.pointer.readOnly,
                                         steps: T, batch: B, inputSize: D, width: H)
        SequenceWalker.forward(steps: T, StepShape(batch: B, columns: H, depth: H), projection: projection) { t, part in
            let r0 = t * B + part.rows.lowerBound, n = part.rows.count * H
            let a_t = a + r0 * H, h_prev = h + r0 * H, h_t = h + (r0 + B) * H
            // the recurrence: a_t += h_{t-1} W_hhᵀ
            part.multiplyAdd(.rowMajor(h_prev.readOnly, cols: H), W_hhT, into: a_t, ldc: H)
            // h_t = tanh(a_t)
            Activations.tanh(a_t.readOnly, h_t, count: n)
        }
    }

    /// Backpropagation through time: dA (the gradients of the a_t), dh_0, and through
    /// `SharedWeightGradients` ∂L/∂W_xh = Σ_t da_tᵀ x_t, ∂L/∂W_hh = Σ_t da_tᵀ h_{t-1},
    /// ∂L/∂b_h = Σ_t da_t and ∂L/∂x_t = da_t W_xh.
    static func backward(_ w: CellBuffers, _ s: TraceStorage, _ g: GradientBuffers) {
        let T = s.steps, B = s.batch, H = s.hiddenSize
        // W_hh as the right operand of dh_{t-1} = da_t W_hh
        let W_hh = PackedPanels(.rowMajor(w.wh.pointer.readOnly, cols: H), k: H, n: H)
        let h = s.hs.pointer, dA = g.dA.pointer
        let shared = SharedWeightGradients(g, x: s.x.pointer.readOnly, hPrev: h.readOnly, wx: w.wx.pointer.readOnly)
        SequenceWalker.backward(steps: T, StepShape(batch: B, columns: H, depth: H), gradients: g, shared: shared) { t, part in
            let r0 = t * B + part.rows.lowerBound, n = part.rows.count * H
            // dh: the total ∂L/∂h_t of these rows (gathered by the walker), then ∂L/∂h_{t-1}
            let dh = g.dhNext.pointer + part.rows.lowerBound * H
            let h_t = h + (r0 + B) * H, da = dA + r0 * H
            // backprop through tanh: da = dh ⊙ (1 − h_t²)
            for j in 0..<n { da[j] = dh[j] * (1 - h_t[j] * h_t[j]) }
            // backprop through h_{t-1} W_hhᵀ: dh_{t-1} = da W_hh
            dh.update(repeating: 0, count: n)
            part.multiplyAdd(.rowMajor(da.readOnly, cols: H), W_hh, into: dh, ldc: H)
        }
    }
}
