import Exercises
import Foundation
import Lab
import LabTesting
import LessonKit
import TUI
import XCTest

/// Exercise steps on screen, driven by keys through `ProgramHarness`: answering (typed and
/// chosen), the diagnosis, hints one at a time, the solution after three tries, and the
/// progress written to a temporary folder and shown again after a restart. The lesson is a
/// fixture (Fixtures/ExerciseLessons), never a shipped one.
final class ExerciseStepTests: XCTestCase {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/ExerciseLessons")

    static let lessons: [Lesson] = {
        let library = LessonLibrary.load(folder: folder)
        precondition(library.errors.isEmpty, "exercise fixture lessons have errors: \(library.errors)")
        return library.lessons
    }()

    /// Steps of the fixture lesson (0-based).
    enum Step { static let intro = 0, choice = 1, multiple = 2, numeric = 3, challenge = 4, compute = 5 }

    static let student = try! StudentID("ada")
    static let small = Size(width: 80, height: 24)
    static let large = Size(width: 200, height: 50)

    /// A numeric variant standing in for the numeric kind (built by another module): h_1 =
    /// 0.4621, and the answer without the tanh (0.5) is a diagnosed mistake.
    static let numericMaker: LabProgress.VariantMaker = { entry, lesson, student in
        guard entry.spec.id == "drill-h1" else { return try LabExercises.variant(entry, in: lesson, student: student) }
        return ExerciseVariant(
            exercise: entry.spec, student: student, seed: 1,
            statement: "Compute $h_1 = \\tanh(0.5)$ to 4 decimals.",
            check: { submission throws(ExerciseError) in
                guard case .number(let x) = submission else { throw ExerciseError.unreadable("expected a number") }
                if abs(x - 0.4621) < 1e-4 { return Verdict(passed: true, message: "Right: h_1 = 0.4621.") }
                if abs(x - 0.5) < 1e-4 {
                    return Verdict(passed: false, diagnosis: "tanh-missing", message: "This is the sum before the tanh: apply tanh.")
                }
                if x == 7 { return Verdict(passed: false, diagnosis: "long", message: ExerciseStepTests.longMessage) }
                return Verdict(passed: false, message: "Not h_1: start again from h_0 = 0.")
            },
            solution: { .number(0.4621) })
    }

    /// A diagnosis longer than the answer area at 80x24 (its end must still be readable).
    static let longMessage = "This looks like the weighted sum of the second unit, not the first: h_1 is the first "
        + "row's sum passed through tanh, and the layer above gets the whole vector, so check which row of W you used, "
        + "and that you multiplied the input by the input weights before adding the recurrent part and the bias. END."

    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-progress-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    private func progress() -> LabProgress {
        LabProgress(student: Self.student, store: ProgressStore(directory: directory), makeVariant: Self.numericMaker)
    }

    private func harness(step: Int, size: Size = small, progress: LabProgress? = nil,
                         capabilities: Capabilities = .full) -> ProgramHarness<LabProgram> {
        let p = LabProgram(lessons: Self.lessons, size: size, capabilities: capabilities, lessonID: "drills", stepIndex: step,
                           progress: progress ?? self.progress())!
        return ProgramHarness(p, size: size, capabilities: capabilities)
    }

    private func text(_ h: ProgramHarness<LabProgram>) -> String { h.frame().text() }

    private func stored(_ id: String) -> Exercises.Progress.ExerciseRecord? {
        ProgressStore(directory: directory).load().exercises[id]
    }

    /// Clears the field (Ctrl-U from its end) and types `answer`, then Enter.
    private func answer(_ h: inout ProgramHarness<LabProgram>, _ answer: String) {
        h.press(.end, .control("u"))
        h.type(answer)
        h.press(.enter)
    }

    // MARK: - Typed answers

