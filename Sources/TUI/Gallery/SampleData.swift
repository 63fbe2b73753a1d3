import Foundation

/// Deterministic sample data for the gallery, tests and the frame benchmark: closed-form
/// sines and decays that look like what the lab's real cells produce, with no randomness
/// and no model to run.
public enum SampleData {
    /// Hidden units of a small tanh RNN driven by a sine: `h_k(t) = tanh(1.4 sin(0.25 t + k) e^{-0.01 k t})`.
    /// Shaped (units, steps).
    public static func hiddenStates(units: Int, steps: Int) -> [[Double]] {
        (0..<max(0, units)).map { (k: Int) -> [Double] in
            let kk = Double(k + 1)
            return (0..<max(0, steps)).map { (t: Int) -> Double in
                let tt = Double(t)
                let drive: Double = 1.4 * sin(tt * 0.25 + kk)
                return tanh(drive * exp(-tt * 0.01 * kk))
            }
        }
    }

    /// Gate activations in (0, 1): `σ(3 sin(0.2 t + u))`, shaped (units, steps).
    public static func gates(units: Int, steps: Int) -> [[Double]] {
        (0..<max(0, units)).map { (u: Int) -> [Double] in
            let uu = Double(u)
            return (0..<max(0, steps)).map { (t: Int) -> Double in
                let z: Double = 3 * sin(Double(t) * 0.2 + uu)
                return 1 / (1 + exp(-z))
            }
        }
    }

    /// Gradient norm after backpropagating `k` steps with recurrent gain `gain`: `gain^k`,
    /// scaled so the curves start at `start`. Gains above 1 explode, below 1 vanish.
    public static func gradientNorms(gain: Double, steps: Int, start: Double = 1) -> [Double] {
        (0..<max(0, steps)).map { (k: Int) -> Double in start * pow(gain, Double(k)) }
    }

    /// A training loss that decays with a little wobble: `2.3 e^{-t/15} + 0.1 + 0.05 sin t`.
    public static func loss(steps: Int) -> [Double] {
        (0..<max(0, steps)).map { (t: Int) -> Double in
            let tt = Double(t)
            return 2.3 * exp(-tt / 15) + 0.1 + 0.05 * sin(tt)
        }
    }

    /// Hidden states as chart series named `h1`, `h2`, ...
    public static func stateSeries(units: Int, steps: Int) -> [ChartSeries] {
        hiddenStates(units: units, steps: steps).enumerated().map { ChartSeries(name: "h\($0.offset + 1)", values: $0.element) }
    }
}
