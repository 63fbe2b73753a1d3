/// A common mistake the checker recognises: a wrong answer that equals the answer this
/// mistake gives on the same data is diagnosed by its `id` (`Verdict.diagnosis`), and the
/// learner reads `explanation`: what to fix, in one line.
///
/// The answer of each mistake is computed on the student's own data, by RNNCore where the
/// mistake is a change of the weights (`WeightMistakes`) and by `ReferenceCell` where it
/// changes the cell's formula; see DECISIONS.md ("Diagnosed mistakes").
public struct Mistake: Hashable, Sendable {
    /// A stable word, e.g. `transposed-recurrent-kernel` (scripts and grade CSVs use it).
    public let id: String
    /// What to fix, in one line.
    public let explanation: String

    public init(id: String, explanation: String) {
        self.id = id
        self.explanation = explanation
    }

    // Weights read wrongly (computed by RNNCore on changed weights).
    public static let transposedRecurrentKernel = Mistake(
        id: "transposed-recurrent-kernel",
        explanation: "W_hh (the recurrent kernel) is used transposed: Keras computes h_{t-1} @ recurrent_kernel, the lecture W_hh h_{t-1} with W_hh = recurrent_kernelᵀ.")
    public static let transposedKernel = Mistake(
        id: "transposed-kernel",
        explanation: "The input kernel is used transposed: Keras computes x_t @ kernel, the lecture W_xh x_t with W_xh = kernelᵀ.")
    public static let transposedWeights = Mistake(
        id: "transposed-weights",
        explanation: "W_xh and W_hh are both used transposed (x @ W_xh, h @ W_hh: Keras' convention for its kernels); the lecture's W_xh x_t is x_t @ W_xhᵀ, and W_hh h_{t-1} is h_{t-1} @ W_hhᵀ.")
    public static let pytorchGateOrder = Mistake(
        id: "pytorch-gate-order",
        explanation: "The GRU's blocks are read in PyTorch's order (r, z, n); Keras stacks them z, r, h: the first block is the update gate.")
    public static let ifogGateOrder = Mistake(
        id: "ifog-gate-order",
        explanation: "The LSTM's blocks are read as i, f, o, g (CS231n's order); Keras stacks them i, f, c, o: the third block is the candidate, the fourth the output gate.")
    public static let missingBias = Mistake(
        id: "missing-bias",
        explanation: "The bias is missing: add b (Keras' `bias`) to every pre-activation.")
    public static let biasTwice = Mistake(
        id: "bias-twice",
        explanation: "The bias is added twice: add b once per pre-activation.")
    public static let gruBiasesSummed = Mistake(
        id: "gru-biases-summed",
        explanation: "Both GRU biases are added on the input side: with reset_after the recurrent bias (bias[1]) belongs inside r ⊙ (h_{t-1} @ U_h + b_hh).")
    public static let gruResetAfter = Mistake(
        id: "gru-reset-after",
        explanation: "The reset gate is applied after the product, r ⊙ (U_h h_{t-1}); this GRU (the lecture's form, reset_after=False) applies it before: U_h (r ⊙ h_{t-1}).")
    public static let gruResetBefore = Mistake(
        id: "gru-reset-before",
        explanation: "The reset gate is applied before the product, U_h (r ⊙ h_{t-1}); this GRU (Keras' reset_after=True) applies it after: r ⊙ (h_{t-1} @ U_h + b_hh).")
    public static let updateGateReversed = Mistake(
        id: "update-gate-reversed",
        explanation: "The update gate is used the other way round: h_t = z ⊙ h_{t-1} + (1 − z) ⊙ h̃_t (z keeps the old state).")
    // The cell's formula changed (computed by ReferenceCell).
    public static let sigmoidForTanh = Mistake(
        id: "sigmoid-for-tanh",
        explanation: "A sigmoid is used where tanh belongs (the RNN's state, the LSTM's candidate g, the GRU's candidate h̃): use tanh there.")
    public static let missingTanh = Mistake(
        id: "missing-tanh",
        explanation: "tanh is missing: this is the pre-activation W_xh x_t + W_hh h_{t-1} + b; the state is its tanh, h_t = tanh(…), at every step.")
    public static let missingTanhOnC = Mistake(
        id: "missing-tanh-on-c",
        explanation: "tanh is missing on the cell state: h_t = o ⊙ tanh(c_t), not o ⊙ c_t.")
    // The right computation handed in wrongly.
    public static let offByOne = Mistake(
        id: "off-by-one",
        explanation: "Off by one time step: h_t is the state after reading x_t (h_0 is the state before x_1; the first h you hand in is h_1).")
    /// Off by one in a number worked by hand: the element one step early.
    public static let offByOneElement = Mistake(
        id: "off-by-one",
        explanation: "Off by one time step: this is the value one step early. h_t is the state after reading x_t: h_1 reads x_1 from h_0, h_2 then reads x_2.")
    /// Off by one in ‖∂L/∂h_1‖: T or T − 2 factors of σ_max instead of T − 1.
    public static let offByOneFactors = Mistake(
        id: "off-by-one",
        explanation: "Off by one factor: from h_T back to h_1 the gradient takes T − 1 steps, so T − 1 factors of σ_max, not T (nor T − 2).")
    /// Off by one in counting a pulse's echo.
    public static let offByOneEcho = Mistake(
        id: "off-by-one",
        explanation: "Off by one step: after the pulse h_1 = 1 the echo is h_{1+n} = wⁿ; the answer is the first n with wⁿ < 0.01 (n steps after the pulse, not counting it).")
    public static let otherUnit = Mistake(
        id: "other-unit",
        explanation: "This is another unit of the state: numpy counts from 0, so index 0 is the first unit and index 1 the second.")
    public static let includesH0 = Mistake(
        id: "includes-h0",
        explanation: "The initial state is handed in too: the array has T + 1 steps, h_0 … h_T; hand in h_1 … h_T (drop the first step, h_0).")
    public static let zeroInitialState = Mistake(
        id: "zero-initial-state",
        explanation: "The run starts from zeros: the initial state is given (h0.npy, and c0.npy for the LSTM); start the first step from it.")
    public static let onlyLastState = Mistake(
        id: "only-last-state",
        explanation: "Only the last state is handed in: the task asks for every step (return_sequences=True), shape (batch, time, units).")
    public static let timeMajor = Mistake(
        id: "time-major",
        explanation: "The axes are (time, batch, units); Keras 3 is batch-major: (batch, time, units).")
    public static let hInsteadOfC = Mistake(
        id: "h-instead-of-c",
        explanation: "This is the hidden state h; the task asks for the cell state c (c_t = f ⊙ c_{t-1} + i ⊙ g).")
    public static let cInsteadOfH = Mistake(
        id: "c-instead-of-h",
        explanation: "This is the cell state c; the task asks for the hidden state h = o ⊙ tanh(c).")
    public static let transposedGradient = Mistake(
        id: "transposed-gradient",
        explanation: "The gradient is transposed: hand it in with the shape of the weight it belongs to (recurrent_kernel is (H, H) for a SimpleRNN, (H, 4H) for an LSTM, (H, 3H) for a GRU).")

