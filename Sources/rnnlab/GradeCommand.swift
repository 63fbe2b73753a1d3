import ArgumentParser
import Exercises
import Foundation
import RNNCore

/// `rnnlab grade ID DIR [--csv FILE] [--roster FILE]`: every student's submission of a class
/// folder, one line each (see `ClassGrader`).
struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a class folder: one line per student, with score and diagnosis.",
        discussion: """
            Example:
              rnnlab grade ID submissions --csv grades.csv --roster students.txt
            DIR holds one entry per student, named by the student id: a file (ada.npy, ada.txt, \
            ada.py, or ada with no extension) or a folder (ada/) holding the answer file (the \
            name README.md of `exercise export` gives, else the folder's only file). A typed answer \
            (number, letters, knob settings) is a text file holding it. Each student is checked \
            against their own variant. A submission that cannot be graded (a name that is not a \
            valid student id, two entries for one student, a folder without the answer, an \
            unreadable, corrupt or misshapen file) is a "not graded" line saying why, never the \
            end of the run; with --roster, a listed student with no entry is one too. Entries \
            starting with '.' are skipped. The CSV (student,score,result,diagnosis,message; score \
            1, 0 or empty when not graded) is written whole or not at all, never inside DIR. \
            Nothing else is written. Exit status: 0 when every entry got its line (graded or \
            not), 1 when DIR, the exercise or the CSV could not be used.
            """)

    @Argument(help: "The exercise id (see rnnlab exercise list).")
    var id: String

    @Argument(help: ArgumentHelp("The class folder: one entry per student.", valueName: "DIR"))
    var folder: String

    @Option(name: .customLong("csv"), help: ArgumentHelp("Also write the grades as CSV to FILE.", valueName: "FILE"))
    var csv: String?

    @Option(name: .customLong("roster"), help: ArgumentHelp("A file of student ids, one per line ('#' starts a comment): each listed student without an entry gets a line too.", valueName: "FILE"))
    var roster: String?

    @OptionGroup var lessonsFolder: LessonsFolderOption

    func run() throws {
        let exercises = try ExerciseLibrary.load(lessonsFolder)
        let entry: ExerciseCatalog.Entry
        do throws(ExerciseError) { entry = try exercises.entry(id) } catch { throw error.asCommandError }
        let inputs: [AtomicFile.Input] = roster.map { [("--roster", $0)] } ?? []
        if let csv { try Self.checkCSVTarget(csv, outside: folder, inputs: inputs) }
        let students = try roster.map(Self.readRoster)
        let lines: [GradeLine]
        do {
            lines = try ClassGrader.grade(folder: folder, roster: students) { (student: StudentID) throws(ExerciseError) -> ExerciseVariant in
                try exercises.variant(entry, student: student)
            }
        } catch {
            throw RenderError(error.description)
        }
        print(GradeReport.table(lines), terminator: "")
        printError(GradeReport.summary(lines))
        if let csv {
            AtomicFile.removeTemporaryFileOnSignals()
            do {
                try AtomicFile.write(Data(GradeReport.csv(lines).utf8), to: csv, inputs: inputs)
            } catch {
                throw RenderError(error.description)
            }
            printError("wrote \(csv)")
        }
    }

    /// The CSV must be a file that may be written (`AtomicFile.checkTarget`) and must not be
    /// in the class folder: there it would be read as a student's submission next time, or
    /// replace one.
    static func checkCSVTarget(_ csv: String, outside folder: String, inputs: [AtomicFile.Input]) throws {
        do {
            try AtomicFile.checkTarget(csv, inputs: inputs)
        } catch {
            throw RenderError(error.description)
        }
        let parent = (csv as NSString).deletingLastPathComponent
        guard let csvFolder = realPath(parent.isEmpty ? "." : parent), let classFolder = realPath(folder) else { return }
        if csvFolder == classFolder || csvFolder.hasPrefix(classFolder.hasSuffix("/") ? classFolder : classFolder + "/") {
            throw RenderError("\(csv): is inside the class folder \(folder); write the CSV somewhere else")
        }
    }

    private static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// The roster's student ids; a bad one is an error naming FILE:LINE.
    static func readRoster(_ path: String) throws -> [StudentID] {
        let data: Data
        do {
            data = try InputFile.read(path, maximumBytes: 1 << 20)
        } catch {
            throw RenderError(error.description)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw RenderError("\(path): is not UTF-8 text") }
        var out: [StudentID] = []
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = (raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            do {
                let id = try StudentID(line)
                if !out.contains(id) { out.append(id) }
            } catch {
                throw RenderError("\(path):\(n + 1): \(error.description)")
            }
        }
        return out
    }
}
