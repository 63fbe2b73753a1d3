import Exercises
import Foundation
import KerasModel
import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// The claims of the shipped lessons' exercise steps that no other test checks: what their
/// prose, hints and solutions say a panel shows or a computation gives, measured on the
/// step's panel or on a student's exported data. The compute solutions are done here the way
/// their hints and code write them, with plain loops over the exported Keras arrays (not
/// through RNNCore's cells), so a hint with a wrong block order or formula fails.
final class ExerciseClaimsTests: XCTestCase {
    static let catalog = LabExercises.catalog(LabFixtures.shipped)
    static let students = ["ada", "s-042"]

    private func variant(_ id: String, _ student: String = "ada") throws -> ExerciseVariant {
        let entry = try Self.catalog.entry(id: id)
        let lesson = try XCTUnwrap(LabFixtures.shipped.first { $0.id == entry.lessonID })
        return try LabExercises.variant(entry, in: lesson, student: StudentID(student))
    }

    private func files(_ v: ExerciseVariant) -> (weights: [String: NDArray], npy: [String: NDArray]) {
        var w: [String: NDArray] = [:], n: [String: NDArray] = [:]
        for f in v.files {
            if case .npz(let a) = f.contents { w = a }
            if case .npy(let a) = f.contents { n[f.name] = a }
        }
        return (w, n)
    }

    // MARK: numpy by hand

    /// Row r of a 2-D array (or x[b, t] of a 3-D one, with r = b·T + t).
    private static func row(_ a: NDArray, _ r: Int) -> [Double] {
        let n = a.shape.last!
        return Array(a.data[(r * n)..<((r + 1) * n)])
    }

    /// v @ M for a (k, n) matrix M, columns `cols` only.
    private static func times(_ v: [Double], _ m: NDArray, cols: Range<Int>? = nil) -> [Double] {
        let n = m.shape[1], c = cols ?? 0..<n
        return c.map { j in v.indices.reduce(0) { $0 + v[$1] * m.data[$1 * n + j] } }
    }

    private static func add(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map(+) }
    private static func sigmoid(_ a: [Double]) -> [Double] { a.map { 1 / (1 + exp(-$0)) } }

    /// (batch, time, units) from the states of every sequence.
    private static func stacked(_ states: [[[Double]]]) -> NDArray {
        NDArray(shape: [states.count, states[0].count, states[0][0].count], data: Array(states.joined().joined()))
    }

    // MARK: Lesson 1

    /// Option a's why and hint 2: in the pulse step x_1's echo is still visible in h_t up to
    /// t = 10 (its values read above 0.001 there, Lesson1ClaimsTests.testStep5TheEchoFades).
    func testTheSharedWeightsWhyNamesThePulseStepsEcho() throws {
        let e = try LabFixtures.experiment("recurrence", "pulse")
        let run = try XCTUnwrap(e.data(StatesView.self) ?? e.data(HeatmapView.self))
        let size = run.states.map { $0.map(abs).max()! }
        XCTAssertEqual(run.inputs[0], 1)
        XCTAssertTrue(run.inputs.dropFirst().allSatisfy { $0 == 0 })
        XCTAssertGreaterThan(Double(String(format: "%.3f", size[9]))!, 0.001, "visible at t = 10")
        let spec = try Self.catalog.entry(id: "recurrence-shared-weights").spec
        guard case .choice(let c) = spec.kind else { return XCTFail() }
        XCTAssertTrue(c.options[0].why?.contains("the pulse step showed its echo in h_t up to t = 10") ?? false, c.options[0].why ?? "")
    }

    /// "Your numbers are your own: every student gets different weights"; D = 2, H = 2, two steps.
    func testStateByHandNumbersAreEachStudentsOwn() throws {
        let statements = try ["ada", "bob", "cy", "dee"].map { try variant("recurrence-state-by-hand", $0).statement }
        XCTAssertEqual(Set(statements).count, 4)
        for s in statements {
            let a = ExerciseLessonTests.arrays(in: s)
            XCTAssertEqual(a["W_xh"]?.map(\.count), [2, 2], s)
            XCTAssertEqual(a["W_hh"]?.map(\.count), [2, 2], s)
            XCTAssertNotNil(a["x_1"]); XCTAssertNotNil(a["x_2"]); XCTAssertNotNil(a["b"])
        }
    }

