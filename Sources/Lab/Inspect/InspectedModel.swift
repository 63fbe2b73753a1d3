import Foundation
import RNNCore

/// The learner's own trained cell for `rnnlab inspect`: weights in Keras 3 or PyTorch layout
/// (any D and H), the first sequence of an input batch (or a default signal), checked, and
/// bound to the cell views through `GivenCell`.
public struct InspectedModel: Sendable {
    public var cell: LabCell
    public var given: GivenCell

    /// The default input when none is given: T steps of a sine of period 12, feature d
    /// shifted by d/D of a period (every feature moves, none in step with another).
    public static let defaultSteps = 48
    public static let defaultPeriod = 12.0

    /// Loads `weights` (layout nil: inferred from the names; cell nil: from the shapes) and
    /// `input` (.npy of shape (batch, T, D) or (T, D); nil: the default signal). Every
    /// problem is an `InteropError` naming the file and the array.
    public static func load(weights: URL, layout: FrameworkLayout? = nil, input: URL? = nil, cell: LabCell? = nil) throws -> InspectedModel {
        let arrays = try NPZ.read(weights)
        let chosen = try cell ?? inferCell(arrays, file: weights.path)
        let framework = try FrameworkWeights.load(arrays, kind: CellRunner.kind(chosen), layout: layout, file: weights.path)
        let p = framework.parameters
        let inputs: [[Double]]
        var source = weights.lastPathComponent
        if let input {
            inputs = try firstSequence(NPY.read(input), features: p.inputSize, file: input.path)
            source += " · " + input.lastPathComponent
        } else {
            inputs = defaultInput(features: p.inputSize)
            source += " · sine input"
        }
        return InspectedModel(cell: chosen, given: GivenCell(parameters: p, inputs: inputs, source: source))
    }

    /// The cell from the recurrent matrix: blocks·H columns (Keras) or rows (PyTorch) for H
    /// units; 1 block a vanilla RNN, 3 a GRU, 4 an LSTM.
    static func inferCell(_ arrays: [String: NDArray], file: String) throws -> LabCell {
        func named(_ role: String) -> NDArray? {
            arrays.first { name, _ in name == role || name.hasSuffix("/" + role) || name.hasSuffix("." + role) || name.hasPrefix(role + ":") }?.value
        }
        var ratio: Int?
        if let u = named("recurrent_kernel"), u.ndim == 2, u.shape[0] > 0, u.shape[1] % u.shape[0] == 0 {
            ratio = u.shape[1] / u.shape[0]
        } else if let u = named("weight_hh_l0"), u.ndim == 2, u.shape[1] > 0, u.shape[0] % u.shape[1] == 0 {
            ratio = u.shape[0] / u.shape[1]
        }
        switch ratio {
        case 1: return .rnn
        case 3: return .gru
        case 4: return .lstm
        default:
            let shapes = arrays.keys.sorted().map { "'\($0)' \(arrays[$0]!.shapeDescription)" }.joined(separator: ", ")
            throw InteropError("\(file): cannot tell the cell from the arrays [\(shapes)]: the recurrent matrix (recurrent_kernel (H, k·H) or weight_hh_l0 (k·H, H)) should have k = 1 (rnn), 3 (gru) or 4 (lstm); pass --cell")
        }
    }

    /// x_1 … x_T of the first sequence: (batch, T, D) or (T, D), D the weights' features.
    static func firstSequence(_ x: NDArray, features D: Int, file: String) throws -> [[Double]] {
        guard x.ndim == 3 || x.ndim == 2 else {
            throw InteropError("\(file): input has shape \(x.shapeDescription), expected (batch, time, \(D)) or (time, \(D))")
        }
        let T = x.shape[x.ndim - 2], features = x.shape[x.ndim - 1]
        guard features == D else {
            throw InteropError("\(file): input has \(features) feature\(features == 1 ? "" : "s") per step (shape \(x.shapeDescription)), but the weights' kernel takes D = \(D)")
        }
        guard T >= 2, x.ndim == 2 || x.shape[0] >= 1 else {
            throw InteropError("\(file): input has shape \(x.shapeDescription); the lab needs at least one sequence of at least 2 time steps")
        }
        if let bad = x.firstNonFinite, bad.offset < T * D {
            throw InteropError("\(file): input contains \(bad.value.isNaN ? "NaN" : "Inf") at flat index \(bad.offset); all values must be finite")
        }
        // Row-major: the first sequence is the first T·D values.
        return (0..<T).map { t in Array(x.data[(t * D)..<((t + 1) * D)]) }
    }

    static func defaultInput(features D: Int) -> [[Double]] {
        (1...defaultSteps).map { t in
            (0..<D).map { d in sin(2 * Double.pi * (Double(t) / defaultPeriod + Double(d) / Double(D))) }
        }
    }
}
