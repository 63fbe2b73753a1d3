import Foundation
import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

typealias RacePanel = Lab.Panel<RaceView>

/// The `race` view: block parsing, slicing that never changes the three curves, fair
/// interleaving, accuracy against chance, the measured time per step, the delay knob, the
/// export, one golden frame and shape checks.
///
/// Races are small (H 4, batch 4, delay 5) so that a debug build trains them in a fraction of
/// a second; they check the view's mechanics, not a lesson (lesson 4's claims are in
/// Lesson4ClaimsTests).
final class RaceViewTests: XCTestCase, LivePanelTests {
    typealias View = RaceView

    static let source = """
        ---
        id: race
        title: Race
        summary: Three cells, one task.
        ---
        ## Copy {#copy}
        Race.
        ```lab
        view: race
        task: copy
        delay: 5
        hidden: 4
        batch: 4
        steps: 40
        start: 12
        pace: 3
        knobs: [delay, seed, clip]
        ```
        ## Adding {#adding}
        Race.
        ```lab
        view: race
        task: adding
        hidden: 4
        batch: 4
        steps: 20
        ```
        """

    static let lesson: Lesson = try! LessonParser.parse(source, file: "race.md")

    // MARK: Parsing

    func testParseErrorsNameTheirLine() {
        let text = """
            ---
            id: bad
            title: Bad
            summary: Every mistake.
            ---
            ## One
            Text.
            ```lab
            view: race
            task: sine
            hidden: 0
            delay: 3
            clip: maybe
            knobs: [sigma, delay]
            cell: lstm
            ```
            ## Two
            Text.
            ```lab
            view: race
            task: adding
            delay: 10
            knobs: [delay]
            ```
            """
        LabFixtures.assertErrors(text, file: "bad.md", startWith: [
            "bad.md:10: unknown race task 'sine'",
            "bad.md:11: 'hidden' is 0",
            "bad.md:12: 'delay' is 3",
            "bad.md:13: 'clip' must be a number, not 'maybe' (or 'off')",
            "bad.md:14: unknown knob for the race view 'sigma' (known: delay, seed, clip)",
            "bad.md:15: unknown key 'cell'",
            "bad.md:22: 'delay' belongs to 'task: copy' (this race runs 'adding')",
            "bad.md:23: the 'delay' knob belongs to 'task: copy'",
        ])
        LabFixtures.assertStartPastTheBudgetIsRefused(view: "race")
    }

    /// `delay` acts on training: a cell view does not take it (like `clip`); `gru-form`
    /// belongs to the GRU.
    func testDelayIsNotACellViewKnobAndGruFormIsTheGRUs() {
        let text = """
            ---
            id: s
            title: S
            summary: A states step has no delay.
            ---
            ## One
            Text.
            ```lab
            view: states
            knobs: [seed, delay]
            ```
            ## Two
            Text.
            ```lab
            view: cell
            cell: lstm
            gru-form: reset-before
            ```
            ## Three
            Text.
            ```lab
            view: cell
            cell: gru
            gru-form: sideways
            ```
            """
        XCTAssertThrowsError(try LessonParser.parse(text, file: "s.md")) { error in
            XCTAssertEqual((error as? LessonErrors)?.errors.map(\.description), [
                "s.md:10: unknown knob 'delay' (known: \(CellSpec.knobNames.joined(separator: ", ")))",
                "s.md:17: 'gru-form' belongs to 'cell: gru' (this block's cell is lstm)",
                "s.md:24: unknown GRU form 'sideways' (known: reset-after, reset-before)",
            ])
        }
    }

    /// `gru-form` picks the form the cell runs; the default is Keras' (reset after).
    func testGruFormPicksTheForm() throws {
        let before = CellRunner.run(CellSpec(cell: .gru, gruForm: .resetBefore), KnobValues(["seed": 1, "scale": 1, "input": 0]))
        let after = CellRunner.run(CellSpec(cell: .gru), KnobValues(["seed": 1, "scale": 1, "input": 0]))
        XCTAssertFalse(before.parameters.resetAfter)
        XCTAssertTrue(after.parameters.resetAfter)
        XCTAssertEqual(before.parameters.weights, after.parameters.weights)
        XCTAssertNotEqual(before.states, after.states)
    }

