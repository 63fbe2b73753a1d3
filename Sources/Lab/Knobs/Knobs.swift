import TUI

/// Every knob a lab block may list under `knobs:`. Adding a knob is one entry here, plus
/// reading its value where it takes effect (for the cell views: `CellRunner`).
public enum Knobs {
    public static let all: [Knob] = [
        Knob(name: "sigma", label: "σ_max", down: .character("-"), up: .character("+"), alsoUp: [.character("=")],
             domain: .range(0.1...3.0, step: 0.1, digits: 2),
             help: "W_hh rescaled so that its largest singular value is this"),
        Knob(name: "scale", label: "scale", down: .character("["), up: .character("]"),
             domain: .range(0.1...5.0, step: 0.1, digits: 1),
             help: "weights drawn uniformly in ±scale/√H"),
        Knob(name: "seed", label: "seed", down: .character("S"), up: .character("s"),
             domain: .counter(0...999_999), help: "a new seeded draw of the weights"),
        Knob(name: "input", label: "input", down: nil, up: .character("i"),
             domain: .choices(LabInput.allCases.map(\.rawValue)), help: "the input signal x_t"),
        // One knob, not a switch and a threshold: 0 is "off", anything above is the largest
        // gradient norm let through (the train view draws it as a line on the gradient chart).
        Knob(name: "clip", label: "clip", down: .character("C"), up: .character("c"),
             domain: .range(0...10, step: 0.5, digits: 1), zeroWord: "off",
             help: "gradient-norm clipping: a gradient longer than this is scaled down to it (0: off)"),
        // The gate knobs force a gate to a constant for every unit and step (RNNCore's
        // `GateOverrides`, exact); `learned` is the gate the weights compute. `input-gate`,
        // not `input`: that name is the input signal's.
        Knob(name: "forget", label: "f", down: nil, up: .character("f"), domain: .choices(GateForcing.words),
             help: "the LSTM forget gate f: learned, forced to 1, forced to 0"),
        Knob(name: "input-gate", label: "i", down: nil, up: .character("I"), domain: .choices(GateForcing.words),
             help: "the LSTM input gate i: learned, forced to 1, forced to 0", aliases: ["input"]),
        Knob(name: "output", label: "o", down: nil, up: .character("o"), domain: .choices(GateForcing.words),
             help: "the LSTM output gate o: learned, forced to 1, forced to 0"),
        Knob(name: "update", label: "z", down: nil, up: .character("z"), domain: .choices(GateForcing.words),
             help: "the GRU update gate z: learned, forced to 1, forced to 0"),
        Knob(name: "reset", label: "r", down: nil, up: .character("R"), domain: .choices(GateForcing.words),
             help: "the GRU reset gate r: learned, forced to 1, forced to 0", status: "reset gate"),
        // The copy task's memory span; only the race reads it (a new delay is a new race).
        Knob(name: "delay", label: "delay", down: .character("D"), up: .character("d"),
             domain: .range(5...50, step: 5, digits: 0),
             help: "copy task: noisy steps between the symbol and the cue (the race trains again)"),
        Knob(name: "forget-bias", label: "b_f", down: .character("B"), up: .character("b"),
             domain: .range(-5...5, step: 0.5, digits: 1),
             help: "added to the LSTM forget gate's bias (down: f closes, the cell forgets)"),
        // Sampling only: the architecture view draws its text again from softmax(y/τ) of the
        // model it has trained so far (turning it never restarts the training).
        Knob(name: "temperature", label: "τ", down: .character("T"), up: .character("t"),
             domain: .range(0.1...2.0, step: 0.1, digits: 1),
             help: "sampling temperature τ: text drawn from softmax(y/τ)"),
    ]

    /// The knob with this name.
    public static func named(_ name: String) -> Knob? { all.first { $0.name == name } }
}

/// The gate knobs: which knob forces which gate of which cell (RNNCore's gate names).
public enum GateForcing {
    /// The values of a gate knob, in the order its key cycles them.
    public static let words = ["learned", "1", "0"]

    /// (knob, gate, cell) for every gate knob.
    public static let gates: [(knob: String, gate: String, cell: LabCell)] = [
        ("input-gate", "i", .lstm), ("forget", "f", .lstm), ("output", "o", .lstm),
        ("reset", "r", .gru), ("update", "z", .gru),
    ]

    /// The knobs that make sense for one cell only (the gate knobs and `forget-bias`).
    public static func cellOf(knob name: String) -> LabCell? {
        name == "forget-bias" ? .lstm : gates.first { $0.knob == name }?.cell
    }

    /// The forced value a gate knob's value means: nil for `learned`.
    public static func forced(_ value: Double?) -> Double? {
        switch Int(value ?? 0) {
        case 1: return 1
        case 2: return 0
        default: return nil
        }
    }

    /// Why a block's `knobs:` may not list `knob` for `cell` (nil when it may).
    public static func problem(knob: String, cell: LabCell) -> String? {
        guard let wanted = cellOf(knob: knob), wanted != cell else { return nil }
        return "the '\(knob)' knob works on the \(wanted.title) ('cell: \(wanted.rawValue)'); this block's cell is \(cell.rawValue)"
    }
}
