import Foundation
import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// Every sentence of lesson 2 that says what a panel shows, checked against the numbers of
/// that step's seed and knobs.
final class Lesson2ClaimsTests: XCTestCase {
    private func experiment(_ step: String) throws -> LabExperiment { try LabFixtures.experiment("gradient-flow", step) }

    private func flow(_ e: LabExperiment) throws -> GradientFlow { try XCTUnwrap(e.data(GradientsView.self)) }
    private func ratio(_ f: GradientFlow) -> Double { f.gradient[0] / f.gradient[f.steps - 1] }

    /// Step 1: the gradient enters at t = T and shrinks from box to box going back.
    func testStep1GradientShrinksBoxByBox() throws {
        let e = try experiment("backward")
        XCTAssertEqual(e.time, 1, "the walk starts at the loss (one step walked)")
        let f = try XCTUnwrap(e.data(UnrolledView.self) ?? nil)
        for t in 1..<f.steps { XCTAssertLessThan(f.gradient[t - 1], f.gradient[t], "box \(t) smaller than box \(t + 1)") }
    }

    /// Step 2: + and - rescale W_hh to the knob's σ_max; every entry scales together and
    /// W_xh does not change.
    func testStep2SigmaKnobRescalesWhhOnly() throws {
        var e = try experiment("one-step")
        let spec = try XCTUnwrap(e.panel(ParamsView.self)?.spec.cell)
        let before = CellRunner.parameters(spec, e.values)
        XCTAssertEqual(SingularValues.spectralNorm(before["W_hh"]!), 0.8, accuracy: 1e-9)
        e.turn("sigma", .up)
        let after = CellRunner.parameters(spec, e.values)
        XCTAssertEqual(SingularValues.spectralNorm(after["W_hh"]!), 0.9, accuracy: 1e-9)
        XCTAssertEqual(after["W_xh"], before["W_xh"])
        for (a, b) in zip(after["W_hh"]!.data, before["W_hh"]!.data) { XCTAssertEqual(a, b * 0.9 / 0.8, accuracy: 1e-12) }
        XCTAssertEqual(e.data(ParamsView.self)?.sigmaMax ?? 0, 0.9, accuracy: 1e-9, "the header's σ_max")
    }

    /// Step 3: orthogonal W_hh at 0.9 and a tiny input: the factor per step is 0.9 and the
    /// header says so once the walk has gone back.
    func testStep3FactorPerStepIsSigma() throws {
        let f = try flow(experiment("many-factors"))
        XCTAssertEqual(try XCTUnwrap(f.factorPerStep(to: 1)), 0.9, accuracy: 0.005)
        var b = Buffer(size: Size(width: 100, height: 30))
        var p = LabFixtures.shipped("gradient-flow", Size(width: 100, height: 30), step: 2)
        p.updateExperiment { $0.setTime(f.steps) }
        p.view(into: &b, capabilities: .full)
        XCTAssertTrue(b.text().contains("×0.9 per step"), b.text())
    }

    /// Step 4: σ_max 0.8, 31 steps back: a thousand times smaller, by the same factor every step.
    func testStep4AThousandTimesSmaller() throws {
        let f = try flow(experiment("vanishing"))
        XCTAssertEqual(f.steps, 32)
        XCTAssertEqual(ratio(f), 1e-3, accuracy: 0.2e-3)
        for t in 1..<f.steps { XCTAssertEqual(f.gradient[t - 1] / f.gradient[t], 0.8, accuracy: 0.02, "t = \(t)") }
    }

    /// Step 5: the knob starts at 1 (ratio about 1); 1.1 gives about 16; 1.2 over a hundred;
    /// 1.5 only about 300, far below 1.5^29; 0.9 about 0.05; r comes back to 1.
    func testStep5TurningSigmaAcrossOne() throws {
        var e = try experiment("exploding")
        XCTAssertEqual(e.values["sigma"], 1.0)
        XCTAssertEqual(ratio(try flow(e)), 1, accuracy: 0.05)
        e.turn("sigma", .up)
        XCTAssertEqual(ratio(try flow(e)), 16, accuracy: 1.5)
        e.turn("sigma", .up)
        XCTAssertGreaterThan(ratio(try flow(e)), 100)
        for _ in 0..<3 { e.turn("sigma", .up) }
        XCTAssertEqual(e.values["sigma"], 1.5)
        let r15 = ratio(try flow(e))
        XCTAssertEqual(r15, 300, accuracy: 60)
        XCTAssertLessThan(r15, pow(1.5, 29) / 100)
        e.resetKnobs()
        e.turn("sigma", .down)
        XCTAssertEqual(ratio(try flow(e)), 0.05, accuracy: 0.01)
        e.resetKnobs()
        XCTAssertEqual(e.values["sigma"], 1.0)
    }