    // MARK: Training

    /// The same seed gives the same three curves whatever the slicing: one round at a time,
    /// uneven slices, all at once, a zero time budget, and the view's own ticks.
    func testTheCurvesDoNotDependOnTheSlicing() throws {
        var spec = try XCTUnwrap(Self.lesson.steps[0].lab?.as(RaceView.Spec.self))
        spec.train.start = 0
        let fresh = RaceView.compute(spec, knobs: spec.settings)
        XCTAssertEqual(fresh.totalSteps, 0)
        var whole = fresh
        whole.advance(maxRounds: 20)
        var ones = fresh
        for _ in 0..<20 { ones.advance(maxRounds: 1) }
        var uneven = fresh
        for n in [3, 7, 1, 9] { uneven.advance(maxRounds: n) }
        var clocked = fresh
        var slices = 0
        while clocked.stepsTaken < 20 {
            clocked.advance(maxRounds: 100, budget: .zero)
            slices += 1
        }
        XCTAssertEqual(slices, 20, "a budget too small for one round still takes one round per slice")
        var ticked = RacePanel(spec: spec)
        Self.send(.toggleRunning, to: &ticked)
        while ticked.data.stepsTaken < 20 { Self.send(.tick, to: &ticked) }
        for other in [ones, uneven, clocked] {
            for i in 0..<3 {
                XCTAssertEqual(other.runs[i].history.loss.map(\.bitPattern), whole.runs[i].history.loss.map(\.bitPattern), "model \(i)")
            }
        }
        for i in 0..<3 {
            let n = whole.runs[i].history.loss.count
            XCTAssertEqual(Array(ticked.data.runs[i].history.loss.prefix(n)).map(\.bitPattern), whole.runs[i].history.loss.map(\.bitPattern))
        }
        // Fair: after any slice no model is ahead of another by more than a round.
        XCTAssertEqual(whole.runs.map(\.stepsTaken), [20, 20, 20])
        XCTAssertEqual(Set(ticked.data.runs.map(\.stepsTaken)).count, 1)
        // The three models see the same batches: the same data stream, different cells.
        XCTAssertEqual(Set(whole.runs.map { $0.configuration.seed }).count, 1)
        XCTAssertEqual(whole.runs.map { $0.configuration.cell }, [.rnn, .lstm, .gru])
        XCTAssertNotEqual(whole.runs[0].history.loss, whole.runs[1].history.loss)
    }

    /// Timing happens in the slices (the effect), never in `compute`: the data of a freshly
    /// opened step is a pure function of the block and the knobs.
    func testTimesAreMeasuredInSlicesOnly() throws {
        let a = Self.panel(0), b = Self.panel(0)
        XCTAssertEqual(a.data, b.data)
        XCTAssertEqual(a.data.timedSteps, [0, 0, 0])
        XCTAssertNil(a.data.secondsPerStep(1))
        var p = a
        Self.send(.toggleRunning, to: &p)
        Self.send(.tick, to: &p)
        XCTAssertEqual(p.data.timedSteps, [3, 3, 3], "pace 3: three rounds")
        for i in 0..<3 { XCTAssertGreaterThan(try XCTUnwrap(p.data.secondsPerStep(i)), 0) }
        XCTAssertEqual(p.data.runs.map(\.stepsTaken), [15, 15, 15])
    }

    /// Space pauses, `n` takes one round while paused, the timer only runs while racing, the
    /// race stops at its budget, and a knob turn starts a new race.
    func testKeysTimerAndKnobs() throws {
        var p = Self.panel(0)
        XCTAssertNil(RaceView.tickInterval(p))
        Self.send(.forward, to: &p)
        XCTAssertEqual(p.data.runs.map(\.stepsTaken), [13, 13, 13], "n: one step of each")
        Self.send(.toggleRunning, to: &p)
        XCTAssertEqual(RaceView.tickInterval(p), RaceView.tickEvery)
        while p.timeline.running { Self.send(.tick, to: &p) }
        XCTAssertTrue(p.data.isFinished)
        XCTAssertEqual(p.data.runs.map(\.stepsTaken), [40, 40, 40])
        XCTAssertNil(RaceView.tickInterval(p))
        p.turn("delay", .up)
        XCTAssertEqual(p.values["delay"], 10)
        XCTAssertEqual(p.data.runs.map(\.stepsTaken), [12, 12, 12], "a new race from `start`")
        XCTAssertEqual((p.data.runs[0].trainer.task as? CopyTask)?.delay, 10)
        p.turn("delay", .down)
        p.turn("delay", .down)
        XCTAssertEqual(p.values["delay"], 5, "5 is the shortest delay")
        XCTAssertEqual(p.note, "delay stops at 5")
    }

