/// The two forms of a class's grades: a table for the terminal and a CSV for a gradebook.
public enum GradeReport {
    /// The CSV header; the student id is first.
    public static let csvHeader = ["student", "score", "result", "diagnosis", "message"]

    /// RFC 4180 CSV: a header row, then one row per line, CRLF-free (`\n` line ends), fields
    /// with a comma, quote or line break quoted. A cell that a spreadsheet would run as a
    /// formula (starting with `=`, `+`, `-`, `@`) gets a leading `'`.
    public static func csv(_ lines: [GradeLine]) -> String {
        var out = csvHeader.joined(separator: ",") + "\n"
        for l in lines {
            let fields = [l.student, l.score.map(String.init) ?? "", l.resultWord, l.diagnosis ?? "", l.message]
            out += fields.map(field).joined(separator: ",") + "\n"
        }
        return out
    }

    /// One line per student: id, score (`-` when not graded), result and diagnosis, message.
    public static func table(_ lines: [GradeLine]) -> String {
        let width = max(7, lines.map(\.student.count).max() ?? 0)
        var out = "student".padding(toLength: width, withPad: " ", startingAt: 0) + "  score  result\n"
        for l in lines {
            let score = (l.score.map(String.init) ?? "-").padding(toLength: 5, withPad: " ", startingAt: 0)
            var result = l.resultWord
            if let d = l.diagnosis { result += " (\(d))" }
            out += l.student.padding(toLength: width, withPad: " ", startingAt: 0) + "  \(score)  \(result): \(l.message)\n"
        }
        return out
    }

    /// `12 students: 9 passed, 2 wrong, 1 not graded`; with entries not named by a valid
    /// student id, `13 entries: 12 students (9 passed, 2 wrong, 1 not graded), 1 not a student id`.
    public static func summary(_ lines: [GradeLine]) -> String {
        let students = lines.filter(\.isStudent)
        let passed = students.filter { $0.result == .passed }.count
        let wrong = students.filter { $0.result == .wrong }.count
        let not = students.count - passed - wrong
        let counts = "\(passed) passed, \(wrong) wrong, \(not) not graded"
        let s = "\(students.count) student\(students.count == 1 ? "" : "s")"
        let strays = lines.count - students.count
        guard strays > 0 else { return "\(s): \(counts)" }
        return "\(lines.count) entries: \(s) (\(counts)), \(strays) not a student id"
    }

    private static func field(_ text: String) -> String {
        var t = text
        if let first = t.first, "=+-@".contains(first) { t = "'" + t }
        guard t.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return t }
        return "\"" + t.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
