import LessonKit
import RNNCore

/// The learner computes arrays with their own code (numpy, PyTorch, Keras) from data the lab
/// exports, and hands in a `.npy`: every h_t of a cell, its last state, a gate, a gradient, a
/// clipped gradient. The block gives the recipe; each student's data comes from their seed.
///
/// ```yaml
/// kind: compute
/// cell: lstm
/// quantity: c
/// input: 3
/// hidden: 4
/// steps: 5
/// ```
///
/// The data is in Keras 3 layout (`weights.npz`: `kernel` (D, kH), `recurrent_kernel` (H, kH),
/// `bias` (kH,) or (2, 3H) for a reset-after GRU; blocks i, f, c, o and z, r, h), sequences
/// batch-major (`x.npy` (B, T, D)). The expected answer is computed by RNNCore; a wrong one is
/// compared with the answers of the mistakes that apply (`ComputeMistakes`).
public struct ComputeExercise: Hashable, Sendable {
    public var cell: CellKind
    /// GRU only: Keras' default (true) or the lecture's form, reset before the product (false).
    public var resetAfter: Bool
    public var quantity: ComputeQuantity
    public var inputSize: Int
    public var hiddenSize: Int
    public var steps: Int
    public var batch: Int
    /// Whether a random initial state is exported (`h0.npy`, and `c0.npy` for the LSTM); else zeros.
    public var initialState: Bool
    /// The loss of a gradient quantity.
    public var loss: ComputeLoss
    /// Weights are uniform in [−scale, scale).
    public var scale: Double
    public var tolerance: Tolerance

    /// The file the learner hands in.
    public static let answerFile = "answer.npy"

    static let keys = ["cell", "gru-form", "quantity", "input", "hidden", "steps", "batch", "initial-state", "loss",
                       "scale", "rtol", "atol"]

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> ComputeExercise? {
        let before = errors.count
        let cell = fields.choice("cell", CellKind.self, noun: "cell", required: true, missingLine: fenceLine, errors: &errors)
        let quantityWord = fields.word("quantity", in: ComputeQuantity.words, noun: "quantity", required: true,
                                       missingLine: fenceLine, errors: &errors)
        let form = fields.word("gru-form", in: ["reset-after", "reset-before"], noun: "GRU form", required: false,
                               missingLine: fenceLine, errors: &errors)
        let lossWord = fields.word("loss", in: ComputeLoss.allCases.map(\.rawValue), noun: "loss", required: false,
                                   missingLine: fenceLine, errors: &errors)
        let D = fields.int("input", in: 1...16, errors: &errors) ?? 3
        let H = fields.int("hidden", in: 1...16, errors: &errors) ?? 4
        let T = fields.int("steps", in: 1...50, errors: &errors) ?? 5
        let B = fields.int("batch", in: 1...8, errors: &errors) ?? 2
        let initial = fields.bool("initial-state", errors: &errors) ?? false
        let scale = fields.double("scale", in: 0...3, openBelow: true, errors: &errors) ?? 0.5
        let tolerance = NumericExercise.tolerance(fields, errors: &errors)
        let quantity = quantityWord.flatMap(ComputeQuantity.init(word:))
        if let cell, let quantity, let problem = quantity.problem(for: cell) {
            errors.append(LessonError(file: fields.file, line: fields.line(of: "quantity", or: fenceLine), message: problem))
        }
        if form != nil, let cell, cell != .gru {
            errors.append(LessonError(file: fields.file, line: fields.line(of: "gru-form", or: fenceLine),
                                      message: "'gru-form' is only for 'cell: gru'"))
        }
        if lossWord != nil, let quantity, !quantity.isGradient {
            errors.append(LessonError(file: fields.file, line: fields.line(of: "loss", or: fenceLine),
                                      message: "'loss' is only for a gradient quantity (grad_h0, grad_recurrent_kernel, clipped_grad_recurrent_kernel)"))
        }
        guard errors.count == before, let cell, let quantity else { return nil }
        return ComputeExercise(cell: cell, resetAfter: form != "reset-before", quantity: quantity, inputSize: D,
                               hiddenSize: H, steps: T, batch: B, initialState: initial,
                               loss: lossWord.flatMap(ComputeLoss.init(rawValue:)) ?? .last, scale: scale, tolerance: tolerance)
    }

    /// This student's data (the same seed always gives the same data).
    public func data(seed: UInt64) -> CellData {
        CellData.draw(kind: cell, resetAfter: resetAfter, input: inputSize, hidden: hiddenSize, steps: steps, batch: batch,
                      initialState: initialState, upstream: quantity.isGradient && loss == .upstream, scale: scale, seed: seed)
    }

