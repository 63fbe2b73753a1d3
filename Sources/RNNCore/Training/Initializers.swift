/// Where the starting weights come from: the two conventions the lecture's frameworks use.
public enum InitializerStyle: String, Sendable, Hashable, CaseIterable {
    /// Keras: `glorot_uniform` kernels, `orthogonal` recurrent kernels, zero biases, and for
    /// the LSTM `unit_forget_bias=True` (forget block of the bias = 1).
    case keras
    /// PyTorch: every weight and bias uniform in ±1/√H (`nn.RNN`, `nn.LSTM`, `nn.GRU`).
    case pytorch
}

/// Weight initializers, all drawing from the one `SeededRandom`.
public enum Initializers {
    /// Glorot (Xavier) uniform: U(−l, l) with l = √(6 / (fan_in + fan_out)).
    /// For a weight (out × in) used as W x, fan_in = cols and fan_out = rows.
    public static func glorotUniform(rows: Int, cols: Int, rng: inout SeededRandom) -> Matrix {
        let limit = (6.0 / Double(max(rows + cols, 1))).squareRoot()
        return rng.uniformMatrix(rows, cols, -limit, limit)
    }

    /// A random matrix with orthonormal columns (rows ≥ cols) or rows (rows < cols), as Keras'
    /// `Orthogonal`: draw a standard normal matrix A, factor A = QR, and fix the signs so that
    /// diag(R) > 0 (which makes Q uniformly distributed). The factorisation is modified
    /// Gram–Schmidt on the columns, which gives R with a positive diagonal directly.
    public static func orthogonal(rows: Int, cols: Int, gain: Double = 1, rng: inout SeededRandom) -> Matrix {
        if rows < cols { return orthogonal(rows: cols, cols: rows, gain: gain, rng: &rng).transposed }
        var q = Matrix(rows: rows, cols: cols)
        for i in 0..<q.count { q.data[i] = rng.normal() }
        for j in 0..<cols {
            // Remove the components along the earlier (already orthonormal) columns, one at a time.
            for k in 0..<j {
                var dot = 0.0
                for r in 0..<rows { dot += q[r, k] * q[r, j] }
                for r in 0..<rows { q[r, j] -= dot * q[r, k] }
            }
            var norm = 0.0
            for r in 0..<rows { norm += q[r, j] * q[r, j] }
            norm = norm.squareRoot()
            // A normal matrix is rank-deficient with probability 0; guard anyway.
            precondition(norm > 1e-12, "orthogonal initializer: column \(j) of the normal draw is degenerate")
            for r in 0..<rows { q[r, j] /= norm }
        }
        return q.scaled(by: gain)
    }

    /// Parameters for one recurrent layer in rnnlab's layout (see `CellParameters`).
    ///
    /// Keras: W_x / W_xh glorot uniform with Keras' fans (fan_in = D, fan_out = blocks·H);
    /// W_h / W_hh orthogonal over the whole stacked (blocks·H × H) matrix, so W_hᵀW_h = I;
    /// biases zero, LSTM forget block 1. PyTorch: everything U(−1/√H, 1/√H); where our layout
    /// has one bias and PyTorch two (b_ih + b_hh), the bias is the sum of two such draws.
    public static func cellParameters(kind: CellKind, inputSize D: Int, hiddenSize H: Int,
                                      style: InitializerStyle, resetAfter: Bool = true,
                                      rng: inout SeededRandom) -> CellParameters {
        precondition(D > 0 && H > 0, "cell sizes must be positive, got input \(D), hidden \(H)")
        let G = kind.blocks * H
        var w: [String: Matrix] = [:]
        let xName = kind == .rnn ? "W_xh" : "W_x"
        let hName = kind == .rnn ? "W_hh" : "W_h"
        switch style {
        case .keras:
            // Keras' kernel is (D × G); its glorot limit uses fan_in = D, fan_out = G, as here.
            w[xName] = glorotUniform(rows: G, cols: D, rng: &rng)
            w[hName] = orthogonal(rows: G, cols: H, rng: &rng)
            switch kind {
            case .rnn: w["b_h"] = .zeros(1, H)
            case .lstm:
                var b = Matrix.zeros(1, G)
                let f = kind.gateNames.firstIndex(of: "f")!
                for j in (f * H)..<((f + 1) * H) { b.data[j] = 1 }
                w["b"] = b
            case .gru:
                w["b_x"] = .zeros(1, G)
                w["b_h"] = .zeros(1, G)
            }
        case .pytorch:
            let k = 1 / Double(H).squareRoot()
            w[xName] = rng.uniformMatrix(G, D, -k, k)
            w[hName] = rng.uniformMatrix(G, H, -k, k)
            let twoBiases = { (rng: inout SeededRandom) -> Matrix in
                var b = rng.uniformMatrix(1, G, -k, k)
                let b2 = rng.uniformMatrix(1, G, -k, k)
                for i in 0..<b.count { b.data[i] += b2.data[i] }
                return b
            }
            switch kind {
            case .rnn: w["b_h"] = twoBiases(&rng)
            case .lstm: w["b"] = twoBiases(&rng)
            case .gru:
                w["b_x"] = rng.uniformMatrix(1, G, -k, k)
                w["b_h"] = rng.uniformMatrix(1, G, -k, k)
            }
        }
        return CellParameters(kind: kind, inputSize: D, hiddenSize: H, resetAfter: resetAfter, weights: w)
    }
}
