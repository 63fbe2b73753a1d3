/// Everything one forward pass over a sequence computed: what the lessons plot and what
/// backpropagation through time needs.
///
/// Steps are numbered 0..<T; `h[t]` is the state after reading `x[t]`, `h0` the state before
/// the first input. All per-step values are `(batch × …)` matrices, one row per sequence.
///
/// The values live in contiguous buffers (the layout the kernels use); the `[Matrix]`
/// properties are assembled when read, so keep the array (`let hs = trace.h`) rather than
/// indexing `trace.h[t]` in a loop, or use `h(at:)` / `gate(_:at:)`.
public struct SequenceTrace: Sendable {
    public let kind: CellKind
    /// The overrides the forward pass applied.
    public let overrides: GateOverrides
    let storage: TraceStorage

    init(kind: CellKind, overrides: GateOverrides, storage: TraceStorage) {
        self.kind = kind
        self.overrides = overrides
        self.storage = storage
    }

    /// T, the number of steps.
    public var steps: Int { storage.steps }
    /// B, the number of sequences in the batch.
    public var batch: Int { storage.batch }
    public var inputSize: Int { storage.inputSize }
    public var hiddenSize: Int { storage.hiddenSize }

    /// The inputs: T steps of (B × D).
    public var x: [Matrix] { (0..<steps).map { input(at: $0) } }
    /// The initial hidden state (B × H).
    public var h0: Matrix { storage.hs.matrix(offset: 0, rows: batch, cols: hiddenSize) }
    /// The initial cell state (B × H), LSTM only.
    public var c0: Matrix? { storage.cs?.matrix(offset: 0, rows: batch, cols: hiddenSize) }
    /// The hidden states: T of (B × H).
    public var h: [Matrix] { (0..<steps).map { h(at: $0) } }
    /// The LSTM cell states: T of (B × H); empty for the other cells.
    public var c: [Matrix] { storage.cs == nil ? [] : (0..<steps).map { c(at: $0)! } }
    /// Gate activations after the nonlinearity and the overrides, by gate name:
    /// "i", "f", "g", "o" (LSTM) or "r", "z", "n" (GRU), each T of (B × H). Empty for the RNN.
    public var gates: [String: [Matrix]] {
        var out: [String: [Matrix]] = [:]
        for name in kind.gateNames { out[name] = (0..<steps).map { gate(name, at: $0)! } }
        return out
    }
    /// Pre-activations: T of (B × blocks·H), blocks in the canonical order. For the RNN the
    /// tanh argument; for the GRU's candidate n the full tanh argument (reset gate applied).
    public var preactivations: [Matrix] { (0..<steps).map { preactivation(at: $0) } }

    /// x_t (B × D).
    public func input(at t: Int) -> Matrix {
        storage.x.matrix(offset: t * batch * inputSize, rows: batch, cols: inputSize)
    }
    /// h_t (B × H), the state after step t.
    public func h(at t: Int) -> Matrix {
        storage.hs.matrix(offset: (t + 1) * batch * hiddenSize, rows: batch, cols: hiddenSize)
    }
    /// c_t (B × H), LSTM only.
    public func c(at t: Int) -> Matrix? {
        storage.cs?.matrix(offset: (t + 1) * batch * hiddenSize, rows: batch, cols: hiddenSize)
    }
    /// The activation of gate `name` at step t (B × H), nil if the cell has no such gate.
    public func gate(_ name: String, at t: Int) -> Matrix? {
        guard let block = kind.gateNames.firstIndex(of: name), let act = storage.act else { return nil }
        let width = kind.blocks * hiddenSize
        var out = Matrix(rows: batch, cols: hiddenSize)
        for b in 0..<batch {
            let src = act.pointer + (t * batch + b) * width + block * hiddenSize
            for j in 0..<hiddenSize { out.data[b * hiddenSize + j] = src[j] }
        }
        return out
    }
    /// The pre-activations of step t (B × blocks·H).
    public func preactivation(at t: Int) -> Matrix {
        precondition(storage.keepsPreactivations, "this trace did not keep its pre-activations")
        let width = kind.blocks * hiddenSize
        return storage.pre.matrix(offset: t * batch * width, rows: batch, cols: width)
    }
    /// The last hidden state h_{T-1} (h0 for an empty sequence).
    public var hLast: Matrix { steps == 0 ? h0 : h(at: steps - 1) }
    /// The last cell state (LSTM only).
    public var cLast: Matrix? { steps == 0 ? c0 : c(at: steps - 1) }
}

/// The contiguous buffers of a trace (row-major, steps outermost). Written once by the
/// forward pass, read by backpropagation and by the accessors above.
final class TraceStorage: Sendable {
    let steps: Int, batch: Int, inputSize: Int, hiddenSize: Int
    /// (T·B × D)
    let x: DoubleStorage
    /// ((T+1)·B × H): slot 0 is h0, slot t+1 is h_t. Rows 0..<T·B are therefore h_{t-1} for
    /// every step t, the right operand of ∂L/∂W_hh as one GEMM.
    let hs: DoubleStorage
    /// ((T+1)·B × H), LSTM only, like `hs`.
    let cs: DoubleStorage?
    /// (T·B × blocks·H) pre-activations; for an LSTM trace that does not keep them, the same
    /// buffer as `act` (each row's activations overwrite its pre-activations).
    let pre: DoubleStorage
    /// Whether `pre` still holds the pre-activations after the forward pass.
    let keepsPreactivations: Bool
    /// (T·B × blocks·H) gate activations after overrides (nil for the RNN).
    let act: DoubleStorage?
    /// (T·B × H) GRU only: W_hn h_{t-1} + b_hn (reset-after form) or r ⊙ h_{t-1} (Cho form).
    let aux: DoubleStorage?
    /// Per block: whether an override made the gate a constant.
    let overridden: [Bool]

    /// `keepsPreactivations` false (LSTM only): the gates are computed in place over the
    /// pre-activations, which nothing after the forward pass reads (the LSTM's backward pass
    /// works from the gates). One T·B × 4H buffer fewer: 26 MB of fresh memory at S3.
    init(steps: Int, batch: Int, inputSize: Int, hiddenSize: Int, kind: CellKind, overridden: [Bool],
         keepsPreactivations: Bool = true) {
        precondition(keepsPreactivations || kind == .lstm, "only an LSTM trace may drop its pre-activations")
        self.steps = steps
        self.batch = batch
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        let rows = steps * batch
        x = DoubleStorage(count: rows * inputSize)
        // slots 1...T are written by every forward pass: only the initial state is zeroed
        hs = DoubleStorage(uninitializedCount: (rows + batch) * hiddenSize)
        hs.pointer.update(repeating: 0, count: batch * hiddenSize)
        cs = kind == .lstm ? DoubleStorage(uninitializedCount: (rows + batch) * hiddenSize) : nil
        cs?.pointer.update(repeating: 0, count: batch * hiddenSize)
        // written completely by every forward pass: no zeroing
        act = kind == .rnn ? nil : DoubleStorage(uninitializedCount: rows * kind.blocks * hiddenSize)
        pre = keepsPreactivations ? DoubleStorage(uninitializedCount: rows * kind.blocks * hiddenSize) : act!
        self.keepsPreactivations = keepsPreactivations
        aux = kind == .gru ? DoubleStorage(uninitializedCount: rows * hiddenSize) : nil
        self.overridden = overridden
    }
}
