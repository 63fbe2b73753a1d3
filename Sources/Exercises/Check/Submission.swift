import RNNCore

/// A learner's answer, as read from the lab's answer field or from a file on the command line.
public enum Submission: Sendable {
    /// One number typed in (numeric).
    case number(Double)
    /// The indices (0-based) of the chosen options (choice).
    case options(Set<Int>)
    /// Knob settings (challenge): `name → value`.
    case knobs([String: Double])
    /// Arrays read from a `.npy` (one array under the name "") or a `.npz` (compute).
    case arrays([String: NDArray])
    /// The text of a Keras model file and the name to show in its errors (keras).
    case source(String, file: String)
}
