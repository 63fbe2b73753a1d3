import Foundation
import RNNCore

/// Grades a class folder: one entry per student, named by the student id, either a file
/// (`ada.npy`, `ada.txt`, `ada`) or a folder holding the answer file (`ada/answer.npy`).
///
/// Every entry becomes exactly one `GradeLine`, and a bad entry never stops the run: a name
/// that is not a valid student id, two entries for one student, a folder without the answer
/// file, an unreadable or corrupt file all become "not graded" lines saying why. Students of
/// an optional roster without any entry get a "no submission" line. Entries whose names start
/// with `.` (`.DS_Store`, editor files) are not students (no student id starts with `.`)
/// and are skipped. Nothing is written: the grader only reads.
public enum ClassGrader {
    /// Extensions taken off a file entry's name to get the student id (`ada.npy` → `ada`).
    /// Only these: a student id may itself contain dots (`ada.l`).
    public static let answerExtensions = ["npy", "npz", "py", "txt"]

    /// The lines of every student of `folder`, sorted by student. `variant` builds a student's
    /// variant (the command line passes the lab's `LabExercises.variant`). Throws only when
    /// `folder` itself cannot be listed.
    public static func grade(folder: String, roster: [StudentID]? = nil,
                             variant: (StudentID) throws(ExerciseError) -> ExerciseVariant) throws(FileError) -> [GradeLine] {
        let names = try listing(folder)
        // Entries by the student they name.
        var byStudent: [String: [String]] = [:]
        for name in names where !name.hasPrefix(".") {
            byStudent[studentName(of: name, in: folder), default: []].append(name)
        }
        var lines: [GradeLine] = []
        var wrong: [(line: Int, submission: Submission)] = []
        var solutions: [(student: String, solution: Solution)] = []
        for (student, entries) in byStudent {
            let graded = grade(student: student, entries: entries.sorted(), folder: folder, variant: variant)
            if let s = graded.solution { solutions.append((graded.line.student, s)) }
            if graded.line.result == .wrong, let s = graded.submission { wrong.append((lines.count, s)) }
            lines.append(graded.line)
        }
        // A wrong answer that is another student's right one: worked on someone else's numbers.
        for (i, submission) in wrong {
            if let owner = solutions.sorted(by: { $0.student < $1.student })
                .first(where: { $0.student != lines[i].student && matches(submission, $0.solution) })?.student {
                lines[i].message += " It is the right answer for student \(owner)'s numbers, not for \(lines[i].student)'s."
            }
        }
        for id in roster ?? [] where byStudent[id.value] == nil {
            lines.append(GradeLine(student: id.value, result: .notGraded, message: "no submission in \(folder)"))
        }
        return lines.sorted { $0.student < $1.student }
    }

    /// Whether a submission is the solution `solution`: a number that is not a whole one
    /// (small counts are shared by chance) or an array, within the standard tolerance.
    static func matches(_ submission: Submission, _ solution: Solution) -> Bool {
        switch (submission, solution) {
        case (.number(let x), .number(let e)):
            return e != e.rounded() && Tolerance.standard.accepts(x, expected: e)
        case (.arrays(let arrays), .array(let e)):
            guard arrays.count == 1, let a = arrays.first?.value, a.shape == e.shape else { return false }
            return Tolerance.standard.accepts(a.data, expected: e.data)
        default:
            return false
        }
    }

    /// One student's line, with the submission of a graded entry and the student's solution.
    private static func grade(student: String, entries: [String], folder: String,
                              variant makeVariant: (StudentID) throws(ExerciseError) -> ExerciseVariant)
        -> (line: GradeLine, submission: Submission?, solution: Solution?) {
        let shownName = ExerciseError.shown(student)
        func notGraded(_ why: String) -> (line: GradeLine, submission: Submission?, solution: Solution?) {
            (GradeLine(student: shownName, result: .notGraded, message: why), nil, nil)
        }
        let id: StudentID
        do {
            id = try StudentID(student)
        } catch {
            var line = notGraded("'\(ExerciseError.shown(entries[0]))' is not named by a valid student id: \(error.description)")
            line.line.isStudent = false
            return line
        }
        guard entries.count == 1 else {
            return notGraded("several submissions for one student (\(entries.joined(separator: ", "))); keep one")
        }
        do throws(ExerciseError) {
            let variant = try makeVariant(id)
            let path = try answerPath(entry: entries[0], folder: folder, variant: variant)
            let submission = try SubmissionReader.read(fileAt: path, for: variant)
            let verdict = try variant.check(submission)
            // Numbers and arrays only: a challenge's solution is a search over its knobs.
            let mayBeCopied: Solution? = switch variant.exercise.kind {
            case .numeric, .compute: variant.solution
            default: nil
            }
            return (GradeLine(student: id.value, result: verdict.passed ? .passed : .wrong,
                              diagnosis: verdict.passed ? nil : verdict.diagnosis, message: oneLine(verdict.message)),
                    submission, mayBeCopied)
        } catch {
            return notGraded(oneLine(error.description))
        }
    }

    /// The student an entry names: a folder's name, a file's name without an answer extension.
    static func studentName(of entry: String, in folder: String) -> String {
        if isFolder((folder as NSString).appendingPathComponent(entry)) { return entry }
        let ext = (entry as NSString).pathExtension
        guard answerExtensions.contains(ext.lowercased()) else { return entry }
        let stem = (entry as NSString).deletingPathExtension
        return stem.isEmpty ? entry : stem
    }

    /// The file to read for an entry: the entry itself, or in a folder the variant's answer
    /// file (`AnswerDescription.file`), else the folder's only file.
    static func answerPath(entry: String, folder: String, variant: ExerciseVariant) throws(ExerciseError) -> String {
        let path = (folder as NSString).appendingPathComponent(entry)
        guard isFolder(path) else { return path }
        let expected = variant.answer?.file
        if let expected, FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent(expected)) {
            return (path as NSString).appendingPathComponent(expected)
        }
        let files: [String]
        do {
            files = try listing(path).filter { !$0.hasPrefix(".") }
        } catch {
            throw ExerciseError.unreadable(error.description)
        }
        let wanted = expected.map { " (expected \($0))" } ?? ""
        switch files.count {
        case 0: throw ExerciseError.unreadable("\(path): the folder holds no answer file\(wanted)")
        case 1: return (path as NSString).appendingPathComponent(files[0])
        default:
            throw ExerciseError.unreadable("\(path): the folder holds \(files.count) files and none is the answer\(wanted); keep one")
        }
    }

    /// The names in a folder, sorted.
    private static func listing(_ folder: String) throws(FileError) -> [String] {
        var info = stat()
        guard stat(folder, &info) == 0 else {
            throw FileError(path: folder, reason: "cannot read the folder (\(FileError.systemReason(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw FileError(path: folder, reason: "is not a folder") }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw FileError(path: folder, reason: "cannot read the folder (permission denied?)")
        }
        return names.sorted()
    }

    private static func isFolder(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// Messages are one line in a table and a CSV cell.
    private static func oneLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