    /// The answer's shape.
    public var answerShape: [Int] { quantity.shape(batch: batch, steps: steps, hidden: hiddenSize, blocks: cell.blocks) }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64) throws(ExerciseError) -> ExerciseVariant {
        let data = data(seed: seed)
        let right = CellRun.rnnCore(data.parameters, data)
        let clip = quantity == .clippedGradRecurrentKernel ? clipThreshold(right, data) : nil
        guard let expected = quantity.evaluate(right, data, loss: loss, clip: clip) else {
            throw ExerciseError.invalid("\(spec.file):\(spec.line): cannot compute \(quantity.word) for a \(cell.rawValue) cell")
        }
        let answer = AnswerDescription(file: ComputeExercise.answerFile, shape: expected.shape, quantity: quantity.word)
        let mistakes = ComputeMistakes.candidates(quantity: quantity, data: data, loss: loss, clip: clip, right: right)
        let tolerance = self.tolerance, axes = quantity.axes(for: cell)
        var variant = ExerciseVariant(
            exercise: spec, student: student, seed: seed, statement: statement(spec, student: student, data: data, clip: clip),
            files: data.files, answer: answer,
            check: { submission throws(ExerciseError) in
                let submitted = try ArrayVerdict.array(of: submission, answer: answer)
                return try ArrayVerdict.verdict(submitted, expected: expected, answer: answer, axes: axes,
                                                tolerance: tolerance, mistakes: mistakes)
            },
            solution: { .array(expected) })
        variant.cell = cell.rawValue
        variant.resetAfter = cell == .gru ? resetAfter : nil
        return variant
    }

    /// A threshold that clips this student's gradient both ways: below the global norm (so
    /// clipping by norm acts) and below the largest element of recurrent_kernel's gradient
    /// (so clipping by value acts too, and differs): half that element, two significant digits.
    func clipThreshold(_ right: CellRun, _ data: CellData) -> Double? {
        guard let g = right.kerasGradients(data, loss: loss)?["recurrent_kernel"] else { return nil }
        let largest = g.data.map(abs).max() ?? 0
        guard largest > 0 else { return nil }
        return NumericExercise.significant(largest / 2, digits: 2)
    }

    private func statement(_ spec: ExerciseSpec, student: StudentID, data: CellData, clip: Double?) -> String {
        let H = hiddenSize, D = inputSize, k = cell.blocks * hiddenSize
        let shape = ArrayVerdict.numpyShape
        var s = spec.task + "\n\n**Your data** (student `\(student)`):\n\n"
        let layer: String
        switch cell {
        case .rnn: layer = "a Keras 3 `SimpleRNN(\(H))`"
        case .lstm: layer = "a Keras 3 `LSTM(\(H))`, blocks i, f, c, o"
        case .gru: layer = resetAfter ? "a Keras 3 `GRU(\(H))` (reset_after=True, the default), blocks z, r, h"
                                      : "a Keras 3 `GRU(\(H), reset_after=False)` (the lecture's form: reset before the product), blocks z, r, h"
        }
        let bias = cell == .gru && resetAfter ? "`bias` \(shape([2, k])) (row 0 input side, row 1 recurrent side)" : "`bias` \(shape([k]))"
        s += "- `weights.npz`: \(layer): `kernel` \(shape([D, k])), `recurrent_kernel` \(shape([H, k])), \(bias)\n"
        s += "- `x.npy`: \(shape([batch, steps, D])) = (batch, time, features)\n"
        if initialState {
            s += "- `h0.npy`: \(shape([batch, H]))" + (cell == .lstm ? ", `c0.npy`: \(shape([batch, H]))" : "") + ", the initial state\n"
        } else {
            s += "- the initial state is zero" + (cell == .lstm ? " (h_0 = c_0 = 0)" : " (h_0 = 0)") + "\n"
        }
        if quantity.isGradient {
            switch loss {
            case .last: s += "- the loss: L = Σ h_T (every unit of the last state, summed over the batch)\n"
            case .upstream: s += "- `dh.npy`: \(shape([batch, steps, H])), the upstream gradient G: L = Σ_t Σ G_t ⊙ h_t\n"
            }
        }
        if let clip {
            s += "- the clipping threshold: c = \(NumberText.short(clip)), by the global norm of all three gradients (kernel, recurrent_kernel, bias)\n"
        }
        s += "\n**Hand in** `\(ComputeExercise.answerFile)`: \(quantity.meaning(kind: cell)), shape "
        s += "\(shape(answerShape)) = \(quantity.axes(for: cell)), float32 or float64 (`np.save('\(ComputeExercise.answerFile)', a)`)."
        return s
    }
}
