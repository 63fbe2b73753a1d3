/// PyTorch `nn.RNN` / `nn.LSTM` / `nn.GRU` weights (layer 0) ↔ rnnlab's canonical `CellParameters`.
///
/// PyTorch stores weights as the equations write them: `weight_ih_l0` (blocks·H × D),
/// `weight_hh_l0` (blocks·H × H), `bias_ih_l0` and `bias_hh_l0` (blocks·H,). Blocks: LSTM
/// i, f, g, o and GRU r, z, n, both the canonical order; the GRU is always reset-after
/// (n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn))). The RNN and the LSTM have one canonical
/// bias where PyTorch has two: they are summed on load, and each gets the bias gradient.
/// See torch/nn/modules/rnn.py.
public enum PyTorchLayout {
    public static let inputWeight = "weight_ih_l0"
    public static let hiddenWeight = "weight_hh_l0"
    public static let inputBias = "bias_ih_l0"
    public static let hiddenBias = "bias_hh_l0"

    /// The names of the PyTorch arrays, in the words error messages use.
    static let expectedNames = "expected weight_ih_l0, weight_hh_l0 and optionally both bias_ih_l0 and bias_hh_l0, each maybe under a module prefix such as 'rnn.'"

    /// Reads the PyTorch arrays (names may carry a module prefix such as `rnn.`). Any other
    /// array is an error unless `allowExtraArrays`; so is one bias without the other
    /// (`bias=False` drops both).
    public static func load(_ arrays: [String: NDArray], kind: CellKind, resetAfter: Bool? = nil,
                            allowExtraArrays: Bool = false, file: String) throws -> FrameworkWeights {
        if kind == .gru, resetAfter == false {
            throw InteropError("\(file): a PyTorch GRU is always reset-after; --no-reset-after applies to Keras weights only")
        }
        // A stacked or bidirectional module has more than one layer; rnnlab runs exactly one.
        if let extra = arrays.keys.sorted().first(where: { isOtherLayer(ArrayNames.lastComponent($0)) }) {
            throw InteropError("\(file): array '\(extra)' belongs to another layer or direction; rnnlab runs one layer (layer 0, forward): save only the *_l0 arrays")
        }
        try ArrayNames.rejectUnknown(arrays, roles: [inputWeight, hiddenWeight, inputBias, hiddenBias], layoutName: "PyTorch",
                                     expected: expectedNames, allowExtra: allowExtraArrays, file: file)
        let blocks = kind.blocks
        let ihName = try ArrayNames.require(inputWeight, in: arrays, file: file, layoutName: "PyTorch", expected: expectedNames)
        let hhName = try ArrayNames.require(hiddenWeight, in: arrays, file: file, layoutName: "PyTorch", expected: expectedNames)
        let ihBias = try ArrayNames.find(inputBias, in: arrays, file: file)
        let hhBias = try ArrayNames.find(hiddenBias, in: arrays, file: file)
        if (ihBias == nil) != (hhBias == nil) {
            let (have, missing) = ihBias != nil ? (ihBias!, hiddenBias) : (hhBias!, inputBias)
            throw InteropError("\(file): missing array '\(missing)' (PyTorch layout): the file has '\(have)', and PyTorch saves both biases or neither")
        }
        let ih = arrays[ihName]!, hh = arrays[hhName]!

        // weight_hh_l0 is (blocks·H × H): its columns give H.
        let H = hh.ndim == 2 ? hh.shape[1] : (hh.shape.first ?? 0) / max(blocks, 1)
        let cell = ArrayNames.cellDescription(kind, units: H)
        try ArrayNames.check(hh, name: hhName, expected: [blocks * H, H], cell: cell, file: file)
        guard ih.ndim == 2, H > 0 else {
            throw InteropError("\(file): array '\(ihName)' has shape \(ih.shapeDescription), expected (\(blocks * H), features) for \(cell)")
        }
        let D = ih.shape[1]
        try ArrayNames.check(ih, name: ihName, expected: [blocks * H, D], cell: cell, file: file)

        let names = CellParameters.expectedShapes(kind: kind, inputSize: D, hiddenSize: H).map(\.name)
        let xName = names[0], hName = names[1]
        var weights: [String: Matrix] = [xName: ih.matrix!, hName: hh.matrix!]
        var maps: [(name: String, map: FrameworkWeights.GradientMap)] = [
            (ihName, { g in NDArray(g[xName]!) }),
            (hhName, { g in NDArray(g[hName]!) }),
        ]

        var biases: [(name: String, values: [Double])] = []
        for role in [inputBias, hiddenBias] {
            guard let name = try ArrayNames.find(role, in: arrays, file: file) else { continue }
            try ArrayNames.check(arrays[name]!, name: name, expected: [blocks * H], cell: cell, file: file)
            biases.append((name, arrays[name]!.data))
        }
        let zeros = [Double](repeating: 0, count: blocks * H)
        switch kind {
        case .rnn, .lstm:
            // One canonical bias b = b_ih + b_hh; ∂L/∂b_ih = ∂L/∂b_hh = ∂L/∂b.
            let bName = names[2]
            weights[bName] = Matrix(row: biases.reduce(zeros) { zip($0, $1.values).map(+) })
            for (name, _) in biases { maps.append((name, { g in NDArray(vector: g[bName]!) })) }
        case .gru:
            weights["b_x"] = Matrix(row: ihBias.map { arrays[$0]!.data } ?? zeros)
            weights["b_h"] = Matrix(row: hhBias.map { arrays[$0]!.data } ?? zeros)
            if let ihBias { maps.append((ihBias, { g in NDArray(vector: g["b_x"]!) })) }
            if let hhBias { maps.append((hhBias, { g in NDArray(vector: g["b_h"]!) })) }
        }
        let parameters = CellParameters(kind: kind, inputSize: D, hiddenSize: H, resetAfter: true, weights: weights)
        return FrameworkWeights(layout: .pytorch, parameters: parameters, gradientMaps: maps)
    }

