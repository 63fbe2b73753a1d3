import XCTest
@testable import RNNCore

/// Each optimizer against steps worked out by hand for θ = [1, −2], g = [0.5, −1].
final class OptimizerTests: XCTestCase {
    private let g = ["w": Matrix(row: [0.5, -1])]
    private func start() -> [String: Matrix] { ["w": Matrix(row: [1, -2])] }

    func testSGD() {
        var p = start(), opt = Optimizer(kind: .sgd, learningRate: 0.1)
        opt.step(&p, gradients: g)
        XCTAssertEqual(p["w"]!.data[0], 0.95, accuracy: 1e-15)
        XCTAssertEqual(p["w"]!.data[1], -1.9, accuracy: 1e-15)
    }

    func testMomentumAccumulatesVelocity() {
        var p = start(), opt = Optimizer(kind: .momentum, learningRate: 0.1)
        opt.step(&p, gradients: g)   // v = −0.05, 0.1
        opt.step(&p, gradients: g)   // v = 0.9·v − 0.1 g = −0.095, 0.19
        XCTAssertEqual(p["w"]!.data[0], 1 - 0.05 - 0.095, accuracy: 1e-14)
        XCTAssertEqual(p["w"]!.data[1], -2 + 0.1 + 0.19, accuracy: 1e-14)
    }

    func testAdagrad() {
        var p = start(), opt = Optimizer(kind: .adagrad, learningRate: 0.1)
        opt.step(&p, gradients: g)   // a = 0.1 + g²
        XCTAssertEqual(p["w"]!.data[0], 1 - 0.1 * 0.5 / ((0.35).squareRoot() + 1e-7), accuracy: 1e-14)
        XCTAssertEqual(p["w"]!.data[1], -2 + 0.1 * 1 / ((1.1).squareRoot() + 1e-7), accuracy: 1e-14)
    }

    func testAdamFirstStepsMoveByAboutTheLearningRate() {
        var p = start(), opt = Optimizer(kind: .adam, learningRate: 0.01)
        opt.step(&p, gradients: g)
        // Step 1: m̂ = g, v̂ = g², so Δ = −η g / (|g| + ε) ≈ −η sign(g).
        XCTAssertEqual(p["w"]!.data[0], 1 - 0.01 * 0.5 / (0.5 + 1e-7), accuracy: 1e-14)
        XCTAssertEqual(p["w"]!.data[1], -2 + 0.01 * 1 / (1 + 1e-7), accuracy: 1e-14)
        // Step 2 with a different gradient, by the formulas.
        let g2 = ["w": Matrix(row: [-0.5, 0])]
        let before = p["w"]!.data[0]
        opt.step(&p, gradients: g2)
        let m = 0.9 * (0.1 * 0.5) + 0.1 * -0.5, v = 0.999 * (0.001 * 0.25) + 0.001 * 0.25
        let mHat = m / (1 - 0.81), vHat = v / (1 - 0.999 * 0.999)
        XCTAssertEqual(p["w"]!.data[0], before - 0.01 * mHat / (vHat.squareRoot() + 1e-7), accuracy: 1e-14)
        XCTAssertEqual(opt.stepCount, 2)
    }

    func testParametersWithoutGradientsStay() {
        var p = start()
        p["other"] = Matrix(row: [7])
        var opt = Optimizer(kind: .adam)
        opt.step(&p, gradients: g)
        XCTAssertEqual(p["other"], Matrix(row: [7]))
        XCTAssertEqual(opt.learningRate, 0.001)
    }
}
