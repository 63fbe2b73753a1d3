import XCTest
@testable import RNNCore

final class MatrixTests: XCTestCase {
    func testTransposeAndBlocks() {
        let m = Matrix([[1, 2, 3], [4, 5, 6]])
        XCTAssertEqual(m.transposed, Matrix([[1, 4], [2, 5], [3, 6]]))
        XCTAssertEqual(m.rows(1..<2), Matrix([[4, 5, 6]]))
        XCTAssertEqual(m.columns(1..<3), Matrix([[2, 3], [5, 6]]))
        XCTAssertEqual(Matrix.hstack([m, m]).cols, 6)
    }

    func testProductsWithTransposesAgreeWithExplicitTransposes() {
        var rng = SeededRandom(seed: 3)
        let a = rng.uniformMatrix(5, 3, -1, 1), b = rng.uniformMatrix(4, 3, -1, 1), c = rng.uniformMatrix(5, 4, -1, 1)
        XCTAssertEqual(Matrix([[1, 2], [3, 4]]).multiplied(by: Matrix([[5], [6]])), Matrix([[17], [39]]))
        for (x, y) in zip(a.multipliedTransposed(b).data, a.multiplied(by: b.transposed).data) { XCTAssertEqual(x, y, accuracy: 1e-14) }
        for (x, y) in zip(a.transposedMultiplied(by: c).data, a.transposed.multiplied(by: c).data) { XCTAssertEqual(x, y, accuracy: 1e-14) }
        XCTAssertEqual(a.multipliedTransposed(b).shape.rows, 5)
        XCTAssertEqual(a.transposedMultiplied(by: c).shape.cols, 4)
    }

    func testSeededRandomIsReproducibleAndInRange() {
        var a = SeededRandom(seed: 7), b = SeededRandom(seed: 7), c = SeededRandom(seed: 8)
        let xs = (0..<100).map { _ in a.nextUnit() }
        XCTAssertEqual(xs, (0..<100).map { _ in b.nextUnit() })
        XCTAssertNotEqual(xs, (0..<100).map { _ in c.nextUnit() })
        XCTAssertTrue(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        var n = SeededRandom(seed: 1)
        let normals = (0..<20000).map { _ in n.normal() }
        let mean = normals.reduce(0, +) / Double(normals.count)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
    }
}
