import Exercises
import Foundation
import LessonKit
import TUI

/// The exercise of the open step: this student's variant, the answer being written (a text
/// field, or a cursor over the options), what the last check said, the hints revealed, and
/// the record that goes to the progress file.
///
/// No drawing and no disk: `ExerciseView` draws it, `LabProgram` saves `record` when it
/// changes. Answers that cannot be read (not a number, a missing file) say why and are not
/// counted as attempts.
public struct ExerciseState: Hashable, Sendable {
    public let spec: ExerciseSpec
    /// Whose variant this is.
    public let student: StudentID
    let variant: ExerciseVariant?
    /// Why there is no variant (e.g. a kind still being built), shown where the answer goes.
    public let problem: String?
    /// What the progress file keeps (attempts, pass, hints, last answer…).
    public internal(set) var record: Exercises.Progress.ExerciseRecord
    /// The answer field (numeric: a number; compute, keras: a file path).
    public internal(set) var field: TextField?
    /// The highlighted option (choice).
    public internal(set) var cursor = 0
    /// The ticked options (choice with several correct options).
    public internal(set) var ticked: Set<Int> = []
    /// The answer area has the keyboard.
    public internal(set) var focused = false
    /// What the last check (or key) said.
    public internal(set) var feedback: Feedback?
    /// The challenge's goal for the current knob settings, one line.
    public internal(set) var goal: Feedback?
    /// The expected answer, worked out once it is shown.
    public internal(set) var expected: String?

    /// Attempts before the solution can be asked for.
    public static let triesBeforeSolution = 3

    /// One line of feedback.
    public enum Feedback: Hashable, Sendable {
        case passed(String)
        /// A wrong answer: the verdict's message (with the diagnosis when there is one).
        case wrong(String)
        /// The answer could not be read, or cannot be checked: not counted.
        case unreadable(String)
        /// Something the learner asked for that is not there yet (no more hints…).
        case note(String)

        public var text: String {
            switch self {
            case .passed(let t), .wrong(let t), .unreadable(let t), .note(let t): t
            }
        }
    }

    /// The exercise `spec` of lesson `lesson` for `progress`'s student, resumed from its record.
    init(spec: ExerciseSpec, stepIndex: Int, lesson: Lesson, progress: LabProgress) {
        self.spec = spec
        student = progress.student
        record = progress.record(spec.id, lesson: lesson.id)
        do {
            guard let entry = ExerciseCatalog(lessons: [lesson]).entries.first(where: { $0.spec.id == spec.id }) else {
                throw ExerciseError.unknownExercise(spec.id)
            }
            variant = try progress.makeVariant(entry, lesson, progress.student)
            problem = nil
        } catch {
            variant = nil
            problem = "\(error)"
        }
        switch spec.kind {
        case .numeric: field = TextField(prompt: "", text: record.lastAnswer ?? "")
        case .compute, .keras: field = TextField(prompt: "", text: record.lastAnswer ?? "", limit: 240)
        case .choice:
            let chosen = record.lastAnswer.flatMap(ChoiceExercise.parseAnswer) ?? []
            if isMultiple { ticked = chosen }
            cursor = chosen.min() ?? 0
        case .challenge: break
        }
        if record.passed || record.solutionShown { expected = Self.expectedText(variant) }
        if record.passed { feedback = .passed(record.lastAnswer.map { "passed with \($0)" } ?? "passed") }
    }

    public var kind: ExerciseKind { spec.kind }
    public var isChallenge: Bool { if case .challenge = spec.kind { true } else { false } }
    public var isChoice: Bool { if case .choice = spec.kind { true } else { false } }
    /// A choice with several correct options: space ticks, Enter checks the ticked ones.
    public var isMultiple: Bool {
        if case .choice(let c) = spec.kind { return c.correctIndices.count > 1 }
        return false
    }
    /// The options of a choice, as the learner reads them.
    public var options: [String] {
        if case .choice(let c) = spec.kind { return c.options.map(\.text) }
        return []
    }
    /// The statement with this student's numbers (for a choice, without the options, which
    /// the answer area lists).
    public var statement: String {
        if case .choice(let c) = spec.kind { return spec.task + "\n\n" + c.instruction }
        return variant?.statement ?? spec.task
    }
    /// The command that writes this student's data (compute, keras). Nil when the variant
    /// has no files to hand out (`checkCommands` says how to check from the command line).
    public var exportCommand: String? {
        if let variant, variant.files.isEmpty { return nil }
        switch spec.kind {
        case .compute, .keras: return "rnnlab exercise export \(spec.id) --student \(student) --out DIR"
        default: return nil
        }
    }

