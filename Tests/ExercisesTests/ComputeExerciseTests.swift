import Exercises
import RNNCore
import XCTest

/// Every compute quantity: the answer of an independent numpy-style computation passes (also
/// rounded to float32), a perturbed one fails, and the mistakes are named on submissions made
/// by the test's own loop (`KerasReference`), never by the production mistake code.
final class ComputeExerciseTests: XCTestCase {
    private func check(_ v: ExerciseVariant, _ a: NDArray) throws -> Verdict { try v.check(.arrays(["": a])) }

    /// Right, float32-right, and a perturbed answer that no mistake explains.
    private func assertChecks(_ v: ExerciseVariant, right: NDArray, file: StaticString = #filePath, line: UInt = #line) throws {
        let ok = try check(v, right)
        XCTAssertTrue(ok.passed, ok.message, file: file, line: line)
        XCTAssertTrue(try check(v, float32(right)).passed, "float32", file: file, line: line)
        var wrong = right
        wrong.data[wrong.count / 2] += 0.05
        let bad = try check(v, wrong)
        XCTAssertFalse(bad.passed, file: file, line: line)
        XCTAssertNil(bad.diagnosis, bad.message, file: file, line: line)
        XCTAssertTrue(bad.message.contains("largest difference"), bad.message, file: file, line: line)
    }

    private func assertDiagnosis(_ v: ExerciseVariant, _ a: NDArray, _ id: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let verdict = try check(v, a)
        XCTAssertFalse(verdict.passed, file: file, line: line)
        XCTAssertEqual(verdict.diagnosis, id, verdict.message, file: file, line: line)
        // float32 rounding of the mistaken answer is diagnosed the same
        XCTAssertEqual(try check(v, float32(a)).diagnosis, id, file: file, line: line)
    }

    // MARK: forward quantities

