import Foundation
import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// The gate knobs, the `cell` and `highway` views and what they export: knobs cycle and
/// force exactly, bad blocks say FILE:LINE, view keys never clash, goldens, and every
/// exported array recomputed from the exported weights and input by the lecture's equations.
final class GateViewsTests: XCTestCase {
    static let source = """
        ---
        id: gateviews
        title: Gate views
        summary: One step per new view.
        ---
        ## LSTM cell {#lstm-cell}
        The cell, live.
        ```lab
        view: cell
        cell: lstm
        hidden: 3
        input: step
        steps: 24
        seed: 7
        start: 12
        knobs: [forget, input-gate, output, forget-bias]
        ```
        ## GRU cell {#gru-cell}
        The GRU.
        ```lab
        view: cell
        cell: gru
        hidden: 2
        input: sine
        steps: 20
        seed: 4
        start: 6
        unit: 2
        knobs: [update, reset]
        ```
        ## Highway {#highway}
        The gradient.
        ```lab
        view: highway
        cell: lstm
        hidden: 4
        steps: 30
        seed: 3
        sigma: 1.0
        start: 30
        knobs: [forget, forget-bias, sigma]
        ```
        """

    static func lesson() throws -> Lesson { try LessonParser.parse(source, file: "gateviews.md") }

    static func experiment(_ step: Int, _ knobs: [String: String] = [:]) throws -> LabExperiment {
        var e = try XCTUnwrap(LabExperiment(spec: try XCTUnwrap(try lesson().steps[step].lab)))
        for (name, text) in knobs {
            let knob = try XCTUnwrap(e.knobs.first { $0.name == name })
            e.setKnob(name, to: try XCTUnwrap(knob.parse(text), "\(name)=\(text)"))
        }
        return e
    }

    // MARK: Knobs

    func testGateKnobsCycleLearnedOneZero() throws {
        for name in ["forget", "input-gate", "output", "update", "reset"] {
            let knob = try XCTUnwrap(Knobs.named(name))
            var v = 0.0
            var seen: [String] = []
            for _ in 0..<4 { seen.append(knob.display(v)); v = knob.turned(v, .up).value }
            XCTAssertEqual(seen, ["learned", "1", "0", "learned"], name)
            XCTAssertEqual(knob.parse("1"), 1)
            XCTAssertEqual(knob.parse("0"), 2)
            XCTAssertEqual(knob.parse("learned"), 0)
            XCTAssertNil(knob.parse("0.5"))
        }
        var values = KnobValues(["forget": 1, "input-gate": 2, "output": 0, "update": 1, "reset": 2])
        XCTAssertEqual(values.gateOverrides(.lstm), GateOverrides(["f": 1, "i": 0]))
        XCTAssertEqual(values.gateOverrides(.gru), GateOverrides(["z": 1, "r": 0]))
        XCTAssertEqual(values.gateOverrides(.rnn), .none)
        values["forget"] = 0
        XCTAssertEqual(values.gateOverrides(.lstm), GateOverrides(["i": 0]))
        let bias = try XCTUnwrap(Knobs.named("forget-bias"))
        XCTAssertEqual(bias.turned(5, .up).value, 5)
        XCTAssertTrue(bias.turned(5, .up).clamped)
        XCTAssertEqual(bias.turned(0, .down).value, -0.5)
    }

    /// The forget bias moves b_f, and only b_f, by exactly its value.
    func testForgetBiasShiftsOnlyTheForgetBlock() {
        let cell = CellSpec(cell: .lstm, hidden: 3, seed: 5)
        let plain = CellRunner.parameters(cell, cell.settings)
        var shifted = cell.settings
        shifted["forget-bias"] = -2.5
        let p = CellRunner.parameters(cell, shifted)
        for j in 0..<12 { XCTAssertEqual(p["b"]![0, j] - plain["b"]![0, j], (3..<6).contains(j) ? -2.5 : 0, accuracy: 1e-15) }
        XCTAssertEqual(p["W_h"], plain["W_h"])
        XCTAssertEqual(p["W_x"], plain["W_x"])
    }

    /// The forced run is RNNCore's forward with the overrides: the gate is the constant everywhere.
    func testForcedGatesRunExactly() throws {
        let e = try Self.experiment(0, ["forget": "0", "output": "1"])
        let run = try XCTUnwrap(e.data(CellDiagramView.self))
        XCTAssertTrue(run.gates["f"]!.joined().allSatisfy { $0 == 0 })
        XCTAssertTrue(run.gates["o"]!.joined().allSatisfy { $0 == 1 })
        XCTAssertEqual(run.overrides, GateOverrides(["f": 0, "o": 1]))
        for t in 0..<24 { for u in 0..<3 { XCTAssertEqual(run.states[t][u], Foundation.tanh(run.cellStates[t][u]), accuracy: 1e-15) } }
    }

