/// The three recurrent cells of the lecture.
public enum CellKind: String, CaseIterable, Sendable, Hashable {
    /// h_t = tanh(W_hh h_{t-1} + W_xh x_t + b)
    case rnn
    /// Gates i, f, o = σ(...), candidate g = tanh(...); c_t = f ⊙ c_{t-1} + i ⊙ g, h_t = o ⊙ tanh(c_t)
    case lstm
    /// Gates r, z = σ(...), candidate n = h̃_t = tanh(...); h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃_t
    case gru

    /// How many blocks of `hidden` rows the stacked weights have.
    public var blocks: Int {
        switch self {
        case .rnn: return 1
        case .lstm: return 4
        case .gru: return 3
        }
    }

    /// The gate names in the order of the stacked blocks (the canonical order of `CellParameters`).
    public var gateNames: [String] {
        switch self {
        case .rnn: return []
        case .lstm: return ["i", "f", "g", "o"]
        case .gru: return ["r", "z", "n"]
        }
    }

    /// Whether the cell carries a cell state c besides h.
    public var hasCellState: Bool { self == .lstm }
}
