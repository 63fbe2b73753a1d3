import XCTest
@testable import RNNCore

/// Central differences against BPTT for every cell and form.
final class GradCheckTests: XCTestCase {
    private let tolerance = 1e-6

    private func assertPasses(_ problem: GradientCheck.Problem, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let report = GradientCheck.run(problem)
        XCTAssertFalse(report.entries.isEmpty, label, file: file, line: line)
        for e in report.entries {
            XCTAssertLessThan(e.worstRelativeError, tolerance,
                              "\(label) \(e.name)[\(e.worstIndex)]: analytic \(e.analytic) vs numeric \(e.numeric)", file: file, line: line)
        }
    }

    func testAllCellsManyToMany() {
        for (kind, resetAfter) in [(CellKind.rnn, true), (.lstm, true), (.gru, true), (.gru, false)] {
            assertPasses(.random(kind: kind, resetAfter: resetAfter, seed: 11), "\(kind) resetAfter=\(resetAfter)")
        }
    }

    func testAllCellsManyToOne() {
        for (kind, resetAfter) in [(CellKind.rnn, true), (.lstm, true), (.gru, true), (.gru, false)] {
            assertPasses(.random(kind: kind, resetAfter: resetAfter, steps: 6, manyToOne: true, seed: 5), "\(kind) many-to-one")
        }
    }

    func testOddSizesExerciseKernelEdges() {
        // 5 rows of batch and 9 hidden units (27, 36 gate columns): partial micro-tiles in every GEMM
        for (kind, resetAfter) in [(CellKind.rnn, true), (.lstm, true), (.gru, false)] {
            assertPasses(.random(kind: kind, resetAfter: resetAfter, inputSize: 5, hiddenSize: 9, steps: 3, batch: 5, seed: 3),
                         "\(kind) odd sizes")
        }
    }

    func testOverriddenGates() {
        let lstm: [[String: Double]] = [["f": 1, "i": 0], ["o": 0.5], ["g": -0.3, "f": 0.9]]
        for values in lstm {
            assertPasses(.random(kind: .lstm, overrides: GateOverrides(values), seed: 21), "lstm \(values)")
        }
        for resetAfter in [true, false] {
            for values: [String: Double] in [["r": 1], ["z": 0], ["n": 0.2, "r": 0.5]] {
                assertPasses(.random(kind: .gru, resetAfter: resetAfter, overrides: GateOverrides(values), seed: 22),
                             "gru resetAfter=\(resetAfter) \(values)")
            }
        }
    }

    func testForcedGateGivesItsWeightsNoGradient() {
        let problem = GradientCheck.Problem.random(kind: .lstm, overrides: GateOverrides(["f": 1]), seed: 4)
        let trace = problem.parameters.forward(problem.x, h0: problem.h0, c0: problem.c0, overrides: problem.overrides)
        let grads = problem.parameters.backward(trace, dh: problem.dh, dcLast: problem.dcLast)
        let H = problem.parameters.hiddenSize
        let dWh = grads.parameters["W_h"]!
        XCTAssertEqual(dWh.rows(H..<(2 * H)).frobeniusNorm, 0)        // the forget block
        XCTAssertGreaterThan(dWh.rows(0..<H).frobeniusNorm, 1e-6)     // the input block still learns
        XCTAssertEqual(trace.gates["f"]![2], Matrix(rows: 2, cols: H, repeating: 1))
    }
}
