import RNNCore

/// What a `compute` exercise asks for (`quantity:` in the block, `answer.quantity` in
/// `task.json`). Arrays are batch-major as in Keras 3.
public enum ComputeQuantity: Hashable, Sendable {
    /// `h`: every h_t, (B, T, H) (Keras `return_sequences=True`).
    case h
    /// `h_T`: the last state, (B, H).
    case hLast
    /// `c`: every LSTM cell state c_t, (B, T, H).
    case c
    /// `c_T`: the last cell state, (B, H).
    case cLast
    /// A gate's activation at every step, (B, T, H), by its canonical name: `i`, `f`, `g`, `o`
    /// (LSTM; g is Keras' c block) or `r`, `z`, `n` (GRU; n is the candidate h̃, Keras' h block).
    case gate(String)
    /// `grad_h0`: ∂L/∂h_0, (B, H).
    case gradH0
    /// `grad_recurrent_kernel`: ∂L/∂recurrent_kernel in Keras layout, (H, blocks·H).
    case gradRecurrentKernel
    /// `clipped_grad_recurrent_kernel`: the same after clipping all gradients (kernel,
    /// recurrent_kernel, bias) together by their global norm at a stated threshold.
    case clippedGradRecurrentKernel

    /// The words of `quantity:`.
    public static let words = ["h", "h_T", "c", "c_T", "i", "f", "g", "o", "r", "z", "n",
                               "grad_h0", "grad_recurrent_kernel", "clipped_grad_recurrent_kernel"]

    public init?(word: String) {
        switch word {
        case "h": self = .h
        case "h_T": self = .hLast
        case "c": self = .c
        case "c_T": self = .cLast
        case "i", "f", "g", "o", "r", "z", "n": self = .gate(word)
        case "grad_h0": self = .gradH0
        case "grad_recurrent_kernel": self = .gradRecurrentKernel
        case "clipped_grad_recurrent_kernel": self = .clippedGradRecurrentKernel
        default: return nil
        }
    }

    public var word: String {
        switch self {
        case .h: "h"
        case .hLast: "h_T"
        case .c: "c"
        case .cLast: "c_T"
        case .gate(let g): g
        case .gradH0: "grad_h0"
        case .gradRecurrentKernel: "grad_recurrent_kernel"
        case .clippedGradRecurrentKernel: "clipped_grad_recurrent_kernel"
        }
    }

    /// Whether the quantity is a gradient (needs a stated loss).
    public var isGradient: Bool {
        switch self {
        case .gradH0, .gradRecurrentKernel, .clippedGradRecurrentKernel: true
        default: false
        }
    }

    /// Why `kind` has no such quantity, or nil when it has.
    func problem(for kind: CellKind) -> String? {
        switch self {
        case .c, .cLast: kind == .lstm ? nil : "only the LSTM has a cell state c"
        case .gate(let g): kind.gateNames.contains(g) ? nil
            : "'\(g)' is not a gate of the \(kind.rawValue) cell (gates: \(kind.gateNames.isEmpty ? "none" : kind.gateNames.joined(separator: ", ")))"
        default: nil
        }
    }

    /// The answer's shape for a batch of B sequences of T steps, H units.
    func shape(batch B: Int, steps T: Int, hidden H: Int, blocks: Int) -> [Int] {
        switch self {
        case .h, .c, .gate: [B, T, H]
        case .hLast, .cLast, .gradH0: [B, H]
        case .gradRecurrentKernel, .clippedGradRecurrentKernel: [H, blocks * H]
        }
    }

    /// The axes in words, e.g. `(batch, time, units)`; a recurrent kernel's for `kind`
    /// (a SimpleRNN has no gate blocks: (units, units)).
    func axes(for kind: CellKind) -> String {
        switch self {
        case .h, .c, .gate: "(batch, time, units)"
        case .hLast, .cLast, .gradH0: "(batch, units)"
        case .gradRecurrentKernel, .clippedGradRecurrentKernel:
            kind == .rnn ? "(units, units), like recurrent_kernel" : "(units, \(kind.blocks)·units), like recurrent_kernel"
        }
    }

    /// What it is, in words for the statement.
    func meaning(kind: CellKind) -> String {
        switch self {
        case .h: "every hidden state h_1 … h_T"
        case .hLast: "the last hidden state h_T"
        case .c: "every cell state c_1 … c_T"
        case .cLast: "the last cell state c_T"
        case .gate(let g): "the \(ComputeQuantity.gateTitle(g)) at every step"
        case .gradH0: "the gradient ∂L/∂h_0"
        case .gradRecurrentKernel: "the gradient ∂L/∂recurrent_kernel"
        case .clippedGradRecurrentKernel: "the gradient ∂L/∂recurrent_kernel after clipping by global norm"
        }
    }

    static func gateTitle(_ g: String) -> String {
        switch g {
        case "i": "input gate i"
        case "f": "forget gate f"
        case "g": "candidate g (Keras' c block)"
        case "o": "output gate o"
        case "r": "reset gate r"
        case "z": "update gate z"
        case "n": "candidate h̃ (Keras' h block)"
        default: "gate \(g)"
        }
    }

    /// The quantity as `run` computed it; nil when the run cannot (a gradient of a reference
    /// run). `clip` is the threshold of the clipped gradient.
    func evaluate(_ run: CellRun, _ data: CellData, loss: ComputeLoss, clip: Double?) -> NDArray? {
        switch self {
        case .h: return NDArray.stackingTimeSteps(run.h)
        case .hLast: return NDArray(run.h.last ?? run.h0)
        case .c: return NDArray.stackingTimeSteps(run.c)
        case .cLast: return NDArray(run.c.last ?? run.c0)
        case .gate(let g): return run.gates[g].map(NDArray.stackingTimeSteps)
        case .gradH0: return run.kerasGradients(data, loss: loss)?["h0"]
        case .gradRecurrentKernel: return run.kerasGradients(data, loss: loss)?["recurrent_kernel"]
        case .clippedGradRecurrentKernel:
            guard var g = run.kerasGradients(data, loss: loss), let clip else { return nil }
            g["h0"] = nil
            return KerasClipping.byGlobalNorm(g, threshold: clip)["recurrent_kernel"]
        }
    }
}

/// RNNCore's `GradientClipping` applied to Keras-layout gradients (the global norm is the
/// same in either layout).
enum KerasClipping {
    static func matrices(_ g: [String: NDArray]) -> [String: Matrix] { g.mapValues { $0.matrix! } }

    static func arrays(_ m: [String: Matrix], like g: [String: NDArray]) -> [String: NDArray] {
        g.mapValues { _ in NDArray.zeros([]) }.reduce(into: [:]) { out, kv in
            out[kv.key] = NDArray(shape: g[kv.key]!.shape, data: m[kv.key]!.data)
        }
    }

    static func norm(_ g: [String: NDArray]) -> Double { GradientClipping.globalNorm(matrices(g)) }

    /// Clip by global norm at `c` (Keras `global_clipnorm`, PyTorch `clip_grad_norm_`).
    static func byGlobalNorm(_ g: [String: NDArray], threshold c: Double) -> [String: NDArray] {
        var m = matrices(g)
        GradientClipping.clipByGlobalNorm(&m, maxNorm: c)
        return arrays(m, like: g)
    }

    /// Clip every element at ±c (Keras `clipvalue`).
    static func byValue(_ g: [String: NDArray], limit c: Double) -> [String: NDArray] {
        var m = matrices(g)
        GradientClipping.clipByValue(&m, limit: c)
        return arrays(m, like: g)
    }
}
