extension CellParameters {
    /// Backpropagation through time: the exact gradients of a loss L for one recorded forward pass.
    ///
    /// - Parameters:
    ///   - trace: the result of `forward` with these parameters.
    ///   - dh: T entries, `dh[t]` = ∂L/∂h_t from outside the recurrence (B × H), nil = zero.
    ///     Many-to-many: every step; many-to-one: only the last; encoder–decoder: whatever the
    ///     decoder sent back.
    ///   - dcLast: ∂L/∂c_{T−1} from outside (LSTM only; e.g. a decoder that reads the cell state).
    public func backward(_ trace: SequenceTrace, dh: [Matrix?], dcLast: Matrix? = nil) -> SequenceGradients {
        let s = trace.storage
        let T = s.steps, B = s.batch, D = s.inputSize, H = s.hiddenSize
        precondition(trace.kind == kind, "backward: the trace is of a \(trace.kind.rawValue) cell, these parameters are \(kind.rawValue)")
        precondition(D == inputSize && H == hiddenSize,
                     "backward: the trace has inputSize \(D), hiddenSize \(H); the parameters \(inputSize), \(hiddenSize)")
        precondition(dh.count == T, "backward: dh has \(dh.count) entries, the trace has \(T) steps")
        for (t, m) in dh.enumerated() {
            if let m { precondition(m.rows == B && m.cols == H, "backward: dh[\(t)] has shape \(m.shapeDescription), expected (\(B), \(H))") }
        }
        if let dcLast {
            precondition(kind == .lstm, "backward: dcLast is only for the LSTM cell state; this is a \(kind.rawValue) cell")
            precondition(dcLast.rows == B && dcLast.cols == H, "backward: dcLast has shape \(dcLast.shapeDescription), expected (\(B), \(H))")
        }
        let g = backwardBuffers(trace) { g in
            for (t, m) in dh.enumerated() { if let m { g.upstream.write(m, at: t * B * H) } }
            if let dcLast, let dc = g.dc { dc.write(dcLast, at: 0) }
        }
        return g.gradients(names: parameterNames(), present: Set(weights.keys))
    }

    /// `backward` with ∂L/∂h_t of every step given as one (B, T, H) array in C order (what a
    /// `.npy` upstream gradient holds), copied straight into the walk's time-major buffer; the
    /// results stay in the returned buffers (no per-step matrices are built).
    func backward(_ trace: SequenceTrace, upstreamSequences dh: [Double]) -> GradientBuffers {
        let T = trace.steps, B = trace.batch, H = trace.hiddenSize
        precondition(trace.kind == kind && trace.inputSize == inputSize && H == hiddenSize, "backward: the trace is of other parameters")
        precondition(dh.count == B * T * H, "backward: \(dh.count) upstream values, expected \(B) × \(T) × \(H)")
        return backwardBuffers(trace, upstreamFilled: true) { g in
            dh.withUnsafeBufferPointer { src in
                for t in 0..<T {
                    for b in 0..<B { (g.upstream.pointer + (t * B + b) * H).update(from: src.baseAddress! + (b * T + t) * H, count: H) }
                }
            }
        }
    }

    /// The common part: creates the buffers, lets `fill` write the upstream gradients (and
    /// ∂L/∂c_{T−1}), and runs the cell's backward walk. `upstreamFilled`: `fill` writes every
    /// upstream value (so the buffer is not zeroed first).
    private func backwardBuffers(_ trace: SequenceTrace, upstreamFilled: Bool = false, fill: (GradientBuffers) -> Void) -> GradientBuffers {
        let s = trace.storage
        let g = GradientBuffers(kind: kind, steps: s.steps, batch: s.batch, inputSize: s.inputSize, hiddenSize: s.hiddenSize,
                                upstreamFilled: upstreamFilled)
        fill(g)
        let w = CellBuffers(self)
        switch kind {
        case .rnn: VanillaRNNCell.backward(w, s, g)
        case .lstm: LSTMCell.backward(w, s, g)
        case .gru: GRUCell.backward(w, s, g, resetAfter: resetAfter)
        }
        return g
    }

    /// The canonical names of (wx, wh, bx, bh) for this kind.
    func parameterNames() -> (wx: String, wh: String, bx: String, bh: String?) {
        switch kind {
        case .rnn: return ("W_xh", "W_hh", "b_h", nil)
        case .lstm: return ("W_x", "W_h", "b", nil)
        case .gru: return ("W_x", "W_h", "b_x", "b_h")
        }
    }
}
