import Exercises
import TUI
import Foundation
import LessonKit

/// Where the Lab's exercises come from and where the learner's progress goes: the student
/// whose variants are shown, how a variant is built, the progress store (nil: nothing is
/// written, for `rnnlab render` and headless runs) and the progress as last read or saved.
///
/// Injected into `LabProgram`, so tests use a temporary folder (or none) and never the
/// learner's real file. Compared by the store's identity and the progress it holds: the
/// model stays `Hashable` although the store is a class and the variant maker a closure.
public struct LabProgress: Hashable, Sendable {
    /// Builds a student's variant of an exercise (default `LabExercises.variant`).
    public typealias VariantMaker = @Sendable (ExerciseCatalog.Entry, Lesson, StudentID) throws -> ExerciseVariant

    public let student: StudentID
    /// Where progress is saved; nil: kept in memory only.
    public let store: ProgressStore?
    let makeVariant: VariantMaker
    /// The progress as last loaded or saved (the home screen counts from it).
    public internal(set) var progress: Exercises.Progress
    /// Problems with the progress file, one line each (a broken file kept aside, a failed write).
    public internal(set) var warnings: [String]

    /// Progress kept in memory only: nothing is read or written.
    public static func inMemory(student: StudentID = .local()) -> LabProgress {
        LabProgress(student: student, store: nil)
    }

    /// Progress read from `store` now (a broken file is kept aside and warned about) and
    /// saved to it after every change.
    public init(student: StudentID = .local(), store: ProgressStore?, makeVariant: VariantMaker? = nil) {
        self.student = student
        self.store = store
        self.makeVariant = makeVariant ?? { entry, lesson, student in
            try LabExercises.variant(entry, in: lesson, student: student)
        }
        progress = store?.load() ?? Exercises.Progress()
        warnings = store?.warnings ?? []
    }

    /// The record of exercise `id`, or a fresh one.
    func record(_ id: String, lesson: String) -> Exercises.Progress.ExerciseRecord {
        progress.exercises[id] ?? Exercises.Progress.ExerciseRecord(lesson: lesson)
    }

    /// Exercises passed and declared in `lesson` (only those the lesson still has).
    public func score(_ lesson: Lesson) -> (passed: Int, total: Int) {
        let ids = lesson.steps.compactMap { $0.exercise?.id }
        return (ids.filter { progress.exercises[$0]?.passed == true }.count, ids.count)
    }

    /// The step (0-based) where `lesson` was left, if it was.
    public func resumeStep(_ lesson: Lesson) -> Int? {
        progress.lessons[lesson.id].map { min(max(0, $0.step), lesson.steps.count - 1) }
    }

    // MARK: - Changes

    /// Applies a change to the progress in memory now and returns the effect that writes
    /// it (nil without a store). The change is applied again to the freshest file under the
    /// store's lock, so another lab's progress in between is kept, not overwritten.
    mutating func record(_ change: ProgressChange) -> Effect<LabMessage>? {
        change.apply(to: &progress, at: nil)
        guard let store else { return nil }
        return Effect("save progress") {
            // The clock is read here, in the effect: the model itself stays a pure function of the keys.
            let now = Date()
            let saved = store.update { change.apply(to: &$0, at: now) }
            return .progressSaved(ProgressSnapshot(progress: saved, warnings: store.warnings))
        }
    }

    /// What a save read back: the merged progress and the store's warnings.
    mutating func saved(_ snapshot: ProgressSnapshot) {
        progress = snapshot.progress
        warnings = snapshot.warnings
    }

    public static func == (a: LabProgress, b: LabProgress) -> Bool {
        a.student == b.student && a.store === b.store && a.progress == b.progress && a.warnings == b.warnings
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(student)
        hasher.combine(store.map(ObjectIdentifier.init))
        hasher.combine(warnings)
    }
}

/// One change to the progress, written as a difference (attempts added, a pass) rather
/// than a copy, so that two labs open at once add up instead of overwriting each other.
struct ProgressChange: Sendable {
    /// Where the learner is: lesson id and 0-based step.
    var position: (lesson: String, step: Int)?
    /// An exercise's change: the record before and after, in this lab.
    var exercise: (id: String, before: Exercises.Progress.ExerciseRecord, after: Exercises.Progress.ExerciseRecord)?

    var isEmpty: Bool { position == nil && exercise == nil }

    /// Applies the change; `date` stamps it (nil in memory, where no clock is read: the
    /// position keeps its old stamp, a pass gets none until it is saved).
    func apply(to p: inout Exercises.Progress, at date: Date?) {
        if let (lesson, step) = position {
            let updated = date ?? p.lessons[lesson]?.updated ?? Date(timeIntervalSince1970: 0)
            p.lessons[lesson] = Exercises.Progress.LessonRecord(step: step, updated: updated)
            p.lastLesson = lesson
        }
        if let (id, before, after) = exercise {
            var r = p.exercises[id] ?? Exercises.Progress.ExerciseRecord(lesson: after.lesson)
            r.attempts += max(0, after.attempts - before.attempts)
            r.hintsShown = max(r.hintsShown, after.hintsShown)
            r.solutionShown = r.solutionShown || after.solutionShown
            if after.attempts != before.attempts || after.lastAnswer != before.lastAnswer {
                r.lastAnswer = after.lastAnswer
                r.lastDiagnosis = after.lastDiagnosis
            }
            if after.passed && !r.passed {
                r.passed = true
                r.passedAt = date
            }
            p.exercises[id] = r
        }
    }
}

/// The progress a save read back, as a message (`Progress` is not `Hashable`; this is,
/// by value equality).
public struct ProgressSnapshot: Hashable, Sendable {
    public let progress: Exercises.Progress
    public let warnings: [String]

    public func hash(into hasher: inout Hasher) {
        hasher.combine(progress.exercises.count)
        hasher.combine(warnings)
    }
}
