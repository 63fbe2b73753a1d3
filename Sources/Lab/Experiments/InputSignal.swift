import Foundation
import RNNCore

/// The input sequences a lab can feed a cell, one scalar x_t per step (D = 1).
///
/// Values stay in [-1, 1] so every states chart can share one fixed y axis.
public enum InputSignal {
    /// x_1 … x_T for a cell's settings. Deterministic: `noise` draws from its own stream of the seed.
    public static func values(_ cell: CellSpec, _ values: KnobValues) -> [Double] {
        signal(cell, values).map { $0 * cell.amplitude }
    }

    /// The signal at amplitude 1.
    private static func signal(_ cell: CellSpec, _ values: KnobValues) -> [Double] {
        let T = cell.steps
        switch values.input {
        case .sine:
            // t starts at 1, like the lecture's x_1; the phase makes x_1 = sin(2π/period).
            return (1...T).map { t in sin(2 * Double.pi * Double(t) / Double(cell.period)) }
        case .step:
            // Zero for the first quarter (at least one step), then one.
            let jump = max(1, T / 4)
            return (1...T).map { $0 <= jump ? 0 : 1 }
        case .noise:
            // A stream separate from the weights' (seed mixed with a constant) so changing
            // the input does not change the network.
            var rng = SeededRandom(seed: values.seed ^ 0x5EED_1A7E)
            return (1...T).map { _ in rng.uniform(-1, 1) }
        case .zeros:
            return Array(repeating: 0, count: T)
        case .pulse:
            return (1...T).map { $0 == 1 ? 1 : 0 }
        }
    }
}