    /// Hint 1 and the solution: h_t = tanh(x_t @ kernel + h_{t-1} @ recurrent_kernel + bias),
    /// from h_0 = 0, h_1 … h_T stored, batch-major.
    func testRecurrenceForwardAsTheHintWritesIt() throws {
        for s in Self.students {
            let v = try variant("recurrence-forward", s)
            let (w, n) = files(v)
            let x = try XCTUnwrap(n["x"]), K = w["kernel"]!, R = w["recurrent_kernel"]!, b = w["bias"]!.data
            let (B, T, H) = (x.shape[0], x.shape[1], R.shape[0])
            let states: [[[Double]]] = (0..<B).map { bi in
                var h = [Double](repeating: 0, count: H)
                return (0..<T).map { t in
                    h = Self.add(Self.add(Self.times(Self.row(x, bi * T + t), K), Self.times(h, R)), b).map(tanh)
                    return h
                }
            }
            let verdict = try v.check(.arrays(["": Self.stacked(states)]))
            XCTAssertTrue(verdict.passed, verdict.message)
        }
    }

    // MARK: Lesson 2

    /// The step's panel: 50 steps, σ_max 0.5 to start, the gradient at t = 1 about 10^15
    /// times smaller than at the loss; the input tiny, so the states stay far inside tanh's
    /// linear part.
    func testTheSigmaStepsPanel() throws {
        let e = try LabFixtures.experiment("gradient-flow", "exercise-sigma")
        XCTAssertEqual(e.steps, 50)
        XCTAssertEqual(e.values["sigma"], 0.5)
        let flow = try XCTUnwrap(e.data(GradientsView.self))
        XCTAssertEqual(log10(flow.gradient[0] / flow.gradient[49]), -15, accuracy: 0.5)
        XCTAssertTrue(LessonExercisesTests.flatStep("gradient-flow", "exercise-sigma").contains(
            "over 50 steps and starting at $\\sigma_{max} = 0.5$: the gradient at $t = 1$ is about $10^{15}$ times smaller than at the loss."))
    }

    /// Hint 1: each step back multiplies by about σ_max, 49 steps by σ_max^49, less far above 1
    /// where the growing states bend tanh (1.1 gives 59, not 1.1^49 ≈ 107).
    func testTheSigmaHintsFactorPerStep() throws {
        let m = try LabExercises.measurer(Self.catalog.entry(id: "gradient-flow-sigma"),
                                          in: XCTUnwrap(LabFixtures.shipped.first { $0.id == "gradient-flow" }))
        for sigma in [0.5, 0.9, 0.95, 0.97, 1.0, 1.03, 1.06] {
            let r = try m.measure("gradient-ratio", knobs: ["sigma": sigma])
            XCTAssertEqual(log(r), 49 * log(sigma), accuracy: 0.15, "σ \(sigma): \(r)")
        }
        let r11 = try m.measure("gradient-ratio", knobs: ["sigma": 1.1])
        XCTAssertLessThan(r11, 0.7 * pow(1.1, 49), "above 1 the factor is smaller than σ^49")
        XCTAssertTrue(LessonExercisesTests.flatHints("gradient-flow-sigma").contains(
            "49 steps multiply by σ_max^49 (less far above 1, where the growing states bend tanh)."))
    }

