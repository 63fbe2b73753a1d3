import LessonKit

/// Every exercise of a lesson library, in lesson and step order, found by id.
public struct ExerciseCatalog: Sendable {
    /// An exercise and where it sits.
    public struct Entry: Sendable {
        public var spec: ExerciseSpec
        public var lessonID: String
        public var lessonTitle: String
        /// 0-based index of its step in the lesson.
        public var stepIndex: Int
    }

    public private(set) var entries: [Entry] = []
    /// Ids used twice (FILE:LINE of the second use); `rnnlab lessons` reports them.
    public private(set) var errors: [LessonError] = []

    public init(lessons: [Lesson]) {
        var seen: [String: ExerciseSpec] = [:]
        for lesson in lessons {
            for (i, step) in lesson.steps.enumerated() {
                guard let spec = step.exercise?.as(ExerciseSpec.self) else { continue }
                if let first = seen[spec.id] {
                    errors.append(LessonError(file: spec.file, line: spec.line,
                                              message: "exercise id '\(spec.id)' is already used at \(first.file):\(first.line)"))
                    continue
                }
                seen[spec.id] = spec
                entries.append(Entry(spec: spec, lessonID: lesson.id, lessonTitle: lesson.title, stepIndex: i))
            }
        }
    }

    /// The exercise with this id.
    public func entry(id: String) throws(ExerciseError) -> Entry {
        guard let e = entries.first(where: { $0.spec.id == id }) else { throw ExerciseError.unknownExercise(id) }
        return e
    }

    /// The exercises of one lesson, in step order.
    public func entries(lesson: String) -> [Entry] { entries.filter { $0.lessonID == lesson } }
}
