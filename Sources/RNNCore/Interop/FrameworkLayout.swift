import Foundation

/// The weight layouts of the frameworks rnnlab exchanges weights with.
public enum FrameworkLayout: String, CaseIterable, Sendable, Hashable {
    /// Keras 3: `kernel` (D × blocks·H), `recurrent_kernel` (H × blocks·H), `bias`.
    case keras
    /// PyTorch: `weight_ih_l0` (blocks·H × D), `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`.
    case pytorch

    /// `Keras`, `PyTorch`: the framework's own spelling, for messages.
    public var displayName: String { self == .keras ? "Keras" : "PyTorch" }

    /// Guesses the layout from array names: a `kernel` means Keras, a `weight_ih_l0` PyTorch.
    public static func infer(fromNames names: some Collection<String>) -> FrameworkLayout? {
        let last = Set(names.map(ArrayNames.lastComponent))
        let keras = last.contains("kernel") || last.contains("recurrent_kernel")
        let torch = last.contains("weight_ih_l0") || last.contains("weight_hh_l0")
        if keras == torch { return nil }
        return keras ? .keras : .pytorch
    }
}

/// Framework weights bound to a canonical cell: what `KerasLayout` / `PyTorchLayout` found in
/// a file, and how to turn canonical gradients back into arrays of the file's shapes.
public struct FrameworkWeights: Sendable {
    /// Converts canonical gradients (keys and shapes of `CellParameters.weights`) into the
    /// gradient of one framework array, in that array's shape.
    public typealias GradientMap = @Sendable ([String: Matrix]) -> NDArray

    public var layout: FrameworkLayout
    /// The cell in rnnlab's canonical layout (missing biases are zeros).
    public var parameters: CellParameters
    /// For each array of the file that the cell uses: its full name (with any path prefix)
    /// and how its gradient is computed from the canonical gradients.
    public var gradientMaps: [(name: String, map: GradientMap)]

    public init(layout: FrameworkLayout, parameters: CellParameters, gradientMaps: [(name: String, map: GradientMap)]) {
        self.layout = layout
        self.parameters = parameters
        self.gradientMaps = gradientMaps
    }

    /// The framework names of the arrays the cell uses, in file order of roles.
    public var arrayNames: [String] { gradientMaps.map(\.name) }

    /// `∂L/∂<name>` for every array the cell uses, keyed by the framework name, each with
    /// the shape of the array in the file.
    public func frameworkGradients(_ canonical: [String: Matrix]) -> [String: NDArray] {
        var out: [String: NDArray] = [:]
        for (name, map) in gradientMaps { out[name] = map(canonical) }
        return out
    }

    /// Loads weights in either layout; `layout` nil infers it from the names.
    /// `resetAfter` nil means: from the Keras GRU bias shape, else true. An array whose name
    /// is not part of the layout is an error naming it and the expected names (a misspelt
    /// `bais` would otherwise run without its bias), unless `allowExtraArrays`.
    public static func load(_ arrays: [String: NDArray], kind: CellKind, layout: FrameworkLayout? = nil,
                            resetAfter: Bool? = nil, allowExtraArrays: Bool = false, file: String) throws -> FrameworkWeights {
        guard let chosen = layout ?? FrameworkLayout.infer(fromNames: arrays.keys) else {
            let names = arrays.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw InteropError("\(file): cannot tell the layout from the array names [\(names)]; expected Keras names (kernel, recurrent_kernel, bias) or PyTorch names (weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0); pass --layout")
        }
        // Weights of the other framework under a forced --layout: say that, not "missing kernel".
        if let layout, let named = FrameworkLayout.infer(fromNames: arrays.keys), named != layout {
            let names = arrays.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw InteropError("\(file): --layout \(layout.rawValue), but the arrays have \(named.displayName) names (\(names)); pass --layout \(named.rawValue) or leave --layout out")
        }
        switch chosen {
        case .keras:
            return try KerasLayout.load(arrays, kind: kind, resetAfter: resetAfter, allowExtraArrays: allowExtraArrays, file: file)
        case .pytorch:
            return try PyTorchLayout.load(arrays, kind: kind, resetAfter: resetAfter, allowExtraArrays: allowExtraArrays, file: file)
        }
    }

    /// Reads a weights `.npz` and loads it (see `load(_:kind:layout:resetAfter:allowExtraArrays:file:)`).
    public static func load(npz url: URL, kind: CellKind, layout: FrameworkLayout? = nil,
                            resetAfter: Bool? = nil, allowExtraArrays: Bool = false) throws -> FrameworkWeights {
        try load(NPZ.read(url), kind: kind, layout: layout, resetAfter: resetAfter, allowExtraArrays: allowExtraArrays,
                 file: url.path)
    }

    /// Canonical weights as framework arrays, names prefixed with `prefix`
    /// (e.g. `"lstm/lstm_cell/"` or `"rnn."`); write them with `NPZ.write`.
    public static func export(_ parameters: CellParameters, layout: FrameworkLayout, prefix: String = "") -> [String: NDArray] {
        switch layout {
        case .keras: return KerasLayout.export(parameters, prefix: prefix)
        case .pytorch: return PyTorchLayout.export(parameters, prefix: prefix)
        }
    }
}

