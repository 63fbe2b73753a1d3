/// One student's line of a class grading: graded (passed or wrong, with the diagnosis) or
/// not graded, with the reason. Every student of the folder gets exactly one.
public struct GradeLine: Sendable, Equatable {
    public enum Result: Sendable, Equatable {
        case passed
        case wrong
        /// The submission could not be graded: a bad student id, nothing to read, an
        /// unreadable file, two submissions for one student, a student of the roster with none.
        case notGraded
    }

    /// The student id, or the entry's name (control characters shown) when it is not a valid id.
    public var student: String
    public var result: Result
    /// The mistake the answer matches (`Verdict.diagnosis`), for a wrong answer.
    public var diagnosis: String?
    /// The verdict's message, or why it was not graded, in one line.
    public var message: String
    /// Whether the entry is named by a valid student id (false: a stray file such as
    /// `Bad Name!.txt`, not counted as a student in the summary).
    public var isStudent: Bool

    public init(student: String, result: Result, diagnosis: String? = nil, message: String, isStudent: Bool = true) {
        self.student = student
        self.result = result
        self.diagnosis = diagnosis
        self.message = message
        self.isStudent = isStudent
    }

    /// 1 for a pass, 0 for a wrong answer, nil when not graded.
    public var score: Int? {
        switch result {
        case .passed: 1
        case .wrong: 0
        case .notGraded: nil
        }
    }

    /// `passed`, `wrong` or `not graded`.
    public var resultWord: String {
        switch result {
        case .passed: "passed"
        case .wrong: "wrong"
        case .notGraded: "not graded"
        }
    }
}
