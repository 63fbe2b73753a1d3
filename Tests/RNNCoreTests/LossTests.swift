import XCTest
@testable import RNNCore

final class LossTests: XCTestCase {
    /// Central differences: (L(y + ε e_i) − L(y − ε e_i)) / 2ε against the analytic gradient.
    private func numericGradient(_ y: Matrix, _ f: (Matrix) -> Double, eps: Double = 1e-6) -> Matrix {
        var g = Matrix(rows: y.rows, cols: y.cols)
        for i in 0..<y.count {
            var plus = y, minus = y
            plus.data[i] += eps
            minus.data[i] -= eps
            g.data[i] = (f(plus) - f(minus)) / (2 * eps)
        }
        return g
    }

    func testMeanSquaredErrorValueAndGradient() {
        let y = Matrix([[0.5, -1.0], [2.0, 0.25]])
        let t = Matrix([[0.0, 1.0], [1.0, 0.25]])
        let r = Loss.meanSquaredError(prediction: y, target: t)
        // (0.25 + 4 + 1 + 0) / 4
        XCTAssertEqual(r.value, 1.3125, accuracy: 1e-12)
        let num = numericGradient(y) { Loss.meanSquaredError(prediction: $0, target: t).value }
        for i in 0..<y.count { XCTAssertEqual(r.gradient.data[i], num.data[i], accuracy: 1e-8, "MSE gradient entry \(i)") }
    }

    func testCrossEntropyMatchesDefinitionAndCentralDifferences() {
        let z = Matrix([[1.0, 2.0, 0.5], [-1.0, 0.0, 3.0]])
        let labels = [1, 0]
        let r = Loss.softmaxCrossEntropy(logits: z, labels: labels)
        let p = Loss.softmax(z)
        let expected = -(log(p[0, 1]) + log(p[1, 0])) / 2
        XCTAssertEqual(r.value, expected, accuracy: 1e-12)
        let num = numericGradient(z) { Loss.softmaxCrossEntropy(logits: $0, labels: labels).value }
        for i in 0..<z.count { XCTAssertEqual(r.gradient.data[i], num.data[i], accuracy: 1e-8, "CE gradient entry \(i)") }
    }

    func testCrossEntropyIsStableForHugeLogits() {
        let z = Matrix([[1000.0, -1000.0, 0.0]])
        let right = Loss.softmaxCrossEntropy(logits: z, labels: [0])
        let wrong = Loss.softmaxCrossEntropy(logits: z, labels: [1])
        XCTAssertEqual(right.value, 0, accuracy: 1e-12)
        XCTAssertEqual(wrong.value, 2000, accuracy: 1e-9)
        XCTAssertTrue(wrong.gradient.data.allSatisfy { $0.isFinite })
    }

    func testSoftmaxRowsSumToOneAndTemperatureSharpens() {
        let z = Matrix([[1.0, 2.0, 3.0]])
        let p1 = Loss.softmax(z), pCold = Loss.softmax(z, temperature: 0.2), pHot = Loss.softmax(z, temperature: 5)
        XCTAssertEqual(p1.data.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertGreaterThan(pCold[0, 2], p1[0, 2])
        XCTAssertLessThan(pHot[0, 2], p1[0, 2])
        XCTAssertEqual(Loss.argmax(Matrix([[0, 5, 1], [9, 0, 0]])), [1, 0])
    }
}
