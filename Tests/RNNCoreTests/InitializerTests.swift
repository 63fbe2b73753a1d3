import XCTest
@testable import RNNCore

final class InitializerTests: XCTestCase {
    /// max |(QᵀQ − I)_ij| for a matrix with orthonormal columns.
    private func orthogonalityError(_ q: Matrix) -> Double {
        let qtq = q.transposedMultiplied(by: q)
        var worst = 0.0
        for i in 0..<qtq.rows { for j in 0..<qtq.cols { worst = max(worst, abs(qtq[i, j] - (i == j ? 1 : 0))) } }
        return worst
    }

    func testOrthogonalIsOrthogonalSquareTallAndWide() {
        var rng = SeededRandom(seed: 11)
        XCTAssertLessThan(orthogonalityError(Initializers.orthogonal(rows: 8, cols: 8, rng: &rng)), 1e-12)
        XCTAssertLessThan(orthogonalityError(Initializers.orthogonal(rows: 12, cols: 3, rng: &rng)), 1e-12)
        let wide = Initializers.orthogonal(rows: 3, cols: 12, rng: &rng)
        XCTAssertLessThan(orthogonalityError(wide.transposed), 1e-12)
    }

    func testOrthogonalIsSeeded() {
        var a = SeededRandom(seed: 5), b = SeededRandom(seed: 5)
        XCTAssertEqual(Initializers.orthogonal(rows: 4, cols: 4, rng: &a), Initializers.orthogonal(rows: 4, cols: 4, rng: &b))
    }

    func testKerasLSTMLayoutRangesAndForgetBias() {
        var rng = SeededRandom(seed: 2)
        let D = 3, H = 5
        let p = Initializers.cellParameters(kind: .lstm, inputSize: D, hiddenSize: H, style: .keras, rng: &rng)
        let limit = (6.0 / Double(D + 4 * H)).squareRoot()
        XCTAssertTrue(p["W_x"]!.data.allSatisfy { abs($0) <= limit })
        XCTAssertLessThan(orthogonalityError(p["W_h"]!), 1e-12, "recurrent kernel (4H × H) has orthonormal columns")
        let b = p["b"]!
        XCTAssertEqual(Array(b.data[H..<(2 * H)]), [Double](repeating: 1, count: H), "forget block is 1")
        XCTAssertTrue(b.data[0..<H].allSatisfy { $0 == 0 } && b.data[(2 * H)...].allSatisfy { $0 == 0 })
    }

    func testKerasRNNRecurrentMatrixIsOrthogonal() {
        var rng = SeededRandom(seed: 4)
        let p = Initializers.cellParameters(kind: .rnn, inputSize: 2, hiddenSize: 6, style: .keras, rng: &rng)
        XCTAssertLessThan(orthogonalityError(p["W_hh"]!), 1e-12)
        XCTAssertEqual(p.orderedNames, ["W_xh", "W_hh", "b_h"])
    }

    func testPyTorchRangesForEveryKind() {
        var rng = SeededRandom(seed: 9)
        let H = 16, k = 1 / 4.0
        for kind in CellKind.allCases {
            let p = Initializers.cellParameters(kind: kind, inputSize: 3, hiddenSize: H, style: .pytorch, rng: &rng)
            for (name, rows, cols) in CellParameters.expectedShapes(kind: kind, inputSize: 3, hiddenSize: H) {
                let m = p[name]!
                XCTAssertEqual(m.rows, rows, "\(kind) \(name) rows")
                XCTAssertEqual(m.cols, cols, "\(kind) \(name) cols")
                // Summed biases (b_ih + b_hh) may reach 2k.
                let bound = (name == "b" || (kind == .rnn && name == "b_h")) ? 2 * k : k
                XCTAssertTrue(m.data.allSatisfy { abs($0) <= bound }, "\(kind) \(name) within ±\(bound)")
                XCTAssertGreaterThan(m.data.map(abs).max()!, bound / 4, "\(kind) \(name) is not all tiny")
            }
        }
    }

    func testGlorotLimit() {
        var rng = SeededRandom(seed: 1)
        let w = Initializers.glorotUniform(rows: 10, cols: 20, rng: &rng)
        let limit = (6.0 / 30).squareRoot()
        XCTAssertTrue(w.data.allSatisfy { abs($0) <= limit })
        XCTAssertGreaterThan(w.data.map(abs).max()!, 0.8 * limit)
    }
}