    func testWrongThenRightNumberShowsTheDiagnosisAndIsRecorded() throws {
        var h = harness(step: Step.numeric)
        XCTAssertTrue(text(h).contains("Compute h₁ = tanh(0.5) to 4 decimals."), "the variant's statement is shown")
        h.press(.character("a"))
        answer(&h, "0.5")
        let wrong = text(h)
        XCTAssertTrue(wrong.contains("wrong: This is the sum before the tanh: apply tanh."), wrong)
        XCTAssertTrue(wrong.contains("1 try"), wrong)
        XCTAssertEqual(stored("drill-h1")?.lastDiagnosis, "tanh-missing")
        XCTAssertEqual(stored("drill-h1")?.passed, false)

        answer(&h, "0.4621")
        let right = text(h)
        XCTAssertTrue(right.contains("Right: h_1 = 0.4621."), right)
        XCTAssertTrue(right.contains("passed"), right)
        XCTAssertTrue(right.contains("Expected answer: 0.4621"), "the solution shows after a pass:\n\(right)")
        let record = try XCTUnwrap(stored("drill-h1"))
        XCTAssertEqual(record.attempts, 2)
        XCTAssertTrue(record.passed)
        XCTAssertEqual(record.lastAnswer, "0.4621")
        XCTAssertNil(record.lastDiagnosis)
        XCTAssertNotNil(record.passedAt)
        XCTAssertFalse(record.solutionShown, "the solution after a pass is not 'asked for'")
        XCTAssertTrue(h.effects.contains("save progress"))
    }

    func testUnreadableAnswerSaysWhyAndIsNotCounted() {
        var h = harness(step: Step.numeric)
        h.press(.tab)
        answer(&h, "abc")
        let screen = text(h)
        XCTAssertTrue(screen.contains("'abc' is not a number"), screen)
        XCTAssertTrue(screen.contains("(not counted)"), screen)
        XCTAssertTrue(screen.contains("0 tries"), screen)
        h.press(.enter)
        XCTAssertNil(stored("drill-h1"), "nothing to record: no attempt was made")
    }

    /// After a check the answer stays, selected: the first character typed replaces it (no
    /// `0.50.4621`), an arrow keeps it for editing, and the footer shows Ctrl-U clear.
    func testTheCheckedAnswerIsSelectedAndTypingReplacesIt() throws {
        var h = harness(step: Step.numeric)
        h.press(.character("a"))
        XCTAssertTrue(text(h).contains("Ctrl-U clear"), "the footer shows how to clear:\n\(text(h))")
        h.type("0.5")
        h.press(.enter)
        h.type("0.4621")
        XCTAssertTrue(text(h).contains("answer → 0.4621"), text(h))
        h.press(.enter)
        XCTAssertEqual(stored("drill-h1")?.passed, true)
        // Reopened later: the last answer is selected too, and an arrow keeps it.
        h.press(.escape, .character("a"), .left)
        h.type("2")
        XCTAssertTrue(text(h).contains("answer → 0.46221"), text(h))
    }

    /// A diagnosis too long for the answer area at 80x24 says so, and is written whole at the
    /// end of the text, which scrolls to it.
    func testALongDiagnosisCanBeReadWholeAt80x24() {
        var h = harness(step: Step.numeric)
        h.press(.character("a"))
        h.type("7")
        h.press(.enter)
        let screen = text(h)
        XCTAssertTrue(screen.contains("all of it at the end of the text"), screen)
        XCTAssertTrue(screen.contains("END."), "the prose scrolled to the whole message:\n\(screen)")
        XCTAssertTrue(screen.contains("Last check. This looks like"), screen)
        // A short message that fits is not repeated in the prose.
        h.type("1")
        h.press(.enter)
        XCTAssertFalse(text(h).contains("Last check."), text(h))
    }

    /// While the field has the keys, the lesson's keys are letters: q, n, a knob key, ← are
    /// typed or move the cursor; Esc gives the keys back; Ctrl-C still quits.
    func testTheFieldTakesEveryKeyButEscAndCtrlC() {
        var h = harness(step: Step.numeric)
        h.press(.character("a"))
        h.type("qn-")
        h.press(.left, .backspace, .right, .control("d"))
        XCTAssertFalse(h.quit)
        XCTAssertTrue(text(h).contains("answer → q-"), text(h))
        XCTAssertEqual(h.program.session?.stepIndex, Step.numeric)
        XCTAssertTrue(text(h).contains("Enter check"), "the status line says how to check")
        h.press(.escape)
        XCTAssertEqual(h.program.session?.answering, false)
        h.press(.right)
        XCTAssertEqual(h.program.session?.stepIndex, Step.challenge, "after Esc the arrows move between steps again")
        var g = harness(step: Step.numeric)
        g.press(.character("a"), .control("c"))
        XCTAssertTrue(g.quit)
    }

    // MARK: - Hints and solution

