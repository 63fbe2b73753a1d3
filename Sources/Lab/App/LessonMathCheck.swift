import LessonKit
import TUI

/// Checks the TeX of a lesson against what the lab can draw. LessonKit cannot do it (it
/// does not depend on the drawing code), so `rnnlab lessons`, `rnnlab render` and the home
/// screen ask here.
public enum LessonMathCheck {
    /// One error per formula the lab cannot draw (unknown commands, unbalanced braces,
    /// missing arguments, nesting past the limit, inline math that would show as TeX), on the
    /// first line of its step that holds it. `source` is the lesson file's text, used only to
    /// find that line.
    public static func errors(in lesson: Lesson, source: String) -> [LessonError] {
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [LessonError] = []
        for (i, step) in lesson.steps.enumerated() {
            let end = i + 1 < lesson.steps.count ? lesson.steps[i + 1].line - 1 : lines.count
            let range = step.line..<max(step.line, end)
            var reported: Set<String> = []
            for (tex, display) in ProseDocument(markdown: step.markdown).mathSpans {
                let problems = ProseDocument.mathProblems(tex, display: display)
                guard !problems.isEmpty else { continue }
                let line = self.line(of: tex, in: lines, range: range) ?? step.line
                for p in problems where reported.insert("\(display) \(p) \(tex)").inserted {
                    let shown = tex.count > 40 ? String(tex.prefix(40)) + "…" : tex
                    let message = display ? "\(p) (the lab cannot draw it)" : "inline math $\(shown)$: \(p) (the lab cannot draw it)"
                    out.append(LessonError(file: lesson.file, line: line, message: message))
                }
            }
        }
        return out
    }

    /// Every error `rnnlab lessons` reports for a folder: the library's own (parsing, file
    /// names, duplicate ids) and the TeX errors of every lesson that parsed, in file order.
    public static func errors(in library: LessonLibrary) -> [LessonError] {
        var errors = library.errors
        for lesson in library.lessons {
            let source = (try? String(contentsOfFile: lesson.file, encoding: .utf8)) ?? ""
            errors += LessonMathCheck.errors(in: lesson, source: source)
        }
        // By file (the library reads them in name order), then line; stable otherwise.
        return errors.enumerated().sorted { a, b in
            if a.element.file != b.element.file { return a.element.file < b.element.file }
            if a.element.line != b.element.line { return a.element.line < b.element.line }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The first line in `range` (1-based) holding the formula's first non-blank line.
    private static func line(of tex: String, in lines: [String], range: Range<Int>) -> Int? {
        guard let first = tex.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
        else { return nil }
        return range.first { n in n - 1 < lines.count && lines[n - 1].contains(first) }
    }
}

import Foundation
