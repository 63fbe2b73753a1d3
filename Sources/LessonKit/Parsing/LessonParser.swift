/// Reads one lesson file (see DESIGN.md, "Lesson files"):
///
/// ```markdown
/// ---
/// id: recurrence
/// title: …
/// summary: …
/// ---
/// ## A step {#step-id}
/// Markdown prose, $inline$ and $$display$$ math.
/// ```lab
/// view: states
/// ```
/// ```
///
/// Every problem becomes a `LessonError` with the file line; the parser keeps going so that
/// one run reports them all, then throws `LessonErrors` if there was any.
public enum LessonParser {
    /// Front matter keys, all required.
    public static let frontMatterKeys = ["id", "title", "summary"]

    /// Parses the text of a lesson file. `file` is used only in error messages and `Lesson.file`;
    /// `labs` reads the lab blocks (the Lab's view registry).
    public static func parse(_ text: String, file: String, labs: any LabBlockReader) throws(LessonErrors) -> Lesson {
        var errors: [LessonError] = []
        // "\r\n" is one Character in Swift, so normalise line ends before splitting.
        let normalised = text.replacingOccurrences(of: "\r\n", with: "\n")
        let lines = normalised.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let header = readFrontMatter(lines, file: file, errors: &errors) else {
            throw LessonErrors(errors)
        }
        var body = BodyParser(file: file, labs: labs)
        for i in header.bodyStart..<lines.count {
            body.consume(lines[i], line: i + 1, errors: &errors)
        }
        let steps = body.finish(errors: &errors)
        if steps.isEmpty && !errors.contains(where: { $0.message.hasPrefix("text before") }) {
            errors.append(LessonError(file: file, line: header.bodyStart + 1,
                                      message: "the lesson has no steps: start each step with a '## ' heading"))
        }
        guard errors.isEmpty, let id = header.id, let title = header.title, let summary = header.summary else {
            throw LessonErrors(errors.sorted())
        }
        return Lesson(id: id, title: title, summary: summary, steps: steps, file: file)
    }

    /// Whether text is a valid lesson or step id: lowercase letters, digits and dashes.
    public static func isValidID(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, isIDScalar(first), first != "-" else { return false }
        return s.unicodeScalars.allSatisfy(isIDScalar)
    }

    private static func isIDScalar(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("0"..."9").contains(c) || c == "-"
    }

    // MARK: - Front matter

    private struct Header {
        var id: String?
        var title: String?
        var summary: String?
        /// Index of the first line after the closing `---`.
        var bodyStart: Int
    }

    private static func readFrontMatter(_ lines: [String], file: String, errors: inout [LessonError]) -> Header? {
        guard let first = lines.first, first.trimmingTrailingSpaces == "---" else {
            errors.append(LessonError(file: file, line: 1,
                                      message: "missing front matter: a lesson starts with '---', then id, title and summary, then '---'"))
            return nil
        }
        guard let close = lines.indices.dropFirst().first(where: { lines[$0].trimmingTrailingSpaces == "---" }) else {
            errors.append(LessonError(file: file, line: 1, message: "front matter is not closed: add a '---' line after summary"))
            return nil
        }
        var header = Header(bodyStart: close + 1)
        let yaml = lines[1..<close].joined(separator: "\n")
        guard let fields = YAMLFields(yaml: yaml, file: file, firstLine: 2, fallbackLine: 1,
                                      what: "front matter", errors: &errors) else { return header }
        fields.checkKeys(allowed: frontMatterKeys, errors: &errors)
        header.id = fields.string("id", required: true, missingLine: 1, errors: &errors)
        header.title = fields.string("title", required: true, missingLine: 1, errors: &errors)
        header.summary = fields.string("summary", required: true, missingLine: 1, errors: &errors)
        if let id = header.id, !isValidID(id), let f = fields["id"] {
            errors.append(LessonError(file: file, line: f.line,
                                      message: "lesson id '\(id)' may only use lowercase letters, digits and '-'"))
            header.id = nil
        }
        return header
    }
}

import Foundation

extension String {
    var trimmingTrailingSpaces: String {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}
