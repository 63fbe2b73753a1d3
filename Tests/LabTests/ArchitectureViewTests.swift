import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// The `architecture` view on a fixture lesson (small models, a few dozen steps): block
/// parsing, training in slices while keys are answered, the temperature that resamples
/// without restarting, the graph's losses where the shape puts them, one golden frame and
/// the shape of every frame at every size and capability level.
final class ArchitectureViewTests: XCTestCase, LivePanelTests {
    typealias View = ArchitectureView
    typealias ArchPanel = Lab.Panel<ArchitectureView>

    static let source = """
        ---
        id: shapes
        title: Shapes
        summary: Four small shapes.
        ---
        ## Many to many {#m2m}
        A loss at every step.
        ```lab
        view: architecture
        shape: many-to-many
        hidden: 6
        length: 6
        steps: 40
        batch: 4
        pace: 4
        ```
        ## Many to one {#m2o}
        One loss.
        ```lab
        view: architecture
        shape: many-to-one
        hidden: 6
        length: 30
        steps: 40
        batch: 4
        start: 5
        ```
        ## One to many {#o2m}
        Text.
        ```lab
        view: architecture
        shape: one-to-many
        hidden: 8
        length: 8
        steps: 40
        batch: 4
        temperature: 0.5
        knobs: [temperature, seed]
        ```
        ## Encoder-decoder {#ed}
        Reverse.
        ```lab
        view: architecture
        shape: encoder-decoder
        hidden: 4
        length: 3
        steps: 30
        batch: 4
        ```
        """

    static let lesson: Lesson = try! LessonParser.parse(source, file: "shapes.md")

    // MARK: Parsing

