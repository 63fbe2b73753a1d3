import LessonKit

/// The `keras` kind: see Lessons/README.md. (Being built: the settings and the check come next.)
public struct KerasExercise: Hashable, Sendable {
    static let keys: [String] = []

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> KerasExercise? {
        KerasExercise()
    }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64) throws(ExerciseError) -> ExerciseVariant {
        throw ExerciseError.invalid("keras exercises are not built yet")
    }
}