    // MARK: Parsing

    private func errors(_ block: String, hidden: Int = 3) -> [String] {
        let text = "---\nid: x\ntitle: X\nsummary: S\n---\n## A {#a}\nText.\n```lab\n\(block)\n```\n"
        do {
            _ = try LessonParser.parse(text, file: "x.md")
            return []
        } catch {
            return error.errors.map { "\($0)" }
        }
    }

    func testBadBlocksSayFileAndLine() {
        XCTAssertEqual(errors("view: cell\ncell: rnn"),
                       ["x.md:10: the cell view draws 'cell: lstm' or 'cell: gru' (the vanilla RNN's cell is one tanh: use states)"])
        XCTAssertEqual(errors("view: cell\ncell: lstm\nhidden: 3\nunit: 4").count, 1)
        XCTAssertTrue(errors("view: cell\ncell: lstm\nhidden: 3\nunit: 4")[0].hasPrefix("x.md:12:"))
        XCTAssertEqual(errors("view: gates\ncell: gru\nknobs: [forget]"),
                       ["x.md:11: the 'forget' knob works on the LSTM ('cell: lstm'); this block's cell is gru"])
        XCTAssertEqual(errors("view: states\nknobs: [update]"),
                       ["x.md:10: the 'update' knob works on the GRU ('cell: gru'); this block's cell is rnn"])
        XCTAssertEqual(errors("view: highway\nhidden: 4"),
                       ["x.md:8: the highway view runs an LSTM beside a vanilla RNN of the same size: write 'cell: lstm'"])
        XCTAssertEqual(errors("view: cell\ncell: gru\nknobs: [forget-bias]"),
                       ["x.md:11: the 'forget-bias' knob works on the LSTM ('cell: lstm'); this block's cell is gru"])
        XCTAssertEqual(errors("view: cell\ncell: gru\nhidden: 2\nunit: 2\nknobs: [update, reset]"), [])
    }

    // MARK: Keys

    /// With any view's own keys and every knob, no key means two things.
    func testViewKeysNeverClash() {
        for view in ViewRegistry.all {
            let context = KeyBindings.Context(screen: .lesson, hasPanel: true, knobs: Knobs.all, viewBindings: view.bindings)
            var seen: [Key: String] = [:]
            for row in KeyBindings.active(context) {
                for key in row.actions.flatMap(\.keys) {
                    XCTAssertNil(seen[key], "\(view.name): \(key) is '\(seen[key] ?? "")' and '\(row.help)'")
                    seen[key] = row.help
                }
            }
        }
        XCTAssertEqual(CellDiagramView.bindings.map(\.key), [.character("u"), .character("U")])
    }

    /// u / U move the unit, wrapping; the diagram says which; n moves t.
    func testUnitKeysMoveTheUnit() throws {
        let lesson = try Self.lesson()
        var p = try XCTUnwrap(LabProgram(lessons: [lesson], size: Size(width: 100, height: 30), lessonID: "gateviews", stepIndex: 1))
        XCTAssertTrue(LabFixtures.frame(p).text().contains("unit 2 of 2"), "the block's unit: 2")
        _ = p.update(.key(.character("u")))
        XCTAssertTrue(LabFixtures.frame(p).text().contains("unit 1 of 2"), "u wraps to unit 1")
        _ = p.update(.key(.character("U")))
        XCTAssertTrue(LabFixtures.frame(p).text().contains("unit 2 of 2"))
        let status = LabFixtures.frame(p).lines().last ?? ""
        XCTAssertTrue(status.contains("u unit"), status)
        XCTAssertTrue(status.contains("R reset gate"), status)
    }

    /// The diagram's wires carry the run's numbers: LSTM unit 1 at t = 12 and, after `f`, forced f=1.
    func testTheDiagramShowsTheRunsNumbers() throws {
        let lesson = try Self.lesson()
        var p = try XCTUnwrap(LabProgram(lessons: [lesson], size: Size(width: 80, height: 24), lessonID: "gateviews", stepIndex: 0))
        _ = p.update(.key(.character("f")))
        let text = LabFixtures.frame(p).text()
        XCTAssertTrue(text.contains("forced f=1"))
        let run = try XCTUnwrap(try Self.experiment(0, ["forget": "1"]).data(CellDiagramView.self))
        let sign = { (v: Double) in (v < 0 ? "−" : "+") + String(format: "%.3f", abs(v)) }
        for v in [run.cellStates[10][0], run.cellStates[11][0], run.states[11][0], run.gates["i"]![11][0]] {
            XCTAssertTrue(text.contains(sign(v)), sign(v) + "\n" + text)
        }
        XCTAssertTrue(text.contains("f +1.000"))
    }

