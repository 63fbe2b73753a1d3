import LessonKit

/// The `compute` kind: see Lessons/README.md. (Being built: the settings and the check come next.)
public struct ComputeExercise: Hashable, Sendable {
    static let keys: [String] = []

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> ComputeExercise? {
        ComputeExercise()
    }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64) throws(ExerciseError) -> ExerciseVariant {
        throw ExerciseError.invalid("compute exercises are not built yet")
    }
}
