import XCTest
@testable import RNNCore

final class DenseHeadTests: XCTestCase {
    func testForwardIsWhyHPlusBias() {
        let head = DenseHead(W_hy: Matrix([[1, 2], [0, -1], [3, 0]]), b_y: Matrix(row: [0.5, 0, -1]))
        let y = head.forward(Matrix([[1, 1], [2, 0]]))
        XCTAssertEqual(y, Matrix([[3.5, -1, 2], [2.5, 0, 5]]))
    }

    /// Every gradient of L = Σ (y ⊙ R) for a fixed random R against central differences.
    func testBackwardMatchesCentralDifferences() {
        var rng = SeededRandom(seed: 3)
        let head = DenseHead(W_hy: rng.uniformMatrix(3, 4, -1, 1), b_y: rng.uniformMatrix(1, 3, -1, 1))
        let h = rng.uniformMatrix(5, 4, -1, 1)
        let r = rng.uniformMatrix(5, 3, -1, 1)
        func loss(_ head: DenseHead, _ h: Matrix) -> Double {
            zip(head.forward(h).data, r.data).reduce(0) { $0 + $1.0 * $1.1 }
        }
        let g = head.backward(h, dy: r)
        let eps = 1e-6
        for i in 0..<head.W_hy.count {
            var p = head, m = head
            p.W_hy.data[i] += eps; m.W_hy.data[i] -= eps
            XCTAssertEqual(g.dW_hy.data[i], (loss(p, h) - loss(m, h)) / (2 * eps), accuracy: 1e-7, "dW_hy[\(i)]")
        }
        for i in 0..<head.b_y.count {
            var p = head, m = head
            p.b_y.data[i] += eps; m.b_y.data[i] -= eps
            XCTAssertEqual(g.db_y.data[i], (loss(p, h) - loss(m, h)) / (2 * eps), accuracy: 1e-7, "db_y[\(i)]")
        }
        for i in 0..<h.count {
            var p = h, m = h
            p.data[i] += eps; m.data[i] -= eps
            XCTAssertEqual(g.dh.data[i], (loss(head, p) - loss(head, m)) / (2 * eps), accuracy: 1e-7, "dh[\(i)]")
        }
    }
}