    // MARK: Screens

    /// One golden per new view at one capability level; shape checks at every size and level.
    func testGoldensAndShapes() throws {
        let lesson = try Self.lesson()
        let golden: [(step: Int, size: Size, level: Int)] = [(0, Size(width: 80, height: 24), 0),
                                                             (1, Size(width: 100, height: 30), 2),
                                                             (2, Size(width: 100, height: 30), 1)]
        for (index, step) in lesson.steps.enumerated() {
            for size in LabFixtures.sizes {
                for (n, (level, caps)) in LabFixtures.levels.enumerated() {
                    let p = try XCTUnwrap(LabProgram(lessons: [lesson], size: size, lessonID: "gateviews", stepIndex: index))
                    let frame = LabFixtures.frame(p, caps)
                    LabScreenSnapshotTests.checkShape(frame, caps)
                    if golden.contains(where: { $0.step == index && $0.size == size && $0.level == n }) {
                        assertSnapshot(frame.styledText(), named: "\(step.id)-\(size)-\(level)")
                    }
                }
            }
        }
    }

    /// Tiny panels: nothing is drawn outside the panel's area.
    /// The gates view of an LSTM with four units at 80 columns (six maps side by side): the
    /// values at t are never cut mid-number; they go on two rows, shorter (".55", "+.42").
    func testGatesValuesFitAt80Columns() throws {
        let text = """
            ---
            id: narrow
            title: Narrow
            summary: Gates at 80 columns.
            ---
            ## Gates {#gates}
            Six maps.
            ```lab
            view: gates
            cell: lstm
            hidden: 4
            input: pulse
            steps: 60
            seed: 7
            start: 60
            ```
            """
        let lesson = try LessonParser.parse(text, file: "narrow.md")
        let experiment = try XCTUnwrap(LabExperiment(spec: try XCTUnwrap(lesson.steps[0].lab)))
        var b = Buffer(size: Size(width: 76, height: 12))
        experiment.render(in: b.area, into: &b, theme: LabTheme(.full))
        let rows = b.text().components(separatedBy: "\n")
        let number = /^[+−]?\d*\.\d\d$/
        for row in rows[1...2] {
            let tokens = row.split(separator: " ").filter { !["i", "f", "o", "g", "c", "h"].contains($0) }
            XCTAssertEqual(tokens.count, 12, "three maps' two values on each row:\n\(b.text())")
            for token in tokens { XCTAssertNotNil(String(token).wholeMatch(of: number), "'\(token)' is a whole number:\n\(b.text())") }
        }
        XCTAssertEqual(rows[1].split(separator: " ").filter { ["i", "f", "o", "g", "c", "h"].contains($0) }.count, 6)
    }

    func testTinyPanelsStayInside() throws {
        for step in 0..<3 {
            let e = try Self.experiment(step)
            for (w, h) in [(20, 3), (30, 6), (50, 9), (79, 12)] {
                var b = Buffer(size: Size(width: 100, height: 30))
                let area = Rect(x: 5, y: 4, width: w, height: h)
                e.render(in: area, into: &b, theme: LabTheme(.full))
                for y in 0..<30 { for x in 0..<100 where !area.contains(x: x, y: y) { XCTAssertEqual(b[x, y].symbol, " ", "step \(step) \(w)x\(h) at \(x),\(y)") } }
            }
        }
    }

    // MARK: Export