    func testHintsAreRevealedOneAtATime() throws {
        var h = harness(step: Step.choice)
        XCTAssertFalse(text(h).contains("Hint 1."))
        h.press(.character("H"))
        var screen = text(h)
        XCTAssertTrue(screen.contains("Hint 1. Think of what \"unrolled\" copies."), screen)
        XCTAssertFalse(screen.contains("Hint 2."), screen)
        XCTAssertTrue(screen.contains("hints 1/2"), screen)
        h.press(.character("H"))
        screen = text(h)
        XCTAssertTrue(screen.contains("Hint 2. The copies are drawn, not learned."), screen)
        h.press(.character("H"))
        XCTAssertTrue(text(h).contains("no more hints (2 shown)"), text(h))
        XCTAssertEqual(stored("drill-shared-weights")?.hintsShown, 2)
        XCTAssertEqual(stored("drill-shared-weights")?.attempts, 0)
    }

    func testSolutionOnRequestOnlyAfterThreeTries() throws {
        var h = harness(step: Step.numeric)
        h.press(.character("w"))
        XCTAssertTrue(text(h).contains("the solution opens after 3 tries (3 to go)"), text(h))
        XCTAssertFalse(text(h).contains("Solution."))
        h.press(.character("a"))
        for wrong in ["1", "2", "0.5"] { answer(&h, wrong) }
        XCTAssertTrue(text(h).contains("3 tries"), text(h))
        h.press(.escape, .character("w"))
        let screen = text(h)
        XCTAssertTrue(screen.contains("Solution. Apply tanh to the weighted sum."), screen)
        XCTAssertTrue(screen.contains("Expected answer: 0.4621"), screen)
        XCTAssertEqual(stored("drill-h1")?.solutionShown, true)
        XCTAssertEqual(stored("drill-h1")?.passed, false)
    }

    // MARK: - Choices

    func testChoiceWithTheArrows() throws {
        var h = harness(step: Step.choice)
        h.press(.character("a"), .down, .enter)
        var screen = text(h)
        XCTAssertTrue(screen.contains("wrong: b) is not right: Then the network could not run"), screen)
        h.press(.down, .down, .enter)   // wraps round to a)
        screen = text(h)
        XCTAssertTrue(screen.contains("Right. One set of weights"), screen)
        XCTAssertEqual(stored("drill-shared-weights")?.lastAnswer, "a")
        XCTAssertEqual(stored("drill-shared-weights")?.attempts, 2)
        XCTAssertEqual(stored("drill-shared-weights")?.passed, true)
    }

    func testSeveralCorrectOptionsAreTickedWithSpace() throws {
        var h = harness(step: Step.multiple)
        h.press(.character("a"), .enter)
        XCTAssertTrue(text(h).contains("tick at least one option"), "an empty choice is not an attempt")
        h.press(.character(" "), .enter)
        XCTAssertTrue(text(h).contains("one more option is correct too"), text(h))
        h.press(.character("b"))   // ticks b) by its letter
        XCTAssertTrue(text(h).contains("[x] b)"), text(h))
        h.press(.enter)
        XCTAssertTrue(text(h).contains("Right."), text(h))
        XCTAssertEqual(stored("drill-lstm-gates")?.lastAnswer, "a,b")
        XCTAssertEqual(stored("drill-lstm-gates")?.attempts, 2)
    }

    // MARK: - Challenge

    /// The goal is measured live on the step's panel as the knobs turn, but turning a knob is
    /// exploring, not a try: `a` hands in the setting as it stands (a try; a pass when the goal
    /// is met, with the setting as the answer), and the solution opens after three hand-ins.
    func testChallengeGoalIsMeasuredAsTheKnobsTurnAndHandedInWithA() throws {
        var h = harness(step: Step.challenge)
        XCTAssertTrue(text(h).contains("goal → ✗ not yet: ratio 5.2e+05: more than 10"), text(h))
        XCTAssertTrue(text(h).contains("a hand in"), "the footer says how to hand in:\n\(text(h))")
        h.press(.character("?"))
        XCTAssertTrue(text(h).contains("turning a knob is not a try"), "the help says what counts:\n\(text(h))")
        h.press(.character("?"))
        XCTAssertNil(stored("drill-sigma"), "the starting values are not a try")
        h.press(.character("+"), .character("-"))
        XCTAssertNil(stored("drill-sigma"), "turning a knob is not a try")
        XCTAssertFalse(text(h).contains("tries"), text(h))
        h.press(.character("a"))
        XCTAssertEqual(stored("drill-sigma")?.attempts, 1, "a hands in the setting: one try")
        XCTAssertEqual(stored("drill-sigma")?.passed, false)
        XCTAssertTrue(text(h).contains("1 try"), text(h))
        XCTAssertTrue(text(h).contains("✗ wrong: handed in sigma="), text(h))
        h.press(.character(":"))
        h.type("1")
        h.press(.enter)
        XCTAssertEqual(h.program.session?.experiment?.values["sigma"], 1)
        XCTAssertTrue(text(h).contains("goal → ✓ ratio 1.00: within 10"), "the goal line is live:\n\(text(h))")
        XCTAssertEqual(stored("drill-sigma")?.passed, false, "meeting the goal is not a pass until it is handed in")
        h.press(.character("a"))
        let record = try XCTUnwrap(stored("drill-sigma"))
        XCTAssertTrue(record.passed)
        XCTAssertEqual(record.lastAnswer, "sigma=1")
        XCTAssertEqual(record.attempts, 2)
        XCTAssertTrue(text(h).contains("✓ passed"), text(h))
    }

