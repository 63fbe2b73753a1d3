import XCTest
@testable import RNNCore

final class DiagnosticsTests: XCTestCase {
    /// ∂h_{T−1}/∂h_0 by central differences on h0 (c0 held fixed for the LSTM).
    private func numericJacobianFromInitial(_ p: CellParameters, _ x: [Matrix], h0: Matrix, c0: Matrix?, overrides: GateOverrides) -> Matrix {
        let H = p.hiddenSize, eps = 1e-6
        var J = Matrix(rows: H, cols: H)
        for k in 0..<H {
            var plus = h0, minus = h0
            plus[0, k] += eps
            minus[0, k] -= eps
            let hp = p.forward(x, h0: plus, c0: c0, overrides: overrides).hLast
            let hm = p.forward(x, h0: minus, c0: c0, overrides: overrides).hLast
            for i in 0..<H { J[i, k] = (hp[0, i] - hm[0, i]) / (2 * eps) }
        }
        return J
    }

    func testJacobianNormsMatchFiniteDifferences() {
        let cases: [(CellKind, Bool, GateOverrides)] = [
            (.rnn, true, .none), (.lstm, true, .none), (.lstm, true, GateOverrides(["o": 0.7])),
            (.gru, true, .none), (.gru, false, .none), (.gru, false, GateOverrides(["r": 0.3])),
        ]
        for (kind, resetAfter, overrides) in cases {
            var rng = SeededRandom(seed: 31)
            let p = CellParameters.random(kind: kind, inputSize: 2, hiddenSize: 4, resetAfter: resetAfter, scale: 0.8, rng: &rng)
            let x = (0..<5).map { _ in rng.uniformMatrix(1, 2, -1, 1) }
            let h0 = rng.uniformMatrix(1, 4, -1, 1)
            let c0 = kind == .lstm ? rng.uniformMatrix(1, 4, -1, 1) : nil
            let trace = p.forward(x, h0: h0, c0: c0, overrides: overrides)
            let norms = p.jacobianNorms(trace)
            let numeric = numericJacobianFromInitial(p, x, h0: h0, c0: c0, overrides: overrides)
            let label = "\(kind) resetAfter=\(resetAfter) \(overrides.values)"
            XCTAssertEqual(norms.initialFrobenius[0, 0], numeric.frobeniusNorm, accuracy: 1e-7 * max(1, numeric.frobeniusNorm), label)
            XCTAssertEqual(norms.initialSpectral[0, 0], SingularValues.spectralNorm(numeric), accuracy: 1e-7, label)
            // the last column is ∂h/∂h itself: the identity
            XCTAssertEqual(norms.spectral[0, 4], 1, accuracy: 1e-12, label)
            XCTAssertEqual(norms.frobenius[0, 4], 2, accuracy: 1e-12, label)
            // spectral ≤ Frobenius everywhere
            for t in 0..<5 { XCTAssertLessThanOrEqual(norms.spectral[0, t], norms.frobenius[0, t] + 1e-12, label) }
        }
    }

    func testRNNStepJacobianIsDiagTimesWhh() {
        // one unit: ∂h_t/∂h_{t−1} = (1 − h_t²) w, so ‖∂h_2/∂h_0‖ = ∏ (1 − h_t²) |w|
        let p = CellParameters(kind: .rnn, inputSize: 1, hiddenSize: 1, weights: [
            "W_xh": Matrix([[0.5]]), "W_hh": Matrix([[-0.3]]), "b_h": Matrix([[0.2]]),
        ])
        let trace = p.forward([Matrix([[1]]), Matrix([[2]])], h0: Matrix([[0.1]]))
        let h1 = trace.h[0][0, 0], h2 = trace.h[1][0, 0]
        let norms = p.jacobianNorms(trace)
        XCTAssertEqual(norms.spectral[0, 0], 0.3 * (1 - h2 * h2), accuracy: 1e-15)
        XCTAssertEqual(norms.initialSpectral[0, 0], 0.09 * (1 - h1 * h1) * (1 - h2 * h2), accuracy: 1e-15)
    }

