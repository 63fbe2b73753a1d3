import Exercises
import LessonKit
import XCTest

final class ChoiceExerciseTests: XCTestCase {

    private let lesson = ExerciseFixtures.lesson(heading: "Question", block: """
    id: shared-weights
    kind: choice
    title: Shared weights
    task: Which is true of W_hh?
    options:
      - text: The same matrix at every step
        correct: true
      - text: A new matrix per step
        why: Then the network could not run on longer sequences.
    solution: One matrix, reused.
    """)

    private func spec() throws -> ExerciseSpec {
        try ExerciseFixtures.spec(inLesson: lesson)
    }

    func testRightAndWrongOptions() throws {
        let v = try spec().variant(for: StudentID("ada"))
        XCTAssertTrue(try v.check(.options([0])).passed)
        let wrong = try v.check(.options([1]))
        XCTAssertFalse(wrong.passed)
        XCTAssertTrue(wrong.message.contains("longer sequences"), wrong.message)
        XCTAssertThrowsError(try v.check(.number(1)))
        XCTAssertThrowsError(try v.check(.options([5])))
    }

    func testBlockErrorsNameTheLine() {
        let bad = lesson.replacingOccurrences(of: "    why: Then the network could not run on longer sequences.\n", with: "")
        XCTAssertThrowsError(try ExerciseFixtures.parse(bad)) { error in
            let errors = (error as! LessonErrors).errors.map(\.description)
            XCTAssertEqual(errors, ["t.md:17: a wrong option needs 'why' (what the learner reads on choosing it)"])
        }
    }

    func testStudentIDs() {
        XCTAssertNoThrow(try StudentID("s-01.a_b"))
        for bad in ["", "a b", "a/b", ".hidden", String(repeating: "x", count: 65), "é"] {
            XCTAssertThrowsError(try StudentID(bad), bad)
        }
        let a = try! StudentID("ada"), b = try! StudentID("bob")
        XCTAssertEqual(VariantSeed.seed(exercise: "x", student: a), VariantSeed.seed(exercise: "x", student: a))
        XCTAssertNotEqual(VariantSeed.seed(exercise: "x", student: a), VariantSeed.seed(exercise: "x", student: b))
        XCTAssertNotEqual(VariantSeed.seed(exercise: "x", student: a), VariantSeed.seed(exercise: "y", student: a))
    }
}
