import RNNCore

/// One student's instance of an exercise: the numbers they are given, what they must hand
/// in, and how it is checked. Built by the exercise's kind (`ExerciseSpec.variant(for:)`).
public struct ExerciseVariant: Sendable {
    public let exercise: ExerciseSpec
    public let student: StudentID
    /// `VariantSeed.seed(exercise:student:)`.
    public let seed: UInt64
    /// The task with this student's numbers, in Markdown (what the lab and `exercise show` print).
    public var statement: String
    /// The data handed to the learner (`exercise export`): file name → contents.
    public var files: [ExerciseFile]
    /// What a `compute` answer must be (file, shape, quantity); nil for the other kinds.
    public var answer: AnswerDescription?
    /// The options of a `choice` exercise, in order (empty otherwise).
    public var options: [String]
    /// The knobs a `challenge` turns (empty otherwise).
    public var knobs: [String]
    /// The cell the exported data is for (`rnn`, `lstm`, `gru`; `task.json` "cell"), nil when
    /// the exercise has none. Set by the kind after `init`.
    public var cell: String? = nil
    /// For a GRU, whether the reset gate acts after the recurrent product (Keras 3's default,
    /// `reset_after=True`); nil for the other cells (`task.json` "reset_after").
    public var resetAfter: Bool? = nil
    private let checker: @Sendable (Submission) throws(ExerciseError) -> Verdict
    private let solver: @Sendable () -> Solution

    public init(exercise: ExerciseSpec, student: StudentID, seed: UInt64, statement: String,
                files: [ExerciseFile] = [], answer: AnswerDescription? = nil, options: [String] = [],
                knobs: [String] = [],
                check: @escaping @Sendable (Submission) throws(ExerciseError) -> Verdict,
                solution: @escaping @Sendable () -> Solution) {
        self.exercise = exercise
        self.student = student
        self.seed = seed
        self.statement = statement
        self.files = files
        self.answer = answer
        self.options = options
        self.knobs = knobs
        self.checker = check
        self.solver = solution
    }

    /// Checks a submission. Throws `.unreadable` when it is not an answer of this kind at all
    /// (wrong shape, NaN, a number where options were expected): `check` exits 2 then.
    public func check(_ submission: Submission) throws(ExerciseError) -> Verdict { try checker(submission) }

    /// The expected answer (for the teacher, and for the lab after a pass).
    public var solution: Solution { solver() }
}

/// A file of exported data.
public struct ExerciseFile: Sendable {
    /// The name scripts refer to it by (`task.json` "files": {name: file}), e.g. `weights`.
    public var name: String
    /// The file name written, e.g. `weights.npz`, `x.npy`.
    public var fileName: String
    public var contents: Contents

    public enum Contents: Sendable {
        case npy(NDArray)
        case npz([String: NDArray])
        case text(String)
    }

    public init(name: String, fileName: String, contents: Contents) {
        self.name = name
        self.fileName = fileName
        self.contents = contents
    }
}

/// What a `compute` answer must be.
public struct AnswerDescription: Hashable, Sendable, Codable {
    /// The file the learner writes, e.g. `answer.npy`.
    public var file: String
    /// Its shape, e.g. [T, H].
    public var shape: [Int]
    /// What is asked: `h` (every h_t), `h_T`, `c`, `c_T`, a gate by name, `grad_h0`,
    /// `grad_recurrent_kernel`, …
    public var quantity: String

    public init(file: String, shape: [Int], quantity: String) {
        self.file = file
        self.shape = shape
        self.quantity = quantity
    }
}

/// The expected answer of a variant.
public enum Solution: Sendable {
    case number(Double)
    case options(Set<Int>)
    /// Knob settings that meet the challenge's goal.
    case knobs([String: Double])
    case array(NDArray)
    /// A Keras model file that passes.
    case source(String)
}
