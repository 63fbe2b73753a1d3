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
    ]

    /// The knob with this name.
    public static func named(_ name: String) -> Knob? { all.first { $0.name == name } }
}
