import ArgumentParser
import Foundation
import Exercises
import Lab
import LessonKit

/// `rnnlab lessons`: lists the lessons and validates every file; any error makes it fail.
struct Lessons: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons and check every lesson file.",
        discussion: "Prints id, step count, title and summary of each lesson. Every problem is printed to standard error as FILE:LINE: message, and the exit status is 1 if there is any."
    )

    @OptionGroup var lessonsFolder: LessonsFolderOption

    func run() throws {
        let folder = try lessonsFolder.resolve()
        let library = LessonLibrary.load(folder: folder)
        // TeX the lab cannot draw is an error too: the learner would see raw TeX.
        // So are exercise ids used twice (`check ID` could not tell the two apart) and challenges
        // their step's panel cannot measure.
        let errors = LessonMathCheck.errors(in: library) + LabExercises.catalog(library.lessons).errors
            + LabExercises.problems(library.lessons)
        let idWidth = max(2, library.lessons.map(\.id.count).max() ?? 0)
        for lesson in library.lessons {
            let steps = lesson.steps.count == 1 ? "1 step " : "\(lesson.steps.count) steps"
            let id = lesson.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            print("\(id)  \(steps.padding(toLength: 9, withPad: " ", startingAt: 0))  \(lesson.title)")
            print(String(repeating: " ", count: idWidth + 13) + lesson.summary)
        }
        for error in errors { printError(error.description) }
        if !errors.isEmpty {
            printError("\(errors.count) error\(errors.count == 1 ? "" : "s") in \(LessonLibraryDisplay.path(folder))")
            throw ExitCode(1)
        }
        if library.lessons.isEmpty {
            printError("no lessons in \(LessonLibraryDisplay.path(folder)) (expected files named NN-name.md)")
            throw ExitCode(1)
        }
    }
}

enum LessonLibraryDisplay {
    static func path(_ url: URL) -> String { url.standardizedFileURL.path }
}
