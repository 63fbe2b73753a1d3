import Exercises
import LessonKit
import XCTest

/// Exercise specs from blocks written in a test, read the way a lesson file reads them.
enum ExerciseFixture {

    /// A one-step lesson holding the block `keys` (the common keys are added).
    static func lesson(_ keys: String, id: String = "ex") -> String {
        """
        ---
        id: t
        title: T
        summary: S.
        ---

        ## Exercise

        ```exercise
        id: \(id)
        title: An exercise
        task: Compute it.
        solution: Like this.
        \(keys)
        ```
        """
    }

    static func spec(_ keys: String, id: String = "ex") throws -> ExerciseSpec {
        let l = try LessonParser.parse(lesson(keys, id: id), file: "t.md", labs: ExerciseFixtures.Reader())
        return try XCTUnwrap(l.steps[0].exercise?.as(ExerciseSpec.self))
    }

    /// The FILE:LINE errors of a block.
    static func errors(_ keys: String) -> [String] {
        do {
            _ = try LessonParser.parse(lesson(keys), file: "t.md", labs: ExerciseFixtures.Reader())
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    static func variant(_ keys: String, student: String = "ada", id: String = "ex") throws -> ExerciseVariant {
        try spec(keys, id: id).variant(for: StudentID(student))
    }
}