    // MARK: Drawing

    /// Accuracy against chance on every row of a wide panel (and once, in the readout line,
    /// on a narrow one); the adding task has no guessing line.
    func testAccuracyAgainstChanceIsShown() throws {
        var wide = Buffer(size: Size(width: 120, height: 20))
        RaceView.render(Self.panel(0), in: wide.area, into: &wide, theme: LabTheme(.full))
        let text = wide.text()
        XCTAssertEqual(text.components(separatedBy: "(chance 25 %)").count - 1, 3, text)
        XCTAssertTrue(text.contains("guessing: 25 % right, loss 1.39 (dashed)"))
        for name in ["vanilla RNN", "LSTM", "GRU"] { XCTAssertTrue(text.contains(name)) }
        let race = Self.panel(0).data
        for i in 0..<3 {
            let acc = try XCTUnwrap(race.recentAccuracy(i))
            XCTAssertTrue(text.contains("accuracy " + String(repeating: " ", count: max(0, 5 - "\(Int((acc * 100).rounded())) %".count)) + "\(Int((acc * 100).rounded())) %"))
        }
        var narrow = Buffer(size: Size(width: 76, height: 12))
        RaceView.render(Self.panel(0), in: narrow.area, into: &narrow, theme: LabTheme(.full))
        XCTAssertTrue(narrow.text().contains("guessing: 25 % right"))
        XCTAssertEqual(narrow.text().components(separatedBy: "acc ").count - 1, 3)
        var adding = Buffer(size: Size(width: 120, height: 20))
        RaceView.render(Self.panel(1), in: adding.area, into: &adding, theme: LabTheme(.full))
        XCTAssertFalse(adding.text().contains("guessing"))
        XCTAssertTrue(adding.text().contains("space: race"))
    }

    /// One golden frame (8 colours, Unicode, 100x30) and the shape at every size and level.
    func testGoldenAndShapes() throws {
        let p = try XCTUnwrap(LabProgram(lessons: [Self.lesson], size: Size(width: 100, height: 30), lessonID: "race", stepIndex: 0))
        assertSnapshot(LabFixtures.frame(p, Capabilities(colors: .eight, glyphs: .unicode)).styledText(), named: "race-copy-100x30-8-unicode")
        for size in LabFixtures.sizes + [Size(width: 120, height: 40)] {
            for (_, caps) in LabFixtures.levels {
                var q = p
                _ = q.update(.resize(size))
                let frame = LabFixtures.frame(q, caps)
                LabScreenSnapshotTests.checkShape(frame, caps)
                XCTAssertTrue(frame.text().contains("step 12 / 40"), "\(size) \(caps)")
            }
        }
    }

    /// The export holds the three loss curves (and accuracies) of the panel.
    func testExportHoldsTheThreeCurves() throws {
        let panel = Self.panel(0)
        let export = try XCTUnwrap(RaceView.export(panel))
        guard case .npz(let trace)? = export.files.first(where: { $0.name == "trace.npz" })?.contents else {
            return XCTFail("trace.npz")
        }
        XCTAssertEqual(Set(trace.keys), ["rnn_loss", "lstm_loss", "gru_loss", "rnn_accuracy", "lstm_accuracy", "gru_accuracy"])
        for (i, cell) in ["rnn", "lstm", "gru"].enumerated() {
            XCTAssertEqual(trace["\(cell)_loss"]?.shape, [1, 12])
            XCTAssertEqual(trace["\(cell)_loss"]?.data.map(\.bitPattern), panel.data.runs[i].history.loss.map(\.bitPattern))
        }
        XCTAssertEqual(export.facts["delay"] as? Int, 5)
        XCTAssertEqual(export.facts["steps_taken"] as? [Int], [12, 12, 12])
    }
}
