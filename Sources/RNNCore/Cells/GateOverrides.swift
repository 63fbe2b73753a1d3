/// Forces gates to fixed values after their nonlinearity, for what-if experiments:
/// `GateOverrides(["f": 1, "i": 0])` turns an LSTM into a pure memory that never writes.
///
/// Keys are gate names of the cell (`CellKind.gateNames`: "i", "f", "g", "o" for the LSTM,
/// "r", "z", "n" for the GRU). An overridden gate is a constant: the forward pass uses the
/// value for every unit and step, and backpropagation sends no gradient into its
/// pre-activation (its weights get zero gradient from it).
public struct GateOverrides: Hashable, Sendable {
    public var values: [String: Double]

    public init(_ values: [String: Double] = [:]) { self.values = values }

    /// No gate is forced.
    public static let none = GateOverrides()

    public var isEmpty: Bool { values.isEmpty }

    /// The forced value of each block of `kind`, in block order (nil = computed normally).
    /// Stops with a message naming the key when a name is not a gate of this cell.
    func perBlock(for kind: CellKind) -> [Double?] {
        let names = kind.gateNames
        for key in values.keys where !names.contains(key) {
            preconditionFailure("gate override '\(key)' is not a gate of the \(kind.rawValue) cell (gates: \(names.isEmpty ? "none" : names.joined(separator: ", ")))")
        }
        if kind == .rnn { return [nil] }
        return names.map { values[$0] }
    }
}