    /// For an exercise with nothing to export (a model file to write, no data): how to
    /// check the file from the command line.
    public var checkCommands: String? {
        guard let variant, variant.files.isEmpty else { return nil }
        switch spec.kind {
        case .keras:
            return "check from the command line: rnnlab check \(spec.id) FILE.py  (and rnnlab keras summary FILE.py)"
        case .compute:
            return "check from the command line: rnnlab check \(spec.id) FILE"
        default: return nil
        }
    }
    /// The solution can be shown: after a pass, or on request after three tries.
    public var solutionVisible: Bool { record.passed || record.solutionShown }
    public var hintsShown: Int { min(record.hintsShown, spec.hints.count) }

    // MARK: - Keys

    /// Gives the answer area the keyboard (not for a challenge: its knobs are the answer).
    mutating func focus() {
        guard !isChallenge else { feedback = .note("turn the step's knobs: the goal is checked as you go"); return }
        focused = true
    }

    mutating func blur() { focused = false }

    /// A key while the answer field has the keyboard (text kinds).
    mutating func edit(_ key: Key) {
        guard focused, var f = field else { return }
        switch f.handle(key) {
        case .submitted(let text):
            check(text)
            // The answer just checked stays, selected: the next answer types over it.
            field?.selectAll()
        case .edited, .ignored:
            field = f
        }
    }

    mutating func moveCursor(_ delta: Int) {
        let n = options.count
        guard n > 0 else { return }
        cursor = (cursor + delta + n) % n
    }

    /// Option `i` by its letter: highlighted, and ticked or unticked when several are correct.
    mutating func pick(_ i: Int) {
        guard options.indices.contains(i) else {
            feedback = .note("there is no option \(ChoiceExercise.label(i))")
            return
        }
        cursor = i
        if isMultiple { toggle() }
    }

    mutating func toggle() {
        guard isMultiple else { return }
        if ticked.contains(cursor) { ticked.remove(cursor) } else { ticked.insert(cursor) }
    }

    /// Checks the chosen options (choice) or the field's text.
    mutating func checkAnswer() {
        if isChoice {
            let chosen = isMultiple ? ticked : [cursor]
            guard !chosen.isEmpty else {
                feedback = .unreadable("tick at least one option with space, then Enter")
                return
            }
            check(chosen.sorted().map(ChoiceExercise.label).joined(separator: ","))
        } else if let f = field {
            check(f.text)
        }
    }

    /// Reveals the next hint.
    mutating func revealHint() {
        guard !spec.hints.isEmpty else { feedback = .note("this exercise has no hints"); return }
        guard record.hintsShown < spec.hints.count else {
            feedback = .note("no more hints (\(spec.hints.count) shown)")
            return
        }
        record.hintsShown += 1
        feedback = .note("hint \(record.hintsShown) of \(spec.hints.count) is under the task")
    }

    /// Shows the solution: after a pass, or after three tries (for a challenge: three settings
    /// handed in with `a`).
    mutating func revealSolution() {
        if solutionVisible { feedback = .note("the solution is under the task"); return }
        guard record.attempts >= Self.triesBeforeSolution else {
            let left = Self.triesBeforeSolution - record.attempts
            feedback = .note("the solution opens after \(Self.triesBeforeSolution) tries (\(left) to go); H shows a hint")
            return
        }
        record.solutionShown = true
        expected = Self.expectedText(variant)
        feedback = .note("the solution is under the task")
    }

