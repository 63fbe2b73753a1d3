/// The weights of one recurrent layer in rnnlab's canonical layout.
///
/// Names follow the lecture; shapes follow the equations (`W x` with `W` as (out × in)):
///
/// | cell | name  | shape          | meaning |
/// |------|-------|----------------|---------|
/// | rnn  | `W_xh`| (H × D)        | input to hidden |
/// | rnn  | `W_hh`| (H × H)        | hidden to hidden |
/// | rnn  | `b_h` | (1 × H)        | bias (optional: absent means none) |
/// | lstm | `W_x` | (4H × D)       | blocks i, f, g, o |
/// | lstm | `W_h` | (4H × H)       | blocks i, f, g, o |
/// | lstm | `b`   | (1 × 4H)       | blocks i, f, g, o |
/// | gru  | `W_x` | (3H × D)       | blocks r, z, n |
/// | gru  | `W_h` | (3H × H)       | blocks r, z, n |
/// | gru  | `b_x` | (1 × 3H)       | input-side bias, blocks r, z, n |
/// | gru  | `b_h` | (1 × 3H)       | recurrent-side bias, blocks r, z, n |
///
/// The GRU has two forms. With `resetAfter` (Keras' default, PyTorch):
/// n = tanh(W_xn x + b_xn + r ⊙ (W_hn h + b_hn)). Without it (Cho et al. 2014, Keras
/// `reset_after=False`): n = tanh(W_xn x + b_xn + W_hn (r ⊙ h) + b_hn).
/// PyTorch and Keras layouts are converted to and from this one by `KerasLayout` and
/// `PyTorchLayout` (`FrameworkWeights.load` picks one from the array names).
public struct CellParameters: Hashable, Sendable {
    public var kind: CellKind
    public var inputSize: Int
    public var hiddenSize: Int
    /// GRU only: apply the reset gate after the recurrent matrix product.
    public var resetAfter: Bool
    public var weights: [String: Matrix]

    public init(kind: CellKind, inputSize: Int, hiddenSize: Int, resetAfter: Bool = true, weights: [String: Matrix]) {
        self.kind = kind
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.resetAfter = resetAfter
        self.weights = weights
    }

    /// The names this kind of cell uses, with their shapes (rows, cols).
    public static func expectedShapes(kind: CellKind, inputSize D: Int, hiddenSize H: Int) -> [(name: String, rows: Int, cols: Int)] {
        switch kind {
        case .rnn: return [("W_xh", H, D), ("W_hh", H, H), ("b_h", 1, H)]
        case .lstm: return [("W_x", 4 * H, D), ("W_h", 4 * H, H), ("b", 1, 4 * H)]
        case .gru: return [("W_x", 3 * H, D), ("W_h", 3 * H, H), ("b_x", 1, 3 * H), ("b_h", 1, 3 * H)]
        }
    }

    public subscript(name: String) -> Matrix? {
        get { weights[name] }
        set { weights[name] = newValue }
    }

    /// Parameter names in a fixed order (for printing, gradient checks and optimizers).
    public var orderedNames: [String] {
        CellParameters.expectedShapes(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize)
            .map(\.name).filter { weights[$0] != nil }
    }
}
