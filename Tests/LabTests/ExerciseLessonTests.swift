import Exercises
import Foundation
import Lab
import LessonKit
import RNNCore
import XCTest

/// The numeric and compute exercises of the shipped lessons, read through the lab's block
/// reader: for two students each, a right answer passes, a wrong one fails and a mistake is
/// named. Compute answers are made the way a learner would: the exported Keras arrays loaded
/// back (`KerasLayout.load`) and run, the mistakes done to those arrays.
final class ExerciseLessonTests: XCTestCase {
    static let catalog = ExerciseCatalog(lessons: LabFixtures.shipped)
    static let students = ["ada", "s-042"]

    private func variant(_ id: String, _ student: String) throws -> ExerciseVariant {
        try Self.catalog.entry(id: id).spec.variant(for: StudentID(student))
    }

    private func check(_ v: ExerciseVariant, _ a: NDArray) throws -> Verdict { try v.check(.arrays(["": a])) }

    private func files(_ v: ExerciseVariant) -> (weights: [String: NDArray], npy: [String: NDArray]) {
        var w: [String: NDArray] = [:], n: [String: NDArray] = [:]
        for f in v.files {
            if case .npz(let a) = f.contents { w = a }
            if case .npy(let a) = f.contents { n[f.name] = a }
        }
        return (w, n)
    }

    /// The forward pass of the exported data, the weights possibly changed first.
    private func trace(_ v: ExerciseVariant, _ kind: CellKind, resetAfter: Bool? = nil,
                       change: (inout [String: NDArray]) -> Void = { _ in }) throws -> (CellParameters, SequenceTrace) {
        var (w, n) = files(v)
        change(&w)
        let p = try KerasLayout.load(w, kind: kind, resetAfter: resetAfter, file: "weights.npz").parameters
        return (p, p.forward(n["x"]!.timeSteps(), h0: n["h0"]?.matrix, c0: n["c0"]?.matrix))
    }

    private func assertRightWrongAndMistake(_ v: ExerciseVariant, right: NDArray, mistake: NDArray, id: String,
                                            file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertTrue(try check(v, right).passed, v.student.value, file: file, line: line)
        var float32 = right
        float32.data = right.data.map { Double(Float($0)) }
        float32.dtype = .float32
        XCTAssertTrue(try check(v, float32).passed, "float32", file: file, line: line)
        var wrong = right
        wrong.data[0] += 0.1
        XCTAssertFalse(try check(v, wrong).passed, file: file, line: line)
        let verdict = try check(v, mistake)
        XCTAssertFalse(verdict.passed, file: file, line: line)
        XCTAssertEqual(verdict.diagnosis, id, verdict.message, file: file, line: line)
    }

    func testRecurrenceForward() throws {
        for s in Self.students {
            let v = try variant("recurrence-forward", s)
            XCTAssertEqual(v.answer?.shape, [2, 6, 4])
            let right = NDArray.stackingTimeSteps(try trace(v, .rnn).1.h)
            let transposed = NDArray.stackingTimeSteps(try trace(v, .rnn) { w in
                w["recurrent_kernel"] = NDArray(w["recurrent_kernel"]!.matrix!.transposed)
            }.1.h)
            try assertRightWrongAndMistake(v, right: right, mistake: transposed, id: "transposed-recurrent-kernel")
        }
    }

    func testLSTMCellStates() throws {
        for s in Self.students {
            let v = try variant("lstm-cell-states", s)
            let right = NDArray.stackingTimeSteps(try trace(v, .lstm).1.c)
            let noBias = NDArray.stackingTimeSteps(try trace(v, .lstm) { w in w["bias"] = NDArray.zeros([12]) }.1.c)
            try assertRightWrongAndMistake(v, right: right, mistake: noBias, id: "missing-bias")
        }
    }

    func testGRULectureForm() throws {
        for s in Self.students {
            let v = try variant("gru-lecture-form", s)
            let right = NDArray.stackingTimeSteps(try trace(v, .gru, resetAfter: false).1.h)
            // the same weights run with the reset gate after the product (Keras' default form)
            let after = NDArray.stackingTimeSteps(try trace(v, .gru, resetAfter: true) { w in
                w["bias"] = NDArray(shape: [2, 9], data: w["bias"]!.data + Array(repeating: 0, count: 9))
            }.1.h)
            try assertRightWrongAndMistake(v, right: right, mistake: after, id: "gru-reset-after")
        }
    }

    func testClippedGradient() throws {
        for s in Self.students {
            let v = try variant("gradient-flow-clip", s)
            let (w, _) = files(v)
            let (p, tr) = try trace(v, .rnn)
            let dh: [Matrix?] = (0..<4).map { $0 == 3 ? Matrix(rows: 2, cols: 3, repeating: 1) : nil }
            var grads = p.backward(tr, dh: dh).parameters
            let raw = grads["W_hh"]!.transposed  // Keras' recurrent_kernel is W_hhᵀ
            let c = try XCTUnwrap(Self.number(after: "c = ", in: v.statement), v.statement)
            let report = GradientClipping.clipByGlobalNorm(&grads, maxNorm: c)
            XCTAssertTrue(report.clipped, "the threshold must clip")
            XCTAssertEqual(w["recurrent_kernel"]?.shape, [3, 3])
            try assertRightWrongAndMistake(v, right: NDArray(grads["W_hh"]!.transposed), mistake: NDArray(raw), id: "not-clipped")
        }
    }

    // MARK: numeric