    /// Checks the challenge's goal on the panel as it stands (`LabExercises.submission`: the
    /// values of the knobs that count), for the live goal line. `submitted`: the learner handed
    /// in these settings (`a`): that is a try, and a pass when the goal is met. Turning a knob
    /// is exploring, not a try.
    mutating func checkKnobs(_ experiment: LabExperiment?, submitted: Bool = false) {
        guard let variant else {
            goal = .unreadable(problem ?? "this challenge cannot be checked")
            if submitted { feedback = .unreadable("this challenge cannot be checked (not counted)") }
            return
        }
        guard let experiment else {
            goal = .unreadable("this challenge's step has no panel")
            if submitted { feedback = .unreadable("this challenge's step has no panel (not counted)") }
            return
        }
        let submission = LabExercises.submission(experiment, for: variant)
        do {
            let verdict = try variant.check(submission)
            goal = verdict.passed ? .passed(verdict.message) : .wrong(verdict.message)
            guard submitted, case .knobs(let values) = submission else { return }
            record.attempts += 1
            let setting = values.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.number($0.value))" }.joined(separator: ",")
            record.lastAnswer = setting
            record.lastDiagnosis = verdict.diagnosis
            // The goal line above says why; this line says what was handed in.
            if verdict.passed {
                pass()
                feedback = .passed("handed in \(setting): the goal is met")
            } else {
                feedback = .wrong("handed in \(setting): the goal is not met (see the goal line)")
            }
        } catch {
            goal = .unreadable(error.description)
            if submitted { feedback = .unreadable(error.description + " (not counted)") }
        }
    }

    // MARK: - Checking

    private mutating func check(_ typed: String) {
        guard let variant else { feedback = .unreadable(problem ?? "this exercise cannot be checked"); return }
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else {
            feedback = .unreadable(isChoice ? "choose an option first" : "type an answer first")
            return
        }
        let answer: String
        switch spec.kind {
        case .compute, .keras: answer = (text as NSString).expandingTildeInPath
        default: answer = text
        }
        do {
            let verdict = try variant.check(try SubmissionReader.read(answer, for: variant))
            record.attempts += 1
            record.lastAnswer = text
            record.lastDiagnosis = verdict.diagnosis
            if verdict.passed {
                pass()
                feedback = .passed(verdict.message)
            } else {
                feedback = .wrong(verdict.message)
            }
        } catch {
            feedback = .unreadable(error.description + " (not counted)")
        }
    }

    /// Takes the record as the progress file has it now (another lab open at once may have
    /// added tries, hints or a pass); what this lab shows stays otherwise as it is.
    mutating func refresh(from progress: Exercises.Progress) {
        guard let stored = progress.exercises[spec.id], stored != record else { return }
        record = stored
        if solutionVisible, expected == nil { expected = Self.expectedText(variant) }
    }

    private mutating func pass() {
        // The date of the pass is stamped when it is saved (`ProgressChange`), not here.
        record.passed = true
        if expected == nil { expected = Self.expectedText(variant) }
    }

    /// The expected answer in one line.
    static func expectedText(_ variant: ExerciseVariant?) -> String? {
        guard let variant else { return nil }
        switch variant.solution {
        case .number(let x): return number(x)
        case .options(let s): return s.sorted().map(ChoiceExercise.label).joined(separator: ", ")
        case .knobs(let k): return k.sorted { $0.key < $1.key }.map { "\($0.key)=\(number($0.value))" }.joined(separator: ", ")
        case .array(let a):
            return "an array of shape [\(a.shape.map(String.init).joined(separator: ", "))]"
                + " (rnnlab exercise solution \(variant.exercise.id) --student \(variant.student) --out FILE)"
        case .source:
            return "a model file (rnnlab exercise solution \(variant.exercise.id) --student \(variant.student) --out FILE)"
        }
    }

    /// A number as the learner would type it: up to 6 significant digits.
    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.6g", x)
    }

    // MARK: - Hashable (the variant is closures: compared by its exercise and student)

    public static func == (a: ExerciseState, b: ExerciseState) -> Bool {
        a.spec == b.spec && a.student == b.student && a.problem == b.problem && a.record == b.record
            && a.field == b.field && a.cursor == b.cursor && a.ticked == b.ticked && a.focused == b.focused
            && a.feedback == b.feedback && a.goal == b.goal && a.expected == b.expected
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(spec.id)
        hasher.combine(field)
        hasher.combine(cursor)
        hasher.combine(focused)
        hasher.combine(feedback)
    }
}