    /// The keys the exercise steps name: "Turn + and -" (σ_max), "Raise the forget gate's bias
    /// with b (lower it with B)".
    func testTheKeysTheStepsName() throws {
        let sigma = try XCTUnwrap(Knobs.named("sigma")), bias = try XCTUnwrap(Knobs.named("forget-bias"))
        XCTAssertEqual(sigma.up, .character("+"))
        XCTAssertEqual(sigma.down, .character("-"))
        XCTAssertEqual(bias.up, .character("b"))
        XCTAssertEqual(bias.down, .character("B"))
        XCTAssertTrue(LessonExercisesTests.flatStep("gradient-flow", "exercise-sigma").contains("Turn **+** and **-** (or type `:` and a value)"))
        XCTAssertTrue(LessonExercisesTests.flatStep("lstm", "exercise-forget-bias").contains("Raise the forget gate's bias with **b** (lower it with **B**)"))
        XCTAssertEqual(try LabFixtures.experiment("gradient-flow", "exercise-sigma").knobs.map(\.name), ["sigma"])
        XCTAssertEqual(try LabFixtures.experiment("lstm", "exercise-forget-bias").knobs.map(\.name), ["forget-bias"])
    }

    /// The shared-weights solution: "the parameter count is the same for 10 or 10 000 steps".
    func testTheParameterCountDoesNotDependOnT() throws {
        func count(_ T: Int) throws -> Int {
            try KerasModelReader.summarize("import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(\(T), 3)), layers.SimpleRNN(4)])\n").totalParameters
        }
        XCTAssertEqual(try count(10), try count(10_000))
        XCTAssertEqual(try count(10), 4 * (3 + 4) + 4)
        XCTAssertTrue(LessonExercisesTests.flatSolution("recurrence-shared-weights").contains("the parameter count is the same for 10 or 10 000 steps"))
    }

    /// Hint 1: ‖∂L/∂h_T‖ is √H, not 1: σ^(T−1) alone is wrong.
    func testTheGradientNormNeedsRootH() throws {
        for s in Self.students {
            let v = try variant("gradient-flow-norm", s)
            let sigma = try XCTUnwrap(ExerciseLessonTests.number(after: "σ_max = ", in: v.statement))
            XCTAssertTrue(try v.check(.number(pow(sigma, 14) * 4.0.squareRoot())).passed)
            XCTAssertFalse(try v.check(.number(pow(sigma, 14))).passed, "without √H")
        }
    }

    /// The solution of the clipping exercise, done as its text writes it: δ = dh ⊙ (1 − h_t²),
    /// dK += x_tᵀ δ, dR += h_{t−1}ᵀ δ, db += Σ_batch δ, dh = δ Rᵀ; n over all three; dR·c/n,
    /// with n > c.
    func testClippedGradientAsTheSolutionWritesIt() throws {
        for s in Self.students {
            let v = try variant("gradient-flow-clip", s)
            let (w, n) = files(v)
            let x = try XCTUnwrap(n["x"]), K = w["kernel"]!, R = w["recurrent_kernel"]!, bias = w["bias"]!.data
            let (B, T, D, H) = (x.shape[0], x.shape[1], x.shape[2], R.shape[0])
            var dK = [Double](repeating: 0, count: D * H), dR = [Double](repeating: 0, count: H * H)
            var db = [Double](repeating: 0, count: H)
            for bi in 0..<B {
                var hs = [[Double](repeating: 0, count: H)]
                for t in 0..<T {
                    hs.append(Self.add(Self.add(Self.times(Self.row(x, bi * T + t), K), Self.times(hs[t], R)), bias).map(tanh))
                }
                var dh = [Double](repeating: 1, count: H)
                for t in stride(from: T, through: 1, by: -1) {
                    let delta = zip(dh, hs[t]).map { $0 * (1 - $1 * $1) }
                    let xt = Self.row(x, bi * T + t - 1)
                    for i in 0..<D { for j in 0..<H { dK[i * H + j] += xt[i] * delta[j] } }
                    for i in 0..<H { for j in 0..<H { dR[i * H + j] += hs[t - 1][i] * delta[j] } }
                    for j in 0..<H { db[j] += delta[j] }
                    dh = (0..<H).map { i in (0..<H).reduce(0) { $0 + delta[$1] * R.data[i * H + $1] } }
                }
            }
            let norm = (dK + dR + db).reduce(0) { $0 + $1 * $1 }.squareRoot()
            let c = try XCTUnwrap(ExerciseLessonTests.number(after: "c = ", in: v.statement), v.statement)
            XCTAssertGreaterThan(norm, c, "n > c here")
            let answer = NDArray(shape: [H, H], data: dR.map { $0 * c / norm })
            let verdict = try v.check(.arrays(["": answer]))
            XCTAssertTrue(verdict.passed, verdict.message)
        }
    }

