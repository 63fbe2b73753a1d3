import LessonKit

/// Reads an ```` ```exercise ```` block: the keys every kind shares, then the kind's own.
public enum ExerciseParser {
    /// Keys of every exercise block.
    public static let commonKeys = ["id", "kind", "title", "task", "hints", "solution"]

    /// The spec, or nil with every problem appended to `errors` as FILE:LINE.
    public static func read(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> ExerciseSpec? {
        let before = errors.count
        let kindWord = fields.word("kind", in: ExerciseKind.words, noun: "exercise kind", required: true,
                                   missingLine: fenceLine, errors: &errors)
        let kindKeys: [String] = switch kindWord {
        case "numeric": NumericExercise.keys
        case "choice": ChoiceExercise.keys
        case "challenge": ChallengeExercise.keys
        case "compute": ComputeExercise.keys
        case "keras": KerasExercise.keys
        default: []
        }
        fields.checkKeys(allowed: commonKeys + kindKeys, errors: &errors)
        let id = fields.string("id", required: true, missingLine: fenceLine, errors: &errors)
        if let id, !isValidID(id) {
            errors.append(LessonError(file: fields.file, line: fields.line(of: "id", or: fenceLine),
                                      message: "exercise id '\(id)' must be lowercase letters, digits and '-' (at most 48), starting with a letter"))
        }
        let title = fields.string("title", required: true, missingLine: fenceLine, errors: &errors)
        let task = fields.string("task", required: true, missingLine: fenceLine, errors: &errors)
        let hints = fields.strings("hints", errors: &errors) ?? []
        let solution = fields.string("solution", required: true, missingLine: fenceLine, errors: &errors)
        let kind: ExerciseKind? = switch kindWord {
        case "numeric": NumericExercise.parse(fields, fenceLine: fenceLine, errors: &errors).map(ExerciseKind.numeric)
        case "choice": ChoiceExercise.parse(fields, fenceLine: fenceLine, errors: &errors).map(ExerciseKind.choice)
        case "challenge": ChallengeExercise.parse(fields, fenceLine: fenceLine, errors: &errors).map(ExerciseKind.challenge)
        case "compute": ComputeExercise.parse(fields, fenceLine: fenceLine, errors: &errors).map(ExerciseKind.compute)
        case "keras": KerasExercise.parse(fields, fenceLine: fenceLine, errors: &errors).map(ExerciseKind.keras)
        default: nil
        }
        guard errors.count == before, let id, let title, let task, let solution, let kind else { return nil }
        return ExerciseSpec(id: id, title: title, task: task, kind: kind, hints: hints, solution: solution,
                            file: fields.file, line: fenceLine)
    }

    /// `rnn-forward-1`: a safe word for files, folders and command lines.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first), id.count <= 48 else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}

extension ExerciseSpec {
    /// This student's instance of the exercise (their numbers, their expected answer).
    /// A challenge is measured on its step's live panel, which only the Lab can build: pass
    /// the Lab's `measurer` (`LabExercises.variant` does); without one a challenge cannot check.
    public func variant(for student: StudentID, measurer: (any ChallengeMeasurer)? = nil) throws(ExerciseError) -> ExerciseVariant {
        let seed = VariantSeed.seed(exercise: id, student: student)
        switch kind {
        case .numeric(let k): return try k.variant(of: self, student: student, seed: seed)
        case .choice(let k): return k.variant(of: self, student: student, seed: seed)
        case .challenge(let k): return try k.variant(of: self, student: student, seed: seed, measurer: measurer)
        case .compute(let k): return try k.variant(of: self, student: student, seed: seed)
        case .keras(let k): return try k.variant(of: self, student: student, seed: seed)
        }
    }
}
