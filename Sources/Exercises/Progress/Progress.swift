import Foundation

/// What one learner has done: each exercise's attempts and result, and where each lesson was
/// left. Stored as JSON by `ProgressStore`.
public struct Progress: Codable, Equatable, Sendable {
    /// One exercise's record.
    public struct ExerciseRecord: Codable, Equatable, Sendable {
        /// The lesson it belongs to (so the home screen can count without the lessons).
        public var lesson: String
        /// Answers checked so far (right or wrong; unreadable ones are not counted).
        public var attempts: Int = 0
        public var passed: Bool = false
        /// Hints revealed so far.
        public var hintsShown: Int = 0
        public var solutionShown: Bool = false
        /// The last answer as typed (numbers, letters, knob settings), to show it again.
        public var lastAnswer: String?
        /// The diagnosis of the last wrong answer (`Mistake.id`), if any.
        public var lastDiagnosis: String?
        public var passedAt: Date?

        public init(lesson: String) { self.lesson = lesson }

        /// Two labs' records of the same exercise: nothing either did is lost.
        func merged(with other: ExerciseRecord) -> ExerciseRecord {
            var r = attempts >= other.attempts ? self : other
            r.attempts = max(attempts, other.attempts)
            r.passed = passed || other.passed
            r.hintsShown = max(hintsShown, other.hintsShown)
            r.solutionShown = solutionShown || other.solutionShown
            r.passedAt = [passedAt, other.passedAt].compactMap { $0 }.min()
            return r
        }
    }

    /// Where a lesson was left.
    public struct LessonRecord: Codable, Equatable, Sendable {
        /// 0-based step the learner was on.
        public var step: Int
        public var updated: Date

        public init(step: Int, updated: Date) {
            self.step = step
            self.updated = updated
        }
    }

    /// The format's version; a file from a newer version is kept aside, not misread.
    public var version = Progress.currentVersion
    public var exercises: [String: ExerciseRecord] = [:]
    public var lessons: [String: LessonRecord] = [:]
    /// The lesson opened last (resume).
    public var lastLesson: String?

    public static let currentVersion = 1

    public init() {}

    /// This progress with another copy's (another lab's) folded in: per exercise the union of
    /// what was done, per lesson the later position.
    public func merged(with other: Progress) -> Progress {
        var out = self
        for (id, r) in other.exercises {
            out.exercises[id] = out.exercises[id].map { $0.merged(with: r) } ?? r
        }
        for (id, r) in other.lessons where (out.lessons[id]?.updated ?? .distantPast) < r.updated {
            out.lessons[id] = r
        }
        if out.lastLesson == nil { out.lastLesson = other.lastLesson }
        return out
    }

    /// Exercises passed and declared in a lesson, from the records.
    public func passedCount(lesson: String) -> Int {
        exercises.values.filter { $0.lesson == lesson && $0.passed }.count
    }
}