    /// For a challenge, "three tries" are three settings handed in.
    func testChallengeSolutionOpensAfterThreeHandIns() {
        var h = harness(step: Step.challenge)
        for _ in 0..<3 { h.press(.character("-")) }
        h.press(.character("w"))
        XCTAssertTrue(text(h).contains("the solution opens after 3 tries (3 to go)"), "knob turns are not tries:\n\(text(h))")
        h.press(.character("a"), .character("a"), .character("a"))
        h.press(.character("w"))
        XCTAssertEqual(stored("drill-sigma")?.solutionShown, true)
        XCTAssertTrue(h.program.session?.markdown.contains("**Solution.**") ?? false)
    }

    /// A challenge whose check cannot run (the measurer not built, a knob it lacks) says why
    /// on the goal line, and the knobs still turn.
    func testChallengeThatCannotBeCheckedSaysWhy() {
        let failing: LabProgress.VariantMaker = { entry, lesson, student in
            guard entry.spec.id == "drill-sigma" else { return try Self.numericMaker(entry, lesson, student) }
            throw ExerciseError.invalid("challenge exercises are not built yet")
        }
        var h = harness(step: Step.challenge,
                        progress: LabProgress(student: Self.student, store: ProgressStore(directory: directory), makeVariant: failing))
        XCTAssertTrue(text(h).contains("goal → ! challenge exercises are not built yet"), text(h))
        let sigma = h.program.session?.experiment?.values["sigma"]
        h.press(.character("+"))
        XCTAssertNotEqual(h.program.session?.experiment?.values["sigma"], sigma, "the knob keys are the challenge's")
        XCTAssertNil(stored("drill-sigma"), "a check that cannot run is not an attempt")
    }

    // MARK: - Progress across a restart

    func testProgressIsShownOnHomeAfterARestartAndTheLessonResumes() throws {
        var h = harness(step: Step.choice)
        h.press(.character("a"), .enter)
        XCTAssertTrue(text(h).contains("Right."))

        // A new lab on the same folder.
        let home = LabProgram(lessons: Self.lessons, size: Self.small, progress: progress())
        var g = ProgramHarness(home, size: Self.small)
        XCTAssertTrue(text(g).contains("exercises 1/5"), text(g))
        g.press(.enter)
        let resumed = text(g)
        XCTAssertEqual(g.program.session?.stepIndex, Step.choice)
        XCTAssertTrue(resumed.contains("resumed at step 2"), resumed)
        XCTAssertTrue(resumed.contains("passed with a"), "a passed exercise shows as passed with its last answer:\n\(resumed)")
        XCTAssertTrue(resumed.contains("✓ passed"), resumed)
        g.press(.home)
        XCTAssertEqual(g.program.session?.stepIndex, Step.intro, "Home goes to the lesson's start")
        XCTAssertEqual(ProgressStore(directory: directory).load().lessons["drills"]?.step, Step.intro)
    }

