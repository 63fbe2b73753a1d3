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
