import LessonKit

/// The `numeric` kind: see Lessons/README.md. (Being built: the settings and the check come next.)
public struct NumericExercise: Hashable, Sendable {
    static let keys: [String] = []

    static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> NumericExercise? {
        NumericExercise()
    }

    func variant(of spec: ExerciseSpec, student: StudentID, seed: UInt64) throws(ExerciseError) -> ExerciseVariant {
        throw ExerciseError.invalid("numeric exercises are not built yet")
    }
}