    func testBlocksAndDefaults() throws {
        let spec = try XCTUnwrap(Self.lesson.steps[0].lab?.as(ArchitectureView.Spec.self))
        XCTAssertEqual(spec.shape, .manyToMany)
        XCTAssertEqual(spec.task, .sine, "many-to-many trains the sine task unless told")
        XCTAssertEqual(spec.learningRate, 0.3, "the sine task's SGD rate")
        XCTAssertEqual(try XCTUnwrap(Self.lesson.steps[2].lab?.as(ArchitectureView.Spec.self)).task, .chars)
        XCTAssertEqual(try XCTUnwrap(Self.lesson.steps[3].lab?.as(ArchitectureView.Spec.self)).task, .reverse)
        let full = ArchitectureView.Spec(shape: .encoderDecoder)
        XCTAssertEqual([full.hidden, full.length, full.steps, full.batch], [8, 5, 600, 32])
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
            view: architecture
            shape: many-to-one
            task: reverse
            temperature: 0.5
            knobs: [temperature, sigma]
            length: 1
            ```
            ## Two
            Text.
            ```lab
            view: architecture
            shape: sideways
            ```
            ## Three
            Text.
            ```lab
            view: architecture
            task: sine
            ```
            """
        let lines = LabFixtures.assertErrors(text, file: "bad.md", startWith: [
            "bad.md:11: task 'reverse' is not many-to-one (it trains as encoder-decoder)",
            "bad.md:12: 'temperature' belongs to 'shape: one-to-many' (this block is many-to-one)",
            "bad.md:13: unknown knob for the architecture view 'sigma'",
            "bad.md:14: 'length' is 1",
            "bad.md:20: unknown shape 'sideways'",
            "bad.md:24: ",
        ])
        XCTAssertTrue(lines.contains { $0.hasPrefix("bad.md:24:") && $0.contains("shape") }, "\(lines)")
    }

    // MARK: Training and knobs

    /// The panel opens on the untrained model's losses, trains in slices by ticks, and its
    /// curve does not depend on the slicing.
    func testOpensComputedAndTrainsInSlices() {
        var p = Self.panel(0)
        XCTAssertEqual(p.data.stepsTaken, 0)
        XCTAssertEqual(p.data.probe.stepLosses.count, 6)
        XCTAssertTrue(p.data.probe.stepLosses.allSatisfy { ($0 ?? 0) > 0 }, "a loss at every step, computed at once")
        let untrained = p.data.probe.total
        Self.send(.toggleRunning, to: &p)
        Self.send(.tick, to: &p)
        XCTAssertTrue(p.timeline.running)
        XCTAssertGreaterThan(p.data.stepsTaken, 0)
        XCTAssertLessThanOrEqual(p.data.stepsTaken, 4, "at most `pace` steps a slice")
        Self.trainToEnd(&p)
        XCTAssertEqual(p.data.stepsTaken, 40)
        XCTAssertFalse(p.timeline.running, "stops at the end of the budget")
        XCTAssertLessThan(p.data.probe.total, untrained, "the probe is measured on the trained weights")
        var once = Self.panel(0).data
        once.advance(maxSteps: 40)
        XCTAssertEqual(once.history.loss, p.data.history.loss, "slices never change the curve")
        XCTAssertEqual(once.probe, p.data.probe)
        // `n` while paused: one step.
        var q = Self.panel(0)
        Self.send(.forward, to: &q)
        XCTAssertEqual(q.data.stepsTaken, 1)
    }

    /// Many-to-one: one loss, at t = T; the start steps are trained before the panel opens.
    func testManyToOneHasOneLossAtTheEnd() {
        let p = Self.panel(1)
        XCTAssertEqual(p.data.stepsTaken, 5)
        XCTAssertEqual(p.data.probe.scoredSteps, [30])
        XCTAssertEqual(p.data.probe.probabilities.count, 3)
        XCTAssertEqual(p.data.probe.probabilities.reduce(0, +), 1, accuracy: 1e-12)
    }

    /// The temperature resamples the model trained so far: steps and curve stay; the seed
    /// starts a new run; `r` puts τ back without restarting.
    func testTemperatureNeverRestartsTraining() {
        var p = Self.panel(2)
        Self.send(.toggleRunning, to: &p)
        for _ in 0..<3 { Self.send(.tick, to: &p) }
        let steps = p.data.stepsTaken
        XCTAssertGreaterThan(steps, 0)
        let sample = p.data.probe.sample
        Self.send(.turn("temperature", .up), to: &p)
        XCTAssertEqual(p.values["temperature"], 0.6)
        XCTAssertEqual(p.data.stepsTaken, steps, "turning τ keeps the training")
        XCTAssertEqual(p.data.temperature, 0.6)
        XCTAssertNotEqual(p.data.probe.sample, sample, "the text is drawn again")
        XCTAssertTrue(p.timeline.running, "training goes on")
        Self.send(.tick, to: &p)
        XCTAssertGreaterThan(p.data.stepsTaken, steps)
        XCTAssertEqual(p.data.temperature, 0.6, "a slice's result is sampled at the panel's τ")
        let trained = p.data.stepsTaken
        Self.send(.resetKnobs, to: &p)
        XCTAssertEqual(p.values["temperature"], 0.5)
        XCTAssertEqual(p.data.stepsTaken, trained, "r puts τ back without restarting")
        Self.send(.turn("seed", .up), to: &p)
        XCTAssertEqual(p.data.stepsTaken, 0, "a new seed is a new run")
        // Each output loops round to the next input (crossing the h arrow).
        var b = Buffer(size: Size(width: 100, height: 14))
        ArchitectureView.render(p, in: b.area, into: &b, theme: LabTheme(.full))
        XCTAssertEqual(b.text().components(separatedBy: "└──→").count - 1, 7, b.text())
        XCTAssertEqual(b.text().components(separatedBy: "┼→[ f ]").count - 1, 7)
        // The same weights at the same τ draw the same text.
        XCTAssertEqual(p.data.resampled(temperature: 1.5).resampled(temperature: 0.5).probe.sample, p.data.probe.sample)
    }

    /// A block that opens trained (`start`) computes its run once per seed: turning τ there
    /// resamples, it does not train the start steps again, and the numbers are the same.
    func testATemperatureTurnDoesNotTrainTheOpeningStepsAgain() throws {
        let spec = ArchitectureView.Spec(shape: .oneToMany, hidden: 8, length: 6, steps: 200, batch: 4, start: 200,
                                         seed: 3, temperature: 1, knobs: ["temperature"])
        let clock = ContinuousClock()
        var start = clock.now
        var panel = Panel<ArchitectureView>(spec: spec)
        let first = panel.data
        let trainedOnce = clock.now - start
        start = clock.now
        panel.setKnob("temperature", to: 0.5)
        let again = panel.data
        // Sampling again costs one probe; training 200 steps costs far more.
        XCTAssertLessThan(clock.now - start, trainedOnce / 4, "no training the second time")
        XCTAssertEqual(again.stepsTaken, 200)
        XCTAssertEqual(again.history.loss, first.history.loss)
        var fresh = ArchitectureRun(shape: .oneToMany, task: first.task, configuration: first.configuration, temperature: 0.5)
        fresh.advance(maxSteps: 200)
        XCTAssertEqual(again.probe, fresh.probe, "the resampled run is the run")
    }

    /// At 80x24 the panel is 76x12: the header keeps the optimizer and learning rate (a
    /// shorter form), the graph's rows are labelled, and the one-row loss line gets a step
    /// axis from 1 to the steps taken, so a claim about the first steps can be checked.
    func testNarrowPanelKeepsHeaderLabelsAndStepAxis() {
        var p = Self.panel(0)
        Self.trainToEnd(&p)
        var b = Buffer(size: Size(width: 76, height: 12))
        ArchitectureView.render(p, in: b.area, into: &b, theme: LabTheme(.full))
        let rows = b.text().components(separatedBy: "\n")
        XCTAssertTrue(rows[0].contains("sgd lr 0.3"), rows[0])
        XCTAssertFalse(rows[0].contains("…"), rows[0])
        XCTAssertFalse(rows[1].contains("…"), rows[1])
        for label in ["Lₜ", "ŷₜ", "xₜ"] {
            XCTAssertTrue(rows.contains { $0.hasPrefix(label + " ") }, "row label \(label):\n\(b.text())")
        }
        let axis = rows.first { $0.hasPrefix("steps") } ?? ""
        XCTAssertTrue(axis.contains(" 1 "), axis)
        XCTAssertTrue(axis.hasSuffix("40"), "the axis ends at the steps taken:\n\(b.text())")
        // Lesson 5's ten-step sine at 80 columns: all ten steps and the row labels.
        let spec = ArchitectureView.Spec(shape: .manyToMany, hidden: 4, length: 10, steps: 10, batch: 2)
        let sine = Lab.Panel<ArchitectureView>(spec: spec)
        var g = Buffer(size: Size(width: 76, height: 12))
        ArchitectureView.render(sine, in: g.area, into: &g, theme: LabTheme(.full))
        XCTAssertEqual(g.text().components(separatedBy: "[ f ]").count - 1, 10, g.text())
        XCTAssertTrue(g.text().components(separatedBy: "\n").contains { $0.hasPrefix("xₜ ") }, g.text())
        // No room for the axis row: the label says the span.
        var one = Buffer(size: Size(width: 76, height: 11))
        ArchitectureView.render(p, in: one.area, into: &one, theme: LabTheme(.full))
        XCTAssertTrue(one.text().contains("steps 1–40"), one.text())
    }

    /// The help overlay at 80x24 wraps a long knob help instead of cutting it.
    func testHelpWrapsLongKnobHelpAt80x24() {
        let size = Size(width: 80, height: 24)
        let program = LabProgram(lessons: [Self.lesson], size: size, lessonID: "shapes", stepIndex: 2)!
        var h = ProgramHarness(program, size: size)
        h.press(.character("?"))
        let screen = h.frame().text()
        XCTAssertTrue(screen.contains("sampling temperature"), screen)
        XCTAssertTrue(screen.contains("softmax"), "the end of the temperature's help:\n\(screen)")
    }

    /// Encoder-decoder: the decoder's losses only, and the encoder's last state of H numbers.
    func testEncoderDecoderHandsOverOneVector() {
        let p = Self.panel(3)
        XCTAssertEqual(p.data.probe.scoredSteps, [1, 2, 3])
        XCTAssertEqual(p.data.probe.handover.count, 4)
        XCTAssertEqual(p.data.probe.inputs.count, 3)
        XCTAssertEqual(p.data.probe.decoderInputs, ["#1", "#2", "#3"])
        var b = Buffer(size: Size(width: 80, height: 12))
        ArchitectureView.render(p, in: b.area, into: &b, theme: LabTheme(.full))
        let text = b.text()
        XCTAssertTrue(text.contains("h₃ handed over: "), text)
        for v in p.data.probe.handover {
            let s = (v < 0 ? "−" : "+") + String(format: "%.2f", abs(v))
            XCTAssertTrue(text.contains(s), "\(s) on screen")
        }
        XCTAssertEqual(text.components(separatedBy: "[enc]").count - 1, 3)
        XCTAssertEqual(text.components(separatedBy: "[dec]").count - 1, 3)
    }

    /// The export holds the curve, the L_t and, for the encoder-decoder, h_T.
    func testExport() throws {
        let e = try XCTUnwrap(ArchitectureView.export(Self.panel(3)))
        XCTAssertEqual(Set(e.files.map(\.name)), ["weights.npz", "trace.npz"])
        let weights = e.files.first { $0.name == "weights.npz" }!
        guard case .npz(let w) = weights.contents else { return XCTFail("weights are an npz") }
        XCTAssertNotNil(w["decoder_kernel"])
        let trace = e.files.first { $0.name == "trace.npz" }!
        guard case .npz(let t) = trace.contents else { return XCTFail("trace is an npz") }
        XCTAssertEqual(t["h_T"]?.shape, [1, 4])
        XCTAssertEqual(t["step_losses"]?.shape, [1, 3])
        let o2m = try XCTUnwrap(ArchitectureView.export(Self.panel(2)))
        XCTAssertTrue(o2m.files.contains { $0.name == "sample.txt" })
    }

    // MARK: Screens

    /// One golden frame (the many-to-one step, 100x30, 8 colours) and the shape of every step
    /// at every size and capability level, before and after training.
    func testGoldenAndShapes() throws {
        let p = try XCTUnwrap(LabProgram(lessons: [Self.lesson], size: Size(width: 100, height: 30), lessonID: "shapes", stepIndex: 1))
        assertSnapshot(LabFixtures.frame(p, Capabilities(colors: .eight, glyphs: .unicode)).styledText(), named: "architecture-m2o-100x30-8-unicode")
        for step in 0..<4 {
            for size in LabFixtures.sizes + [Size(width: 120, height: 40)] {
                var q = try XCTUnwrap(LabProgram(lessons: [Self.lesson], size: size, lessonID: "shapes", stepIndex: step))
                for (_, caps) in LabFixtures.levels {
                    let frame = LabFixtures.frame(q, caps)
                    LabScreenSnapshotTests.checkShape(frame, caps)
                    XCTAssertTrue(frame.text().contains("/ \(Self.panel(step).spec.steps)"), "step \(step) \(size) \(caps)")
                }
                // Training while keys arrive: space, a tick (a slice), a scroll key, another tick.
                _ = q.update(.key(.character(" ")))
                _ = Runtime.perform(q.update(.tick), on: &q)
                _ = q.update(.key(.character("j")))
                _ = Runtime.perform(q.update(.tick), on: &q)
                let frame = LabFixtures.frame(q, Capabilities(colors: .none, glyphs: .ascii))
                LabScreenSnapshotTests.checkShape(frame, Capabilities(colors: .none, glyphs: .ascii))
                XCTAssertTrue(frame.text().contains("running"), "step \(step) \(size): still training after a key")
            }
        }
    }
}