/// Name matching and shape checks shared by the layouts.
enum ArrayNames {
    /// The last component of a path-like name: `lstm/lstm_cell/kernel` → `kernel`,
    /// `rnn.weight_ih_l0` → `weight_ih_l0`, `kernel:0` → `kernel`.
    static func lastComponent(_ name: String) -> String {
        var last = Substring(name)
        if let cut = last.lastIndex(where: { $0 == "/" || $0 == "." }) { last = last[last.index(after: cut)...] }
        if let colon = last.firstIndex(of: ":") { last = last[..<colon] }
        return String(last)
    }

    /// The full name of the array whose last component is `role`; nil when there is none,
    /// an error when several arrays match.
    static func find(_ role: String, in arrays: [String: NDArray], file: String) throws -> String? {
        let matches = arrays.keys.filter { lastComponent($0) == role }.sorted()
        if matches.count > 1 {
            throw InteropError("\(file): array name '\(role)' is ambiguous: \(matches.map { "'\($0)'" }.joined(separator: ", ")) all match; keep the weights of one layer per file")
        }
        return matches.first
    }

    /// Like `find`, but a missing array is an error naming it, the layout's names and the file's.
    static func require(_ role: String, in arrays: [String: NDArray], file: String, layoutName: String,
                        expected: String) throws -> String {
        guard let name = try find(role, in: arrays, file: file) else {
            let have = arrays.keys.sorted().map { "'\($0)'" }.joined(separator: ", ")
            throw InteropError("\(file): missing array '\(role)' (\(layoutName) layout: \(expected)); the file has [\(have)]")
        }
        return name
    }

    /// Every array must be one of the layout's `roles` (after any prefix): an unknown name is
    /// a misspelling or another layer's weights, and running without it would silently compute
    /// different numbers. `allowExtra` lets such arrays through (they get zero gradients).
    static func rejectUnknown(_ arrays: [String: NDArray], roles: [String], layoutName: String, expected: String,
                              allowExtra: Bool, file: String) throws {
        guard !allowExtra else { return }
        let unknown = arrays.keys.filter { !roles.contains(lastComponent($0)) }.sorted()
        guard !unknown.isEmpty else { return }
        let list = unknown.map { "'\($0)'" }.joined(separator: ", ")
        let subject = unknown.count == 1 ? "array \(list) is" : "arrays \(list) are"
        throw InteropError("\(file): \(subject) not part of the \(layoutName) layout (\(expected)); rename \(unknown.count == 1 ? "it" : "them"), or pass --allow-extra-arrays to ignore \(unknown.count == 1 ? "it" : "them")")
    }

    /// Checks an array's shape and values.
    static func check(_ array: NDArray, name: String, expected: [Int], cell: String, file: String) throws {
        guard array.shape == expected else {
            throw InteropError("\(file): array '\(name)' has shape \(array.shapeDescription), expected \(numpyShapeDescription(expected)) for \(cell)")
        }
        try checkFinite(array, name: name, file: file)
    }

    /// NaN or Inf anywhere is bad input.
    static func checkFinite(_ array: NDArray, name: String, file: String) throws {
        if let bad = array.firstNonFinite {
            throw InteropError("\(file): array '\(name)' contains \(bad.value.isNaN ? "NaN" : "Inf") at flat index \(bad.offset); all values must be finite")
        }
    }

    /// "an LSTM with 4 units", "a GRU (reset_after=False) with 4 units".
    static func cellDescription(_ kind: CellKind, units: Int, resetAfter: Bool? = nil) -> String {
        let unitText = units == 1 ? "1 unit" : "\(units) units"
        switch kind {
        case .rnn: return "an RNN with \(unitText)"
        case .lstm: return "an LSTM with \(unitText)"
        case .gru:
            let variant = resetAfter.map { " (reset_after=\($0 ? "True" : "False"))" } ?? ""
            return "a GRU\(variant) with \(unitText)"
        }
    }
}

/// Reorders equal blocks of a row-major array: block k of the result is block `order[k]` of
/// `values`. A block of H rows of a matrix with C columns is H·C contiguous values; a block
/// of a bias vector is H values.
func permuteBlocks(_ values: [Double], blocks: Int, order: [Int]) -> [Double] {
    precondition(order.count == blocks && values.count % blocks == 0)
    let size = values.count / blocks
    var out: [Double] = []
    out.reserveCapacity(values.count)
    for k in order { out.append(contentsOf: values[(k * size)..<((k + 1) * size)]) }
    return out
}

/// The inverse permutation: `inverse(order)[order[k]] == k`.
func inversePermutation(_ order: [Int]) -> [Int] {
    var inv = [Int](repeating: 0, count: order.count)
    for (k, j) in order.enumerated() { inv[j] = k }
    return inv
}
