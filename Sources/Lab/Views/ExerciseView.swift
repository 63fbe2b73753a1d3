import Exercises
import TUI

/// The answer area of an exercise step, under the prose: a rule with the exercise's title
/// and tries, the answer (a field, the options, the challenge's goal, or the file to hand
/// in), and what the last check said. The task, hints and solution are in the prose above
/// (`LessonSession.markdown`), where they scroll with the text.
struct ExerciseView {
    let state: ExerciseState

    /// Indent of the answer lines under the rule.
    static let indent = 2
    /// Feedback is cut after this many rows (the prose keeps its room).
    static let feedbackRows = 3
    /// An option wraps onto at most this many rows.
    static let optionRows = 2

    /// Rows the area needs at `width` columns, options wrapped on up to `optionRows` rows.
    static func height(_ state: ExerciseState, width: Int, capabilities: Capabilities, optionRows: Int = optionRows) -> Int {
        let inner = max(1, width - 2 * indent)
        let theme = LabTheme(capabilities)
        return 1 + answerLines(state, width: inner, theme: theme, optionRows: optionRows).count
            + feedbackLines(state, width: inner, theme: theme).count
    }

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard !area.isEmpty else { return }
        renderRule(Rect(x: area.x, y: area.y, width: area.width, height: 1), into: &buffer, theme: theme)
        let inner = Self.innerArea(area)
        for (i, line) in Self.fitted(state, in: inner, theme: theme).enumerated() {
            var x = inner.x
            let y = inner.y + i
            for piece in line {
                if piece.cursor, let field = state.field {
                    field.render(in: Rect(x: x, y: y, width: inner.maxX - x, height: 1), into: &buffer,
                                 style: theme.text, cursorStyle: theme.text.reversed)
                    break
                }
                buffer.put(piece.text, x: x, y: y, style: piece.style, clip: inner)
                x += TextWidth.of(piece.text)
            }
        }
    }

    /// Where the answer lines go in the area: under the rule, indented.
    static func innerArea(_ area: Rect) -> Rect {
        Rect(x: area.x + indent, y: area.y + 1, width: max(0, area.width - 2 * indent), height: max(0, area.height - 1))
    }

    /// Whether the feedback is cut in `area` (the answer lines' area, `innerArea`).
    static func feedbackCut(_ state: ExerciseState, in area: Rect, theme: LabTheme) -> Bool {
        let full = feedbackLines(state, width: area.width, theme: theme, maxRows: Int.max).count
        return full > feedbackRoom(state, in: area, theme: theme)
    }

    /// Rows left for the feedback in `area` once the answer lines are placed.
    private static func feedbackRoom(_ state: ExerciseState, in area: Rect, theme: LabTheme) -> Int {
        min(feedbackRows, max(0, area.height - answerFitted(state, in: area, theme: theme).count))
    }

    /// The lines that fit in `area`: options on two rows, else on one; when even that is too
    /// tall (many options on a small screen), a window of the options around the highlighted
    /// one. The feedback gets the rows left (at least one); a message cut short says where
    /// the whole of it is (at the end of the prose, `ExerciseState.feedbackInProse`).
    static func fitted(_ state: ExerciseState, in area: Rect, theme: LabTheme) -> [[Piece]] {
        let answer = answerFitted(state, in: area, theme: theme)
        let feedback = feedbackLines(state, width: area.width, theme: theme, maxRows: feedbackRoom(state, in: area, theme: theme))
        return Array((answer + feedback).prefix(area.height))
    }

    /// The answer lines that fit, leaving at least one row for the feedback when there is some.
    private static func answerFitted(_ state: ExerciseState, in area: Rect, theme: LabTheme) -> [[Piece]] {
        let wanted = min(feedbackRows, feedbackLines(state, width: area.width, theme: theme, maxRows: Int.max).count)
        let room = max(0, area.height - wanted)
        var answer = answerLines(state, width: area.width, theme: theme, optionRows: optionRows)
        if answer.count > room { answer = answerLines(state, width: area.width, theme: theme, optionRows: 1) }
        let answerRoom = max(0, area.height - min(wanted, 1))
        if answer.count > answerRoom {
            // One row per option here, then the "press a" line: keep the highlighted option in view.
            let start = max(0, min(state.cursor - answerRoom / 2, answer.count - answerRoom))
            answer = Array(answer[start..<min(answer.count, start + answerRoom)])
        }
        return answer
    }

    /// `── Exercise: title ───── tries 2 · hints 1/3 ──`
    private func renderRule(_ row: Rect, into buffer: inout Buffer, theme: LabTheme) {
        buffer.fill(row, with: Cell(theme.glyphs.horizontal, style: theme.border))
        let dot = " \(theme.glyphs.middleDot) "
        var facts: [String] = []
        if state.record.passed { facts.append(Self.mark(passed: true, theme) + " passed") }
        if !state.isChallenge || state.record.attempts > 0 {
            facts.append(state.record.attempts == 1 ? "1 try" : "\(state.record.attempts) tries")
        }
        if !state.spec.hints.isEmpty { facts.append("hints \(state.hintsShown)/\(state.spec.hints.count)") }
        let right = facts.isEmpty ? "" : " " + facts.joined(separator: dot) + " "
        let rightWidth = TextWidth.of(right)
        let titleRoom = row.width - rightWidth - 4
        // Narrow: the title alone before cutting it (the step's heading already says "Exercise").
        let long = "Exercise: \(state.spec.title)"
        let named = TextWidth.of(long) <= titleRoom - 2 ? long : state.spec.title
        let title = " " + ScreenChrome.fitted(named, max(0, titleRoom - 2), theme) + " "
        buffer.put(title, x: row.x + 1, y: row.y, style: theme.heading, maxWidth: max(0, titleRoom))
        if rightWidth > 0, row.width - rightWidth - 1 > row.x + TextWidth.of(title) {
            buffer.put(right, x: row.maxX - rightWidth - 1, y: row.y, style: state.record.passed ? theme.good : theme.muted)
        }
    }

    // MARK: - Lines

    /// A run of text on a line; `cursor` marks where the focused field is drawn.
    struct Piece {
        var text: String
        var style: Style
        var cursor = false
    }

    private static func mark(passed: Bool, _ theme: LabTheme) -> String {
        theme.capabilities.glyphs == .ascii ? (passed ? "ok" : "x") : (passed ? "✓" : "✗")
    }

    /// The answer lines: the field, the options, the goal, or the file to hand in.
    static func answerLines(_ state: ExerciseState, width: Int, theme: LabTheme, optionRows: Int) -> [[Piece]] {
        let arrow = theme.glyphs.textArrowRight
        switch state.kind {
        case .numeric:
            return [fieldLine(state, label: "answer \(arrow) ", empty: "press a to type a number", theme: theme)]
        case .compute, .keras:
            var lines: [[Piece]] = []
            if let command = state.exportCommand {
                lines += wrapped("get the data: " + command, width: width, style: theme.muted).map { [Piece(text: $0, style: theme.muted)] }
            } else if let check = state.checkCommands {
                lines += wrapped(check, width: width, style: theme.muted).map { [Piece(text: $0, style: theme.muted)] }
            }
            lines.append(fieldLine(state, label: "answer file \(arrow) ", empty: "press a to give the path of your answer file", theme: theme))
            return lines
        case .choice:
            var lines: [[Piece]] = []
            for (i, option) in state.options.enumerated() {
                // The highlight shows while choosing, and marks a single choice's last answer.
                let here = i == state.cursor && (state.focused || (!state.isMultiple && state.record.lastAnswer != nil))
                let marker = here ? theme.glyphs.selectionMarker : " "
                let box = state.isMultiple ? (state.ticked.contains(i) ? "[x]" : "[ ]") : ""
                let head = "\(marker) \(box.isEmpty ? "" : box + " ")\(ChoiceExercise.label(i))) "
                let style = here && state.focused ? theme.selected : theme.text
                let rows = wrapped(option, width: max(1, width - TextWidth.of(head)), style: style)
                for (r, text) in rows.prefix(optionRows).enumerated() {
                    // The last row shown of a longer option ends in an ellipsis, within the width.
                    let cut = r == optionRows - 1 && rows.count > optionRows
                    let shown = cut ? ScreenChrome.fitted(text + " " + rows[r + 1], max(1, width - TextWidth.of(head)), theme) : text
                    lines.append([Piece(text: r == 0 ? head : String(repeating: " ", count: TextWidth.of(head)),
                                        style: r == 0 ? style : theme.text),
                                  Piece(text: shown, style: style)])
                }
            }
            if !state.focused {
                lines.append([Piece(text: "press a to choose with the arrows", style: theme.muted)])
            }
            return lines
        case .challenge:
            let goal = state.goal ?? .note("turn the knobs: the goal is measured as you go; a hands in the setting")
            let (style, prefix) = look(goal, theme, wrong: "not yet: ")
            // Met but not handed in: meeting the goal is not yet a pass.
            var text = prefix + goal.text
            if case .passed = goal, !state.record.passed { text += " (a hands it in)" }
            let rows = wrapped(text, width: max(1, width - 6), style: style)
            return rows.prefix(2).enumerated().map { r, text in
                [Piece(text: r == 0 ? "goal \(arrow) " : "      ", style: theme.muted), Piece(text: text, style: style)]
            }
        }
    }

    private static func fieldLine(_ state: ExerciseState, label: String, empty: String, theme: LabTheme) -> [Piece] {
        let text = state.field?.text ?? ""
        if state.focused { return [Piece(text: label, style: theme.key), Piece(text: text, style: theme.text, cursor: true)] }
        if text.isEmpty { return [Piece(text: label, style: theme.muted), Piece(text: empty, style: theme.muted)] }
        return [Piece(text: label, style: theme.muted), Piece(text: text, style: theme.text)]
    }

    /// What the last check said (or why the exercise cannot be checked), wrapped on at most
    /// `maxRows` rows. When it is longer, the last row says where to read all of it.
    static func feedbackLines(_ state: ExerciseState, width: Int, theme: LabTheme, maxRows: Int = feedbackRows) -> [[Piece]] {
        let feedback: ExerciseState.Feedback?
        if let problem = state.problem, !state.isChallenge {
            feedback = state.feedback ?? .unreadable("cannot be checked here yet: \(problem)")
        } else {
            feedback = state.feedback
        }
        guard let feedback, maxRows > 0 else { return [] }
        let (style, prefix) = look(feedback, theme)
        let rows = wrapped(prefix + feedback.text, width: width, style: style)
        guard rows.count > maxRows else { return rows.map { [Piece(text: $0, style: style)] } }
        var lines = rows.prefix(maxRows - 1).map { [Piece(text: $0, style: style)] }
        // The whole message is at the end of the prose (`LessonView.feedbackCut`).
        let more = " \(theme.glyphs.arrowDown) all of it at the end of the text"
        let rest = rows[(maxRows - 1)...].joined(separator: " ")
        let cut = ScreenChrome.fitted(rest, max(1, width - TextWidth.of(more)), theme)
        lines.append([Piece(text: cut, style: style), Piece(text: more, style: theme.muted)])
        return lines
    }

    /// The style and the leading word of a line of feedback (the word, not only the
    /// colour, carries the meaning: NO_COLOR and monochrome terminals).
    private static func look(_ f: ExerciseState.Feedback, _ theme: LabTheme, wrong: String = "wrong: ") -> (Style, String) {
        switch f {
        case .passed: return (theme.good, mark(passed: true, theme) + " ")
        case .wrong: return (theme.bad, mark(passed: false, theme) + " " + wrong)
        case .unreadable: return (theme.warning, "! ")
        case .note: return (theme.muted, "")
        }
    }

    /// Plain text wrapped at word boundaries.
    static func wrapped(_ text: String, width: Int, style: Style) -> [String] {
        var tokens: [WordWrap.Token] = []
        WordWrap.tokenize(text, style: style, into: &tokens)
        return WordWrap.wrap(tokens, width: width).map { $0.map(\.symbol).joined() }
    }
}
