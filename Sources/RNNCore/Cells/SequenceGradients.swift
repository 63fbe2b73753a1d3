/// The gradients of a scalar loss L with respect to everything a forward pass read, as
/// computed by `CellParameters.backward`.
public struct SequenceGradients: Sendable {
    /// ∂L/∂W for every weight, same keys and shapes as `CellParameters.weights`.
    public var parameters: [String: Matrix]
    /// ∂L/∂x_t: T of (B × D).
    public var x: [Matrix]
    /// ∂L/∂h0 (B × H).
    public var h0: Matrix
    /// ∂L/∂c0 (B × H), LSTM only.
    public var c0: Matrix?
    /// (B × T): ‖∂L/∂h_t‖ per sequence and step, the TOTAL gradient reaching h_t (from the
    /// loss at step t and from the future through h_{t+1}). Its decay towards t = 0 is the
    /// vanishing gradient; its growth, the exploding one.
    public var hNorm: Matrix

    public init(parameters: [String: Matrix], x: [Matrix], h0: Matrix, c0: Matrix?, hNorm: Matrix) {
        self.parameters = parameters
        self.x = x
        self.h0 = h0
        self.c0 = c0
        self.hNorm = hNorm
    }

    /// The global L2 norm over all parameter gradients (what clipping by norm looks at).
    public var parameterNorm: Double {
        parameters.values.reduce(0) { $0 + $1.data.reduce(0) { $0 + $1 * $1 } }.squareRoot()
    }
}
