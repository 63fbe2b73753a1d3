import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// The `train` view: block parsing, slicing that never changes the curve, divergence and
/// clipping, the clip knob, what the charts may draw, the timer, and one golden frame.
///
/// Runs are small (H 8, batch 4, 100 steps of the sine task) so that a debug build trains
/// them in a fraction of a second. They check the view's mechanics, not a lesson: at learning rate 1
/// this run explodes without clipping whatever σ_max is (even 0.5). A lesson should use the
/// task's defaults (lr 0.3, H 16, batch 16), where σ_max ≤ 1.5 trains and 2.5 diverges; see
/// `testLessonClaimsAtTheTaskDefaults`.

/// TUI has a `Panel` widget too.
typealias TrainPanel = Lab.Panel<TrainView>

final class TrainViewTests: XCTestCase, LivePanelTests {
    typealias View = TrainView

    /// σ_max 2.5, plain SGD at learning rate 1: without clipping the weights blow up and the
    /// loss overflows at step 89; with `clip: 1` the same run trains. (A fast mechanics check:
    /// at this learning rate σ_max is not what makes it explode.)
    static let source = """
        ---
        id: train
        title: Training
        summary: A run that explodes, and the same run clipped.
        ---
        ## Exploding {#explode}
        Watch the loss.
        ```lab
        view: train
        task: sine
        cell: rnn
        hidden: 8
        batch: 4
        lr: 1
        steps: 100
        pace: 10
        sigma: 2.5
        clip: off
        knobs: [clip, sigma, seed]
        ```
        ## Clipped {#clipped}
        The same run, clipped.
        ```lab
        view: train
        hidden: 8
        batch: 4
        lr: 1
        steps: 100
        sigma: 2.5
        clip: 1
        knobs: [clip]
        ```
        """

    static let lesson: Lesson = try! LessonParser.parse(source, file: "train.md")

    /// Step 1 trained to its end by space and ticks, once for every test that needs it
    /// (a debug build takes about a second).
    static let exploded: TrainPanel = {
        var p = panel(0)
        trainToEnd(&p)
        return p
    }()

    /// Step 2 (clip 1) trained to its end.
    static let clipped: TrainPanel = {
        var p = panel(1)
        trainToEnd(&p)
        return p
    }()

    /// The bits of every number of the curve (NaN compares equal to itself this way).
    static func bits(_ run: TrainRun) -> [UInt64] {
        run.history.records.flatMap { [$0.loss.bitPattern, $0.gradNormBefore.bitPattern, $0.gradNormAfter.bitPattern] }
    }

    // MARK: Parsing