    func testRNNEveryHidden() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: rnn\nquantity: h\ninput: 3\nhidden: 4\nsteps: 5")
        XCTAssertEqual(v.answer, AnswerDescription(file: "answer.npy", shape: [2, 5, 4], quantity: "h"))
        XCTAssertEqual(v.cell, "rnn")
        XCTAssertNil(v.resetAfter)
        let ref = KerasReference(v, cell: .rnn)
        let h = ndarray(ref.run().h)
        try assertChecks(v, right: h)
        try assertDiagnosis(v, ndarray(ref.transposingRecurrentBlocks().run().h), "transposed-recurrent-kernel")
        try assertDiagnosis(v, ndarray(ref.withoutBias().run().h), "missing-bias")
        // h_0, h_1, …, h_{T-1}: one step late
        let late = ref.run().h.map { [Array(repeating: 0.0, count: 4)] + $0.dropLast() }
        try assertDiagnosis(v, ndarray(late), "off-by-one")
        try assertDiagnosis(v, ndarray(ref.run().h.map { $0.last! }), "only-last-state")
        // (T, B, H)
        let o = ref.run().h
        try assertDiagnosis(v, ndarray((0..<5).map { t in (0..<2).map { o[$0][t] } }), "time-major")
        // sigmoid for tanh: the student's loop with 1/(1+e^-a)
        var sig = ref
        sig.recurrent = ref.recurrent  // same arrays; the activation differs
        try assertDiagnosis(v, ndarray(Self.sigmoidRNN(ref)), "sigmoid-for-tanh")
    }

    private static func sigmoidRNN(_ r: KerasReference) -> [[[Double]]] {
        r.x.map { seq in
            var h = Array(repeating: 0.0, count: r.H)
            return seq.map { xt in
                h = (0..<r.H).map { j in
                    let a: Double = dotColumn(xt, r.kernel, j) + dotColumn(h, r.recurrent, j) + r.bias[j]
                    return 1 / (1 + exp(-a))
                }
                return h
            }
        }
    }

    func testSquareKernelAndDoubledBias() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: rnn\nquantity: h\ninput: 3\nhidden: 3\nsteps: 4")
        let ref = KerasReference(v, cell: .rnn)
        try assertChecks(v, right: ndarray(ref.run().h))
        var t = ref
        t.kernel = (0..<3).map { i in (0..<3).map { j in ref.kernel[j][i] } }
        try assertDiagnosis(v, ndarray(t.run().h), "transposed-kernel")
        var twice = ref
        twice.bias = ref.bias.map { 2 * $0 }
        try assertDiagnosis(v, ndarray(twice.run().h), "bias-twice")
    }

    func testRNNLastState() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: rnn\nquantity: h_T\ninitial-state: true")
        XCTAssertEqual(v.answer?.shape, [2, 4])
        XCTAssertTrue(v.files.map(\.fileName).contains("h0.npy"))
        let ref = KerasReference(v, cell: .rnn)
        try assertChecks(v, right: ndarray(ref.run().h.map { $0.last! }))
        try assertDiagnosis(v, ndarray(ref.run().h.map { $0[$0.count - 2] }), "off-by-one")
        try assertDiagnosis(v, ndarray(ref.transposingRecurrentBlocks().run().h.map { $0.last! }), "transposed-recurrent-kernel")
    }

    func testLSTMCellStates() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: lstm\nquantity: c\ninitial-state: true")
        let ref = KerasReference(v, cell: .lstm)
        let out = ref.run()
        try assertChecks(v, right: ndarray(out.c))
        try assertDiagnosis(v, ndarray(out.h), "h-instead-of-c")
        try assertDiagnosis(v, ndarray(ref.withoutBias().run().c), "missing-bias")
        try assertDiagnosis(v, ndarray(ref.transposingRecurrentBlocks().run().c), "transposed-recurrent-kernel")
        // Keras i, f, c, o read as i, f, o, c (CS231n's i, f, o, g): blocks 2 and 3 swapped
        try assertDiagnosis(v, ndarray(ref.swappingBlocks(2, 3).run().c), "ifog-gate-order")
        try assertDiagnosis(v, ndarray(out.c.map { $0.last! }), "only-last-state")
    }

    func testLSTMHiddenAndGate() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: lstm\nquantity: h")
        let ref = KerasReference(v, cell: .lstm)
        try assertChecks(v, right: ndarray(ref.run().h))
        try assertDiagnosis(v, ndarray(ref.run().c), "c-instead-of-h")
        // h = o ⊙ c, the student's own loop: o from the gates of that loop
        try assertDiagnosis(v, ndarray(Self.lstm(ref, tanhOnC: false)), "missing-tanh-on-c")
        try assertDiagnosis(v, ndarray(Self.lstm(ref, sigmoidG: true)), "sigmoid-for-tanh")

        let lastC = try ExerciseFixtures.variant("kind: compute\ncell: lstm\nquantity: c_T")
        let r2 = KerasReference(lastC, cell: .lstm)
        try assertChecks(lastC, right: ndarray(r2.run().c.map { $0.last! }))
        try assertDiagnosis(lastC, ndarray(r2.run().h.map { $0.last! }), "h-instead-of-c")

        let gate = try ExerciseFixtures.variant("kind: compute\ncell: lstm\nquantity: f")
        let r3 = KerasReference(gate, cell: .lstm)
        try assertChecks(gate, right: ndarray(r3.run().gates["f"]!))
        try assertDiagnosis(gate, ndarray(r3.withoutBias().run().gates["f"]!), "missing-bias")
    }

    /// The student's LSTM loop, with h = o ⊙ c or g = σ(…) when asked.
    private static func lstm(_ r: KerasReference, tanhOnC: Bool = true, sigmoidG: Bool = false) -> [[[Double]]] {
        func sig(_ a: Double) -> Double { 1 / (1 + exp(-a)) }
        let H = r.H
        return r.x.map { seq in
            var h = Array(repeating: 0.0, count: H), c = h
            return seq.map { xt in
                let z: [Double] = (0..<(4 * H)).map { j in dotColumn(xt, r.kernel, j) + dotColumn(h, r.recurrent, j) + r.bias[j] }
                let g: [Double] = (0..<H).map { sigmoidG ? sig(z[2 * H + $0]) : tanh(z[2 * H + $0]) }
                c = (0..<H).map { sig(z[H + $0]) * c[$0] + sig(z[$0]) * g[$0] }
                h = (0..<H).map { sig(z[3 * H + $0]) * (tanhOnC ? tanh(c[$0]) : c[$0]) }
                return h
            }
        }
    }

    func testGRUKerasResetAfter() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: gru\nquantity: h")
        guard case .npz(let w) = v.files[0].contents else { return XCTFail("weights first") }
        XCTAssertEqual(w["bias"]?.shape, [2, 12])
        XCTAssertEqual(w["kernel"]?.dtype, .float32)
        let ref = KerasReference(v, cell: .gru, resetAfter: true)
        try assertChecks(v, right: ndarray(ref.run().h))
        // PyTorch's r, z, n read from Keras' z, r, h: blocks 0 and 1 swapped
        try assertDiagnosis(v, ndarray(ref.swappingBlocks(0, 1).run().h), "pytorch-gate-order")
        try assertDiagnosis(v, ndarray(ref.withoutBias().run().h), "missing-bias")
        var before = ref
        before.resetAfter = false
        before.bias = zip(ref.bias, ref.recurrentBias).map { $0 + $1 }
        // the reset-before formula but both biases kept where they were (recurrent one on U_h h)
        try assertDiagnosis(v, ndarray(Self.gruResetBefore(ref)), "gru-reset-before")
        var summed = ref
        summed.bias = zip(ref.bias, ref.recurrentBias).map { $0 + $1 }
        summed.recurrentBias = ref.recurrentBias.map { _ in 0 }
        try assertDiagnosis(v, ndarray(summed.run().h), "gru-biases-summed")
    }

    /// n = tanh(x W + b_x + (r ⊙ h) U_h + b_hh): the lecture's placement with Keras' two biases.
    private static func gruResetBefore(_ r: KerasReference) -> [[[Double]]] {
        func sig(_ a: Double) -> Double { 1 / (1 + exp(-a)) }
        let H = r.H
        return r.x.map { seq in
            var h = Array(repeating: 0.0, count: H)
            return seq.map { xt in
                let xk: [Double] = (0..<(3 * H)).map { j in dotColumn(xt, r.kernel, j) + r.bias[j] }
                let hk: [Double] = (0..<(2 * H)).map { j in dotColumn(h, r.recurrent, j) + r.recurrentBias[j] }
                let z = (0..<H).map { sig(xk[$0] + hk[$0]) }, rr = (0..<H).map { sig(xk[H + $0] + hk[H + $0]) }
                let rh: [Double] = (0..<H).map { rr[$0] * h[$0] }
                let n: [Double] = (0..<H).map { j in tanh(xk[2 * H + j] + dotColumn(rh, r.recurrent, 2 * H + j) + r.recurrentBias[2 * H + j]) }
                h = (0..<H).map { z[$0] * h[$0] + (1 - z[$0]) * n[$0] }
                return h
            }
        }
    }

    func testGRULectureForm() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: gru\ngru-form: reset-before\nquantity: h\ninitial-state: true")
        guard case .npz(let w) = v.files[0].contents else { return XCTFail("weights first") }
        XCTAssertEqual(w["bias"]?.shape, [12])
        XCTAssertTrue(v.statement.contains("reset_after=False"), v.statement)
        XCTAssertEqual(v.cell, "gru")
        XCTAssertEqual(v.resetAfter, false)
        let ref = KerasReference(v, cell: .gru, resetAfter: false)
        try assertChecks(v, right: ndarray(ref.run().h))
        var after = ref
        after.resetAfter = true
        try assertDiagnosis(v, ndarray(after.run().h), "gru-reset-after")
        // the same, the one bias's candidate block put inside r ⊙ (h U_h + b)
        var inside = after
        for j in 8..<12 { inside.recurrentBias[j] = ref.bias[j]; inside.bias[j] = 0 }
        try assertDiagnosis(v, ndarray(inside.run().h), "gru-reset-after")
        try assertDiagnosis(v, ndarray(ref.swappingBlocks(0, 1).run().h), "pytorch-gate-order")
        try assertDiagnosis(v, ndarray(ref.transposingRecurrentBlocks().run().h), "transposed-recurrent-kernel")
        // h_t = (1 − z) h_{t-1} + z h̃: the same loop with z and 1 − z exchanged
        var flipped = ref
        flipped.kernel = ref.kernel.map { row in row.enumerated().map { $0.offset < 4 ? -$0.element : $0.element } }
        flipped.recurrent = ref.recurrent.map { row in row.enumerated().map { $0.offset < 4 ? -$0.element : $0.element } }
        flipped.bias = ref.bias.enumerated().map { $0.offset < 4 ? -$0.element : $0.element }
        try assertDiagnosis(v, ndarray(flipped.run().h), "update-gate-reversed")
        let z = try ExerciseFixtures.variant("kind: compute\ncell: gru\ngru-form: reset-before\nquantity: z")
        let rz = KerasReference(z, cell: .gru, resetAfter: false)
        try assertChecks(z, right: ndarray(rz.run().gates["z"]!))
        try assertDiagnosis(z, ndarray(rz.swappingBlocks(0, 1).run().gates["z"]!), "pytorch-gate-order")
    }

    // MARK: gradients (checked against central differences of the test's own forward pass)

    func testGradH0() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: rnn\nquantity: grad_h0\ninitial-state: true\nsteps: 3\nhidden: 3")
        XCTAssertEqual(v.answer?.shape, [2, 3])
        let ref = KerasReference(v, cell: .rnn)
        let g = ref.gradient(of: \.h0OrZeros)
        try assertChecks(v, right: ndarray(g))
        try assertDiagnosis(v, ndarray(ref.withoutBias().gradient(of: \.h0OrZeros)), "missing-bias")
    }

    func testGradRecurrentKernelWithUpstream() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: lstm\nquantity: grad_recurrent_kernel\nloss: upstream\nsteps: 3\nhidden: 2\ninput: 2")
        XCTAssertEqual(v.answer?.shape, [2, 8])
        let dh = try XCTUnwrap(v.files.first { $0.name == "dh" }.flatMap { if case .npy(let a) = $0.contents { a } else { nil } })
        let ref = KerasReference(v, cell: .lstm)
        let g = ndarray(ref.gradient(of: \.recurrent, upstream: dh))
        try assertChecks(v, right: g)
        try assertDiagnosis(v, NDArray(g.matrix!.transposed), "transposed-gradient")
        try assertDiagnosis(v, ndarray(ref.withoutBias().gradient(of: \.recurrent, upstream: dh)), "missing-bias")
    }

    func testClippedGradient() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: rnn\nquantity: clipped_grad_recurrent_kernel\nsteps: 4\nhidden: 3")
        let threshold = try XCTUnwrap(Self.threshold(in: v.statement), v.statement)
        let ref = KerasReference(v, cell: .rnn)
        let gk = ref.gradient(of: \.kernel), gr = ref.gradient(of: \.recurrent), gb = ref.gradient(of: \.bias)
        let norm = (gk.joined().map { $0 * $0 }.reduce(0, +) + gr.joined().map { $0 * $0 }.reduce(0, +) + gb.map { $0 * $0 }.reduce(0, +)).squareRoot()
        XCTAssertGreaterThan(norm, threshold, "the threshold must clip")
        let clipped = ndarray(gr.map { $0.map { $0 * threshold / norm } })
        try assertChecks(v, right: clipped)
        try assertDiagnosis(v, ndarray(gr.map { $0.map { min(max($0, -threshold), threshold) } }), "clipped-by-value")
        try assertDiagnosis(v, ndarray(gr), "not-clipped")
        try assertDiagnosis(v, NDArray(clipped.matrix!.transposed), "transposed-gradient")
        let own = gr.joined().map { $0 * $0 }.reduce(0, +).squareRoot()
        try assertDiagnosis(v, ndarray(gr.map { $0.map { $0 * threshold / own } }), "clipped-own-norm")
    }

    static func threshold(in statement: String) -> Double? {
        guard let r = statement.range(of: #"c = [0-9.e-]+"#, options: .regularExpression) else { return nil }
        return Double(statement[r].dropFirst(4))
    }

    // MARK: bad answers, students, blocks

    func testShapesAndBadSubmissions() throws {
        let v = try ExerciseFixtures.variant("kind: compute\ncell: rnn\nquantity: h")
        XCTAssertThrowsError(try check(v, NDArray.zeros([2, 4]))) { e in
            XCTAssertTrue("\(e)".contains("every time step"), "\(e)")
            XCTAssertTrue("\(e)".contains("(2, 5, 4) = (batch, time, units)"), "\(e)")
        }
        XCTAssertThrowsError(try check(v, NDArray.zeros([5, 4]))) { e in XCTAssertTrue("\(e)".contains("every sequence"), "\(e)") }
        let last = try ExerciseFixtures.variant("kind: compute\ncell: rnn\nquantity: h_T")
        XCTAssertThrowsError(try check(last, NDArray.zeros([2, 5, 4]))) { e in XCTAssertTrue("\(e)".contains("last state only"), "\(e)") }
        XCTAssertThrowsError(try check(v, NDArray.zeros([3, 3])))
        XCTAssertThrowsError(try v.check(.number(1)))
        XCTAssertThrowsError(try check(v, NDArray(shape: [2, 5, 4], data: Array(repeating: .nan, count: 40)))) { e in
            XCTAssertTrue("\(e)".contains("finite"), "\(e)")
        }
        let right = ndarray(KerasReference(v, cell: .rnn).run().h)
        XCTAssertTrue(try v.check(.arrays(["h": right, "other": NDArray.zeros([1])])).passed)
        XCTAssertThrowsError(try v.check(.arrays(["a": right, "b": right])))
        guard case .array(let solution) = v.solution else { return XCTFail("array solution") }
        XCTAssertTrue(try check(v, solution).passed)
    }

    func testStudentsGetTheirOwnData() throws {
        let keys = "kind: compute\ncell: lstm\nquantity: h"
        let a = try ExerciseFixtures.variant(keys, student: "ada"), a2 = try ExerciseFixtures.variant(keys, student: "ada")
        let b = try ExerciseFixtures.variant(keys, student: "bob")
        func x(_ v: ExerciseVariant) -> [Double] { if case .npy(let arr) = v.files[1].contents { arr.data } else { [] } }
        XCTAssertEqual(x(a), x(a2))
        XCTAssertNotEqual(x(a), x(b))
        XCTAssertEqual(a.statement, a2.statement)
        // one student's answer fails for the other
        let ra = ndarray(KerasReference(a, cell: .lstm).run().h)
        XCTAssertFalse(try check(b, ra).passed)
    }

    func testBlockErrors() {
        XCTAssertEqual(ExerciseFixtures.errors("kind: compute\ncell: rnn\nquantity: c"), ["t.md:16: only the LSTM has a cell state c"])
        XCTAssertEqual(ExerciseFixtures.errors("kind: compute\ncell: lstm\nquantity: h\ngru-form: reset-after"),
                       ["t.md:17: 'gru-form' is only for 'cell: gru'"])
        XCTAssertEqual(ExerciseFixtures.errors("kind: compute\ncell: rnn\nquantity: h\nloss: last"),
                       ["t.md:17: 'loss' is only for a gradient quantity (grad_h0, grad_recurrent_kernel, clipped_grad_recurrent_kernel)"])
        XCTAssertEqual(ExerciseFixtures.errors("kind: compute\ncell: rnn\nquantity: q").count, 1)
        XCTAssertEqual(ExerciseFixtures.errors("kind: compute\nquantity: h"), ["t.md:9: exercise block is missing 'cell'"])
    }
}
