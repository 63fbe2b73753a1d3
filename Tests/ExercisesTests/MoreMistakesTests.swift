import Exercises
import Foundation
import XCTest

/// The mistakes added after the walk through the lessons: each named on a submission made by
/// the test's own formulas, and tried before any "keep more digits".
final class MoreMistakesTests: XCTestCase {
    private func mv(_ m: [[Double]], _ v: [Double]) -> [Double] { m.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } } }
    private func add(_ vs: [Double]...) -> [Double] { (0..<vs[0].count).map { j in vs.reduce(0) { $0 + $1[j] } } }
    private func t(_ m: [[Double]]) -> [[Double]] { (0..<m[0].count).map { j in m.map { $0[j] } } }

    /// Lesson 1's h_2[0] by hand, D = H = 2.
    func testHandWorkedStateMistakes() throws {
        for student in ["ada", "bo", "cy", "dee", "eve"] {
            let v = try ExerciseFixtures.variant("kind: numeric\nquantity: h\ncell: rnn\ninput: 2\nhidden: 2\nsteps: 2", student: student)
            let a = NumericExerciseTests.arrays(in: v.statement)
            let Wxh = a["W_xh"]!, Whh = a["W_hh"]!, b = a["b"]![0], x = [a["x_1"]![0], a["x_2"]![0]]
            func run(_ Wxh: [[Double]], _ Whh: [[Double]], lastTanh: Bool = true, tanhs: Bool = true) -> [[Double]] {
                var h = [0.0, 0.0], out: [[Double]] = []
                for (k, xt) in x.enumerated() {
                    let pre = add(mv(Wxh, xt), mv(Whh, h), b)
                    h = (k == 1 && !lastTanh) || !tanhs ? pre : pre.map(tanh)
                    out.append(h)
                }
                return out
            }
            let right = run(Wxh, Whh)[1][0]
            XCTAssertTrue(try v.check(.number(right)).passed)
            XCTAssertTrue(try v.check(.number(Double(Float(right)))).passed, "float32")
            func diagnosis(_ x: Double) throws -> Verdict { try v.check(.number(x)) }
            let candidates: [(Double, String)] = [
                (run(Wxh, Whh, lastTanh: false)[1][0], "missing-tanh"),
                (run(Wxh, Whh, tanhs: false)[1][0], "missing-tanh"),
                (run(Wxh, Whh)[1][1], "other-unit"),
                (run(t(Wxh), t(Whh))[1][0], "transposed-weights"),
                (run(t(Wxh), Whh)[1][0], "transposed-kernel"),
            ]
            for (value, id) in candidates where abs(value - right) > 1e-4 * abs(right) + 1e-6 {
                // rounded to 5 significant digits, as the ask says
                let verdict = try diagnosis(NumericExerciseTests.significant(value, 5))
                XCTAssertFalse(verdict.passed, "\(student) \(id)")
                XCTAssertEqual(verdict.diagnosis, id, "\(student) \(value): \(verdict.message)")
            }
            let early = try diagnosis(run(Wxh, Whh)[0][0])
            if early.diagnosis == "off-by-one" { XCTAssertTrue(early.message.contains("one step early"), early.message) }
            // Three significant digits are not the five the task asks for.
            let three = NumericExerciseTests.significant(right, 3)
            if abs(three - right) > 1e-5 * abs(right) {
                let verdict = try diagnosis(three)
                XCTAssertFalse(verdict.passed, "\(student): \(three) for \(right)")
                XCTAssertTrue(verdict.message.contains("5 significant digits"), verdict.message)
            }
        }
    }

    func testGradientNormOffByOneSpeaksOfFactors() throws {
        let v = try ExerciseFixtures.variant("kind: numeric\nquantity: grad-norm\nhidden: 4\nsteps: 15")
        let sigma = try XCTUnwrap(NumericExerciseTests.number(after: "σ_max = ", in: v.statement))
        let verdict = try v.check(.number(pow(sigma, 15) * 2))
        XCTAssertEqual(verdict.diagnosis, "off-by-one")
        XCTAssertTrue(verdict.message.contains("T − 1 factors of σ_max, not T"), verdict.message)
        XCTAssertFalse(verdict.message.contains("h_t is the state"), verdict.message)
    }

    func testSwappedGateBlocksAreNamed() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: lstm\nquantity: c\ninput: 2\nhidden: 3\nsteps: 5")
        let ref = KerasReference(v, cell: .lstm)
        XCTAssertTrue(try v.check(.arrays(["": ndarray(ref.run().c)])).passed)
        let fc = try v.check(.arrays(["": ndarray(ref.swappingBlocks(1, 2).run().c)]))
        XCTAssertEqual(fc.diagnosis, "gate-blocks-swapped", fc.message)
        XCTAssertTrue(fc.message.contains("the f block is used as c and the c block as f"), fc.message)
        let io = try v.check(.arrays(["": ndarray(ref.swappingBlocks(0, 3).run().c)]))
        XCTAssertEqual(io.diagnosis, "gate-blocks-swapped", io.message)
        XCTAssertTrue(io.message.contains("the i block is used as o"), io.message)
        let gru = try ExerciseFixtures.variant("kind: compute\ncell: gru\nquantity: h\ninput: 3\nhidden: 3\nsteps: 5")
        let g = KerasReference(gru, cell: .gru)
        let zh = try gru.check(.arrays(["": ndarray(g.swappingBlocks(0, 2).run().h)]))
        XCTAssertEqual(zh.diagnosis, "gate-blocks-swapped", zh.message)
        XCTAssertTrue(zh.message.contains("the z block is used as h"), zh.message)
        // z, r swapped keeps its own, older name
        XCTAssertEqual(try gru.check(.arrays(["": ndarray(g.swappingBlocks(0, 1).run().h)])).diagnosis, "pytorch-gate-order")
    }

    func testIgnoredInitialStateAndIncludedH0() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: gru\ngru-form: reset-before\nquantity: h\ninput: 3\nhidden: 3\nsteps: 5\ninitial-state: true")
        let ref = KerasReference(v, cell: .gru, resetAfter: false)
        XCTAssertNotNil(ref.h0)
        XCTAssertTrue(try v.check(.arrays(["": ndarray(ref.run().h)])).passed)
        var fromZero = ref
        fromZero.h0 = nil
        let zero = try v.check(.arrays(["": ndarray(fromZero.run().h)]))
        XCTAssertEqual(zero.diagnosis, "zero-initial-state", zero.message)
        // h_0 … h_T: T + 1 steps
        let withH0 = zip(ref.h0!, ref.run().h).map { [$0] + $1 }
        let included = try v.check(.arrays(["": ndarray(withH0)]))
        XCTAssertEqual(included.diagnosis, "includes-h0", included.message)
        var wrong = ndarray(withH0)
        wrong.data[7] += 0.3
        XCTAssertThrowsError(try v.check(.arrays(["": wrong]))) { e in
            XCTAssertTrue("\(e)".contains("T + 1 steps"), "\(e)")
        }
    }

    func testRecurrentKernelShapeWordsForASimpleRNN() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: rnn\nquantity: clipped_grad_recurrent_kernel\ninput: 2\nhidden: 3\nsteps: 4")
        XCTAssertTrue(v.statement.contains("(units, units), like recurrent_kernel"), v.statement)
        XCTAssertFalse(v.statement.contains("blocks·units"), v.statement)
        let lstm = try ExerciseFixtures.variant("kind: compute\ncell: lstm\nquantity: grad_recurrent_kernel")
        XCTAssertTrue(lstm.statement.contains("(units, 4·units)"), lstm.statement)
    }
}

extension NumericExerciseTests {
    /// `x` rounded to `digits` significant digits.
    static func significant(_ x: Double, _ digits: Int) -> Double {
        let scale = pow(10, Double(digits) - ceil(log10(abs(x))))
        return (x * scale).rounded() / scale
    }
}