    /// The lecture's LSTM from Keras arrays (kernel (D, 4H), recurrent_kernel (H, 4H), bias
    /// (4H), blocks i, f, c, o), gates forced after their nonlinearity.
    private func lstm(_ w: [String: NDArray], _ x: [Double], forced: [String: Double]) throws -> [String: [[Double]]] {
        let K = try XCTUnwrap(w["kernel"]?.matrix), U = try XCTUnwrap(w["recurrent_kernel"]?.matrix), b = try XCTUnwrap(w["bias"]).data
        let H = U.rows
        var h = [Double](repeating: 0, count: H), c = h
        var out: [String: [[Double]]] = [:]
        for xt in x {
            let z = (0..<(4 * H)).map { j in xt * K[0, j] + b[j] + (0..<H).reduce(0) { $0 + h[$1] * U[$1, j] } }
            let sig = { (v: Double) in 1 / (1 + Foundation.exp(-v)) }
            let i = (0..<H).map { forced["i"] ?? sig(z[$0]) }, f = (0..<H).map { forced["f"] ?? sig(z[H + $0]) }
            let g = (0..<H).map { forced["g"] ?? Foundation.tanh(z[2 * H + $0]) }, o = (0..<H).map { forced["o"] ?? sig(z[3 * H + $0]) }
            c = (0..<H).map { f[$0] * c[$0] + i[$0] * g[$0] }
            h = (0..<H).map { o[$0] * Foundation.tanh(c[$0]) }
            for (k, v) in [("i", i), ("f", f), ("g", g), ("o", o), ("c", c), ("h", h)] { out[k, default: []].append(v) }
        }
        return out
    }

    /// Keras' GRU with reset_after: kernel (D, 3H), recurrent_kernel (H, 3H), bias (2, 3H), blocks z, r, h.
    private func gru(_ w: [String: NDArray], _ x: [Double], forced: [String: Double]) throws -> [String: [[Double]]] {
        let K = try XCTUnwrap(w["kernel"]?.matrix), U = try XCTUnwrap(w["recurrent_kernel"]?.matrix), b = try XCTUnwrap(w["bias"]).data
        let H = U.rows
        let sig = { (v: Double) in 1 / (1 + Foundation.exp(-v)) }
        var h = [Double](repeating: 0, count: H)
        var out: [String: [[Double]]] = [:]
        for xt in x {
            let xs = (0..<(3 * H)).map { xt * K[0, $0] + b[$0] }
            let hs = (0..<(3 * H)).map { j in b[3 * H + j] + (0..<H).reduce(0) { $0 + h[$1] * U[$1, j] } }
            let z = (0..<H).map { forced["z"] ?? sig(xs[$0] + hs[$0]) }, r = (0..<H).map { forced["r"] ?? sig(xs[H + $0] + hs[H + $0]) }
            let n = (0..<H).map { Foundation.tanh(xs[2 * H + $0] + r[$0] * hs[2 * H + $0]) }
            h = (0..<H).map { z[$0] * h[$0] + (1 - z[$0]) * n[$0] }
            for (k, v) in [("z", z), ("r", r), ("n", n), ("h", h)] { out[k, default: []].append(v) }
        }
        return out
    }

    private func npz(_ e: ExperimentExport, _ name: String) throws -> [String: NDArray] {
        guard case .npz(let a)? = e.files.first(where: { $0.name == name })?.contents else { throw XCTSkip("no \(name)") }
        return a
    }

    private func input(_ e: ExperimentExport) throws -> [Double] {
        guard case .npy(let a)? = e.files.first(where: { $0.name == "input.npy" })?.contents else { throw XCTSkip("no input") }
        return a.data
    }

    /// Forced LSTM and GRU exports (f = 1, f = 0, i = 0; z = 1, r = 0): every trace array
    /// recomputed from the exported weights and input, and forced_gates in experiment.json.
    func testForcedExportsAreRecomputed() throws {
        let cases: [(Int, [String: String], [String: Double])] = [
            (0, ["forget": "1"], ["f": 1]), (0, ["forget": "0"], ["f": 0]), (0, ["input-gate": "0", "forget-bias": "2"], ["i": 0]),
            (1, ["update": "1"], ["z": 1]), (1, ["reset": "0"], ["r": 0]),
        ]
        for (step, knobs, forced) in cases {
            let e = try XCTUnwrap(try Self.experiment(step, knobs).export())
            let w = try npz(e, "weights.npz"), trace = try npz(e, "trace.npz")
            let x = try input(e)
            let ours = step == 0 ? try lstm(w, x, forced: forced) : try gru(w, x, forced: forced)
            for (name, steps) in ours {
                let a = try XCTUnwrap(trace[name], name)
                XCTAssertEqual(a.shape, [1, steps.count, steps[0].count])
                for (k, v) in steps.joined().enumerated() { XCTAssertEqual(a.data[k], v, accuracy: 1e-12, "\(knobs) \(name)[\(k)]") }
            }
            XCTAssertEqual(e.facts["forced_gates"] as? [String: Double], forced)
        }
    }

