import Exercises
import LessonKit
import TUI

/// An open lesson: which step is shown, how far its prose is scrolled, the live experiment
/// of that step, the text field when the learner types a knob value, and the step's
/// exercise (`ExerciseState`, resumed from the progress records). Changing step resets the
/// scroll; a step's experiment is built from its seed the first time the step is shown and
/// kept while the lesson is open, so a step left and come back to is as it was left, paused
/// (a network trained there stays trained). Reopening the lesson starts every step afresh.
public struct LessonSession: Hashable, Sendable {
    public let lesson: Lesson
    public private(set) var stepIndex: Int
    /// Rows of prose scrolled off the top.
    public var scroll: Int = 0
    /// The step's live experiment, if it has a lab block.
    public private(set) var experiment: LabExperiment?
    /// The text field that has the keyboard, if one is open.
    public private(set) var field: TextField?
    /// What the last typed value did (or why it was refused), until the next key.
    public private(set) var message: String?
    /// The step's exercise, if it has an exercise block.
    public private(set) var exercise: ExerciseState?
    /// The experiments of the steps shown before, by step index, as they were left.
    private var visited: [Int: LabExperiment] = [:]
    /// The student, how variants are made and the progress records (kept in step with the
    /// program's by `LabProgram`).
    var progress: LabProgress
    /// The prose scrolls to its end on the next update (a hint or the solution was revealed).
    var scrollToEnd = false

    /// The lesson open at `stepIndex`; `resumed` says so on the status line (the learner
    /// left the lesson there last time).
    public init(lesson: Lesson, stepIndex: Int = 0, progress: LabProgress = .inMemory(), resumed: Bool = false) {
        self.lesson = lesson
        self.stepIndex = 0
        self.progress = progress
        go(to: stepIndex)
        if resumed && self.stepIndex > 0 {
            message = "resumed at step \(self.stepIndex + 1) (Home: first step)"
        }
    }

    public var step: LessonStep { lesson.steps[stepIndex] }
    public var stepCount: Int { lesson.steps.count }
    public var isRunning: Bool { experiment?.running ?? false }
    /// How often the open step's panel wants a tick; nil while idle.
    public var tickInterval: Duration? { experiment?.tickInterval }

    /// Shows step `index` (clamped) from its beginning.
    public mutating func go(to index: Int) {
        if var e = experiment {
            // Kept paused: nothing runs on a step that is not shown.
            if e.running { _ = e.update(.toggleRunning) }
            visited[stepIndex] = e
        }
        stepIndex = min(max(0, index), lesson.steps.count - 1)
        scroll = 0
        field = nil
        message = nil
        experiment = visited[stepIndex] ?? lesson.steps[stepIndex].lab.flatMap(LabExperiment.init(spec:))
        exercise = lesson.steps[stepIndex].exercise?.as(ExerciseSpec.self).map {
            ExerciseState(spec: $0, stepIndex: stepIndex, lesson: lesson, progress: progress)
        }
        checkChallenge()
    }

    /// The prose of the step and, for an exercise, its statement, revealed hints and solution:
    /// one scrollable text.
    public var markdown: String { markdown(lastCheck: false) }

    /// The prose, with the last check's message at its end when `lastCheck` (a message too
    /// long for the answer area: `LessonView.feedbackCut`), where it wraps and scrolls.
    public func markdown(lastCheck: Bool) -> String {
        guard let e = exercise else { return step.markdown }
        var parts = [step.markdown, "**Task.** " + e.statement]
        for (i, hint) in e.spec.hints.prefix(e.hintsShown).enumerated() {
            parts.append("**Hint \(i + 1).** " + hint)
        }
        if e.solutionVisible {
            parts.append("**Solution.** " + e.spec.solution)
            if let expected = e.expected { parts.append("Expected answer: `\(expected)`") }
        }
        if lastCheck, let f = e.feedback {
            // The message is plain text: its punctuation (`f*c`, `h_1`) is escaped, not read as Markdown.
            let plain = f.text.map { "*_`$[]\\<>#".contains($0) ? "\\\($0)" : String($0) }.joined()
            parts.append("**Last check.** " + plain)
        }
        return parts.joined(separator: "\n\n")
    }

    /// Whether the answer area has the keyboard.
    public var answering: Bool { exercise?.focused ?? false }

    /// Changes the experiment in place (time steps, running, knobs).
    public mutating func updateExperiment(_ change: (inout LabExperiment) -> Void) {
        let before = experiment?.values
        changeExperiment(change)
        // A challenge's goal follows the knobs however they are set (`render --knob` too).
        if experiment?.values != before { checkChallenge() }
    }

    private mutating func changeExperiment(_ change: (inout LabExperiment) -> Void) {
        guard var e = experiment else { return }
        change(&e)
        experiment = e
    }

