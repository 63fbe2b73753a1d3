import Foundation
@testable import Lab
import LessonKit
import RNNCore
import TUI
import XCTest

/// The numbers behind the `gradients` view and the backward `unrolled` view: ‖∂L/∂h_t‖ by
/// exact BPTT against central differences, the fall and rise with σ_max on a cell that stays
/// linear, underflow, and the claims lesson 2 can make.
final class GradientFlowTests: XCTestCase {
    /// L as a function of h_t alone (the states before t held fixed): run the cell on from
    /// h_t through x_{t+1} … x_T and add up what the loss reads.
    private func loss(from h: [Double], at t: Int, _ p: CellParameters, _ x: [Double], _ loss: GradientFlow.Loss) -> Double {
        let T = x.count
        var L = loss == .every || t == T ? h.reduce(0, +) : 0
        guard t < T else { return L }
        let trace = p.forward(x[t...].map { Matrix(rows: 1, cols: 1, data: [$0]) }, h0: Matrix(rows: 1, cols: h.count, data: h))
        for (k, hs) in trace.h.enumerated() where loss == .every || t + 1 + k == T {
            L += hs.row(0).reduce(0, +)
        }
        return L
    }

    /// ‖∂L/∂h_t‖ by central differences, ε = 1e-6, for every t.
    private func centralDifferences(_ p: CellParameters, _ x: [Double], _ l: GradientFlow.Loss) -> [Double] {
        let trace = p.forward(x.map { Matrix(rows: 1, cols: 1, data: [$0]) })
        let eps = 1e-6
        return (1...x.count).map { t in
            let h = trace.h[t - 1].row(0)
            let g = h.indices.map { i -> Double in
                var up = h, down = h
                up[i] += eps
                down[i] -= eps
                return (loss(from: up, at: t, p, x, l) - loss(from: down, at: t, p, x, l)) / (2 * eps)
            }
            return g.map { $0 * $0 }.reduce(0, +).squareRoot()
        }
    }

    func testNormsEqualCentralDifferences() {
        for cell in [LabCell.rnn, .gru] {
            for l in GradientFlow.Loss.allCases {
                let spec = CellSpec(cell: cell, hidden: 3, input: .noise, steps: 7, seed: 5, scale: 2)
                let p = CellRunner.parameters(spec, spec.settings)
                let x = InputSignal.values(spec, spec.settings)
                let flow = GradientFlow.compute(spec, spec.settings, loss: l, jacobian: false)
                let numeric = centralDifferences(p, x, l)
                for t in 0..<7 {
                    XCTAssertEqual(flow.gradient[t], numeric[t], accuracy: 1e-7 * max(1, numeric[t]), "\(cell) \(l) t = \(t + 1)")
                }
            }
        }
    }

    func testJacobianNormIsOneAtTheLastStepAndMatchesTheLossGradientForOneUnit() {
        // H = 1, loss on the last step: ∂L/∂h_t = ∂h_T/∂h_t, a 1 × 1 Jacobian.
        let spec = CellSpec(hidden: 1, steps: 9, seed: 2)
        let flow = GradientFlow.compute(spec, spec.settings, loss: .last, jacobian: true)
        XCTAssertEqual(flow.jacobian![8], 1, accuracy: 1e-15)
        for t in 0..<9 { XCTAssertEqual(flow.jacobian![t], flow.gradient[t], accuracy: 1e-14) }
    }

    /// The non-saturated set-up: orthogonal W_hh, input amplitude 0.01, loss on h_T.
    private func linearCell(sigma: Double, steps: Int = 12, weights: LabWeights = .orthogonal) -> GradientFlow {
        let spec = CellSpec(hidden: 4, steps: steps, seed: 1, sigma: sigma, amplitude: 0.01, weights: weights)
        return GradientFlow.compute(spec, spec.settings, loss: .last, jacobian: false)
    }

    func testFallsEveryStepBelowOneAndRisesEveryStepAboveOne() {
        let fall = linearCell(sigma: 0.5).gradient
        let rise = linearCell(sigma: 1.5).gradient
        for t in 1..<12 {
            XCTAssertLessThan(fall[t - 1], fall[t], "σ 0.5: ‖∂L/∂h_\(t)‖ < ‖∂L/∂h_\(t + 1)‖")
            XCTAssertGreaterThan(rise[t - 1], rise[t], "σ 1.5: ‖∂L/∂h_\(t)‖ > ‖∂L/∂h_\(t + 1)‖")
        }
        // Uniform weights at σ 0.5 fall too: every factor diag(1 − h²) W_hhᵀ shrinks.
        let uniform = linearCell(sigma: 0.5, weights: .uniform).gradient
        for t in 1..<12 { XCTAssertLessThan(uniform[t - 1], uniform[t]) }
    }

    func testFactorPerStepIsSigmaOnTheLinearOrthogonalCell() throws {
        for sigma in [0.5, 0.9, 1.0, 1.1, 1.5] {
            let flow = linearCell(sigma: sigma)
            XCTAssertEqual(flow.sigmaMax, sigma, accuracy: 1e-12, "measured σ_max")
            XCTAssertEqual(try XCTUnwrap(flow.factorPerStep(to: 1)), sigma, accuracy: 0.01 * sigma, "factor per step at σ \(sigma)")
            XCTAssertNil(flow.factorPerStep(to: 12), "no step back yet")
        }
    }

