import LessonKit

/// The `challenge` kind: see Lessons/README.md. (Being built: the settings and the check come next.)
public struct ChallengeExercise: Hashable, Sendable {
    static let keys: [String] = []

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> ChallengeExercise? {
        ChallengeExercise()
    }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64) throws(ExerciseError) -> ExerciseVariant {
        throw ExerciseError.invalid("challenge exercises are not built yet")
    }
}
