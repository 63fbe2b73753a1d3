import LessonKit

/// One checked exercise as a lesson declares it in an ```` ```exercise ```` block.
///
/// The block states the task in words and, for the kinds that compute, a *recipe* for the
/// numbers (cell, sizes, which quantity); the numbers themselves are never typed into the
/// lesson: each student gets their own, drawn from `VariantSeed` (see `ExerciseVariant`).
public struct ExerciseSpec: ExerciseBlockSpec {
    public var id: String
    public var title: String
    /// The task in Markdown, as the student reads it (the variant appends its own numbers).
    public var task: String
    public var kind: ExerciseKind
    /// Hints, revealed one at a time.
    public var hints: [String]
    /// The worked solution in words, shown after a pass or on request after three tries.
    public var solution: String
    /// The lesson file and the line of the block's opening fence.
    public var file: String
    public var line: Int

    public init(id: String, title: String, task: String, kind: ExerciseKind, hints: [String], solution: String,
                file: String, line: Int) {
        self.id = id
        self.title = title
        self.task = task
        self.kind = kind
        self.hints = hints
        self.solution = solution
        self.file = file
        self.line = line
    }

    /// The block's `kind:` word.
    public var kindWord: String { kind.word }
}

/// The five kinds of exercise, each with its own settings (one file each in `Kinds/`).
public enum ExerciseKind: Hashable, Sendable {
    /// A number the lab computes from a recipe (an element of h_t, a gradient norm, a count).
    case numeric(NumericExercise)
    /// One or several correct options; every wrong option explains itself.
    case choice(ChoiceExercise)
    /// A goal reached by turning the step's knobs, checked live.
    case challenge(ChallengeExercise)
    /// Arrays computed with the learner's own code from exported data, submitted as .npy/.npz.
    case compute(ComputeExercise)
    /// A Keras model file, checked through `KerasModel`'s summary.
    case keras(KerasExercise)

    /// The `kind:` word of each case, in the order the docs list them.
    public static let words = ["numeric", "choice", "challenge", "compute", "keras"]

    public var word: String {
        switch self {
        case .numeric: "numeric"
        case .choice: "choice"
        case .challenge: "challenge"
        case .compute: "compute"
        case .keras: "keras"
        }
    }
}