    func testBlockDefaultsComeFromTheTask() throws {
        let spec = try XCTUnwrap(Self.lesson.steps[1].lab?.as(TrainView.Spec.self))
        XCTAssertEqual(spec.task, .sine)
        XCTAssertEqual(spec.cell, .rnn)
        XCTAssertEqual(spec.optimizer, .sgd, "sine trains with SGD, as `rnnlab train` does")
        XCTAssertEqual(spec.settings["clip"], 1)
        let copy = TrainView.Spec(task: .copy)
        XCTAssertEqual(copy.settings["clip"], 1, "the copy task clips at 1 unless the block says off")
        XCTAssertEqual(copy.optimizer, .adam)
        XCTAssertEqual(TrainView.Spec(task: .sine).settings["clip"], 0)
        XCTAssertEqual(TrainView.Spec(task: .copy, clip: .some(nil)).settings["clip"], 0)
    }

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
            view: train
            task: juggle
            hidden: 0
            clip: maybe
            delay: 5
            lr: -1
            optimizer: rmsprop
            knobs: [scale, sigma]
            frames: 3
            ```
            """
        LabFixtures.assertErrors(text, file: "bad.md", startWith: [
            "bad.md:10: unknown task 'juggle'",
            "bad.md:11: 'hidden' is 0",
            "bad.md:12: 'clip' must be a number, not 'maybe' (or 'off')",
            "bad.md:13: 'delay' belongs to 'task: copy'",
            "bad.md:14: 'lr' is -1",
            "bad.md:15: unknown optimizer 'rmsprop'",
            "bad.md:16: unknown knob for the train view 'scale' (known: clip, sigma, seed)",
            "bad.md:16: the 'sigma' knob needs a starting value",
            "bad.md:17: unknown key 'frames'",
        ])
        let late = text.replacingOccurrences(of: "frames: 3", with: "steps: 10\nstart: 11")
        XCTAssertThrowsError(try LessonParser.parse(late, file: "bad.md")) { error in
            let lines = (error as? LessonErrors)?.errors.map(\.description) ?? []
            XCTAssertFalse(lines.contains { $0.contains("'start' is 11") }, "reported after the other errors are fixed")
        }
        LabFixtures.assertStartPastTheBudgetIsRefused(view: "train")
        XCTAssertThrowsError(try LessonParser.parse(text.replacingOccurrences(of: "clip: maybe", with: "clip: 20"), file: "bad.md")) { error in
            let lines = (error as? LessonErrors)?.errors.map(\.description) ?? []
            XCTAssertTrue(lines.contains { $0.hasPrefix("bad.md:12: 'clip' is 20; it must be above 0 and at most 10 (or 'off')") }, "\(lines)")
        }
    }

    func testClipIsNotACellViewKnob() {
        let text = """
            ---
            id: s
            title: S
            summary: A states step cannot clip.
            ---
            ## One
            Text.
            ```lab
            view: states
            knobs: [seed, clip]
            ```
            """
        XCTAssertThrowsError(try LessonParser.parse(text, file: "s.md")) { error in
            XCTAssertEqual((error as? LessonErrors)?.errors.map(\.description),
                           ["s.md:10: unknown knob 'clip' (known: \(CellSpec.knobNames.joined(separator: ", ")))"])
        }
    }

    // MARK: Training

    func testTheCurveDoesNotDependOnTheSlicing() {
        // 30 steps of step 1's run, sliced four ways.
        var spec = Self.lesson.steps[0].lab!.as(TrainView.Spec.self)!
        spec.steps = 30
        let start = TrainView.compute(spec, knobs: spec.settings)
        var one = start, seven = start, all = start
        while !one.isFinished { one.advance(maxSteps: 1) }
        while !seven.isFinished { seven.advance(maxSteps: 7) }
        all.advance(maxSteps: .max)
        // A tiny time budget: the slices stop wherever the clock says, after at least one step.
        var timed = start
        var slices = 0
        while !timed.isFinished {
            timed.advance(maxSteps: 1000, budget: .microseconds(1))
            slices += 1
        }
        XCTAssertEqual(slices, 30, "a budget too small for one step still takes one step per slice")
        XCTAssertEqual(one.stepsTaken, 30)
        for other in [seven, all, timed] {
            XCTAssertEqual(Self.bits(other), Self.bits(one))
        }
        // The view's own ticks (slices cut by the clock) take the same first 30 steps.
        XCTAssertEqual(Array(Self.bits(Self.exploded.data).prefix(90)), Self.bits(one))
    }

    func testSigma25DivergesWithoutClippingAndTrainsWithClip1() throws {
        let exploding = Self.exploded
        let d = try XCTUnwrap(exploding.data.divergence)
        XCTAssertEqual(d.step, 89)
        XCTAssertFalse(exploding.timeline.running, "a diverged run stops")
        XCTAssertNil(TrainView.tickInterval(exploding), "and asks for no more ticks")
        let finite = exploding.data.history.loss.filter(\.isFinite)
        XCTAssertGreaterThan(finite.max() ?? 0, 1e100, "the loss climbs a hundred decades before it overflows")
        let frame = render(exploding, caps: .full)
        XCTAssertTrue(frame.contains("DIVERGED at step 89"), frame)
        XCTAssertTrue(frame.contains("step 89 / 100"), frame)

        let clipped = Self.clipped
        XCTAssertNil(clipped.data.divergence)
        XCTAssertEqual(clipped.data.stepsTaken, 100, "stops at the step budget")
        XCTAssertFalse(clipped.timeline.running)
        let loss = clipped.data.history.loss
        let first = loss[0], lastTen = loss.suffix(10).reduce(0, +) / 10
        XCTAssertEqual(first, 1.448, accuracy: 0.001)
        XCTAssertLessThan(lastTen, 0.5, "the clipped run's loss falls to a third of where it started")
        XCTAssertTrue(clipped.data.history.gradNormAfter.allSatisfy { $0 <= 1 + 1e-12 })
        // The numbers `rnnlab train --task sine --cell rnn --sigma-max 2.5 --hidden 8 --batch 4
        // --lr 1 --steps 100 --clip 1` prints: the same trainer, the same run.
        let before = clipped.data.history.gradNormBefore
        XCTAssertEqual(before.max() ?? 0, 74.58, accuracy: 0.01, "the raw gradient still spikes; clipping cuts it")
        XCTAssertEqual(before.filter { $0 > 1 }.count, 83, "clipping acts on 83 of the 100 steps")
        XCTAssertEqual(loss.last ?? 0, 0.5048, accuracy: 1e-4)
        XCTAssertEqual(clipped.data.history.bestLoss ?? 0, 0.1313, accuracy: 1e-4)
        XCTAssertEqual(exploding.data.history.loss[0], first, "both runs start from the same weights and batch")
        let clippedFrame = render(clipped, caps: .full)
        XCTAssertFalse(clippedFrame.contains("DIVERGED"), clippedFrame)
        XCTAssertTrue(clippedFrame.contains("step 100 / 100"), clippedFrame)
    }

    func testChartsNeverDrawNonFiniteValues() {
        let panel = Self.exploded
        let records = panel.data.history.records
        XCTAssertTrue(records.contains { !$0.loss.isFinite || !$0.gradNormBefore.isFinite }, "the last step is not finite")
        for chart in [TrainView.lossChart(panel.data), TrainView.gradientChart(panel.data)] {
            for s in chart.series {
                XCTAssertFalse(s.values.contains { $0.isInfinite }, "\(s.name): ±inf would draw a mark on the edge")
            }
            XCTAssertTrue(chart.yAxis.lower.isFinite && chart.yAxis.upper.isFinite)
        }
        // The chart keeps what it had: every finite point of the run is still drawn.
        XCTAssertEqual(TrainView.lossChart(panel.data).series[0].values.filter(\.isFinite).count,
                       records.filter { $0.loss.isFinite }.count)
        for (_, caps) in LabFixtures.levels {
            let text = render(panel, caps: caps)
            XCTAssertFalse(text.contains("nan"), text)
            let chartRows = text.split(separator: "\n").dropFirst(2)
            XCTAssertFalse(chartRows.contains { $0.contains("inf") }, text)
        }
    }

    /// The claims lesson 2 can make with the task's defaults (`view: train`, `task: sine`,
    /// `sigma: 2.5`, `knobs: [clip, sigma]`): the numbers `rnnlab train --task sine --cell rnn
    /// --sigma-max S [--clip 1]` prints. About 3 s in a debug build (RNNCore is optimised
    /// there too): 1,069 optimizer steps of H 16, batch 16.
    func testLessonClaimsAtTheTaskDefaults() throws {
        let spec = TrainView.Spec(task: .sine, sigma: 2.5, knobs: ["clip", "sigma"])
        XCTAssertEqual(spec.steps, 300)
        func run(sigma: Double, clip: Double) -> TrainRun {
            var values = spec.settings
            values["sigma"] = sigma
            values["clip"] = clip
            var r = TrainView.compute(spec, knobs: values)
            r.advance(maxSteps: .max)
            return r
        }
        // σ_max 2.5, no clipping: the loss climbs through hundreds of decades, then DIVERGED.
        let wild = run(sigma: 2.5, clip: 0)
        XCTAssertEqual(wild.divergence?.step, 169)
        XCTAssertEqual(wild.history.loss[0], 1.425, accuracy: 1e-3)
        XCTAssertGreaterThan(wild.history.loss.filter(\.isFinite).max() ?? 0, 1e300)
        // The same run clipped at 1: all 300 steps, the loss falls.
        let tame = run(sigma: 2.5, clip: 1)
        XCTAssertNil(tame.divergence)
        XCTAssertEqual(tame.stepsTaken, 300)
        XCTAssertEqual(tame.history.loss.last ?? 0, 0.3307, accuracy: 1e-4)
        XCTAssertEqual(tame.history.bestLoss ?? 0, 0.07388, accuracy: 1e-5)
        XCTAssertEqual(tame.trainer.evaluate().loss, 0.1059, accuracy: 1e-4)
        XCTAssertEqual(tame.history.gradNormBefore.filter { $0 > 1 }.count, 298, "clipping acts on 298 of the 300 steps")
        XCTAssertEqual(tame.history.gradNormBefore.max() ?? 0, 186.5, accuracy: 0.1, "the raw gradient reaches 186")
        // σ_max 1.0 without clipping trains; so does 1.5; 2.0 explodes without a DIVERGED mark.
        let calm = run(sigma: 1.0, clip: 0)
        XCTAssertNil(calm.divergence)
        XCTAssertEqual(calm.trainer.evaluate().loss, 0.006721, accuracy: 1e-5)
        let edge = run(sigma: 2.0, clip: 0)
        XCTAssertNil(edge.divergence)
        XCTAssertGreaterThan(edge.history.loss.last ?? 0, 1e250)
    }

    // MARK: Knobs and keys

    func testClipKnobMovesTheThresholdLineAndRestartsTheRun() throws {
        // Three steps by hand (n), so the frames do not depend on the clock.
        var panel = Self.panel(1)
        for _ in 0..<3 { Self.send(.forward, to: &panel) }
        XCTAssertEqual(panel.data.stepsTaken, 3)
        XCTAssertEqual(TrainView.gradientChart(panel.data).references, [1])
        let before = render(panel, caps: .plainASCII)

        Self.send(.turn("clip", .up), to: &panel)
        XCTAssertEqual(panel.values["clip"], 1.5)
        XCTAssertEqual(panel.data.stepsTaken, 0, "a new threshold is a new run from step 0")
        XCTAssertEqual(panel.data.configuration.clipNorm, 1.5)
        XCTAssertEqual(TrainView.gradientChart(panel.data).references, [1.5])
        XCTAssertTrue(render(panel, caps: .plainASCII).contains("clip 1.5"))
        // Up to the end of the range, a decade above 1: the line is drawn higher.
        for _ in 0..<18 { Self.send(.turn("clip", .up), to: &panel) }
        XCTAssertEqual(panel.values["clip"], 10)
        XCTAssertEqual(panel.note, "clip stops at 10.0")
        for _ in 0..<3 { Self.send(.forward, to: &panel) }
        let after = render(panel, caps: .plainASCII)
        XCTAssertEqual(TrainView.gradientChart(panel.data).references, [10])
        // The axes refit to the data, so compare the line with the gradient chart's tick at 1:
        // clip 1 runs from that tick, clip 10 above it.
        let lines = (before.components(separatedBy: "\n"), after.components(separatedBy: "\n"))
        let (rowBefore, rowAfter) = (try XCTUnwrap(Self.referenceRow(before)), try XCTUnwrap(Self.referenceRow(after)))
        XCTAssertTrue(lines.0[rowBefore].trimmingCharacters(in: .whitespaces).hasPrefix("1+"), before)
        let oneAfter = try XCTUnwrap(lines.1.lastIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("1+") })
        XCTAssertLessThan(rowAfter, oneAfter, after)

        // Down to 0: off, shown as such, and no line.
        for _ in 0..<21 { Self.send(.turn("clip", .down), to: &panel) }
        XCTAssertEqual(panel.values["clip"], 0)
        XCTAssertEqual(panel.note, "clip stops at off")
        XCTAssertNil(panel.data.configuration.clipNorm)
        XCTAssertEqual(TrainView.gradientChart(panel.data).references, [])
        XCTAssertEqual(TrainView.gradientChart(panel.data).series.count, 1, "no 'after' line when nothing is clipped")
        let off = render(panel, caps: .plainASCII)
        XCTAssertTrue(off.contains("clip off"), off)
        XCTAssertNil(Self.referenceRow(off))

        // Turning a knob while training restarts the run and keeps training.
        Self.send(.toggleRunning, to: &panel)
        Self.send(.tick, to: &panel)
        XCTAssertTrue((1...5).contains(panel.data.stepsTaken), "pace 5 (the default): at most five steps per tick")
        Self.send(.turn("clip", .up), to: &panel)
        XCTAssertEqual(panel.data.stepsTaken, 0)
        XCTAssertTrue(panel.timeline.running)
        XCTAssertNotNil(TrainView.tickInterval(panel))
        XCTAssertEqual(Knobs.named("clip")?.parse("off"), 0)
    }

    func testStartOpensOnACurveAndKnobsKeepIt() {
        var spec = Self.lesson.steps[1].lab!.as(TrainView.Spec.self)!
        spec.start = 12
        var panel = TrainPanel(spec: spec)
        XCTAssertEqual(panel.data.stepsTaken, 12, "the step opens 12 steps into the run")
        XCTAssertEqual(panel.timeline.position, 12)
        XCTAssertEqual(Array(Self.bits(Self.clipped.data).prefix(36)), Self.bits(panel.data), "the same steps as training live")
        Self.send(.turn("clip", .up), to: &panel)
        XCTAssertEqual(panel.data.stepsTaken, 12, "a knob turn trains the new run to the same start")
        XCTAssertEqual(panel.data.configuration.clipNorm, 1.5)
    }

    func testExportHoldsTheCurvesAndTheCommandThatPrintsThem() throws {
        var spec = Self.lesson.steps[0].lab!.as(TrainView.Spec.self)!
        spec.start = 95  // past the divergence at step 89: the export keeps inf and nan
        let panel = TrainPanel(spec: spec)
        let export = try XCTUnwrap(TrainView.export(panel))
        guard case .npz(let trace)? = export.files.first(where: { $0.name == "trace.npz" })?.contents,
              case .npz(let weights)? = export.files.first(where: { $0.name == "weights.npz" })?.contents else {
            return XCTFail("trace.npz and weights.npz")
        }
        XCTAssertEqual(trace["loss"]?.shape, [1, 89])
        XCTAssertEqual(trace["loss"]?.data.map(\.bitPattern), Self.exploded.data.history.loss.map(\.bitPattern))
        XCTAssertEqual(trace["grad_norm_clipped"]?.data.map(\.bitPattern), Self.exploded.data.history.gradNormAfter.map(\.bitPattern))
        XCTAssertEqual(Set(weights.keys), ["kernel", "recurrent_kernel", "bias", "dense_kernel", "dense_bias"])
        XCTAssertEqual(weights["dense_kernel"]?.shape, [8, 1])
        XCTAssertEqual(export.facts["diverged_at_step"] as? Int, 89)
        XCTAssertEqual(export.facts["rnnlab_train"] as? String,
                       "rnnlab train --task sine --cell rnn --hidden 8 --steps 100 --batch 4 --lr 1.0 --optimizer sgd --clip 0.0 --seed 1 --sigma-max 2.5")
    }

    func testTimerOnlyWhileTraining() {
        var panel = Self.panel(1)
        XCTAssertNil(TrainView.tickInterval(panel), "an idle panel asks for no ticks")
        Self.send(.toggleRunning, to: &panel)
        XCTAssertEqual(TrainView.tickInterval(panel), TrainView.tickEvery)
        Self.send(.tick, to: &panel)
        Self.send(.toggleRunning, to: &panel)
        XCTAssertNil(TrainView.tickInterval(panel), "paused")
        let steps = panel.data.stepsTaken
        Self.send(.tick, to: &panel)
        XCTAssertEqual(panel.data.stepsTaken, steps, "a stray tick while paused trains nothing")
        Self.send(.forward, to: &panel)
        XCTAssertEqual(panel.data.stepsTaken, steps + 1, "n: one optimizer step")
        Self.send(.back, to: &panel)
        XCTAssertEqual(panel.data.stepsTaken, steps + 1)
    }

    func testKeysAreAnsweredBetweenSlicesInTheProgram() throws {
        var p = try XCTUnwrap(LabProgram(lessons: [Self.lesson], size: Size(width: 120, height: 40), lessonID: "train", stepIndex: 1))
        XCTAssertNil(p.tickInterval)
        _ = p.update(.key(.character(" ")))
        XCTAssertNotNil(p.tickInterval)
        XCTAssertTrue(LabFixtures.frame(p).text().contains("pause"), "the status line offers to pause")
        // A tick asks for a slice; the loop runs it and hands the result back.
        let command = p.update(.tick)
        guard case .perform(let effect) = command else { return XCTFail("a tick while training is a slice") }
        XCTAssertEqual(effect.name, "train slice")
        _ = Runtime.perform(command, on: &p)
        let taken = try XCTUnwrap(p.session?.experiment?.panel(TrainView.self)?.data.stepsTaken)
        XCTAssertTrue((1...5).contains(taken))
        XCTAssertTrue(LabFixtures.frame(p).text().contains("step \(taken) / 100"))
        // A key between slices: answered at once (here: help, then any key closes it).
        _ = p.update(.key(.character("?")))
        XCTAssertTrue(p.helpVisible)
        _ = p.update(.key(.character(" ")))
        _ = p.update(.key(.character(" ")))
        XCTAssertNil(p.tickInterval, "space paused training")
    }

    // MARK: Frames

    func testGoldenAndShapes() throws {
        let panel = Self.exploded
        // The golden: 100x30, 8 colours; every level and size keeps its shape.
        var p = try XCTUnwrap(LabProgram(lessons: [Self.lesson], size: Size(width: 100, height: 30), lessonID: "train", stepIndex: 0))
        p.updateExperiment { e in
            _ = e.update(.toggleRunning)
            while e.running {
                var command = e.update(.tick)
                while case .perform(let effect) = command, case .lesson(.panel(let m)) = effect.run() { command = e.update(m) }
            }
        }
        XCTAssertEqual(p.session?.experiment?.panel(TrainView.self)?.data, panel.data)
        assertSnapshot(LabFixtures.frame(p, Capabilities(colors: .eight, glyphs: .unicode)).styledText(), named: "train-diverged-100x30-8-unicode")
        for size in LabFixtures.sizes + [Size(width: 120, height: 40)] {
            for (_, caps) in LabFixtures.levels {
                var q = p
                _ = q.update(.resize(size))
                let frame = LabFixtures.frame(q, caps)
                LabScreenSnapshotTests.checkShape(frame, caps)
                XCTAssertTrue(frame.text().contains("DIVERGED"), "\(size) \(caps)")
            }
        }
        // Before the first step: what to press.
        let fresh = try XCTUnwrap(LabProgram(lessons: [Self.lesson], size: Size(width: 80, height: 24), lessonID: "train", stepIndex: 1))
        XCTAssertTrue(LabFixtures.frame(fresh).text().contains("space: train"))
    }

    // MARK: Helpers

    /// The panel drawn alone at 100x20.
    func render(_ panel: TrainPanel, caps: Capabilities) -> String {
        var buffer = Buffer(size: Size(width: 100, height: 20))
        TrainView.render(panel, in: buffer.area, into: &buffer, theme: LabTheme(caps))
        if !caps.unicode { ASCIIGuardCheck.assertASCII(buffer) }
        return buffer.text()
    }

    /// The row of the gradient chart holding the dotted threshold line (ASCII frames): a run
    /// of dashes as wide as the plot, which the x axis (ticks every few columns) never has.
    static func referenceRow(_ text: String) -> Int? {
        let dotted = Glyphs.forSet(.ascii).dottedHorizontal
        return text.components(separatedBy: "\n").firstIndex { $0.contains(String(repeating: dotted, count: 40)) }
    }
}

/// ASCII frames hold nothing above 0x7F.
enum ASCIIGuardCheck {
    static func assertASCII(_ buffer: Buffer, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(buffer.text().unicodeScalars.allSatisfy(\.isASCII), buffer.text(), file: file, line: line)
    }
}
