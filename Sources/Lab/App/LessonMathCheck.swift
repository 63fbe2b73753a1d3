import LessonKit
import TUI

/// Checks the TeX of a lesson against what the Equation widget can draw. LessonKit cannot
/// do it (it does not depend on the drawing code), so `rnnlab lessons` asks here.
public enum LessonMathCheck {
    /// One error per unknown TeX command, on the first line of its step that uses it.
    /// `source` is the lesson file's text, used only to find that line.
    public static func errors(in lesson: Lesson, source: String) -> [LessonError] {
        let lines = source.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var out: [LessonError] = []
        for (i, step) in lesson.steps.enumerated() {
            let end = i + 1 < lesson.steps.count ? lesson.steps[i + 1].line - 1 : lines.count
            for command in ProseDocument(markdown: step.markdown).unknownMathCommands {
                let line = (step.line..<max(step.line, end)).first { n in
                    n - 1 < lines.count && containsCommand(lines[n - 1], command)
                } ?? step.line
                out.append(LessonError(file: lesson.file, line: line,
                                       message: "unknown TeX command '\(display(command))' (the lab cannot draw it)"))
            }
        }
        return out
    }

    /// `\foo` is in the line and not only as the start of a longer name (`\foobar`).
    private static func containsCommand(_ line: String, _ command: String) -> Bool {
        let name = display(command)
        var rest = Substring(line)
        while let r = rest.range(of: name) {
            let after = rest[r.upperBound...].first
            if after == nil || !(after!.isLetter) { return true }
            rest = rest[r.upperBound...]
        }
        return false
    }

    private static func display(_ command: String) -> String { command.hasPrefix("\\") ? command : "\\" + command }
}

import Foundation