    /// Step 6: lesson 1's saturated cell: σ_max about 3.1, yet about 1e-28 at t = 1, about
    /// 0.1 per step; and a random W_hh with σ_max = 1 still vanishes.
    func testStep6SaturationVanishesDespiteLargeSigma() throws {
        let f = try flow(experiment("saturation"))
        XCTAssertEqual(f.sigmaMax, 3.1, accuracy: 0.05)
        XCTAssertGreaterThan(ratio(f), 1e-29)
        XCTAssertLessThan(ratio(f), 1e-27)
        XCTAssertEqual(try XCTUnwrap(f.factorPerStep(to: 1)), 0.1, accuracy: 0.03)
        let random = CellSpec(hidden: 8, steps: 30, seed: 1, sigma: 1.0, amplitude: 0.01)
        let g = GradientFlow.compute(random, random.settings, loss: .last, jacobian: false)
        XCTAssertLessThan(ratio(g), 1e-3, "uniform W_hh at σ_max 1: still vanishing")
    }

    /// Step 6: walking back past the jump at t = 8 the curve turns up: smallest at t = 7,
    /// then growing about three times per step back to t = 1.
    func testStep6CurveTurnsUpBeforeTheJump() throws {
        let f = try flow(experiment("saturation"))
        let smallest = (1...f.steps).min { f.gradient[$0 - 1] < f.gradient[$1 - 1] }!
        XCTAssertEqual(smallest, 7)
        for t in 1..<7 { XCTAssertEqual(f.gradient[t - 1] / f.gradient[t], 3, accuracy: 0.6, "t = \(t)") }
    }

    /// The same saturated weights as lesson 1's step 6 (the lesson says "the saturated cell of lesson 1").
    func testStep6IsLessonOnesCell() throws {
        let two = try XCTUnwrap(try experiment("saturation").panel(GradientsView.self)?.spec.cell)
        let (_, one) = try Lesson1ClaimsTests.run("recurrence", "saturation")
        XCTAssertEqual(CellRunner.parameters(two, two.settings), CellRunner.parameters(one, one.settings))
    }
}

/// Lesson 2's training steps: the train view's runs, trained to the end as the learner would.
final class Lesson2TrainingClaimsTests: XCTestCase {
    private func trained(_ step: String, clip: Double? = nil) throws -> TrainRun {
        let lesson = try XCTUnwrap(LabFixtures.shipped.first { $0.id == "gradient-flow" })
        let spec = try XCTUnwrap(lesson.steps.first { $0.id == step }?.lab?.as(TrainView.Spec.self), "\(step) is a train step")
        var values = spec.settings
        if let clip { values["clip"] = clip }
        var run = TrainView.compute(spec, knobs: values)
        XCTAssertEqual(run.stepsTaken, 10, "the panel opens after 10 steps")
        run.advance(maxSteps: .max)
        return run
    }

    /// "The gradient is large from the very first step (about 30) and every update makes it
    /// larger … at step 169 … DIVERGED."
    func testUnclippedRunDiverges() throws {
        let run = try trained("diverge")
        XCTAssertEqual(run.history.gradNormBefore[0], 30, accuracy: 3)
        XCTAssertGreaterThan(run.history.gradNormBefore[9], 100 * run.history.gradNormBefore[0] / 10, "growing")
        XCTAssertGreaterThan(run.history.loss.filter(\.isFinite).max() ?? 0, 1e200, "hundreds of powers of ten")
        XCTAssertEqual(run.divergence?.step, 169)
    }

    /// "In its first 15 steps the gradient before clipping still reaches about 190 …, never
    /// longer than 1 … all 300 steps … the loss falls from 1.4 and from step 20 on stays
    /// below 0.6, as low as 0.07 at its best."
    func testClippedRunTrains() throws {
        let run = try trained("clipping")
        XCTAssertNil(run.divergence)
        XCTAssertEqual(run.stepsTaken, 300)
        let before = run.history.gradNormBefore
        XCTAssertEqual(before.prefix(15).max() ?? 0, 190, accuracy: 10)
        XCTAssertEqual(before.prefix(15).max(), before.max(), "the largest is in the first 15 steps")
        XCTAssertTrue(run.history.gradNormAfter.allSatisfy { $0 <= 1 + 1e-12 }, "no update longer than 1")
        XCTAssertEqual(run.history.loss[0], 1.4, accuracy: 0.05)
        let after = run.history.loss.dropFirst(20)
        XCTAssertTrue(after.allSatisfy { $0 < 0.6 }, "below 0.6 from step 20 on")
        XCTAssertEqual(run.history.bestLoss ?? 0, 0.07, accuracy: 0.005)
    }

    /// "at 0.5 it trains even better (the loss ends near 0.06); turned down to off the run
    /// diverges at step 169 again."
    func testClipKnobOtherThresholds() throws {
        let half = try trained("clipping", clip: 0.5)
        XCTAssertNil(half.divergence)
        XCTAssertEqual(half.history.loss.last ?? 0, 0.06, accuracy: 0.005)
        let off = try trained("clipping", clip: 0)
        XCTAssertEqual(off.divergence?.step, 169)
    }
}
