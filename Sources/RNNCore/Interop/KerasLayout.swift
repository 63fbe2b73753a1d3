/// Keras 3 recurrent weights ↔ rnnlab's canonical `CellParameters`.
///
/// Keras computes `x · kernel + h · recurrent_kernel + bias` with
/// `kernel` (D × blocks·H), `recurrent_kernel` (H × blocks·H) and `bias` (blocks·H,).
/// Blocks: SimpleRNN one; LSTM i, f, c, o (the canonical i, f, g, o); GRU z, r, h (the
/// canonical r, z, n, so z and r swap). A GRU with `reset_after=True` (the default) has
/// `bias` (2, 3H) = [input bias; recurrent bias]; with `reset_after=False` one bias (3H,)
/// on the input side. See keras/src/layers/rnn/{simple_rnn,lstm,gru}.py.
public enum KerasLayout {
    /// Canonical block k is Keras block `blockOrder(kind)[k]`.
    public static func blockOrder(_ kind: CellKind) -> [Int] {
        kind == .gru ? [1, 0, 2] : Array(0..<kind.blocks)
    }

    /// The names of the Keras arrays, in the words error messages use.
    static let expectedNames = "expected kernel, recurrent_kernel and an optional bias, each maybe under a prefix such as 'lstm/lstm_cell/'"

    /// Reads the Keras arrays (names may carry a path prefix such as `lstm/lstm_cell/`).
    /// `resetAfter` nil: inferred from the GRU bias shape, true when there is no bias.
    /// Any other array is an error unless `allowExtraArrays`.
    public static func load(_ arrays: [String: NDArray], kind: CellKind, resetAfter: Bool? = nil,
                            allowExtraArrays: Bool = false, file: String) throws -> FrameworkWeights {
        try ArrayNames.rejectUnknown(arrays, roles: ["kernel", "recurrent_kernel", "bias"], layoutName: "Keras",
                                     expected: expectedNames, allowExtra: allowExtraArrays, file: file)
        let blocks = kind.blocks
        let kernelName = try ArrayNames.require("kernel", in: arrays, file: file, layoutName: "Keras", expected: expectedNames)
        let recurrentName = try ArrayNames.require("recurrent_kernel", in: arrays, file: file, layoutName: "Keras",
                                                   expected: expectedNames)
        let biasName = try ArrayNames.find("bias", in: arrays, file: file)
        let kernel = arrays[kernelName]!, recurrent = arrays[recurrentName]!

        // The recurrent kernel fixes the number of units H, the kernel the number of features D.
        let H = recurrent.shape.first ?? 0
        try ArrayNames.check(recurrent, name: recurrentName, expected: [H, blocks * H],
                             cell: ArrayNames.cellDescription(kind, units: H, resetAfter: kind == .gru ? resetAfter : nil), file: file)
        guard kernel.ndim == 2, H > 0 else {
            throw InteropError("\(file): array '\(kernelName)' has shape \(kernel.shapeDescription), expected (features, \(blocks * H)) for \(ArrayNames.cellDescription(kind, units: H))")
        }
        let D = kernel.shape[0]
        try ArrayNames.check(kernel, name: kernelName, expected: [D, blocks * H],
                             cell: ArrayNames.cellDescription(kind, units: H), file: file)

        // GRU variant: the bias shape tells, when there is a bias.
        var gruResetAfter = resetAfter ?? true
        if kind == .gru, let biasName, resetAfter == nil {
            gruResetAfter = arrays[biasName]!.ndim == 2
        }
        let order = blockOrder(kind)
        let inverse = inversePermutation(order)
        func toCanonical(_ frameworkMajor: [Double]) -> [Double] { permuteBlocks(frameworkMajor, blocks: blocks, order: order) }
        @Sendable func toKeras(_ canonical: [Double]) -> [Double] { permuteBlocks(canonical, blocks: blocks, order: inverse) }

        // (D × blocks·H) → transpose to (blocks·H × D) → canonical block order.
        let W_x = Matrix(rows: blocks * H, cols: D, data: toCanonical(kernel.matrix!.transposed.data))
        let W_h = Matrix(rows: blocks * H, cols: H, data: toCanonical(recurrent.matrix!.transposed.data))
        var weights: [String: Matrix] = [:]
        let names = CellParameters.expectedShapes(kind: kind, inputSize: D, hiddenSize: H).map(\.name)
        weights[names[0]] = W_x
        weights[names[1]] = W_h

        let xName = names[0], hName = names[1]
        var maps: [(name: String, map: FrameworkWeights.GradientMap)] = [
            (kernelName, { g in NDArray(Matrix(rows: blocks * H, cols: D, data: toKeras(g[xName]!.data)).transposed) }),
            (recurrentName, { g in NDArray(Matrix(rows: blocks * H, cols: H, data: toKeras(g[hName]!.data)).transposed) }),
        ]

        let zerosRow = Matrix(rows: 1, cols: blocks * H)
        switch kind {
        case .rnn, .lstm:
            let bName = names[2]  // b_h or b
            weights[bName] = zerosRow
            if let biasName {
                let bias = arrays[biasName]!
                try ArrayNames.check(bias, name: biasName, expected: [blocks * H],
                                     cell: ArrayNames.cellDescription(kind, units: H), file: file)
                weights[bName] = Matrix(row: toCanonical(bias.data))
                maps.append((biasName, { g in NDArray(shape: [blocks * H], data: toKeras(g[bName]!.data)) }))
            }
        case .gru:
            weights["b_x"] = zerosRow
            weights["b_h"] = zerosRow
            if let biasName {
                let bias = arrays[biasName]!
                let cell = ArrayNames.cellDescription(kind, units: H, resetAfter: gruResetAfter)
                if gruResetAfter {
                    try ArrayNames.check(bias, name: biasName, expected: [2, 3 * H], cell: cell, file: file)
                    weights["b_x"] = Matrix(row: toCanonical(Array(bias.data[0..<(3 * H)])))
                    weights["b_h"] = Matrix(row: toCanonical(Array(bias.data[(3 * H)...])))
                    maps.append((biasName, { g in
                        NDArray(shape: [2, 3 * H], data: toKeras(g["b_x"]!.data) + toKeras(g["b_h"]!.data))
                    }))
                } else {
                    // One input-side bias; the canonical recurrent bias stays zero.
                    try ArrayNames.check(bias, name: biasName, expected: [3 * H], cell: cell, file: file)
                    weights["b_x"] = Matrix(row: toCanonical(bias.data))
                    maps.append((biasName, { g in NDArray(shape: [3 * H], data: toKeras(g["b_x"]!.data)) }))
                }
            }
        }
        let parameters = CellParameters(kind: kind, inputSize: D, hiddenSize: H,
                                        resetAfter: kind == .gru ? gruResetAfter : true, weights: weights)
        return FrameworkWeights(layout: .keras, parameters: parameters, gradientMaps: maps)
    }

