@testable import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// The `params` and `gradients` views and the backward `unrolled` view with a cell: lab
/// blocks and their errors, golden frames, knobs, walking the backward pass.
final class GradientViewsTests: XCTestCase {
    static let source = """
        ---
        id: grad-views
        title: Gradient views
        summary: One step per view.
        ---
        ## Weights {#params}
        The weights.
        ```lab
        view: params
        hidden: 3
        seed: 3
        sigma: 1.2
        knobs: [sigma, seed]
        ```
        ## Gradients {#gradients}
        The backward pass.
        ```lab
        view: gradients
        hidden: 4
        steps: 20
        amplitude: 0.01
        weights: orthogonal
        sigma: 0.8
        jacobian: true
        knobs: [sigma]
        ```
        ## Boxes {#boxes}
        Box by box.
        ```lab
        view: unrolled
        direction: backward
        hidden: 4
        steps: 12
        sigma: 0.8
        amplitude: 0.01
        weights: orthogonal
        knobs: [sigma]
        ```
        ## Gated weights {#lstm-params}
        Four blocks.
        ```lab
        view: params
        cell: lstm
        hidden: 8
        ```
        """

    static let size = Size(width: 80, height: 24)

    private func program(_ step: Int, size: Size = GradientViewsTests.size) throws -> LabProgram {
        let lesson = try LessonParser.parse(Self.source, file: "grad-views.md")
        return LabProgram(lessons: [lesson], size: size, lessonID: "grad-views", stepIndex: step)!
    }

    /// One golden per view (256 colours, Unicode, 80x24); the other levels and 120x40 only
    /// keep the frame's shape.
    func testGoldenFramesAndShapes() throws {
        let lesson = try LessonParser.parse(Self.source, file: "grad-views.md")
        for (index, step) in lesson.steps.enumerated() {
            for size in [Self.size, Size(width: 120, height: 40)] {
                for (level, caps) in LabFixtures.levels {
                    let frame = LabFixtures.frame(try program(index, size: size), caps)
                    if size == Self.size, level == "256-unicode" { assertSnapshot(frame.styledText(), named: "\(step.id)-\(size)-\(level)") }
                    LabScreenSnapshotTests.checkShape(frame, caps)
                }
            }
        }
    }

    /// Every view at tiny and odd panel sizes: no crash, nothing drawn outside the panel.
    func testSmallPanelsDrawInsideTheirArea() throws {
        let lesson = try LessonParser.parse(Self.source, file: "grad-views.md")
        for step in lesson.steps {
            let e = try XCTUnwrap(step.lab.flatMap(LabExperiment.init(spec:)))
            for w in [0, 1, 19, 20, 21, 33, 47] {
                for h in [0, 1, 2, 3, 4, 5, 9] {
                    for (_, caps) in LabFixtures.levels {
                        var b = Buffer(size: Size(width: 60, height: 14))
                        let area = Rect(x: 3, y: 2, width: w, height: h)
                        e.render(in: area, into: &b, theme: LabTheme(caps))
                        for y in 0..<14 { for x in 0..<60 where !area.contains(x: x, y: y) {
                            XCTAssertEqual(b[x, y], .blank, "\(step.id) \(w)x\(h): (\(x), \(y)) outside the panel")
                        } }
                    }
                }
            }
        }
    }

    // MARK: Lab blocks

