import RNNCore

/// A model the learner brought (`rnnlab inspect`): trained weights and an input sequence,
/// run by the cell views instead of the seeded draw and the input signal. The cell's knobs
/// (seed, scale, sigma, input) do not apply to it.
public struct GivenCell: Hashable, Sendable {
    /// The weights, in rnnlab's canonical layout (any D and H).
    public var parameters: CellParameters
    /// x_1 … x_T, each with D = `parameters.inputSize` values.
    public var inputs: [[Double]]
    /// Where the numbers came from, for the panel header ("weights.npz · x.npy").
    public var source: String

    public init(parameters: CellParameters, inputs: [[Double]], source: String) {
        precondition(inputs.allSatisfy { $0.count == parameters.inputSize }, "every x_t has D values")
        self.parameters = parameters
        self.inputs = inputs
        self.source = source
    }
}
