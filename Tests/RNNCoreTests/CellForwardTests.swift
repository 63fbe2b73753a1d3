import Foundation
import XCTest
@testable import RNNCore

/// Tiny cells computed by hand, so that a sign or convention error fails with known numbers.
final class CellForwardTests: XCTestCase {
    /// One unit, two steps: h1 = tanh(0.5·1 − 0.3·0.1 + 0.2), h2 = tanh(0.5·2 − 0.3·h1 + 0.2),
    /// loss L = h2 (many-to-one). Numbers from scripts/numpy_reference.py's formulas.
    func testVanillaRNNOneUnitTwoSteps() {
        let p = CellParameters(kind: .rnn, inputSize: 1, hiddenSize: 1, weights: [
            "W_xh": Matrix([[0.5]]), "W_hh": Matrix([[-0.3]]), "b_h": Matrix([[0.2]]),
        ])
        let trace = p.forward([Matrix([[1]]), Matrix([[2]])], h0: Matrix([[0.1]]))
        XCTAssertEqual(trace.h[0][0, 0], 0.5849798828807287, accuracy: 1e-15)
        XCTAssertEqual(trace.h[1][0, 0], 0.7716955116997565, accuracy: 1e-15)
        XCTAssertEqual(trace.preactivations[0][0, 0], 0.67, accuracy: 1e-15)
        let g = p.backward(trace, dh: [nil, Matrix([[1]])])
        XCTAssertEqual(g.parameters["W_hh"]![0, 0], 0.22863408498017607, accuracy: 1e-14)
        XCTAssertEqual(g.parameters["W_xh"]![0, 0], 0.7291509774338683, accuracy: 1e-14)
        XCTAssertEqual(g.parameters["b_h"]![0, 0], 0.3246649402114173, accuracy: 1e-14)
        XCTAssertEqual(g.h0[0, 0], 0.02394632910331012, accuracy: 1e-14)
        XCTAssertEqual(g.x[0][0, 0], -0.03991054850551687, accuracy: 1e-14)
        XCTAssertEqual(g.x[1][0, 0], 0.2022430186112255, accuracy: 1e-14)
        // ‖∂L/∂h_t‖: 1 at the last step, |W_hh (1 − h2²)| one step earlier
        XCTAssertEqual(g.hNorm[0, 1], 1, accuracy: 1e-15)
        XCTAssertEqual(g.hNorm[0, 0], 0.3 * (1 - 0.7716955116997565 * 0.7716955116997565), accuracy: 1e-15)
    }

    /// One unit, one step, no recurrent weights: every gate is σ/tanh of a known number.
    func testLSTMOneUnitGatesAndCellState() {
        let (wi, wf, wg, wo) = (0.3, -0.2, 0.7, 0.5)
        let p = CellParameters(kind: .lstm, inputSize: 1, hiddenSize: 1, weights: [
            "W_x": Matrix([[wi], [wf], [wg], [wo]]), "W_h": Matrix(rows: 4, cols: 1), "b": Matrix(rows: 1, cols: 4),
        ])
        let trace = p.forward([Matrix([[1]])], h0: Matrix([[0]]), c0: Matrix([[0.5]]))
        let s = { (a: Double) in 1 / (1 + exp(-a)) }
        let (i, f, g, o) = (s(wi), s(wf), tanh(wg), s(wo))
        let c = f * 0.5 + i * g
        XCTAssertEqual(trace.gates["i"]![0][0, 0], i, accuracy: 1e-15)
        XCTAssertEqual(trace.gates["f"]![0][0, 0], f, accuracy: 1e-15)
        XCTAssertEqual(trace.gates["g"]![0][0, 0], g, accuracy: 1e-15)
        XCTAssertEqual(trace.gates["o"]![0][0, 0], o, accuracy: 1e-15)
        XCTAssertEqual(trace.c[0][0, 0], c, accuracy: 1e-15)
        XCTAssertEqual(trace.h[0][0, 0], o * tanh(c), accuracy: 1e-15)
        // L = h: ∂L/∂c0 = o (1 − tanh² c) f, ∂L/∂W_xo = tanh(c) o (1 − o) x
        let grads = p.backward(trace, dh: [Matrix([[1]])])
        XCTAssertEqual(grads.c0![0, 0], o * (1 - tanh(c) * tanh(c)) * f, accuracy: 1e-15)
        XCTAssertEqual(grads.parameters["W_x"]![3, 0], tanh(c) * o * (1 - o), accuracy: 1e-15)
        XCTAssertEqual(grads.h0[0, 0], 0)  // W_h = 0: nothing flows back through h
    }