    func testSingularValuesOfKnownMatrices() {
        // AᵀA = [[25, 20], [20, 25]]: eigenvalues 45 and 5
        let s = SingularValues.of(Matrix([[3, 0], [4, 5]]))
        XCTAssertEqual(s[0], 45.0.squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(s[1], 5.0.squareRoot(), accuracy: 1e-14)
        XCTAssertEqual(SingularValues.of(Matrix([[0, -2, 0], [0, 0, 0.5]])), [2, 0.5])
        // a rotation has all singular values 1
        let c = 0.6, sn = 0.8
        for v in SingularValues.of(Matrix([[c, -sn], [sn, c]])) { XCTAssertEqual(v, 1, accuracy: 1e-15) }
    }

    func testRescaledSetsTheLargestSingularValue() {
        var rng = SeededRandom(seed: 4)
        for kind in CellKind.allCases {
            let p = CellParameters.random(kind: kind, inputSize: 3, hiddenSize: 6, rng: &rng)
            let q = p.rescaled(spectralNorm: 1.5)
            for (name, values) in q.recurrentSingularValues {
                XCTAssertEqual(values[0], 1.5, accuracy: 1e-12, "\(kind) block \(name)")
            }
            XCTAssertEqual(q.recurrentBlocks.count, max(1, kind.gateNames.count))
            // the input weights are untouched
            let wx = kind == .rnn ? "W_xh" : "W_x"
            XCTAssertEqual(q.weights[wx], p.weights[wx])
        }
    }

    func testForgetGateProducts() {
        var rng = SeededRandom(seed: 6)
        let p = CellParameters.random(kind: .lstm, inputSize: 2, hiddenSize: 3, rng: &rng)
        let trace = p.forward((0..<4).map { _ in rng.uniformMatrix(2, 2, -1, 1) })
        let products = trace.forgetGateProducts()!
        let f = trace.gates["f"]!
        XCTAssertEqual(products[3], Matrix(rows: 2, cols: 3, repeating: 1))
        for k in 0..<6 {
            XCTAssertEqual(products[1].data[k], f[2].data[k] * f[3].data[k], accuracy: 1e-15)
            XCTAssertEqual(products[0].data[k], f[1].data[k] * f[2].data[k] * f[3].data[k], accuracy: 1e-15)
        }
        // with f forced to 1 the highway is perfect
        let open = p.forward(trace.x, overrides: GateOverrides(["f": 1])).forgetGateProducts()!
        XCTAssertEqual(open[0], Matrix(rows: 2, cols: 3, repeating: 1))
        XCTAssertNil(CellParameters.random(kind: .gru, inputSize: 2, hiddenSize: 3, rng: &rng).forward(trace.x).forgetGateProducts())
    }

    func testHNormGrowsOrShrinksWithTheSpectralNorm() {
        // the lecture's claim: σ_max(W_hh) < 1 vanishes, > 1 can explode (tanh saturating aside)
        var rng = SeededRandom(seed: 9)
        let base = CellParameters.random(kind: .rnn, inputSize: 2, hiddenSize: 8, scale: 0.3, rng: &rng)
        let x = (0..<30).map { _ in rng.uniformMatrix(1, 2, -0.01, 0.01) }
        let dh: [Matrix?] = (0..<30).map { $0 == 29 ? Matrix(rows: 1, cols: 8, repeating: 1) : nil }
        let small = base.rescaled(spectralNorm: 0.5)
        let g = small.backward(small.forward(x), dh: dh)
        XCTAssertLessThan(g.hNorm[0, 0], 1e-6 * g.hNorm[0, 29])
        // in the linear regime (zero input, tiny state) a large W_hh makes it grow backwards
        var large = base.rescaled(spectralNorm: 4)
        large.weights["b_h"] = nil  // no bias: the state stays near 0, where tanh is linear
        let zeros = (0..<10).map { _ in Matrix(rows: 1, cols: 2) }
        let last: [Matrix?] = (0..<10).map { $0 == 9 ? Matrix(rows: 1, cols: 8, repeating: 1) : nil }
        let gl = large.backward(large.forward(zeros, h0: Matrix(rows: 1, cols: 8, repeating: 1e-9)), dh: last)
        XCTAssertGreaterThan(gl.hNorm[0, 0], 10 * gl.hNorm[0, 9])
    }
}