    // MARK: Lesson 3

    /// The step's prose: one pulse at t = 1, 60 steps, gone within 7 steps with the bias as
    /// drawn; hint 2: raising b_f by 1 moves f towards 1 for every unit at once; the solution:
    /// at f = 0.5 the echo is below 1 % within 7 steps.
    func testTheForgetBiasStep() throws {
        let e = try LabFixtures.experiment("lstm", "exercise-forget-bias")
        XCTAssertEqual(e.steps, 60)
        let drawn = try XCTUnwrap(e.data(GatesView.self))
        XCTAssertEqual(drawn.inputs[0], 1)
        XCTAssertTrue(drawn.inputs.dropFirst().allSatisfy { $0 == 0 })
        let m = try LabExercises.measurer(Self.catalog.entry(id: "lstm-forget-bias-memory"),
                                          in: XCTUnwrap(LabFixtures.shipped.first { $0.id == "lstm" }))
        XCTAssertEqual(try m.measure("memory-steps", knobs: [:]), 7)
        XCTAssertTrue(LessonExercisesTests.flatStep("lstm", "exercise-forget-bias").contains(
            "With the bias as drawn the cell state lets the pulse go within 7 steps."))
        let raised = try XCTUnwrap(try LabFixtures.experiment("lstm", "exercise-forget-bias", ["forget-bias": "1"]).data(GatesView.self))
        let f0 = try XCTUnwrap(drawn.gates["f"]), f1 = try XCTUnwrap(raised.gates["f"])
        for t in 0..<60 { for u in 0..<4 { XCTAssertGreaterThan(f1[t][u], f0[t][u], "t \(t + 1) unit \(u + 1)") } }
        XCTAssertLessThan(pow(0.5, 7), 0.01)
        XCTAssertGreaterThan(pow(0.5, 6), 0.01, "7 halvings, not fewer")
        XCTAssertTrue(LessonExercisesTests.flatSolution("lstm-forget-bias-memory").contains(
            "With $f = 0.5$ the echo halves at every step and is below 1 % within 7 steps"))
    }

    /// The recap's question to try: "force f = 1 and i = 0 together (press f, then I twice)".
    func testTheRecapsKeysForceFOneAndIZero() throws {
        let lesson = try XCTUnwrap(LabFixtures.shipped.first { $0.id == "lstm" })
        let step = try XCTUnwrap(lesson.steps.firstIndex { $0.id == "forcing" })
        var p = LabFixtures.shipped("lstm", Size(width: 100, height: 30), step: step)
        for key in ["f", "I", "I"] { _ = p.update(.key(.character(Character(key)))) }
        let frame = LabFixtures.frame(p).text()
        XCTAssertTrue(frame.contains("f=1"), frame)
        XCTAssertTrue(frame.contains("i=0"), frame)
        XCTAssertTrue(LessonExercisesTests.flatStep("lstm", "recap").contains("force $f = 1$ and $i = 0$ together (press **f**, then **I** twice)"))
    }

