import Exercises
import LessonKit

/// The one way the lab and the command line get a student's variant of an exercise: it
/// wires a challenge to the live panel of its step, so the goal is measured on exactly the
/// numbers the learner sees.
public enum LabExercises {
    /// The catalog of every exercise in `lessons`.
    public static func catalog(_ lessons: [Lesson]) -> ExerciseCatalog { ExerciseCatalog(lessons: lessons) }

    /// `entry`'s variant for `student`; `lesson` is the lesson the entry comes from.
    public static func variant(_ entry: ExerciseCatalog.Entry, in lesson: Lesson,
                               student: StudentID) throws(ExerciseError) -> ExerciseVariant {
        guard case .challenge = entry.spec.kind else { return try entry.spec.variant(for: student, measurer: nil) }
        return try entry.spec.variant(for: student, measurer: measurer(entry, in: lesson))
    }

    /// The problems of the lessons' challenges, each at its block's FILE:LINE: a step without
    /// a lab block, a knob the panel does not have, a metric its view cannot give, or a goal
    /// range whose hardest end no knob setting reaches. `rnnlab lessons` reports them.
    public static func problems(_ lessons: [Lesson]) -> [LessonError] {
        var out: [LessonError] = []
        for lesson in lessons {
            for entry in catalog([lesson]).entries {
                guard case .challenge(let challenge) = entry.spec.kind else { continue }
                do throws(ExerciseError) {
                    try challenge.verify(measurer: measurer(entry, in: lesson))
                } catch {
                    let prefix = "\(entry.spec.file):\(entry.spec.line): "
                    let message = "\(error)".hasPrefix(prefix) ? String("\(error)".dropFirst(prefix.count)) : "\(error)"
                    out.append(LessonError(file: entry.spec.file, line: entry.spec.line,
                                           message: message.hasPrefix("challenge") ? message : "challenge '\(entry.spec.id)': \(message)"))
                }
            }
        }
        return out
    }

    /// A challenge's answer as the panel stands: the values of the knobs that count (the
    /// other settings of the panel, seed or input, are not part of the answer).
    public static func submission(_ experiment: LabExperiment, for variant: ExerciseVariant) -> Submission {
        var knobs: [String: Double] = [:]
        for name in variant.knobs { knobs[name] = experiment.values[name] }
        return .knobs(knobs)
    }

    /// The measurer of a challenge: its step's lab block as a live panel.
    public static func measurer(_ entry: ExerciseCatalog.Entry, in lesson: Lesson) throws(ExerciseError) -> ChallengeMeasure {
        let spec = entry.spec
        guard lesson.steps.indices.contains(entry.stepIndex), let lab = lesson.steps[entry.stepIndex].lab else {
            throw ExerciseError.invalid("\(spec.file):\(spec.line): challenge '\(spec.id)' needs a lab block in its step: the panel whose knobs it turns")
        }
        guard let measure = ChallengeMeasure(spec: lab) else {
            throw ExerciseError.invalid("\(spec.file):\(spec.line): challenge '\(spec.id)': no view reads its step's lab block ('\(lab.view)')")
        }
        return measure
    }
}
