import ArgumentParser
import Exercises
import Foundation
import LessonKit

/// `rnnlab progress [--json] [--reset]`: the learner's progress per lesson, from the file the
/// lab writes (`ProgressStore`: `$XDG_STATE_HOME/rnnlab/progress.json`).
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show your exercise progress per lesson, or start over.",
        discussion: """
            Reads $XDG_STATE_HOME/rnnlab/progress.json (default ~/.local/state/rnnlab/). Per lesson: \
            exercises passed of its total and attempts; per exercise: passed, tried or not tried. \
            --json: {"file", "lessons": [{"id", "title", "passed", "total", "attempts", "exercises": \
            [{"id", "title", "passed", "attempts", "hints_shown", "solution_shown", "last_diagnosis"}]}], \
            "warnings"}. --reset moves the file aside (progress.json.reset-DATE) and says where; \
            nothing is deleted. A file that cannot be read is kept aside the same way, with a warning.
            """)

    @Flag(name: .customLong("json"), help: "Print the progress as JSON.")
    var json = false

    @Flag(name: .customLong("reset"), help: "Start over: keep the current file aside and say where.")
    var reset = false

    @OptionGroup var lessonsFolder: LessonsFolderOption

    func run() throws {
        let store = ProgressStore(directory: ProgressStore.defaultDirectory())
        if reset {
            let kept: String?
            do {
                kept = try store.reset()
            } catch {
                throw RenderError("\(error)")
            }
            if json {
                print(JSONValue.object([("file", .string(store.file.path)), ("kept", .optional(kept))]).text())
            } else if let kept {
                print("progress reset; the old file is kept as \(kept)")
            } else {
                print("no progress to reset (\(store.file.path) does not exist)")
            }
            return
        }
        let progress = store.load()
        // Totals come from the lessons; without them the records alone are shown.
        var catalog: ExerciseCatalog?
        var lessons: [Lesson] = []
        var warnings = store.warnings
        do {
            let exercises = try ExerciseLibrary.load(lessonsFolder)
            catalog = exercises.catalog
            lessons = exercises.library.lessons
        } catch {
            let firstLine = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            warnings.append("\(firstLine); totals per lesson are unknown")
        }
        let rows = ProgressRows.make(progress, lessons: lessons, catalog: catalog)
        if json {
            print(ProgressRows.json(rows, file: store.file.path, warnings: warnings).text())
        } else {
            for w in warnings { printError("warning: \(w)") }
            print(ProgressRows.table(rows, file: store.file.path, lessonsRead: catalog != nil), terminator: "")
        }
    }
}

/// One lesson's progress, as `rnnlab progress` prints it.
struct ProgressRows {
    struct Exercise {
        var id: String
        var title: String?
        var record: Exercises.Progress.ExerciseRecord?
    }

    var id: String
    var title: String?
    var exercises: [Exercise]
    /// Exercises the lesson declares (nil when the lessons could not be read).
    var total: Int?

    var passed: Int { exercises.filter { $0.record?.passed == true }.count }
    var attempts: Int { exercises.reduce(0) { $0 + ($1.record?.attempts ?? 0) } }

    /// The lessons in order with their exercises, then records of exercises or lessons the
    /// lessons no longer have (nothing recorded is hidden).
    static func make(_ progress: Exercises.Progress, lessons: [Lesson], catalog: ExerciseCatalog?) -> [ProgressRows] {
        var rows: [ProgressRows] = []
        var shown: Set<String> = []
        for lesson in lessons {
            let entries = catalog?.entries(lesson: lesson.id) ?? []
            var items = entries.map { Exercise(id: $0.spec.id, title: $0.spec.title, record: progress.exercises[$0.spec.id]) }
            shown.formUnion(entries.map(\.spec.id))
            for (id, r) in progress.exercises.sorted(by: { $0.key < $1.key }) where r.lesson == lesson.id && !shown.contains(id) {
                items.append(Exercise(id: id, title: nil, record: r))
                shown.insert(id)
            }
            guard !items.isEmpty else { continue }
            let total: Int? = catalog == nil ? nil : entries.count
            rows.append(ProgressRows(id: lesson.id, title: lesson.title, exercises: items, total: total))
        }
        let rest = progress.exercises.filter { !shown.contains($0.key) }
        for lessonID in Set(rest.values.map { $0.lesson }).sorted() {
            let records = rest.filter { $0.value.lesson == lessonID }.sorted { $0.key < $1.key }
            let items = records.map { Exercise(id: $0.key, title: nil, record: $0.value) }
            rows.append(ProgressRows(id: lessonID, title: nil, exercises: items, total: nil))
        }
        return rows
    }

    static func table(_ rows: [ProgressRows], file: String, lessonsRead: Bool) -> String {
        var out = "progress: \(file)\n"
        guard !rows.isEmpty else { return out + "no exercises in the lessons yet\n" }
        let idWidth = rows.flatMap(\.exercises).map(\.id.count).max() ?? 0
        for row in rows {
            let total = row.total.map(String.init) ?? "?"
            let attempts = row.attempts == 1 ? "1 attempt" : "\(row.attempts) attempts"
            let title = row.title ?? (lessonsRead ? "(no longer in the lessons)" : "(lessons not found)")
            out += "\n\(row.id): \(title)  \(row.passed)/\(total) passed, \(attempts)\n"
            for e in row.exercises {
                let state: String
                if let r = e.record, r.attempts > 0 || r.passed {
                    let tries = r.attempts == 1 ? "1 attempt" : "\(r.attempts) attempts"
                    state = r.passed ? "passed (\(tries))" : "tried (\(tries)" + (r.lastDiagnosis.map { ", last: \($0)" } ?? "") + ")"
                } else {
                    state = "not tried"
                }
                out += "  \(e.id.padding(toLength: idWidth, withPad: " ", startingAt: 0))  \(state)\n"
            }
        }
        return out
    }

    static func json(_ rows: [ProgressRows], file: String, warnings: [String]) -> JSONValue {
        let lessons: [JSONValue] = rows.map { row in
            let exercises: [JSONValue] = row.exercises.map(exerciseJSON)
            let total: JSONValue = row.total.map(JSONValue.int) ?? .null
            return .object([
                ("id", .string(row.id)), ("title", .optional(row.title)), ("passed", .int(row.passed)),
                ("total", total), ("attempts", .int(row.attempts)), ("exercises", .array(exercises)),
            ])
        }
        return .object([("file", .string(file)), ("lessons", .array(lessons)),
                        ("warnings", .array(warnings.map(JSONValue.string)))])
    }

    private static func exerciseJSON(_ e: Exercise) -> JSONValue {
        let r = e.record
        let fields: [(String, JSONValue)] = [
            ("id", .string(e.id)), ("title", .optional(e.title)),
            ("passed", .bool(r?.passed ?? false)), ("attempts", .int(r?.attempts ?? 0)),
            ("hints_shown", .int(r?.hintsShown ?? 0)), ("solution_shown", .bool(r?.solutionShown ?? false)),
            ("last_diagnosis", .optional(r?.lastDiagnosis)),
        ]
        return .object(fields)
    }
}