    /// Hints and solution: z = x_t @ kernel + h @ recurrent_kernel + bias, Keras' blocks i, f,
    /// c, o; c = f ⊙ c + i ⊙ tanh(third block); h = o ⊙ tanh(c); both from zero; c handed in.
    func testLSTMCellStatesAsTheSolutionWritesIt() throws {
        for s in Self.students {
            let v = try variant("lstm-cell-states", s)
            let (w, n) = files(v)
            let x = try XCTUnwrap(n["x"]), K = w["kernel"]!, R = w["recurrent_kernel"]!, b = w["bias"]!.data
            let (B, T, H) = (x.shape[0], x.shape[1], R.shape[0])
            let states: [[[Double]]] = (0..<B).map { bi in
                var h = [Double](repeating: 0, count: H), c = h
                return (0..<T).map { t in
                    let z = Self.add(Self.add(Self.times(Self.row(x, bi * T + t), K), Self.times(h, R)), b)
                    let i = Self.sigmoid(Array(z[0..<H])), f = Self.sigmoid(Array(z[H..<2 * H]))
                    let g = z[2 * H..<3 * H].map(tanh), o = Self.sigmoid(Array(z[3 * H..<4 * H]))
                    c = (0..<H).map { f[$0] * c[$0] + i[$0] * g[$0] }
                    h = (0..<H).map { o[$0] * tanh(c[$0]) }
                    return c
                }
            }
            let verdict = try v.check(.arrays(["": Self.stacked(states)]))
            XCTAssertTrue(verdict.passed, verdict.message)
        }
    }

    // MARK: Lesson 4

    /// The update gate's options: z = 1 keeps h_t = h_(t-1) (LessonExercisesTests), z = 0 takes
    /// all of the candidate, h never leaves −1 … 1; the solution's "as the step on conventions
    /// showed: there it is z = 0 that keeps".
    func testTheUpdateGateOptions() throws {
        for setting in ["1", "0", "learned"] {
            let e = try LabFixtures.experiment("gru", "forcing", setting == "learned" ? [:] : ["update": setting])
            let run = try XCTUnwrap(e.data(CellDiagramView.self))
            XCTAssertTrue(run.states.joined().allSatisfy { abs($0) < 1 }, setting)
            if setting == "0" { XCTAssertEqual(run.states, run.gates["n"]!) }
        }
        XCTAssertTrue(LessonExercisesTests.flatStep("gru", "forms").contains(
            "$h_t = (1 - z) \\odot h_{t-1} + z \\odot \\tilde{h}_t$: there $z$ near 1 means *take the new candidate*"))
        XCTAssertTrue(LessonExercisesTests.flatSolution("gru-update-gate").contains("as the step on conventions showed: there it is $z = 0$ that keeps."))
    }

    /// Hints and solution: Keras' blocks z, r, h; the candidate tanh(x@K_h + (r ⊙ h)@R_h + b_h)
    /// with r before the product; h = z ⊙ h + (1 − z) ⊙ h̃ from h0.npy.
    func testLectureGRUAsTheSolutionWritesIt() throws {
        for s in Self.students {
            let v = try variant("gru-lecture-form", s)
            let (w, n) = files(v)
            let x = try XCTUnwrap(n["x"]), h0 = try XCTUnwrap(n["h0"])
            let K = w["kernel"]!, R = w["recurrent_kernel"]!, b = w["bias"]!.data
            XCTAssertEqual(w["bias"]!.shape, [9], "reset_after=False: one bias row")
            let (B, T, H) = (x.shape[0], x.shape[1], R.shape[0])
            let states: [[[Double]]] = (0..<B).map { bi in
                var h = Self.row(h0, bi)
                return (0..<T).map { t in
                    let xz = Self.add(Self.times(Self.row(x, bi * T + t), K), b)
                    let z = Self.sigmoid(Self.add(Array(xz[0..<H]), Self.times(h, R, cols: 0..<H)))
                    let r = Self.sigmoid(Self.add(Array(xz[H..<2 * H]), Self.times(h, R, cols: H..<2 * H)))
                    let hh = Self.add(Array(xz[2 * H..<3 * H]), Self.times(zip(r, h).map(*), R, cols: 2 * H..<3 * H)).map(tanh)
                    h = (0..<H).map { z[$0] * h[$0] + (1 - z[$0]) * hh[$0] }
                    return h
                }
            }
            let verdict = try v.check(.arrays(["": Self.stacked(states)]))
            XCTAssertTrue(verdict.passed, verdict.message)
        }
    }

    // MARK: Lesson 6