    private func errors(_ block: String) -> [String] {
        let text = "---\nid: e\ntitle: E\nsummary: s\n---\n## Step {#s}\nText.\n```lab\n\(block)\n```\n"
        do {
            _ = try LessonParser.parse(text, file: "e.md")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    func testBlockErrorsNameFileAndLine() {
        // The block's first key is on line 9.
        XCTAssertEqual(errors("view: gradients\nloss: first"), ["e.md:10: unknown loss 'first' (known: last, every)"])
        XCTAssertEqual(errors("view: gradients\njacobian: yes"),
                       ["e.md:10: unknown value for 'jacobian' 'yes' (known: true, false)"])
        XCTAssertEqual(errors("view: params\namplitude: 0"), ["e.md:10: 'amplitude' is 0; it must be above 0 and at most 1"])
        XCTAssertEqual(errors("view: params\nweights: gaussian"),
                       ["e.md:10: unknown weights 'gaussian' (known: uniform, orthogonal)"])
        XCTAssertEqual(errors("view: unrolled\nsteps: 6\nsigma: 0.9"),
                       ["e.md:11: 'sigma' sets up the cell whose gradients label the boxes: it needs 'direction: backward'"])
        XCTAssertEqual(errors("view: params\nloss: last").count, 1, "params has no loss")
        XCTAssertEqual(errors("view: gradients\nsteps: 10\nstart: 11"), ["e.md:11: 'start' is 11; it must not be after the last step (10)"])
        XCTAssertEqual(errors("view: gradients\nloss: every\njacobian: false\namplitude: 0.5\nweights: orthogonal"), [])
        XCTAssertEqual(errors("view: unrolled\ndirection: backward\nhidden: 2\nsteps: 10\nstart: 11"),
                       ["e.md:13: 'start' is 11; it must not be after the last step (10)"], "reported once")
    }

    func testBlocksReadTheirKeys() throws {
        let lesson = try LessonParser.parse(Self.source, file: "grad-views.md")
        let g = try XCTUnwrap(lesson.steps[1].lab?.as(GradientsView.Spec.self))
        XCTAssertEqual(g.cell.amplitude, 0.01)
        XCTAssertEqual(g.cell.weights, .orthogonal)
        XCTAssertTrue(g.jacobian)
        XCTAssertEqual(g.loss, .last)
        XCTAssertEqual(g.reached, 20, "without `start` the backward pass opens at the loss, t = T")
        let u = try XCTUnwrap(lesson.steps[2].lab?.as(UnrolledView.Spec.self))
        XCTAssertNotNil(u.cell)
        XCTAssertEqual(u.start, 12)
    }

    // MARK: Walking back, knobs

    func testNWalksTheBackwardPassFromTheLoss() throws {
        var p = try program(1)
        XCTAssertTrue(LabFixtures.frame(p).text().contains("t = 20 / 20"))
        XCTAssertTrue(LabFixtures.frame(p).text().contains("press n to go back"))
        for _ in 0..<4 { _ = p.update(.key(.character("n"))) }
        let text = LabFixtures.frame(p).text()
        XCTAssertTrue(text.contains("t = 16 / 20"), text)
        // Orthogonal W_hh, σ 0.8, tanh linear: the measured factor is σ.
        XCTAssertTrue(text.contains("×0.8 per step, t = 20 → 16"), text)
        _ = p.update(.key(.character("p")))
        XCTAssertTrue(LabFixtures.frame(p).text().contains("t = 17 / 20"))
    }

    func testBrightPartIsTheReachedSpan() {
        let spec = GradientsView.Spec(cell: CellSpec(hidden: 2, steps: 10, seed: 1), reached: 7)
        let panel = Panel<GradientsView>(spec: spec)
        let chart = GradientsView.chart(panel)
        XCTAssertEqual(chart.series.map(\.faint), [true, false])
        XCTAssertTrue(chart.series[0].values.allSatisfy(\.isFinite), "the whole run, faint")
        XCTAssertEqual(chart.series[1].values.map(\.isFinite), (1...10).map { $0 >= 7 }, "bright from t = 7 to T")
        XCTAssertEqual(chart.marker, 7)
    }

    func testSigmaKnobChangesTheWeightsAndTheCurve() throws {
        var params = try program(0)
        let before = try XCTUnwrap(params.session?.experiment?.data(ParamsView.self))
        _ = params.update(.key(.character("+")))
        let after = try XCTUnwrap(params.session?.experiment?.data(ParamsView.self))
        XCTAssertEqual(before.sigmaMax, 1.2, accuracy: 1e-12)
        XCTAssertEqual(after.sigmaMax, 1.3, accuracy: 1e-12)
        XCTAssertEqual(before.weights[0], after.weights[0], "W_xh does not move with σ")
        XCTAssertNotEqual(before.weights[1], after.weights[1])
        XCTAssertTrue(LabFixtures.frame(params).text().contains("σ_max 1.300"))
        _ = params.update(.key(.character("s")))
        let reseeded = try XCTUnwrap(params.session?.experiment?.data(ParamsView.self))
        XCTAssertNotEqual(reseeded.weights[0], after.weights[0], "a new seed draws new weights")

        var grads = try program(1)
        let g0 = try XCTUnwrap(grads.session?.experiment?.data(GradientsView.self))
        for _ in 0..<7 { _ = grads.update(.key(.character("+"))) }  // σ 0.8 → 1.5
        let g1 = try XCTUnwrap(grads.session?.experiment?.data(GradientsView.self))
        XCTAssertLessThan(g0.gradient[0], g0.gradient[19], "σ 0.8 falls towards t = 1")
        XCTAssertGreaterThan(g1.gradient[0], g1.gradient[19], "σ 1.5 rises towards t = 1")
        XCTAssertEqual(g1.sigmaMax, 1.5, accuracy: 1e-12)
    }

    func testUnrolledBoxesShowTheSameNormsAsTheGradientsView() throws {
        var p = try program(2)
        for _ in 0..<3 { _ = p.update(.key(.character("n"))) }  // t = 9
        let flow = try XCTUnwrap(p.session?.experiment?.data(UnrolledView.self) ?? nil)
        let text = LabFixtures.frame(p).text()
        XCTAssertTrue(text.contains("t = 9 / 12"), text)
        for t in 9...12 { XCTAssertTrue(text.contains(UnrolledGradients.boxText(flow.gradient[t - 1])), "box \(t)") }
        let notes = UnrolledGradients.notes(flow, reached: 9)
        XCTAssertEqual(Set(notes.keys), Set(9...12), "only the boxes the backward pass reached")
        XCTAssertEqual(notes[12]?.level, 1, "the largest norm (σ 0.8: at the loss) is the brightest")
        let same = GradientFlow.compute(CellSpec(hidden: 4, steps: 12, sigma: 0.8, amplitude: 0.01, weights: .orthogonal),
                                        p.session!.experiment!.values, loss: .last, jacobian: false)
        XCTAssertEqual(flow.gradient, same.gradient)
    }

    func testBoxTextFitsTheBox() {
        for v in [0, 4.9e-324, 1e-300, 3.21e-4, 0.0123, 1, 12.5, 1234.5, 1e12, 1.23456e-12] {
            XCTAssertLessThanOrEqual(UnrolledGradients.boxText(v).count, 7, "\(v)")
        }
        XCTAssertEqual(UnrolledGradients.boxText(0), "0")
        XCTAssertEqual(UnrolledGradients.boxText(4.9e-324), "~0")
    }

    func testNumbersReadOnTheirColours() {
        // The 8-colour diverging ramp has black at zero: its numbers are white there.
        let eight = Capabilities(colors: .eight, glyphs: .unicode)
        let zero = ColorRamp(kind: .diverging, lower: -1, upper: 1).color(0, eight)
        XCTAssertEqual(zero, .ansi(0))
        XCTAssertEqual(ParamsView.readable(on: zero), .white)
        XCTAssertEqual(ParamsView.readable(on: .ansi(3)), .black, "yellow")
        XCTAssertEqual(ParamsView.readable(on: .indexed(231)), .black, "near-white")
        XCTAssertEqual(ParamsView.readable(on: .indexed(17)), .white, "dark blue")
    }

    func testUpstreamIsTheLossGradient() {
        let last = GradientFlow.upstream(.last, steps: 3, hidden: 2)
        XCTAssertEqual(last.map { $0 == nil }, [true, true, false])
        XCTAssertEqual(last[2]?.data, [1, 1])
        XCTAssertTrue(GradientFlow.upstream(.every, steps: 3, hidden: 2).allSatisfy { $0?.data == [1, 1] })
    }

    func testForwardUnrolledStaysTheSchematic() throws {
        let lesson = try LessonParser.parse("---\nid: u\ntitle: U\nsummary: s\n---\n## S {#s}\nT.\n```lab\nview: unrolled\nsteps: 6\n```\n",
                                            file: "u.md")
        let spec = try XCTUnwrap(lesson.steps[0].lab?.as(UnrolledView.Spec.self))
        XCTAssertNil(spec.cell)
        XCTAssertNil(LabExperiment(UnrolledView.self, spec: spec).data(UnrolledView.self) ?? nil)
    }
}
