import LessonKit
import TUI

/// A lesson screen: title bar with the lesson and `step k/N`, the step's prose (scrollable),
/// its live panel beside or under it, and the keys along the bottom.
struct LessonView {
    let session: LessonSession
    /// The status line's keys (from `KeyBindings`).
    let status: [(String, String)]

    /// Status line keys never left out for lack of room (at the end of the line).
    static let essentialKeys: Set<String> = ["a", "Esc", "?", "q"]

    /// Rows above the prose itself: the step heading and a blank line.
    static let headingRows = 2

    /// The largest scroll offset that still shows the end of the prose.
    static func maxScroll(markdown: String, proseArea: Rect, capabilities: Capabilities) -> Int {
        let text = textArea(proseArea)
        let total = headingRows + StepProse(markdown: markdown).height(width: text.width, capabilities: capabilities)
        return max(0, total - text.height)
    }

    /// Where the parts go for this session: an exercise step's answer area is taken from
    /// the bottom of the prose column.
    static func layout(_ session: LessonSession, area: Rect, capabilities: Capabilities) -> LessonLayout {
        let base = LessonLayout(area: area, hasPanel: session.experiment != nil)
        guard session.exercise != nil else { return base }
        let rows = exerciseRows(session, base: base, capabilities: capabilities)
        // The prose's own rows: the top margin, the heading, the text and a blank line.
        let text = textArea(base.prose)
        let markdown = session.markdown(lastCheck: feedbackCut(session, base: base, rows: rows, capabilities: capabilities))
        let proseRows = 1 + headingRows + StepProse(markdown: markdown).height(width: text.width, capabilities: capabilities) + 1
        return base.withExercise(rows: rows, proseRows: proseRows)
    }

    /// Rows the answer area asks for.
    private static func exerciseRows(_ session: LessonSession, base: LessonLayout, capabilities: Capabilities) -> Int {
        guard let e = session.exercise else { return 0 }
        let rows = ExerciseView.height(e, width: base.prose.width, capabilities: capabilities)
        guard rows > base.prose.height - LessonLayout.minimumProseRows else { return rows }
        // Too tall for the screen: options on one row each, the rest back to the prose.
        return ExerciseView.height(e, width: base.prose.width, capabilities: capabilities, optionRows: 1)
    }

    /// Whether the last check's message is cut in the answer area (so it is written whole at
    /// the end of the prose). Does not depend on the prose's length: the answer area's size
    /// does not.
    static func feedbackCut(_ session: LessonSession, area: Rect, capabilities: Capabilities) -> Bool {
        let base = LessonLayout(area: area, hasPanel: session.experiment != nil)
        return feedbackCut(session, base: base, rows: exerciseRows(session, base: base, capabilities: capabilities),
                           capabilities: capabilities)
    }

    private static func feedbackCut(_ session: LessonSession, base: LessonLayout, rows: Int, capabilities: Capabilities) -> Bool {
        // No room at all for an answer area: any message goes to the prose.
        guard let e = session.exercise, let box = base.withExercise(rows: rows).exercise else { return session.exercise?.feedback != nil }
        return ExerciseView.feedbackCut(e, in: ExerciseView.innerArea(box), theme: LabTheme(capabilities))
    }

    /// The prose as shown at this size: with the last check's message when it is cut below.
    static func markdown(_ session: LessonSession, area: Rect, capabilities: Capabilities) -> String {
        guard session.exercise != nil else { return session.markdown }
        return session.markdown(lastCheck: feedbackCut(session, area: area, capabilities: capabilities))
    }

