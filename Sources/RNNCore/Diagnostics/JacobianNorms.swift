/// How strongly the last hidden state depends on each earlier one: ‖∂h_{T−1}/∂h_t‖ for every
/// step t, the quantity behind vanishing (→ 0 as t moves back) and exploding (→ ∞) gradients.
public struct JacobianNorms: Sendable {
    /// (B × T): the spectral norm (largest singular value) of ∂h_{T−1}/∂h_t, sequence b, step t.
    /// Column T−1 is the identity (norm 1).
    public var spectral: Matrix
    /// (B × T): the Frobenius norm of the same matrices (no SVD needed; ≥ the spectral norm,
    /// ≤ √H times it). Column T−1 is √H.
    public var frobenius: Matrix
    /// (B × 1): the spectral norm of ∂h_{T−1}/∂h_0, the initial state.
    public var initialSpectral: Matrix
    /// (B × 1): the Frobenius norm of ∂h_{T−1}/∂h_0.
    public var initialFrobenius: Matrix
}

extension CellParameters {
    /// ‖∂h_{T−1}/∂h_t‖ for every step t and sequence b: the product of the step Jacobians
    /// J_{T−1} ⋯ J_{t+1} (see `stepJacobian`), accumulated from the end. For the LSTM the
    /// product runs over the full state (h, c) and the norm is that of its h–h block, i.e. the
    /// change of h_{T−1} when h_t moves with c_t held fixed.
    ///
    /// - Parameter spectral: also compute spectral norms (an SVD per step); false leaves them 0
    ///   and costs only the products.
    public func jacobianNorms(_ trace: SequenceTrace, spectral: Bool = true) -> JacobianNorms {
        let T = trace.steps, B = trace.batch, H = hiddenSize
        let stateSize = kind == .lstm ? 2 * H : H
        var result = JacobianNorms(spectral: Matrix(rows: B, cols: T), frobenius: Matrix(rows: B, cols: T),
                                   initialSpectral: Matrix(rows: B, cols: 1), initialFrobenius: Matrix(rows: B, cols: 1))
        for b in 0..<B {
            var product = Matrix.identity(stateSize)  // ∂s_{T−1}/∂s_t
            for t in stride(from: T - 1, through: -1, by: -1) {
                let block = stateSize == H ? product : product.rows(0..<H).columns(0..<H)
                let frob = block.frobeniusNorm
                let spec = spectral ? SingularValues.spectralNorm(block) : 0
                if t >= 0 {
                    result.frobenius[b, t] = frob
                    result.spectral[b, t] = spec
                    // ∂s_{T−1}/∂s_{t−1} = ∂s_{T−1}/∂s_t · ∂s_t/∂s_{t−1}
                    product = product * stepJacobian(trace, step: t, sequence: b)
                } else {
                    result.initialFrobenius[b, 0] = frob
                    result.initialSpectral[b, 0] = spec
                }
            }
        }
        return result
    }
}

extension SequenceTrace {
    /// LSTM only: ∏_{k=t+1}^{T−1} f_k per unit, for every step t: T of (B × H). This is
    /// ∂c_{T−1}/∂c_t along the direct cell path (the "gradient highway"); the last entry is all
    /// ones. nil for the RNN and GRU.
    public func forgetGateProducts() -> [Matrix]? {
        guard kind == .lstm else { return nil }
        let T = steps, B = batch, H = hiddenSize
        var out = [Matrix](repeating: Matrix(rows: B, cols: H, repeating: 1), count: T)
        guard T > 0 else { return out }
        for t in stride(from: T - 2, through: 0, by: -1) {
            let f = gate("f", at: t + 1)!
            var next = out[t + 1]
            for k in 0..<next.count { next.data[k] *= f.data[k] }
            out[t] = next
        }
        return out
    }
}
