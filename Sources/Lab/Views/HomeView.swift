import LessonKit
import TUI

/// The home screen: every lesson with its number, title, step count and summary; a cursor;
/// Enter opens the highlighted one.
struct HomeView {
    let lessons: [Lesson]
    /// Problems found while loading the lessons folder: shown, never hidden.
    let errors: [LessonError]
    let cursor: Int
    /// The status line's keys (from `KeyBindings`).
    let status: [(String, String)]
    /// Exercises passed per lesson, and problems with the progress file (shown, then the lab carries on).
    var progress: LabProgress = .inMemory()

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        let (top, rest) = area.splitTop(1)
        let (body, bottom) = rest.splitBottom(1)
        let count = lessons.count == 1 ? "1 lesson" : "\(lessons.count) lessons"
        ScreenChrome.titleBar(left: "rnnlab \(theme.glyphs.vertical) recurrent neural networks, live", right: count,
                              in: top, into: &buffer, theme: theme)
        ScreenChrome.statusBar(status, in: bottom, into: &buffer, theme: theme)

        var inner = body.inset(top: 1, left: 2, bottom: 1, right: 2)
        guard !inner.isEmpty else { return }
        if !errors.isEmpty {
            inner = renderErrors(in: inner, into: &buffer, theme: theme)
        }
        if !progress.warnings.isEmpty {
            inner = renderWarnings(in: inner, into: &buffer, theme: theme)
        }
        buffer.put("Lessons", x: inner.x, y: inner.y, style: theme.heading, maxWidth: inner.width)
        if lessons.isEmpty {
            let text = errors.isEmpty ? "No lessons found. Add NN-name.md files to the Lessons folder."
                                      : "No lesson could be loaded: see the problems above."
            buffer.put(text,
                       x: inner.x, y: inner.y + 2, style: theme.muted, maxWidth: inner.width)
            return
        }
        // Each lesson takes four rows: title line, summary (wrapped on up to two lines), gap.
        // The list scrolls so that the cursor always shows.
        let list = inner.inset(top: 2)
        let perLesson = 4
        let visible = max(1, list.height / perLesson)
        let first = max(0, min(cursor - visible + 1, lessons.count - visible))
        // The right column in two aligned parts: exercises passed / declared ("2/3", with a
        // mark once all are passed), then the step count, so it does not shift between lessons.
        let scores = lessons.map { lesson -> String in
            let score = progress.score(lesson)
            guard score.total > 0 else { return "" }
            let done = score.passed == score.total ? " " + (theme.capabilities.glyphs == .ascii ? "ok" : "✓") : ""
            return "exercises \(score.passed)/\(score.total)\(done)"
        }
        let stepCounts = lessons.map { $0.steps.count == 1 ? "1 step" : "\($0.steps.count) steps" }
        let scoreWidth = scores.map(TextWidth.of).max() ?? 0
        let stepsWidth = stepCounts.map(TextWidth.of).max() ?? 0
        func padded(_ text: String, _ width: Int, left: Bool) -> String {
            let pad = String(repeating: " ", count: max(0, width - TextWidth.of(text)))
            return left ? pad + text : text + pad
        }
        // The list scrolls: say how many lessons are above and below the window.
        if first > 0 {
            let above = "\(theme.glyphs.arrowUp) \(first) more above"
            buffer.put(above, x: inner.maxX - TextWidth.of(above), y: inner.y, style: theme.muted)
        }
        let below = lessons.count - (first + visible)
        if below > 0, inner.maxY < body.maxY {
            let more = "\(theme.glyphs.arrowDown) \(below) more below (\(KeyBinding.text("{down}", theme.glyphs)) or j)"
            buffer.put(more, x: list.maxX - TextWidth.of(more), y: inner.maxY, style: theme.muted)
        }
        for (row, index) in (first..<min(lessons.count, first + visible)).enumerated() {
            let lesson = lessons[index]
            let y = list.y + row * perLesson
            let isSelected = index == cursor
            let marker = isSelected ? theme.glyphs.selectionMarker : " "
            let steps = scoreWidth > 0 ? padded(scores[index], scoreWidth, left: false) + "  " + padded(stepCounts[index], stepsWidth, left: true)
                                       : padded(stepCounts[index], stepsWidth, left: true)
            let number = String(format: "%2d", index + 1)
            let line = "\(marker) \(number)  \(lesson.title)"
            let stepsX = list.maxX - TextWidth.of(steps)
            if isSelected {
                buffer.fill(Rect(x: list.x, y: y, width: list.width, height: 1), with: Cell(" ", style: theme.selected))
            }
            let titleStyle = isSelected ? theme.selected.bold : theme.text.bold
            buffer.put(ScreenChrome.fitted(line, stepsX - list.x - 2, theme), x: list.x, y: y, style: titleStyle)
            buffer.put(steps, x: stepsX, y: y, style: isSelected ? theme.selected : theme.muted)
            var proseTheme = ProseTheme.standard(for: theme.capabilities)
            proseTheme.text = theme.muted
            Prose(markdown: lesson.summary, theme: proseTheme)
                .render(in: Rect(x: list.x + 6, y: y + 1, width: list.width - 6, height: 2).intersection(list),
                        into: &buffer, capabilities: theme.capabilities)
        }
    }

    /// Problems with the progress file (kept aside, not saved), wrapped, at most a third of
    /// the screen; returns the area left for the lessons.
    private func renderWarnings(in area: Rect, into buffer: inout Buffer, theme: LabTheme) -> Rect {
        let room = max(2, area.height / 3)
        var lines: [String] = []
        for w in progress.warnings {
            lines += ExerciseView.wrapped("progress: " + w, width: area.width, style: theme.warning)
        }
        let shown = min(lines.count, room)
        for (i, line) in lines.prefix(shown).enumerated() {
            let cut = i == shown - 1 && lines.count > shown
            buffer.put(cut ? ScreenChrome.fitted(line, area.width - 1, theme) + theme.glyphs.ellipsis : line,
                       x: area.x, y: area.y + i, style: theme.warning, maxWidth: area.width)
        }
        return area.inset(top: shown + 1)
    }

    /// The loading problems at the top of the list (at most a third of the screen), each
    /// as `FILE:LINE: what`; returns the area left for the lessons.
    private func renderErrors(in area: Rect, into buffer: inout Buffer, theme: LabTheme) -> Rect {
        let room = max(2, area.height / 3)
        let count = errors.count == 1 ? "1 problem" : "\(errors.count) problems"
        buffer.put("\(count) in the lessons folder (rnnlab lessons lists them all):", x: area.x, y: area.y,
                   style: theme.warning, maxWidth: area.width)
        let shown = min(errors.count, room - 1)
        for (i, e) in errors.prefix(shown).enumerated() {
            let more = i == shown - 1 && errors.count > shown ? " (and \(errors.count - shown) more)" : ""
            buffer.put(ScreenChrome.fitted(e.description + more, area.width - 2, theme), x: area.x + 2, y: area.y + 1 + i,
                       style: theme.text)
        }
        return area.inset(top: shown + 2)
    }
}

import Foundation
