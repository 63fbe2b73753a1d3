extension CellParameters {
    /// Runs the cell over a sequence and records everything (see `SequenceTrace`).
    ///
    /// - Parameters:
    ///   - x: T steps of (B × D) inputs, all with the same batch size B.
    ///   - h0: initial hidden state (B × H); nil means zeros.
    ///   - c0: initial cell state (B × H), LSTM only; nil means zeros.
    ///   - overrides: gates forced to constants after their nonlinearity.
    public func forward(_ x: [Matrix], h0: Matrix? = nil, c0: Matrix? = nil, overrides: GateOverrides = .none) -> SequenceTrace {
        let D = inputSize, T = x.count
        let B = x.first?.rows ?? h0?.rows ?? 1
        for (t, xt) in x.enumerated() {
            precondition(xt.rows == B && xt.cols == D,
                         "forward: x[\(t)] has shape \(xt.shapeDescription), expected (\(B), \(D)) (batch × inputSize)")
        }
        return forward(steps: T, batch: B, h0: h0, c0: c0, overrides: overrides) { storage in
            for (t, xt) in x.enumerated() { storage.x.write(xt, at: t * B * D) }
        }
    }

    /// `forward` over B sequences given as one (B, T, D) array in C order (what a `.npy`
    /// input holds), copied straight into the trace's time-major buffer: no T matrices first.
    /// An LSTM trace made here does not keep its pre-activations (see `TraceStorage`): what
    /// `rnnlab run` needs, with one large buffer fewer.
    func forward(sequences x: [Double], batch B: Int, steps T: Int, h0: Matrix? = nil, c0: Matrix? = nil) -> SequenceTrace {
        let D = inputSize
        precondition(x.count == B * T * D, "forward: \(x.count) input values, expected \(B) × \(T) × \(D)")
        return forward(steps: T, batch: B, h0: h0, c0: c0, overrides: .none, keepsPreactivations: kind != .lstm) { storage in
            x.withUnsafeBufferPointer { src in
                for t in 0..<T {
                    for b in 0..<B { (storage.x.pointer + (t * B + b) * D).update(from: src.baseAddress! + (b * T + t) * D, count: D) }
                }
            }
        }
    }

    /// The common part: checks the states, creates the trace's buffers, lets `fillInputs`
    /// write x_t at rows t·B ..< (t+1)·B of `storage.x`, and runs the cell.
    private func forward(steps T: Int, batch B: Int, h0: Matrix?, c0: Matrix?, overrides: GateOverrides,
                         keepsPreactivations: Bool = true, fillInputs: (TraceStorage) -> Void) -> SequenceTrace {
        validateShapes()
        let D = inputSize, H = hiddenSize
        if let h0 {
            precondition(h0.rows == B && h0.cols == H, "forward: h0 has shape \(h0.shapeDescription), expected (\(B), \(H))")
        }
        if let c0 {
            precondition(kind == .lstm, "forward: c0 is only for the LSTM; this is a \(kind.rawValue) cell")
            precondition(c0.rows == B && c0.cols == H, "forward: c0 has shape \(c0.shapeDescription), expected (\(B), \(H))")
        }
        let forced = overrides.perBlock(for: kind)
        let storage = TraceStorage(steps: T, batch: B, inputSize: D, hiddenSize: H, kind: kind, overridden: forced.map { $0 != nil },
                                   keepsPreactivations: keepsPreactivations)
        fillInputs(storage)
        if let h0 { storage.hs.write(h0, at: 0) }
        if let c0, let cs = storage.cs { cs.write(c0, at: 0) }
        switch kind {
        case .rnn: VanillaRNNCell.forward(CellBuffers(self), storage)
        case .lstm: LSTMCell.forward(CellBuffers(self), storage, forced: forced)
        case .gru: GRUCell.forward(CellBuffers(self), storage, forced: forced, resetAfter: resetAfter)
        }
        return SequenceTrace(kind: kind, overrides: overrides, storage: storage)
    }
}