    /// Prose gets a margin of one column on each side, and one more on the right for the scroll bar.
    static func textArea(_ prose: Rect) -> Rect { prose.inset(top: 1, left: 2, bottom: 0, right: 3) }

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        let layout = Self.layout(session, area: area, capabilities: theme.capabilities)
        let step = session.step
        ScreenChrome.titleBar(left: session.lesson.title, right: "step \(session.stepIndex + 1)/\(session.stepCount)",
                              in: layout.titleBar, into: &buffer, theme: theme)
        renderStatus(layout.statusBar, into: &buffer, theme: theme)
        renderProse(step, in: layout.prose, screen: area, into: &buffer, theme: theme)
        if let sep = layout.separator {
            let glyph = layout.sideBySide ? theme.glyphs.vertical : theme.glyphs.horizontal
            buffer.fill(sep, with: Cell(glyph, style: theme.border))
        }
        if let box = layout.exercise, let e = session.exercise {
            ExerciseView(state: e).render(in: box, into: &buffer, theme: theme)
        }
        if let panel = layout.panel, let experiment = session.experiment {
            let inner = panel.inset(top: layout.sideBySide ? 1 : 0, left: 2, bottom: 0, right: 2)
            experiment.render(in: inner, into: &buffer, theme: theme)
        }
    }

    private func renderProse(_ step: LessonStep, in area: Rect, screen: Rect, into buffer: inout Buffer, theme: LabTheme) {
        let text = Self.textArea(area)
        guard !text.isEmpty else { return }
        let markdown = Self.markdown(session, area: screen, capabilities: theme.capabilities)
        let scroll = min(session.scroll, Self.maxScroll(markdown: markdown, proseArea: area, capabilities: theme.capabilities))
        let prose = StepProse(markdown: markdown)
        // The heading scrolls away with the text, like the first line of a page.
        var y = text.y
        if scroll < Self.headingRows {
            if scroll == 0 { buffer.put(step.title, x: text.x, y: y, style: theme.heading, clip: text) }
            y += Self.headingRows - scroll
        }
        let proseArea = Rect(x: text.x, y: y, width: text.width, height: text.maxY - y)
        prose.render(in: proseArea, into: &buffer, scroll: max(0, scroll - Self.headingRows), theme: theme)

        let total = Self.headingRows + prose.height(width: text.width, capabilities: theme.capabilities)
        if total > text.height {
            ScrollBar(total: total, visible: text.height, offset: scroll)
                .render(in: Rect(x: text.maxX + 1, y: text.y, width: 1, height: text.height), into: &buffer, theme: theme)
        }
    }

    /// The keys, or the open text field, or what the last typed value did.
    private func renderStatus(_ area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        if let field = session.field {
            buffer.fill(area, with: theme.barFill)
            let keys = Rect(x: area.x + 1, y: area.y, width: max(0, area.width - 2), height: 1)
            field.render(in: keys, into: &buffer, style: theme.statusBar, cursorStyle: theme.statusBar.reversed)
            let hint = "Enter set  Esc cancel"
            if area.width > TextWidth.of(field.prompt + field.text) + TextWidth.of(hint) + 6 {
                buffer.put(hint, x: area.maxX - TextWidth.of(hint) - 1, y: area.y, style: theme.statusKey)
            }
            return
        }
        // The keys that always stay: the exercise's answer key, back to the lessons, help, quit
        // (`KeyBindings.statusItems` puts them last).
        let keep = status.reversed().prefix { Self.essentialKeys.contains($0.0) }.count
        // On the right: what a typed value did, or that a knob stopped at an end of its range.
        // Cut to leave room for the keys that stay; its beginning says what it is about.
        let room = area.width - ScreenChrome.statusWidth(status, last: max(2, keep)) - 2
        let note = ScreenChrome.fitted(session.message ?? session.experiment?.note ?? "", max(0, room), theme)
        ScreenChrome.statusBar(status, right: note, keep: keep, in: area, into: &buffer, theme: theme)
    }
}

/// A one-column scroll indicator: a track with a thumb the size of the visible part.
struct ScrollBar {
    let total: Int
    let visible: Int
    let offset: Int

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height > 0, total > 0 else { return }
        let thumb = max(1, area.height * visible / total)
        let maxOffset = max(1, total - visible)
        let start = (area.height - thumb) * min(offset, maxOffset) / maxOffset
        let track = theme.glyphs.scrollTrack
        let fill = theme.glyphs.scrollThumb
        for i in 0..<area.height {
            let on = i >= start && i < start + thumb
            buffer.set(area.x, area.y + i, on ? fill : track, style: on ? theme.heading : theme.border)
        }
    }
}