    /// `weight_ih_l1`, `bias_hh_l0_reverse`, ...: names of layers other than the first forward one.
    static func isOtherLayer(_ name: String) -> Bool {
        let roles = [inputWeight, hiddenWeight, inputBias, hiddenBias].map { String($0.dropLast(3)) }  // "weight_ih", ...
        guard let role = roles.first(where: { name.hasPrefix($0 + "_l") }) else { return false }
        return name != role + "_l0"
    }

    /// The PyTorch arrays for canonical weights, named `<prefix>weight_ih_l0` and so on. The
    /// single canonical bias of an RNN or LSTM goes to `bias_ih_l0`, with `bias_hh_l0` zero.
    /// A reset-before GRU has no PyTorch form: that is a precondition failure.
    public static func export(_ p: CellParameters, prefix: String = "") -> [String: NDArray] {
        precondition(p.kind != .gru || p.resetAfter, "PyTorch has no reset-before GRU")
        let names = CellParameters.expectedShapes(kind: p.kind, inputSize: p.inputSize, hiddenSize: p.hiddenSize).map(\.name)
        let n = p.kind.blocks * p.hiddenSize
        var out: [String: NDArray] = [
            prefix + inputWeight: NDArray(p[names[0]]!),
            prefix + hiddenWeight: NDArray(p[names[1]]!),
        ]
        switch p.kind {
        case .rnn, .lstm:
            if let b = p[names[2]] {
                out[prefix + inputBias] = NDArray(vector: b)
                out[prefix + hiddenBias] = NDArray.zeros([n])
            }
        case .gru:
            out[prefix + inputBias] = NDArray(vector: p["b_x"] ?? Matrix(rows: 1, cols: n))
            out[prefix + hiddenBias] = NDArray(vector: p["b_h"] ?? Matrix(rows: 1, cols: n))
        }
        return out
    }
}
