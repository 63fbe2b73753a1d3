import ArgumentParser
import Exercises
import Foundation

/// `rnnlab check ID ANSWER [--student S] [--json]`: checks one answer; the exit status says
/// how it went (0 passed, 1 wrong, 2 not checked).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an answer to an exercise (exit 0 passed, 1 wrong, 2 unreadable).",
        discussion: """
            Examples:
              rnnlab check ID a,c
              rnnlab check ID -0.25
              rnnlab check ID answer.npy --student ada
            ANSWER is a number (numeric), option letters like a or a,c (choice), knob settings \
            like sigma=0.97 (challenge), the path of a .npy or .npz file (compute) or of a Keras \
            model file (keras). A wrong answer says which common mistake it matches, when it \
            matches one. Exit status: 0 passed, 1 wrong, 2 the answer could not be checked (an \
            unreadable answer: empty, NaN, a wrong shape or dtype, a truncated file, a folder; a \
            bad student id; an unknown exercise; no lessons), 64 a bad command line. --json prints \
            {"passed", "diagnosis", "message"} (diagnosis null when none; with exit 2 the message \
            says what could not be read). When the student is you (no --student, or your own id), \
            a checked answer is recorded in your progress as in the lab (see rnnlab progress).
            """)

    @Argument(help: "The exercise id (see rnnlab exercise list).")
    var id: String

    /// Collected with `.allUnrecognized` so that a negative number (`-0.5`, `-3e-2`) is an
    /// answer, not an unknown option; `validate` requires exactly one.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The answer: a number, option letters, name=value knob settings, or a file path.", valueName: "answer"))
    var answerParts: [String] = []

    /// The answer; a `--` before it (the usual end of options) is not part of it.
    var answer: String { answers.first ?? "" }
    private var answers: [String] { answerParts.first == "--" ? Array(answerParts.dropFirst()) : answerParts }

    @OptionGroup var student: StudentOption

    @Flag(name: .customLong("json"), help: #"Print {"passed", "diagnosis", "message"} as JSON."#)
    var json = false

    @OptionGroup var lessonsFolder: LessonsFolderOption

    func validate() throws {
        if let option = answerParts.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option '\(option)'")
        }
        guard answers.count == 1 else {
            throw ValidationError(answers.isEmpty ? "Missing expected argument '<answer>'"
                                  : "give one answer, not \(answers.count) (quote an answer with spaces: \"a, c\")")
        }
    }

    func run() throws {
        let exercises: ExerciseLibrary
        do {
            exercises = try ExerciseLibrary.load(lessonsFolder)
        } catch {
            throw notChecked("\(error)")
        }
        let who: StudentID, entry: ExerciseCatalog.Entry, verdict: Verdict
        do throws(ExerciseError) {
            who = try student.resolve()
            entry = try exercises.entry(id)
            let variant = try exercises.variant(entry, student: who)
            verdict = try variant.check(try SubmissionReader.read(answer, for: variant))
        } catch {
            throw notChecked(error.description)
        }
        if who == StudentID.local() { record(verdict, entry: entry) }
        if json {
            print(Self.json(passed: verdict.passed, diagnosis: verdict.diagnosis, message: verdict.message))
        } else if verdict.passed {
            print("passed: \(verdict.message)")
        } else {
            print("wrong" + (verdict.diagnosis.map { " (\($0))" } ?? "") + ": \(verdict.message)")
        }
        if !verdict.passed { throw ExitCode(1) }
    }

    /// Exit 2 with the reason on stderr (and as JSON on stdout with --json).
    private func notChecked(_ message: String) -> ExitCode {
        if json { print(Self.json(passed: false, diagnosis: nil, message: message)) }
        printError("Error: \(message)")
        return ExitCode(2)
    }

    static func json(passed: Bool, diagnosis: String?, message: String) -> String {
        JSONValue.object([("passed", .bool(passed)), ("diagnosis", .optional(diagnosis)), ("message", .string(message))]).text()
    }

    /// The learner's own answer counts in their progress, as an answer in the lab does.
    private func record(_ verdict: Verdict, entry: ExerciseCatalog.Entry) {
        let store = ProgressStore(directory: ProgressStore.defaultDirectory())
        let typed = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        store.update { p in
            var r = p.exercises[entry.spec.id] ?? Exercises.Progress.ExerciseRecord(lesson: entry.lessonID)
            r.attempts += 1
            r.lastAnswer = String(typed.prefix(200))
            r.lastDiagnosis = verdict.passed ? nil : verdict.diagnosis
            if verdict.passed && !r.passed { r.passedAt = Date() }
            r.passed = r.passed || verdict.passed
            p.exercises[entry.spec.id] = r
        }
        for w in store.warnings { printError("warning: \(w)") }
    }
}
