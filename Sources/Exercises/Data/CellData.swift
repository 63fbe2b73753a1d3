import RNNCore

/// The loss a gradient exercise states, so that "the gradient" has one meaning.
public enum ComputeLoss: String, CaseIterable, Sendable, Hashable {
    /// L = Σ h_T: the sum of every unit of the last state over the batch (∂L/∂h_T = 1).
    case last
    /// L = Σ_t Σ G_t ⊙ h_t with G read from `dh.npy` (B, T, H): the upstream gradient a layer
    /// above would send back.
    case upstream
}

/// The data of one `compute` variant: a cell's weights and a batch of input sequences, drawn
/// from the student's seed, every number float32-exact (what `.npy` files in float32 hold).
///
/// Sequences are batch-major as in Keras 3: `x.npy` is (B, T, D), states (B, T, H).
public struct CellData: Sendable {
    /// The weights in rnnlab's canonical layout (`KerasLayout.export` writes them for Keras).
    public var parameters: CellParameters
    /// T steps of (B × D).
    public var x: [Matrix]
    /// The initial state (B × H); nil means zeros and no `h0.npy` file.
    public var h0: Matrix?
    /// The initial cell state of an LSTM (B × H), given together with `h0`.
    public var c0: Matrix?
    /// ∂L/∂h_t for `ComputeLoss.upstream`: T of (B × H).
    public var upstream: [Matrix]?

    public var kind: CellKind { parameters.kind }
    public var batch: Int { x.first?.rows ?? 0 }
    public var steps: Int { x.count }
    public var inputSize: Int { parameters.inputSize }
    public var hiddenSize: Int { parameters.hiddenSize }

    /// Draws weights uniform in [−scale, scale), inputs uniform in [−1, 1), and, when asked,
    /// an initial state in [−0.5, 0.5) and an upstream gradient in [−1, 1).
    static func draw(kind: CellKind, resetAfter: Bool, input D: Int, hidden H: Int, steps T: Int, batch B: Int,
                     initialState: Bool, upstream: Bool, scale: Double, seed: UInt64) -> CellData {
        var r = VariantRandom(seed: seed)
        var weights: [String: Matrix] = [:]
        for (name, rows, cols) in CellParameters.expectedShapes(kind: kind, inputSize: D, hiddenSize: H) {
            weights[name] = r.float32Matrix(rows, cols, scale: scale)
        }
        if kind == .gru && !resetAfter {
            // Keras' reset_after=False GRU has one bias, on the input side.
            weights["b_h"] = Matrix(rows: 1, cols: 3 * H)
        }
        let p = CellParameters(kind: kind, inputSize: D, hiddenSize: H, resetAfter: resetAfter, weights: weights)
        let x = (0..<T).map { _ in r.float32Matrix(B, D, scale: 1) }
        let h0 = initialState ? r.float32Matrix(B, H, scale: 0.5) : nil
        let c0 = initialState && kind == .lstm ? r.float32Matrix(B, H, scale: 0.5) : nil
        let dh = upstream ? (0..<T).map { _ in r.float32Matrix(B, H, scale: 1) } : nil
        return CellData(parameters: p, x: x, h0: h0, c0: c0, upstream: dh)
    }

    /// ∂L/∂h_t from outside the recurrence for `loss`, as `CellParameters.backward` takes it.
    func lossGradient(_ loss: ComputeLoss) -> [Matrix?] {
        switch loss {
        case .last:
            return (0..<steps).map { $0 == steps - 1 ? Matrix(rows: batch, cols: hiddenSize, repeating: 1) : nil }
        case .upstream:
            return upstream ?? Array(repeating: nil, count: steps)
        }
    }

    /// The files the learner gets: `weights.npz` in Keras 3 layout, `x.npy`, and `h0.npy`
    /// (`c0.npy`) and `dh.npy` when used; all float32.
    public var files: [ExerciseFile] {
        var keras = KerasLayout.export(parameters)
        for k in keras.keys { keras[k]!.dtype = .float32 }
        var out = [
            ExerciseFile(name: "weights", fileName: "weights.npz", contents: .npz(keras)),
            ExerciseFile(name: "x", fileName: "x.npy", contents: .npy(CellData.float32(NDArray.stackingTimeSteps(x)))),
        ]
        if let h0 { out.append(ExerciseFile(name: "h0", fileName: "h0.npy", contents: .npy(CellData.float32(NDArray(h0))))) }
        if let c0 { out.append(ExerciseFile(name: "c0", fileName: "c0.npy", contents: .npy(CellData.float32(NDArray(c0))))) }
        if let upstream {
            out.append(ExerciseFile(name: "dh", fileName: "dh.npy", contents: .npy(CellData.float32(NDArray.stackingTimeSteps(upstream)))))
        }
        return out
    }

    static func float32(_ a: NDArray) -> NDArray {
        var a = a
        a.dtype = .float32
        return a
    }
}
