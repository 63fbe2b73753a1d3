/// Singular values by the one-sided Jacobi method (Hestenes), written by hand since no
/// LAPACK is available to Swift here: plane rotations orthogonalise the columns of A; the
/// column norms then are the singular values. Accurate to machine precision, fine for the
/// H × H matrices of the lessons (cost ~ sweeps · H³).
public enum SingularValues {
    /// The singular values of `m`, largest first (min(rows, cols) of them).
    public static func of(_ m: Matrix) -> [Double] {
        // work on the taller orientation so that the columns are the short side
        let a = m.rows >= m.cols ? m : m.transposed
        let rows = a.rows, cols = a.cols
        guard cols > 0 else { return [] }
        // column-major copy: column j is u[j*rows ..< (j+1)*rows]
        var u = [Double](repeating: 0, count: rows * cols)
        for i in 0..<rows { for j in 0..<cols { u[j * rows + i] = a[i, j] } }
        let tolerance = 1e-15
        for _ in 0..<60 {
            var rotated = false
            for p in 0..<(cols - 1) {
                for q in (p + 1)..<cols {
                    var alpha = 0.0, beta = 0.0, gamma = 0.0
                    for i in 0..<rows {
                        let x = u[p * rows + i], y = u[q * rows + i]
                        alpha += x * x; beta += y * y; gamma += x * y
                    }
                    if gamma == 0 || abs(gamma) <= tolerance * (alpha * beta).squareRoot() { continue }
                    rotated = true
                    // the rotation that makes columns p and q orthogonal
                    let zeta = (beta - alpha) / (2 * gamma)
                    let t = (zeta >= 0 ? 1.0 : -1.0) / (abs(zeta) + (1 + zeta * zeta).squareRoot())
                    let c = 1 / (1 + t * t).squareRoot(), s = c * t
                    for i in 0..<rows {
                        let x = u[p * rows + i], y = u[q * rows + i]
                        u[p * rows + i] = c * x - s * y
                        u[q * rows + i] = s * x + c * y
                    }
                }
            }
            if !rotated { break }
        }
        var sigma = (0..<cols).map { j in (0..<rows).reduce(0.0) { $0 + u[j * rows + $1] * u[j * rows + $1] }.squareRoot() }
        sigma.sort(by: >)
        return sigma
    }

    /// The largest singular value ‖m‖₂ (0 for an empty matrix).
    public static func spectralNorm(_ m: Matrix) -> Double { of(m).first ?? 0 }
}

extension CellParameters {
    /// The recurrent matrices whose singular values govern exploding and vanishing gradients:
    /// ["W_hh"] for the RNN, one H × H block of W_h per gate for the LSTM and GRU, keyed by
    /// gate name ("i", "f", "g", "o" / "r", "z", "n").
    public var recurrentBlocks: [String: Matrix] {
        let H = hiddenSize
        switch kind {
        case .rnn: return ["W_hh": weightOrZeros("W_hh")]
        case .lstm, .gru:
            let wh = weightOrZeros("W_h")
            var out: [String: Matrix] = [:]
            for (block, name) in kind.gateNames.enumerated() { out[name] = wh.rows((block * H)..<((block + 1) * H)) }
            return out
        }
    }

    /// Singular values (largest first) of each recurrent block (see `recurrentBlocks`).
    public var recurrentSingularValues: [String: [Double]] { recurrentBlocks.mapValues(SingularValues.of) }

    /// Parameters whose recurrent matrix has largest singular value `spectralNorm`: W_hh for
    /// the RNN, each gate's block of W_h for the LSTM and GRU (each block scaled on its own).
    /// Everything else is unchanged. The lecture's experiment: σ_max < 1 vanishes, > 1 explodes.
    /// A block that is all zeros stays zero.
    public func rescaled(spectralNorm target: Double) -> CellParameters {
        precondition(target >= 0, "rescaled(spectralNorm:) needs a non-negative norm, got \(target)")
        var out = self
        let H = hiddenSize
        switch kind {
        case .rnn:
            let w = weightOrZeros("W_hh")
            let sigma = SingularValues.spectralNorm(w)
            out.weights["W_hh"] = sigma == 0 ? w : w.scaled(by: target / sigma)
        case .lstm, .gru:
            var wh = weightOrZeros("W_h")
            for block in 0..<kind.blocks {
                let range = (block * H)..<((block + 1) * H)
                let sigma = SingularValues.spectralNorm(wh.rows(range))
                guard sigma > 0 else { continue }
                let factor = target / sigma
                for k in (range.lowerBound * H)..<(range.upperBound * H) { wh.data[k] *= factor }
            }
            out.weights["W_h"] = wh
        }
        return out
    }
}