    /// Handles a message for the open lesson. `maxScroll` is the largest useful scroll
    /// offset and `page` the rows of a page, both for the current screen size.
    public mutating func update(_ message: LessonMessage, maxScroll: Int, page: Int) -> Command<LabMessage> {
        if case .edit = message {} else { self.message = nil }
        switch message {
        case .nextStep: go(to: stepIndex + 1)
        case .previousStep: go(to: stepIndex - 1)
        case .firstStep: go(to: 0)
        case .scrollDown: scroll(by: 1, limit: maxScroll)
        case .scrollUp: scroll(by: -1, limit: maxScroll)
        case .pageDown: scroll(by: max(1, page - 2), limit: maxScroll)
        case .pageUp: scroll(by: -max(1, page - 2), limit: maxScroll)
        case .panel(let m):
            var command: Command<LabMessage> = .none
            let before = experiment?.values
            changeExperiment { e in
                // A "stops at" note lasts until the learner does something else with the panel.
                if [.forward, .back, .toggleRunning].contains(m) { e.clearNote() }
                command = e.update(m)
            }
            if experiment?.values != before { checkChallenge() }
            return command
        case .typeKnob:
            if let first = experiment?.knobs.first { field = TextField(prompt: "knob: ", text: first.name + "=") }
        case .edit(let key) where field == nil:
            exercise?.edit(key)
        case .edit(let key):
            guard var f = field else { break }
            switch f.handle(key) {
            case .submitted(let text):
                field = nil
                self.message = setKnob(text)
            case .edited, .ignored:
                field = f
            }
        case .blur:
            field = nil
            exercise?.blur()
        case .exercise(let m):
            updateExercise(m)
        }
        return .none
    }

    private mutating func updateExercise(_ m: ExerciseMessage) {
        guard var e = exercise else { return }
        let hints = e.hintsShown, solution = e.solutionVisible
        switch m {
        case .focus where e.isChallenge:
            // A challenge's answer is the knobs as they stand: `a` hands them in (a try).
            let solution = e.solutionVisible
            e.checkKnobs(experiment, submitted: true)
            if e.solutionVisible != solution { scrollToEnd = true }
        case .focus: e.focus()
        case .hint: e.revealHint()
        case .solution: e.revealSolution()
        case .optionUp: e.moveCursor(-1)
        case .optionDown: e.moveCursor(1)
        case .toggle: e.toggle()
        case .pick(let i): e.pick(i)
        case .check: e.checkAnswer()
        }
        // What was just revealed is at the end of the text: scroll to it.
        if e.hintsShown != hints || e.solutionVisible != solution { scrollToEnd = true }
        exercise = e
    }

    /// A challenge measures its goal whenever the knobs change, for the live goal line;
    /// nothing is counted until the learner hands the setting in (`a`).
    private mutating func checkChallenge() {
        guard var e = exercise, e.isChallenge else { return }
        e.checkKnobs(experiment)
        exercise = e
    }

    /// Applies what was typed in the field: `name=value`, or a bare value for the step's
    /// first knob (the field opens with `name=` filled in, so `sigma=sigma=2` counts as
    /// `sigma=2` too). Returns what to tell the learner.
    private mutating func setKnob(_ text: String) -> String {
        guard let e = experiment, let first = e.knobs.first else { return "this step has no knobs" }
        let parts = text.split(separator: "=", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let name = parts.count > 1 ? parts[0] : first.name
        let names = e.knobs.map(\.name).joined(separator: ", ")
        guard let knob = e.knobs.named(name) else {
            return "no knob '\(name)' here; knobs here: \(names)"
        }
        guard let value = knob.parse(parts.last ?? "") else { return "\(knob.name) takes \(knob.accepted): type \(knob.name)=VALUE" }
        changeExperiment { _ = $0.setKnob(knob.name, to: value) }
        checkChallenge()
        return experiment?.note ?? "\(knob.name) = \(knob.display(experiment?.values[knob.name] ?? value))"
    }

    /// The progress as a save read it back: the exercise shows the merged record (tries made
    /// in another lab open at the same time count here too).
    mutating func progressSaved(_ p: LabProgress) {
        progress = p
        exercise?.refresh(from: p.progress)
    }

    /// Shows `text` on the status line until the next key (a progress file problem).
    mutating func tell(_ text: String) { message = text }

    /// Sets the scroll offset within 0 … limit (or to the limit, after a reveal).
    mutating func clampScroll(_ limit: Int) {
        scroll = scrollToEnd ? limit : min(scroll, limit)
        scrollToEnd = false
    }

    private mutating func scroll(by delta: Int, limit: Int) {
        scroll = min(max(0, scroll + delta), limit)
    }
}
