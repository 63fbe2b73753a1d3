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
            .split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.utf8) }
        var out: [LessonError] = []
        var omitted = 0
        for (i, step) in lesson.steps.enumerated() {
            let end = i + 1 < lesson.steps.count ? lesson.steps[i + 1].line - 1 : lines.count
            // Formulas come in file order: each search starts where the last one matched, so
            // a step with thousands of formulas on one long line is read once, not per formula.
            var cursor = Cursor(line: step.line, offset: 0)
            var reported: Set<String> = []
            for (tex, display) in ProseDocument(markdown: step.markdown).mathSpans {
                let problems = ProseDocument.mathProblems(tex, display: display).filter { reported.insert("\(display) \($0) \(tex)").inserted }
                guard !problems.isEmpty else { continue }
                let line = find(tex, in: lines, from: &cursor, before: max(step.line, end)) ?? step.line
                for p in problems {
                    guard out.count < maxPerLesson else { omitted += 1; continue }
                    let shown = tex.count > 40 ? String(tex.prefix(40)) + "…" : tex
                    let message = display ? "\(p) (the lab cannot draw it)" : "inline math $\(shown)$: \(p) (the lab cannot draw it)"
                    out.append(LessonError(file: lesson.file, line: line, message: message))
                }
            }
        }
        if omitted > 0, let last = out.last {
            out.append(LessonError(file: lesson.file, line: last.line, message: "and \(omitted) more TeX errors in this file, not listed"))
        }
        return out
    }

    /// At most this many TeX errors are listed per lesson (then a count of the rest).
    public static let maxPerLesson = 100

    private struct Cursor { var line: Int; var offset: Int }

    /// The 1-based line, at or after the cursor and before `end`, holding the formula's first
    /// non-blank line; the cursor moves past the match.
    private static func find(_ tex: String, in lines: [[UInt8]], from cursor: inout Cursor, before end: Int) -> Int? {
        guard let first = tex.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }).first(where: { !$0.isEmpty })
        else { return nil }
        let needle = Array(first.utf8)
        var n = cursor.line, from = cursor.offset
        while n < end, n - 1 < lines.count {
            if let at = index(of: needle, in: lines[n - 1], from: from) {
                cursor = Cursor(line: n, offset: at + needle.count)
                return n
            }
            n += 1
            from = 0
        }
        return nil
    }

    /// The first index of `needle` in `hay` at or after `from` (naive: needles are short).
    private static func index(of needle: [UInt8], in hay: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count, from <= hay.count - needle.count else { return nil }
        var i = from
        while i <= hay.count - needle.count {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
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

}

import Foundation
