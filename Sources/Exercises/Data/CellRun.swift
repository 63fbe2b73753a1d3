import RNNCore

/// One forward pass over a variant's data, by RNNCore (the right answer and the mistakes
/// that change weights; it can also backpropagate) or by `ReferenceCell` (the mistakes that
/// change the formula).
struct CellRun {
    var parameters: CellParameters
    /// T of (B × H).
    var h: [Matrix]
    /// T of (B × H), LSTM only.
    var c: [Matrix]
    /// Gate activations by canonical name, T of (B × H) each.
    var gates: [String: [Matrix]]
    /// The initial states the run started from (zeros when the data has none).
    var h0: Matrix
    var c0: Matrix
    /// The RNNCore trace, for backpropagation; nil for a reference run.
    var trace: SequenceTrace?

    /// RNNCore's forward pass of `parameters` on `data`.
    static func rnnCore(_ parameters: CellParameters, _ data: CellData) -> CellRun {
        let trace = parameters.forward(data.x, h0: data.h0, c0: data.kind == .lstm ? data.c0 : nil)
        return CellRun(parameters: parameters, h: trace.h, c: trace.c, gates: trace.gates,
                       h0: trace.h0, c0: trace.c0 ?? Matrix(rows: data.batch, cols: data.hiddenSize), trace: trace)
    }

    /// The reference loop's forward pass with a changed formula.
    static func reference(_ cell: ReferenceCell, _ parameters: CellParameters, _ data: CellData) -> CellRun {
        let r = cell.forward(parameters, x: data.x, h0: data.h0, c0: data.c0)
        let zeros = Matrix(rows: data.batch, cols: data.hiddenSize)
        return CellRun(parameters: parameters, h: r.h, c: r.c, gates: r.gates, h0: data.h0 ?? zeros,
                       c0: data.c0 ?? zeros, trace: nil)
    }

    /// The gradients of `loss` in Keras 3 layout: `kernel`, `recurrent_kernel`, `bias` (the
    /// GRU's (2, 3H) with reset_after, (3H,) without), plus `h0` (B, H); nil for a reference run.
    func kerasGradients(_ data: CellData, loss: ComputeLoss) -> [String: NDArray]? {
        guard let trace else { return nil }
        let grads = parameters.backward(trace, dh: data.lossGradient(loss))
        var asWeights = parameters
        asWeights.weights = grads.parameters
        if parameters.kind == .gru && !parameters.resetAfter {
            // One Keras bias on the input side: its gradient is ∂L/∂b_x alone (export would add b_h's).
            asWeights.weights["b_h"] = Matrix(rows: 1, cols: 3 * parameters.hiddenSize)
        }
        var out = KerasLayout.export(asWeights)
        out["h0"] = NDArray(grads.h0)
        return out
    }
}
