/// Rescaling the recurrent matrix to a chosen largest singular value σ_max, the knob of the
/// lecture's "largest singular value > 1: exploding gradients; < 1: vanishing".
///
/// (Diagnostics on branch `core` plans `CellParameters.rescaled(spectralNorm:)`; until it lands,
/// training uses this power iteration. Both scale the whole recurrent matrix by σ_target / σ_max.)
enum RecurrentRescaling {
    /// The name of the recurrent weight of a cell: `W_hh` (rnn) or the stacked `W_h`.
    static func recurrentName(_ kind: CellKind) -> String { kind == .rnn ? "W_hh" : "W_h" }

    /// σ_max(W) by power iteration on WᵀW, started from a fixed vector (deterministic).
    static func largestSingularValue(_ w: Matrix, iterations: Int = 300) -> Double {
        guard w.rows > 0, w.cols > 0 else { return 0 }
        var v = Matrix(rows: 1, cols: w.cols, data: (0..<w.cols).map { 1 + 0.01 * Double($0) })
        var sigma = 0.0
        for _ in 0..<iterations {
            let u = TrainingMath.multiplyTransposed(v, w)           // (1 × rows) = (W v)ᵀ
            let wtwv = TrainingMath.multiply(u, w)                  // (1 × cols) = (WᵀW v)ᵀ
            let n = wtwv.frobeniusNorm
            guard n > 0 else { return 0 }
            sigma = n.squareRoot()                                  // ‖WᵀW v‖ → σ² for unit v
            v = TrainingMath.scaled(wtwv, 1 / n)
        }
        return sigma
    }

    /// `cell` with its recurrent matrix scaled so that σ_max = `target`.
    static func rescaled(_ cell: CellParameters, spectralNorm target: Double) -> CellParameters {
        precondition(target > 0, "sigma-max must be positive, got \(target)")
        let name = recurrentName(cell.kind)
        guard let w = cell.weights[name] else { preconditionFailure("rescale: the \(cell.kind.rawValue) cell has no '\(name)'") }
        let sigma = largestSingularValue(w)
        precondition(sigma > 0, "rescale: '\(name)' is zero; it has no singular value to scale")
        var out = cell
        out.weights[name] = TrainingMath.scaled(w, target / sigma)
        return out
    }
}
