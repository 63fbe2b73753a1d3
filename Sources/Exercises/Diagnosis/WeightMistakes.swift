import RNNCore

/// The mistakes that amount to reading the weights wrongly, as changes of `CellParameters`:
/// RNNCore then runs the changed cell on the same data, and its answer is the answer the
/// mistake gives.
enum WeightMistakes {
    /// Every H×H block of W_hh transposed (W_h h instead of W_hᵀ h, gate by gate).
    static func transposeRecurrent(_ p: CellParameters) -> CellParameters {
        transposeBlocks(p, name: recurrentName(p.kind))
    }

    /// Every H×D block of the input weights transposed (only meaningful when D = H).
    static func transposeInput(_ p: CellParameters) -> CellParameters {
        transposeBlocks(p, name: inputName(p.kind))
    }

    /// The blocks in the order a learner who misreads the layout sees them: canonical block k
    /// takes the weights of block `order[k]`.
    static func permute(_ p: CellParameters, order: [Int]) -> CellParameters {
        var q = p
        for (name, m) in p.weights {
            let rowsPerBlock = m.rows / p.kind.blocks
            if m.rows == 1 {
                let H = m.cols / p.kind.blocks
                q.weights[name] = Matrix(row: order.flatMap { Array(m.data[($0 * H)..<(($0 + 1) * H)]) })
            } else {
                q.weights[name] = Matrix.vstack(order.map { m.rows(($0 * rowsPerBlock)..<(($0 + 1) * rowsPerBlock)) })
            }
        }
        return q
    }

    /// The GRU read in PyTorch's order: Keras' z, r swapped (canonical r ↔ z).
    static func gruPyTorchOrder(_ p: CellParameters) -> CellParameters { permute(p, order: [1, 0, 2]) }

    /// The LSTM's Keras blocks i, f, c, o read as i, f, o, g: the learner's g is Keras' o and
    /// their o is Keras' c (canonical g ↔ o).
    static func lstmIFOG(_ p: CellParameters) -> CellParameters { permute(p, order: [0, 1, 3, 2]) }

    /// Every bias multiplied by `factor` (0: missing, 2: counted twice).
    static func scaleBiases(_ p: CellParameters, by factor: Double) -> CellParameters {
        var q = p
        for name in ["b_h", "b", "b_x"] { if let b = p.weights[name] { q.weights[name] = b.scaled(by: factor) } }
        return q
    }

    /// A reset-after GRU with both biases on the input side: b_x + b_h, no recurrent bias.
    static func gruBiasesSummed(_ p: CellParameters) -> CellParameters {
        var q = p
        let bx = p.weights["b_x"] ?? Matrix(rows: 1, cols: 3 * p.hiddenSize)
        let bh = p.weights["b_h"] ?? Matrix(rows: 1, cols: 3 * p.hiddenSize)
        q.weights["b_x"] = Matrix(row: zip(bx.data, bh.data).map(+))
        q.weights["b_h"] = Matrix(rows: 1, cols: 3 * p.hiddenSize)
        return q
    }

    /// The GRU's other form (reset gate before ↔ after the product), same weights.
    static func otherResetForm(_ p: CellParameters) -> CellParameters {
        var q = p
        q.resetAfter.toggle()
        return q
    }

    /// A reset-before GRU (one bias) run with the reset gate after the product and the
    /// candidate's bias moved inside it: r ⊙ (W_hn h + b_n), where a learner used to Keras'
    /// default puts it.
    static func resetAfterWithCandidateBiasInside(_ p: CellParameters) -> CellParameters {
        var q = otherResetForm(p)
        let H = p.hiddenSize
        var bx = p.weights["b_x"] ?? Matrix(rows: 1, cols: 3 * H), bh = p.weights["b_h"] ?? Matrix(rows: 1, cols: 3 * H)
        for j in (2 * H)..<(3 * H) {
            bh.data[j] += bx.data[j]
            bx.data[j] = 0
        }
        q.weights["b_x"] = bx
        q.weights["b_h"] = bh
        return q
    }

    /// The GRU's update gate reversed: σ(−a) = 1 − σ(a), so negating every weight of the z
    /// block turns z into 1 − z.
    static func reverseUpdateGate(_ p: CellParameters) -> CellParameters {
        var q = p
        let H = p.hiddenSize
        for (name, m) in p.weights {
            var m = m
            if m.rows == 1 {
                for j in H..<(2 * H) { m.data[j] = -m.data[j] }
            } else {
                for r in H..<(2 * H) { for c in 0..<m.cols { m.data[r * m.cols + c] = -m.data[r * m.cols + c] } }
            }
            q.weights[name] = m
        }
        return q
    }

    static func recurrentName(_ kind: CellKind) -> String { kind == .rnn ? "W_hh" : "W_h" }
    static func inputName(_ kind: CellKind) -> String { kind == .rnn ? "W_xh" : "W_x" }

    private static func transposeBlocks(_ p: CellParameters, name: String) -> CellParameters {
        var q = p
        guard let m = p.weights[name] else { return p }
        let n = m.rows / p.kind.blocks
        precondition(n == m.cols, "transposing the blocks of \(name) needs square blocks, got \(m.shapeDescription)")
        q.weights[name] = Matrix.vstack((0..<p.kind.blocks).map { m.rows(($0 * n)..<(($0 + 1) * n)).transposed })
        return q
    }
}