    func testUnderflowIsAGapNotACrash() {
        // σ 0.01 for 200 steps: 0.01^199 is far below the smallest double.
        let spec = CellSpec(hidden: 4, steps: 200, seed: 1, sigma: 0.01)
        let flow = GradientFlow.compute(spec, spec.settings, loss: .last, jacobian: true)
        XCTAssertEqual(flow.gradient[0], 0, "the gradient at t = 1 underflowed")
        XCTAssertNil(flow.factorPerStep(to: 1))
        XCTAssertNotNil(flow.factorPerStep(to: 190))
        var panel = Panel<GradientsView>(spec: GradientsView.Spec(cell: spec, jacobian: true))
        panel.timeline.set(200)
        let chart = GradientsView.chart(panel)
        XCTAssertTrue(chart.series.allSatisfy { $0.values[0].isNaN }, "an underflowed norm is a gap")
        XCTAssertTrue(chart.series.allSatisfy { $0.values[199].isFinite })
        var buffer = TUI.Buffer(size: TUI.Size(width: 80, height: 12))
        GradientsView.render(panel, in: buffer.area, into: &buffer, theme: LabTheme(.full))
        XCTAssertTrue(buffer.text().contains("underflow"), buffer.text())
    }

    func testEveryStepLossAddsTheLossOwnTermAtEachStep() {
        // With σ 0.5 the far future adds almost nothing: the curve is flat, near √H / (1 − 0.5)
        // at most, and never below √H (the loss's own term at each step, in the linear regime).
        let spec = CellSpec(hidden: 4, steps: 20, seed: 1, sigma: 0.5, amplitude: 0.01, weights: .orthogonal)
        let flow = GradientFlow.compute(spec, spec.settings, loss: .every, jacobian: false)
        XCTAssertEqual(flow.gradient[19], 2, accuracy: 1e-12, "‖(1, 1, 1, 1)‖ = 2 at t = T")
        for g in flow.gradient { XCTAssertLessThanOrEqual(g, 2 / (1 - 0.5) + 1e-9) }
        XCTAssertEqual(flow.gradient[0] / flow.gradient[10], 1, accuracy: 1e-3, "flat far from the end")
    }

    // MARK: Claims lesson 2 can make (H = 8, T = 30, loss on h_T, ratio ‖∂L/∂h_1‖ / ‖∂L/∂h_30‖)

    private func ratio(_ spec: CellSpec) -> Double {
        let flow = GradientFlow.compute(spec, spec.settings, loss: .last, jacobian: false)
        return flow.gradient[0] / flow.gradient[spec.steps - 1]
    }

    func testOrthogonalSmallInputRatioIsSigmaToThe29th() {
        // The lecture's rule made exact: tanh stays linear, every singular value is σ.
        for (sigma, expected) in [(0.5, 1.9e-9), (0.8, 1.5e-3), (0.9, 4.7e-2), (1.0, 1.0), (1.1, 16.0)] {
            for seed: UInt64 in [1, 2, 3] {
                let r = ratio(CellSpec(hidden: 8, steps: 30, seed: seed, sigma: sigma, amplitude: 0.01, weights: .orthogonal))
                XCTAssertEqual(r, expected, accuracy: 0.05 * expected, "σ \(sigma) seed \(seed)")
                XCTAssertEqual(r, pow(sigma, 29), accuracy: 0.05 * pow(sigma, 29))
            }
        }
        // "At σ_max 0.8 the gradient at t = 1 is a thousand times smaller": T = 32, 0.8^31.
        let thousand = ratio(CellSpec(hidden: 8, steps: 32, seed: 1, sigma: 0.8, amplitude: 0.01, weights: .orthogonal))
        XCTAssertEqual(thousand, 1e-3, accuracy: 1e-4)
    }

    func testUniformWeightsVanishAtSigmaOneAndGrowOnlyAboveIt() {
        // σ_max = 1 with the other singular values smaller: still vanishes.
        let atOne = ratio(CellSpec(hidden: 8, steps: 30, seed: 1, sigma: 1.0, amplitude: 0.01))
        XCTAssertLessThan(atOne, 1e-4)
        XCTAssertGreaterThan(atOne, 1e-5)
        let at15 = ratio(CellSpec(hidden: 8, steps: 30, seed: 1, sigma: 1.5, amplitude: 0.01))
        XCTAssertGreaterThan(at15, 1)
    }

    func testSaturatedCellVanishesDespiteSigmaAboveOne() throws {
        // Lesson 1's saturation step: step input, scale 4, seed 7 (σ_max about 3.1 as drawn).
        let spec = CellSpec(hidden: 3, input: .step, steps: 30, seed: 7, scale: 4)
        let flow = GradientFlow.compute(spec, spec.settings, loss: .last, jacobian: false)
        XCTAssertEqual(flow.sigmaMax, 3.13, accuracy: 0.01)
        XCTAssertLessThan(flow.gradient[0] / flow.gradient[29], 1e-20, "measured 1.5e-28")
        XCTAssertLessThan(try XCTUnwrap(flow.factorPerStep(to: 1)), 0.2, "measured 0.11 per step")
        // The same weights (uniform, seed 1, σ 1.5): a small input grows, a full one vanishes.
        XCTAssertGreaterThan(ratio(CellSpec(hidden: 8, steps: 30, seed: 1, sigma: 1.5, amplitude: 0.01)), 1)
        XCTAssertLessThan(ratio(CellSpec(hidden: 8, steps: 30, seed: 1, sigma: 1.5, amplitude: 1)), 0.1)
    }
}
