import LessonKit

/// The `challenge` kind: see Lessons/README.md. (Being built: the settings and the check come next.)
public struct ChallengeExercise: Hashable, Sendable {
    static let keys: [String] = []

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> ChallengeExercise? {
        ChallengeExercise()
    }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64,
                 measurer: (any ChallengeMeasurer)?) throws(ExerciseError) -> ExerciseVariant {
        throw ExerciseError.invalid("challenge exercises are not built yet")
    }
}

/// Measures a challenge's quantity on the live panel of its step for given knob settings
/// (e.g. the ratio ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ of the gradients view at σ_max = 0.97). Implemented
/// by the Lab, which owns the views; the challenge compares the measurement with its goal.
public protocol ChallengeMeasurer: Sendable {
    /// The value of `metric` with the step's knobs set to `knobs` (unnamed knobs at their
    /// starting values); throws `.unreadable` for a knob the step does not have or a value
    /// out of its range.
    func measure(_ metric: String, knobs: [String: Double]) throws(ExerciseError) -> Double
}