    /// The highway export: grad_c_norm, grad_h_norm and rnn_grad_h_norm (1, T); rnn_weights.npz.
    /// With f forced to 1 ‖∂L/∂c_t‖ does not decay; the RNN's line, recomputed by a plain
    /// backward loop from rnn_weights.npz, falls by orders of magnitude.
    func testHighwayExport() throws {
        let e = try XCTUnwrap(try Self.experiment(2, ["forget": "1"]).export())
        let trace = try npz(e, "trace.npz"), rnnW = try npz(e, "rnn_weights.npz")
        for name in ["grad_c_norm", "grad_h_norm", "rnn_grad_h_norm"] { XCTAssertEqual(trace[name]?.shape, [1, 30], name) }
        XCTAssertNil(rnnW["bias"], "the lecture's RNN has no bias")
        let gc = try XCTUnwrap(trace["grad_c_norm"]).data
        XCTAssertGreaterThan(gc.min()!, gc.last! / 10, "no decay with f = 1")
        // ‖∂L/∂h_t‖ of h_t = tanh(x_t K + h_{t-1} U), L = Σ h_T, by hand.
        let K = try XCTUnwrap(rnnW["kernel"]?.matrix), U = try XCTUnwrap(rnnW["recurrent_kernel"]?.matrix)
        XCTAssertEqual(SingularValues.spectralNorm(U), 1.0, accuracy: 1e-9)
        let x = try input(e), H = U.rows
        var hs: [[Double]] = [], h = [Double](repeating: 0, count: H)
        for xt in x { h = (0..<H).map { j in Foundation.tanh(xt * K[0, j] + (0..<H).reduce(0) { $0 + h[$1] * U[$1, j] }) }; hs.append(h) }
        var dh = [Double](repeating: 1, count: H), norms = [Double](repeating: 0, count: x.count)
        for t in stride(from: x.count - 1, through: 0, by: -1) {
            norms[t] = dh.reduce(0) { $0 + $1 * $1 }.squareRoot()
            let da = (0..<H).map { dh[$0] * (1 - hs[t][$0] * hs[t][$0]) }
            dh = (0..<H).map { i in (0..<H).reduce(0) { $0 + U[i, $1] * da[$1] } }
        }
        let rnn = try XCTUnwrap(trace["rnn_grad_h_norm"]).data
        for t in 0..<x.count { XCTAssertEqual(rnn[t], norms[t], accuracy: 1e-12 * max(1, norms[t])) }
        XCTAssertLessThan(rnn[0], rnn.last! / 100, "the RNN's line falls by orders of magnitude")
        XCTAssertEqual(e.facts["rnn_sigma_max"] as! Double, 1.0, accuracy: 1e-9)
        XCTAssertNotNil(e.facts["loss"])
    }

    /// ‖∂L/∂c_t‖ is the total derivative: a central difference that moves c_t and, through
    /// h_t = o_t ⊙ tanh(c_t), h_t, then runs the rest of the sequence, agrees.
    func testGradCIsTheTotalDerivative() throws {
        for knobs in [[:], ["forget": "1"], ["forget-bias": "2"]] {
            let e = try Self.experiment(2, knobs)
            let hw = try XCTUnwrap(e.data(HighwayView.self))
            let cell = CellSpec(cell: .lstm, hidden: 4, steps: 30, seed: 3)
            let values = CellStateHighway.lstmValues(e.values)
            let p = CellRunner.parameters(cell, values)
            let overrides = values.gateOverrides(.lstm)
            let x = InputSignal.values(cell, values).map { Matrix(rows: 1, cols: 1, data: [$0]) }
            let trace = p.forward(x, overrides: overrides)
            let H = 4
            for t in [0, 9, 28, 29] {
                let c = trace.c(at: t)!.row(0), o = trace.gate("o", at: t)!.row(0)
                var grad = [Double](repeating: 0, count: H)
                for i in 0..<H {
                    var side: [Double] = []
                    for eps in [1e-6, -1e-6] {
                        var c2 = c
                        c2[i] += eps
                        let h2 = (0..<H).map { o[$0] * Foundation.tanh(c2[$0]) }
                        let hT = t == 29 ? h2 : p.forward(Array(x[(t + 1)...]), h0: Matrix(rows: 1, cols: H, data: h2),
                                                          c0: Matrix(rows: 1, cols: H, data: c2), overrides: overrides).hLast.row(0)
                        side.append(hT.reduce(0, +))
                    }
                    grad[i] = (side[0] - side[1]) / 2e-6
                }
                let norm = grad.reduce(0) { $0 + $1 * $1 }.squareRoot()
                XCTAssertEqual(hw.gradC[t], norm, accuracy: 1e-6 * max(1, norm), "\(knobs) t = \(t + 1)")
            }
        }
    }
}
