import ArgumentParser
import Exercises
import Foundation
import Lab
import LessonKit

/// The exercises of the lessons folder, as every exercise command finds them: the lessons
/// loaded the way `lessons` and `render` load them (`--lessons DIR`, `RNNLAB_LESSONS`, the
/// Lessons folder), their catalog, and each student's variant through the lab
/// (`LabExercises.variant`, which wires a challenge to its step's live panel).
struct ExerciseLibrary {
    let library: LessonLibrary
    let catalog: ExerciseCatalog

    /// Loads the folder. Lesson errors do not stop the command (the other exercises still
    /// work); `warnProblems()` says there are some.
    static func load(_ option: LessonsFolderOption) throws -> ExerciseLibrary {
        let library = LessonLibrary.load(folder: try option.resolve())
        return ExerciseLibrary(library: library, catalog: LabExercises.catalog(library.lessons))
    }

    /// One stderr line when lesson files have errors (some exercises may be missing).
    func warnProblems() {
        let count = library.errors.count + catalog.errors.count
        guard count > 0 else { return }
        printError("warning: \(count) error\(count == 1 ? "" : "s") in the lesson files (see rnnlab lessons); their exercises may be missing")
    }

    /// The exercise with this id.
    func entry(_ id: String) throws(ExerciseError) -> ExerciseCatalog.Entry {
        do {
            return try catalog.entry(id: id)
        } catch {
            if !library.errors.isEmpty { warnProblems() }
            throw error
        }
    }

    /// The lesson an entry comes from.
    func lesson(of entry: ExerciseCatalog.Entry) -> Lesson {
        library.lesson(id: entry.lessonID)!
    }

    /// The variant of exercise `id` for the student named `student` (checked by `StudentID`).
    func variant(id: String, student: String) throws(ExerciseError) -> ExerciseVariant {
        let who = try StudentID(student)
        return try variant(try entry(id), student: who)
    }

    /// `student`'s variant of `entry`.
    func variant(_ entry: ExerciseCatalog.Entry, student: StudentID) throws(ExerciseError) -> ExerciseVariant {
        try LabExercises.variant(entry, in: lesson(of: entry), student: student)
    }
}

/// `--student S`: who the numbers are for. Validated by `StudentID` (letters, digits, `.`,
/// `_`, `-`; one safe path component).
struct StudentOption: ParsableArguments {
    @Option(name: .customLong("student"), help: ArgumentHelp("The student id: letters, digits, '.', '_' and '-' (default: $RNNLAB_STUDENT, then your login name).", valueName: "S"))
    var student: String?

    /// The student named, or the local learner (`StudentID.local()`) when none is.
    func resolve() throws(ExerciseError) -> StudentID {
        guard let student else { return StudentID.local() }
        return try StudentID(student)
    }
}

extension ExerciseError {
    /// The error as `Error: …` on stderr (the way ArgumentParser prints the other errors).
    var asCommandError: RenderError { RenderError(description) }
}