    /// Hint 3: the first GRU has 3(H(D + H) + H) + 3H parameters, the second the same with
    /// D = H; with the readout's H + 1 that is the total the check reports.
    func testStackedGRUCounts() throws {
        for s in Self.students {
            let v = try variant("keras-stacked-gru", s)
            guard case .source(let source) = v.solution else { return XCTFail() }
            func number(_ name: String) throws -> Int {
                let r = try XCTUnwrap(v.statement.range(of: "\(name) = [0-9]+", options: .regularExpression), v.statement)
                return Int(v.statement[r].split(separator: " ").last!)!
            }
            let (D, H) = (try number("D"), try number("H"))
            let summary = try KerasModelReader.summarize(source)
            let gru = { (d: Int) in 3 * (H * (d + H) + H) + 3 * H }
            XCTAssertEqual(summary.totalParameters, gru(D) + gru(H) + H + 1, "\(summary)")
            XCTAssertTrue(LessonExercisesTests.flatHints("keras-stacked-gru").contains(
                "The first GRU has 3(H(D + H) + H) + 3H parameters with Keras' reset_after=True; the second sees D = H."))
        }
    }

    /// The options of Keras → PyTorch, on rnnlab's own layouts: weight_ih_l0 is kernel
    /// transposed with the GRU's first two blocks swapped; the LSTM keeps its order; a GRU with
    /// reset_after=True has two bias rows, PyTorch's two biases reordered the same way.
    func testKerasToPyTorchOptions() throws {
        let H = 3, D = 1  // the lab's cells read one input; recurrent_kernel (H, 3H) checks the transpose
        let gru = CellRunner.parameters(CellSpec(cell: .gru, hidden: H), KnobValues(["seed": 5, "scale": 1]))
        let keras = KerasLayout.export(gru), torch = PyTorchLayout.export(gru)
        let kernel = try XCTUnwrap(keras["kernel"]), ih = try XCTUnwrap(torch["weight_ih_l0"])
        XCTAssertEqual(kernel.shape, [D, 3 * H])
        XCTAssertEqual(ih.shape, [3 * H, D])
        let swap = [1, 0, 2]  // PyTorch block k is Keras block swap[k]
        for k in 0..<3 { for u in 0..<H { for d in 0..<D {
            XCTAssertEqual(ih.data[(k * H + u) * D + d], kernel.data[d * 3 * H + swap[k] * H + u], "block \(k)")
        } } }
        let rk = try XCTUnwrap(keras["recurrent_kernel"]), hh = try XCTUnwrap(torch["weight_hh_l0"])
        XCTAssertEqual(hh.shape, [3 * H, H])
        for k in 0..<3 { for u in 0..<H { for j in 0..<H {
            XCTAssertEqual(hh.data[(k * H + u) * H + j], rk.data[j * 3 * H + swap[k] * H + u], "block \(k)")
        } } }
        let bias = try XCTUnwrap(keras["bias"])
        XCTAssertEqual(bias.shape, [2, 3 * H])
        for (row, name) in [(0, "bias_ih_l0"), (1, "bias_hh_l0")] {
            let t = try XCTUnwrap(torch[name])
            for k in 0..<3 { for u in 0..<H { XCTAssertEqual(t.data[k * H + u], bias.data[row * 3 * H + swap[k] * H + u]) } }
        }
        let lstm = CellRunner.parameters(CellSpec(cell: .lstm, hidden: H), KnobValues(["seed": 7, "scale": 1]))
        let lk = try XCTUnwrap(KerasLayout.export(lstm)["recurrent_kernel"]), lt = try XCTUnwrap(PyTorchLayout.export(lstm)["weight_hh_l0"])
        for r in 0..<(4 * H) { for j in 0..<H { XCTAssertEqual(lt.data[r * H + j], lk.data[j * 4 * H + r], "the LSTM keeps its order") } }
    }
}

extension LessonExercisesTests {
    /// A shipped lesson step's Markdown with its line breaks as spaces.
    static func flatStep(_ lesson: String, _ step: String) -> String {
        let l = LabFixtures.shipped.first { $0.id == lesson }
        let s = l?.steps.first { $0.id == step }
        return (s?.markdown ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