    func testStateByHand() throws {
        for s in Self.students {
            let v = try variant("recurrence-state-by-hand", s)
            let a = Self.arrays(in: v.statement)
            func h2(bias: Bool) -> [Double] {
                var h = [0.0, 0.0]
                for x in [a["x_1"]![0], a["x_2"]![0]] {
                    h = (0..<2).map { i in
                        tanh(zip(a["W_xh"]![i], x).map(*).reduce(0, +) + zip(a["W_hh"]![i], h).map(*).reduce(0, +) + (bias ? a["b"]![0][i] : 0))
                    }
                }
                return h
            }
            XCTAssertTrue(try v.check(.number(h2(bias: true)[0])).passed, v.statement)
            XCTAssertFalse(try v.check(.number(h2(bias: true)[0] + 0.01)).passed)
            XCTAssertEqual(try v.check(.number(h2(bias: false)[0])).diagnosis, "missing-bias")
        }
    }

    /// "to at least 5 significant digits" is what the check needs (rtol 1e-4, atol 0 in the
    /// blocks): 5 digits, rounded or cut, pass however small the number; 3 digits fail unless
    /// they happen to lie within 1e-4 of it.
    func testFiveSignificantDigits() throws {
        var threeFailed = 0
        for id in ["recurrence-state-by-hand", "gradient-flow-norm"] {
            for s in ["ada", "bob", "cy", "dee", "eve", "finn", "gus", "hal"] {
                let v = try variant(id, s)
                XCTAssertTrue(v.statement.contains("to at least 5 significant digits"), v.statement)
                guard case .number(let e) = v.solution else { return XCTFail(id) }
                func scale(_ digits: Double) -> Double { pow(10, digits - ceil(log10(abs(e)))) }
                for five in [(e * scale(5)).rounded() / scale(5), (e * scale(5)).rounded(.towardZero) / scale(5)] {
                    XCTAssertTrue(try v.check(.number(five)).passed, "\(id) \(s): \(five) for \(e)")
                }
                let three = (e * scale(3)).rounded() / scale(3)
                let passed = try v.check(.number(three)).passed
                XCTAssertEqual(passed, abs(three - e) <= 1e-4 * abs(e), "\(id) \(s): \(three) for \(e)")
                if !passed { threeFailed += 1 }
            }
        }
        XCTAssertGreaterThan(threeFailed, 12, "3 digits are not enough")
    }

    func testGradientNorm() throws {
        for s in Self.students {
            let v = try variant("gradient-flow-norm", s)
            let sigma = try XCTUnwrap(Self.number(after: "σ_max = ", in: v.statement))
            XCTAssertLessThan(sigma, 1)
            XCTAssertTrue(try v.check(.number(pow(sigma, 14) * 2)).passed, v.statement)
            XCTAssertFalse(try v.check(.number(pow(sigma, 14) * 2.1)).passed)
            XCTAssertEqual(try v.check(.number(pow(sigma, 15) * 2)).diagnosis, "off-by-one")
        }
    }

    func testGRUParameters() throws {
        for s in Self.students {
            let v = try variant("keras-gru-parameters", s)
            let D = Int(try XCTUnwrap(Self.number(after: "D = ", in: v.statement)))
            let H = Int(try XCTUnwrap(Self.number(after: "H = ", in: v.statement)))
            XCTAssertTrue(try v.check(.number(Double(3 * (D * H + H * H + 2 * H)))).passed)
            XCTAssertFalse(try v.check(.number(Double(3 * (D * H + H * H + 2 * H) + 3))).passed)
            XCTAssertEqual(try v.check(.number(Double(3 * (D * H + H * H + H)))).diagnosis, "gru-one-bias")
        }
    }

    /// Every numeric and compute exercise of the shipped lessons builds for a student, and its
    /// own solution passes.
    func testEveryShippedExerciseBuilds() throws {
        let mine = Self.catalog.entries.filter { ["numeric", "compute"].contains($0.spec.kindWord) }
        XCTAssertGreaterThanOrEqual(mine.count, 7)
        for e in mine {
            let v = try e.spec.variant(for: StudentID("zoe"))
            switch v.solution {
            case .number(let x): XCTAssertTrue(try v.check(.number(x)).passed, e.spec.id)
            case .array(let a): XCTAssertTrue(try check(v, a).passed, e.spec.id)
            default: XCTFail(e.spec.id)
            }
        }
    }

    // MARK: reading the statement as the student does

    static func number(after label: String, in s: String) -> Double? {
        guard let r = s.range(of: label) else { return nil }
        var text = String(s[r.upperBound...].prefix { "0123456789.-".contains($0) })
        while text.hasSuffix(".") { text.removeLast() }
        return Double(text)
    }

    /// The `name = [[…]]` lines of the statement's code block.
    static func arrays(in statement: String) -> [String: [[Double]]] {
        let block = statement.components(separatedBy: "```").dropFirst().first ?? ""
        var out: [String: [[Double]]] = [:], name = ""
        for line in block.split(separator: "\n") {
            var text = Substring(line)
            if let eq = line.range(of: " = ") {
                name = line[..<eq.lowerBound].trimmingCharacters(in: .whitespaces)
                text = line[eq.upperBound...]
                out[name] = []
            }
            // each line holds one row: [a, b] or [[a, b], or  [a, b]]
            let row = text.trimmingCharacters(in: CharacterSet(charactersIn: "[], "))
            out[name]!.append(row.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces))! })
        }
        return out
    }
}