    /// h_t = z ⊙ h_{t−1} + (1 − z) ⊙ n (Keras/PyTorch), not the other way round; both forms.
    func testGRUConventionOneUnit() {
        for resetAfter in [true, false] {
            let p = CellParameters(kind: .gru, inputSize: 1, hiddenSize: 1, resetAfter: resetAfter, weights: [
                "W_x": Matrix([[0.4], [1.5], [-0.8]]), "W_h": Matrix([[0.0], [0.0], [0.6]]),
                "b_x": Matrix(rows: 1, cols: 3), "b_h": Matrix([[0, 0, 0.1]]),
            ])
            let h0 = 0.4
            let trace = p.forward([Matrix([[1]])], h0: Matrix([[h0]]))
            let r = 1 / (1 + exp(-0.4)), z = 1 / (1 + exp(-1.5))
            let n = resetAfter ? tanh(-0.8 + r * (0.6 * h0 + 0.1)) : tanh(-0.8 + 0.6 * (r * h0) + 0.1)
            XCTAssertEqual(trace.gates["z"]![0][0, 0], z, accuracy: 1e-15)
            XCTAssertEqual(trace.gates["n"]![0][0, 0], n, accuracy: 1e-15, "resetAfter=\(resetAfter)")
            XCTAssertEqual(trace.h[0][0, 0], z * h0 + (1 - z) * n, accuracy: 1e-15)
        }
    }

    func testOverridesFixGateValuesAndShapesAreReported() {
        var rng = SeededRandom(seed: 1)
        let p = CellParameters.random(kind: .lstm, inputSize: 2, hiddenSize: 3, rng: &rng)
        let x = (0..<4).map { _ in rng.uniformMatrix(2, 2, -1, 1) }
        // f = 1, i = 0: the cell state never changes
        let trace = p.forward(x, c0: Matrix(rows: 2, cols: 3, repeating: 0.25), overrides: GateOverrides(["f": 1, "i": 0]))
        for t in 0..<4 { XCTAssertEqual(trace.c[t], Matrix(rows: 2, cols: 3, repeating: 0.25)) }
        XCTAssertEqual(trace.steps, 4)
        XCTAssertEqual(trace.batch, 2)
        XCTAssertEqual(trace.preactivations[0].cols, 12)
        XCTAssertEqual(trace.x, x)
        XCTAssertTrue(trace.c0 != nil)
        XCTAssertEqual(CellParameters.random(kind: .gru, inputSize: 2, hiddenSize: 3, rng: &rng).forward(x).c.count, 0)
    }

    func testBatchRowsAreIndependent() {
        // a batch of two equals two batches of one
        var rng = SeededRandom(seed: 8)
        let p = CellParameters.random(kind: .gru, inputSize: 3, hiddenSize: 5, resetAfter: false, rng: &rng)
        let x = (0..<6).map { _ in rng.uniformMatrix(2, 3, -1, 1) }
        let both = p.forward(x)
        let first = p.forward(x.map { $0.rows(0..<1) })
        let second = p.forward(x.map { $0.rows(1..<2) })
        for t in 0..<6 {
            XCTAssertEqual(both.h[t].rows(0..<1), first.h[t])
            XCTAssertEqual(both.h[t].rows(1..<2), second.h[t])
        }
    }

    func testLSTMBatchSplitAcrossThreadsEqualsRowByRow() {
        // large enough that each step runs as two row halves on two threads (ThreadPolicy.splitsBatch):
        // every row must be bit-identical to running that sequence alone (batch 1, one thread)
        let B = 13, D = 3, H = 256, T = 3
        XCTAssertTrue(ThreadPolicy.maxThreads < 2 || ThreadPolicy.splitsBatch(m: B, n: 4 * H, k: H))
        var rng = SeededRandom(seed: 12)
        let p = CellParameters.random(kind: .lstm, inputSize: D, hiddenSize: H, scale: 0.1, rng: &rng)
        let x = (0..<T).map { _ in rng.uniformMatrix(B, D, -1, 1) }
        let dh: [Matrix?] = (0..<T).map { _ in rng.uniformMatrix(B, H, -1, 1) }
        let all = p.forward(x)
        let grads = p.backward(all, dh: dh)
        for b in [0, 6, 7, 12] {
            let one = p.forward(x.map { $0.rows(b..<(b + 1)) })
            let oneGrads = p.backward(one, dh: dh.map { $0!.rows(b..<(b + 1)) })
            for t in 0..<T {
                XCTAssertEqual(all.h[t].rows(b..<(b + 1)), one.h[t], "h row \(b) step \(t)")
                XCTAssertEqual(all.c[t].rows(b..<(b + 1)), one.c[t], "c row \(b) step \(t)")
                XCTAssertEqual(grads.x[t].rows(b..<(b + 1)), oneGrads.x[t], "dx row \(b) step \(t)")
            }
            XCTAssertEqual(grads.h0.rows(b..<(b + 1)), oneGrads.h0)
        }
    }
}