    /// The lessons list at 80x24: the `exercises N/M  K steps` column starts at the same
    /// place whatever the step count, and lessons below the screen are announced.
    func testHomeColumnsAlignAndMoreLessonsAreAnnounced() throws {
        func lesson(_ n: Int, steps: Int) throws -> Lesson {
            var text = "---\nid: l\(n)\ntitle: Lesson \(n)\nsummary: A lesson.\n---\n"
            text += "## Exercise {#ex}\nA choice.\n```exercise\nid: ex-\(n)\nkind: choice\ntitle: T\ntask: Which?\n"
            text += "options:\n  - text: This\n    correct: true\n  - text: That\n    why: Not that.\nsolution: This.\n```\n"
            for k in 1..<steps { text += "## Step \(k) {#s\(k)}\nProse.\n" }
            return try LessonParser.parse(text, file: "l\(n).md")
        }
        let lessons = try (1...6).map { try lesson($0, steps: $0 % 2 == 0 ? 12 : 9) }
        let h = ProgramHarness(LabProgram(lessons: lessons, size: Self.small, progress: .inMemory(student: Self.student)), size: Self.small)
        let rows = text(h).components(separatedBy: "\n")
        let columns = Set(rows.compactMap { row in row.range(of: "exercises").map { row.distance(from: row.startIndex, to: $0.lowerBound) } })
        XCTAssertEqual(columns.count, 1, "one column:\n\(text(h))")
        XCTAssertTrue(text(h).contains("2 more below"), text(h))
    }