    /// The catalogue's entry; a verdict names the blocks (`gateBlocksSwapped(read:names:)`).
    public static let gateBlocksSwapped = Mistake(
        id: "gate-blocks-swapped",
        explanation: "The gate blocks are read in another order than Keras stacks them along the last axis of kernel, recurrent_kernel and bias: LSTM i, f, c, o; GRU z, r, h.")

    /// Two gate blocks of the Keras weights read in each other's place (or, for a longer
    /// cycle, the blocks read in another order): named in the cell's Keras block names.
    /// `read[k]` is the Keras block used as Keras block k.
    public static func gateBlocksSwapped(read: [Int], names: [String]) -> Mistake {
        let moved = read.indices.filter { read[$0] != $0 }
        let text: String
        if moved.count == 2 {
            let (a, b) = (names[moved[0]], names[moved[1]])
            text = "Two gate blocks are swapped: the \(a) block is used as \(b) and the \(b) block as \(a). Keras stacks the blocks \(names.joined(separator: ", ")), in that order, along the last axis of kernel, recurrent_kernel and bias."
        } else {
            text = "The gate blocks are read in the order \(read.map { names[$0] }.joined(separator: ", ")); Keras stacks them \(names.joined(separator: ", ")), in that order, along the last axis of kernel, recurrent_kernel and bias."
        }
        return Mistake(id: "gate-blocks-swapped", explanation: text)
    }
    public static let clippedByValue = Mistake(
        id: "clipped-by-value",
        explanation: "Clipped by value (each element cut at ±c); clip by global norm: scale every gradient by c/‖g‖ when ‖g‖ > c.")
    public static let notClipped = Mistake(
        id: "not-clipped",
        explanation: "The gradient is not clipped: its global norm is above the threshold, so scale it by c/‖g‖.")
    public static let clippedOwnNorm = Mistake(
        id: "clipped-own-norm",
        explanation: "Clipped by the norm of this one array; the global norm is taken over all gradients (kernel, recurrent_kernel and bias).")
    // Numbers worked by hand.
    public static let upstreamNormOne = Mistake(
        id: "upstream-norm-one",
        explanation: "‖∂L/∂h_T‖ is not 1: for L = Σ h_T it is the norm of (1, …, 1), √H.")
    public static let missingGateBlocks = Mistake(
        id: "missing-gate-blocks",
        explanation: "Count every block: the LSTM has 4 (i, f, c, o) and the GRU 3 (z, r, h) sets of kernel, recurrent kernel and bias.")
    public static let gruOneBias = Mistake(
        id: "gru-one-bias",
        explanation: "With reset_after=True (Keras' default) the GRU has two biases, input and recurrent: 3·(DH + H² + 2H).")
    public static let gruTwoBiases = Mistake(
        id: "gru-two-biases",
        explanation: "With reset_after=False the GRU has one bias: 3·(DH + H² + H).")

    /// Every mistake, in the order they are tried (the first that matches is named).
    public static let catalogue: [Mistake] = [
        transposedRecurrentKernel, transposedKernel, transposedWeights, pytorchGateOrder, ifogGateOrder,
        gateBlocksSwapped, missingBias, biasTwice,
        gruBiasesSummed, gruResetAfter, gruResetBefore, updateGateReversed, zeroInitialState, sigmoidForTanh,
        missingTanh, missingTanhOnC, offByOne, otherUnit, includesH0, onlyLastState, timeMajor, hInsteadOfC,
        cInsteadOfH, transposedGradient, clippedByValue, notClipped, clippedOwnNorm, upstreamNormOne,
        missingGateBlocks, gruOneBias, gruTwoBiases,
    ]

    /// The mistake with this id.
    public static func named(_ id: String) -> Mistake? { catalogue.first { $0.id == id } }
}
