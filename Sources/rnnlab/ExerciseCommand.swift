import ArgumentParser
import Exercises
import Foundation
import LessonKit

/// `rnnlab exercise`: the checked exercises of the lessons, from the command line.
struct ExerciseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "exercise",
        abstract: "List, show, export and solve the lessons' checked exercises.",
        discussion: """
            Examples:
              rnnlab exercise list --lesson recurrence
              rnnlab exercise show ID
              rnnlab exercise export ID --student ada --out ada
              rnnlab exercise solution ID --student ada --out ada-expected.npy
            Check an answer with `rnnlab check`, a class folder with `rnnlab grade`. Every student \
            gets their own numbers, derived from the student id and the exercise id.
            """,
        subcommands: [ExerciseList.self, ExerciseShow.self, ExerciseExportCommand.self, ExerciseSolution.self]
    )
}

/// `rnnlab exercise list [--lesson ID] [--json]`.
struct ExerciseList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the exercises, grouped by lesson.",
        discussion: #"--json prints a list of {"id", "lesson", "kind", "title"} in lesson and step order."#)

    @Option(name: .customLong("lesson"), help: "Only the exercises of this lesson (its id).")
    var lesson: String?

    @Flag(name: .customLong("json"), help: "Print the list as JSON.")
    var json = false

    @OptionGroup var lessonsFolder: LessonsFolderOption

    func run() throws {
        let exercises = try ExerciseLibrary.load(lessonsFolder)
        exercises.warnProblems()
        var entries = exercises.catalog.entries
        if let lesson {
            guard exercises.library.lesson(id: lesson) != nil else {
                let known = exercises.library.lessons.map(\.id).joined(separator: ", ")
                throw RenderError("no lesson with id '\(ExerciseError.shown(lesson))' (known: \(known.isEmpty ? "none" : known))")
            }
            entries = exercises.catalog.entries(lesson: lesson)
        }
        if json {
            let items = entries.map { e in
                JSONValue.object([("id", .string(e.spec.id)), ("lesson", .string(e.lessonID)),
                                  ("kind", .string(e.spec.kindWord)), ("title", .string(e.spec.title))])
            }
            print(JSONValue.array(items).text())
            return
        }
        guard !entries.isEmpty else {
            printError(lesson.map { "lesson '\($0)' has no exercises" } ?? "the lessons have no exercises")
            return
        }
        let idWidth = entries.map(\.spec.id.count).max() ?? 0
        let kindWidth = entries.map(\.spec.kindWord.count).max() ?? 0
        var shownLesson: String?
        for e in entries {
            if e.lessonID != shownLesson {
                if shownLesson != nil { print("") }
                print("\(e.lessonID): \(e.lessonTitle)")
                shownLesson = e.lessonID
            }
            let id = e.spec.id.padding(toLength: idWidth, withPad: " ", startingAt: 0)
            let kind = e.spec.kindWord.padding(toLength: kindWidth, withPad: " ", startingAt: 0)
            print("  \(id)  \(kind)  step \(e.stepIndex + 1)  \(e.spec.title)")
        }
    }
}

/// `rnnlab exercise show ID [--student S]`.
struct ExerciseShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print an exercise's task with a student's numbers.",
        discussion: "Prints the statement in Markdown (the task, this student's numbers, the options) and how to answer it.")

    @Argument(help: "The exercise id (see rnnlab exercise list).")
    var id: String

    @OptionGroup var student: StudentOption
    @OptionGroup var lessonsFolder: LessonsFolderOption

    func run() throws {
        let exercises = try ExerciseLibrary.load(lessonsFolder)
        do throws(ExerciseError) {
            let who = try student.resolve()
            let entry = try exercises.entry(id)
            let variant = try exercises.variant(entry, student: who)
            print("# \(entry.spec.title)\n")
            print("Exercise `\(entry.spec.id)` (\(entry.spec.kindWord)), lesson `\(entry.lessonID)` step \(entry.stepIndex + 1), student `\(who)`.\n")
            // The terminal shows no TeX: formulas are drawn in Unicode, as the lab draws them.
            print(TeXText.plain(variant.statement.trimmingCharacters(in: .whitespacesAndNewlines)))
            print("")
            print(answerLine(variant, student: student.student == nil ? nil : who))
            if !entry.spec.hints.isEmpty {
                print("(\(entry.spec.hints.count) hint\(entry.spec.hints.count == 1 ? "" : "s") in the lab.)")
            }
        } catch {
            throw error.asCommandError
        }
    }

    /// How to hand the answer in, as a command to run.
    private func answerLine(_ v: ExerciseVariant, student: StudentID?) -> String {
        let who = student.map { " --student \($0)" } ?? ""
        let check = "Answer: rnnlab check \(v.exercise.id)"
        switch v.exercise.kind {
        case .choice: return "\(check) LETTERS\(who)   (e.g. a, or a,c)"
        case .numeric: return "\(check) NUMBER\(who)"
        case .challenge: return "\(check) \(v.knobs.first ?? "knob")=VALUE\(who)   (or turn the knobs in the lab)"
        case .compute:
            let data = "Data: rnnlab exercise export \(v.exercise.id) --student \(v.student) --out DIR"
            guard let a = v.answer else { return "\(data)\n\(check) ANSWER.npy\(who)" }
            return "\(data)\n\(check) \(a.file)\(who)   (\(a.quantity), shape \(shapeText(a.shape)))"
        case .keras: return "\(check) MODEL.py\(who)"
        }
    }
}

/// `(5, 4)`, `(4,)`.
func shapeText(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