    func testCorruptProgressFileIsKeptAsideWithAWarningOnHome() throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("progress.json")
        try Data("{\"exercises\": [".utf8).write(to: file)
        let p = LabProgram(lessons: Self.lessons, size: Self.large, progress: progress())
        var h = ProgramHarness(p, size: Self.large)
        let screen = text(h)
        XCTAssertTrue(screen.contains("could not be read as progress"), screen)
        XCTAssertTrue(screen.contains("exercises 0/5"), screen)
        let aside = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("progress.json.broken-") }
        XCTAssertEqual(aside.count, 1, "the broken file is kept, under a new name")
        XCTAssertEqual(try Data(contentsOf: directory.appendingPathComponent(aside[0])), Data("{\"exercises\": [".utf8))
        // The lab carries on: a new answer is saved to a fresh file.
        h.press(.enter, .right, .character("a"), .enter)
        XCTAssertEqual(stored("drill-shared-weights")?.passed, true)
    }

    /// Two labs open at once on the same progress: what each did adds up (attempts are saved
    /// as differences, not copies), and neither loses the other's pass.
    func testTwoLabsAtOnceAddUp() throws {
        var first = harness(step: Step.choice)
        var second = harness(step: Step.multiple)
        first.press(.character("a"), .down, .enter)            // a wrong try in the first lab
        second.press(.character("a"), .character(" "), .enter) // a wrong try in the second
        var third = harness(step: Step.choice)                  // opened before the first's pass
        first.press(.up, .enter)                                // the first lab passes
        third.press(.character("a"), .character("c"), .enter)  // a wrong try in the third
        let choice = try XCTUnwrap(stored("drill-shared-weights"))
        XCTAssertEqual(choice.attempts, 3)
        XCTAssertTrue(choice.passed, "the third lab's wrong try does not undo the first's pass")
        XCTAssertEqual(stored("drill-lstm-gates")?.attempts, 1)
    }

    /// The second of two labs open at once shows the tries of both after its own save (the
    /// record is read back from the merged file).
    func testASecondLabShowsTheMergedTriesAfterItsSave() {
        var first = harness(step: Step.numeric)
        var second = harness(step: Step.numeric)
        first.press(.character("a"))
        answer(&first, "1")
        second.press(.character("a"))
        answer(&second, "2")
        XCTAssertEqual(stored("drill-h1")?.attempts, 2)
        XCTAssertTrue(text(second).contains("2 tries"), text(second))
    }

    /// A progress folder that cannot be written: the lab says so on the status line at once,
    /// and on the lessons list, and goes on.
    func testAFailedSaveIsSaidOnScreen() throws {
        try Data("not a folder".utf8).write(to: directory)   // the store's folder is a file
        var h = harness(step: Step.choice)
        h.press(.character("a"), .enter)
        let screen = text(h)
        XCTAssertTrue(screen.contains("progress not saved"), screen)
        XCTAssertTrue(screen.contains("Right."), "the answer is still checked:\n\(screen)")
        h.press(.escape, .escape)
        XCTAssertTrue(text(h).contains("progress: progress not saved"), text(h))
    }

    /// Without a store (render, headless runs) nothing is written anywhere.
    func testInMemoryProgressWritesNothing() {
        let p = LabProgram(lessons: Self.lessons, size: Self.small, lessonID: "drills", stepIndex: Step.choice,
                           progress: .inMemory(student: Self.student))!
        var h = ProgramHarness(p, size: Self.small)
        h.press(.character("a"), .enter, .escape, .character("H"), .right)
        XCTAssertTrue(h.effects.isEmpty, "\(h.effects)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: directory.path))
    }

    // MARK: - Screens

    /// Goldens: a choice after a wrong answer at 80x24, and the challenge with its panel
    /// side by side at 200x50; shape checks at every size and capability level.
    func testScreens() {
        for size in LabFixtures.sizes {
            for (level, caps) in LabFixtures.levels {
                let memory = LabProgress(student: Self.student, store: nil, makeVariant: Self.numericMaker)
                var choice = harness(step: Step.choice, size: size, progress: memory, capabilities: caps)
                choice.press(.character("a"), .down, .enter)
                let frame = choice.frame()
                LabScreenSnapshotTests.checkShape(frame, caps)
                XCTAssertTrue(frame.text().contains("is not right"), "\(size) \(level)")
                if size == Self.small && level == "256-unicode" { assertSnapshot(frame.styledText(), named: "choice-wrong-80x24-\(level)") }
                if size == Self.small && level == "none-ascii" { assertSnapshot(frame.styledText(), named: "choice-wrong-80x24-\(level)") }

                let challenge = harness(step: Step.challenge, size: size, progress: memory, capabilities: caps)
                let c = challenge.frame()
                LabScreenSnapshotTests.checkShape(c, caps)
                XCTAssertTrue(c.text().contains("goal"), "\(size) \(level):\n\(c.text())")
                if size == Self.large && level == "256-unicode" { assertSnapshot(c.styledText(), named: "challenge-200x50-\(level)") }

                for step in [Step.numeric, Step.compute, Step.multiple] {
                    let other = harness(step: step, size: size, progress: memory, capabilities: caps)
                    LabScreenSnapshotTests.checkShape(other.frame(), caps)
                }
            }
        }
    }

    /// A file to hand in without data (a Keras model file): no export command, but how to
    /// check it from the command line.
    func testAnExerciseWithoutDataSaysHowToCheckInsteadOfExport() {
        let noFiles: LabProgress.VariantMaker = { entry, lesson, student in
            let v = try Self.numericMaker(entry, lesson, student)
            guard entry.spec.id == "drill-forward" else { return v }
            return ExerciseVariant(exercise: entry.spec, student: student, seed: 1, statement: "Write a model file.",
                                   check: { _ throws(ExerciseError) in Verdict(passed: false, message: "no") },
                                   solution: { .number(0) })
        }
        let h = harness(step: Step.compute, size: Self.large,
                        progress: LabProgress(student: Self.student, store: ProgressStore(directory: directory), makeVariant: noFiles))
        XCTAssertFalse(text(h).contains("rnnlab exercise export"), text(h))
        XCTAssertTrue(text(h).contains("check from the command line: rnnlab check drill-forward FILE"), text(h))
    }

    func testComputeStepSaysHowToGetTheData() {
        let h = harness(step: Step.compute, size: Self.large)
        XCTAssertTrue(text(h).contains("rnnlab exercise export drill-forward --student ada --out DIR"), text(h))
        XCTAssertTrue(text(h).contains("answer file"), text(h))
    }

    /// Nine long options at 80x24: they are cut to one row each, the highlighted one stays
    /// in view, and the feedback always shows.
    func testManyLongOptionsFitAt80x24() throws {
        var source = """
        ---
        id: many
        title: Many options
        summary: A choice with nine long options.
        ---

        ## Choose {#choose}

        \(String(repeating: "A long paragraph of prose that fills the step. ", count: 12))

        ```exercise
        id: many-options
        kind: choice
        title: Nine options
        task: Which one?
        options:

        """
        for i in 0..<9 {
            source += "  - text: Option number \(i + 1), long enough to wrap twice at eighty columns on a small terminal screen, really\n"
            source += i == 8 ? "    correct: true\n" : "    why: Not option \(i + 1).\n"
        }
        source += "solution: The last.\n```\n"
        let lesson = try LessonParser.parse(source, file: "many.md")
        let p = LabProgram(lessons: [lesson], size: Self.small, lessonID: "many", progress: .inMemory(student: Self.student))!
        var h = ProgramHarness(p, size: Self.small)
        h.press(.character("a"), .character("h"), .enter)
        var screen = text(h)
        XCTAssertTrue(screen.contains("h) Option number 8"), screen)
        XCTAssertTrue(screen.contains("wrong: h) is not right: Not option 8."), screen)
        h.press(.down, .enter)
        screen = text(h)
        XCTAssertTrue(screen.contains("i) Option number 9"), screen)
        XCTAssertTrue(screen.contains("Right."), screen)
        LabScreenSnapshotTests.checkShape(h.frame(), .full)
    }
}