    /// The Keras arrays for canonical weights, named `<prefix>kernel`, `<prefix>recurrent_kernel`,
    /// `<prefix>bias` (no bias when an RNN has no `b_h`). A reset-before GRU gets
    /// `bias = b_x + b_h`, which computes the same cell.
    public static func export(_ p: CellParameters, prefix: String = "") -> [String: NDArray] {
        let blocks = p.kind.blocks, H = p.hiddenSize, D = p.inputSize
        let inverse = inversePermutation(blockOrder(p.kind))
        func toKeras(_ m: Matrix) -> [Double] { permuteBlocks(m.data, blocks: blocks, order: inverse) }
        let names = CellParameters.expectedShapes(kind: p.kind, inputSize: D, hiddenSize: H).map(\.name)
        var out: [String: NDArray] = [
            prefix + "kernel": NDArray(Matrix(rows: blocks * H, cols: D, data: toKeras(p[names[0]]!)).transposed),
            prefix + "recurrent_kernel": NDArray(Matrix(rows: blocks * H, cols: H, data: toKeras(p[names[1]]!)).transposed),
        ]
        let zeros = Matrix(rows: 1, cols: blocks * H)
        switch p.kind {
        case .rnn, .lstm:
            if let b = p[names[2]] { out[prefix + "bias"] = NDArray(shape: [blocks * H], data: toKeras(b)) }
        case .gru:
            let bx = p["b_x"] ?? zeros, bh = p["b_h"] ?? zeros
            if p.resetAfter {
                out[prefix + "bias"] = NDArray(shape: [2, 3 * H], data: toKeras(bx) + toKeras(bh))
            } else {
                let sum = Matrix(row: zip(bx.data, bh.data).map(+))
                out[prefix + "bias"] = NDArray(shape: [3 * H], data: toKeras(sum))
            }
        }
        return out
    }
}
