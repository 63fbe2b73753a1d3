import Foundation
import KerasModel
import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// Every claim of lesson 6 (Keras): each ```python block is read by the same parser as
/// `rnnlab keras summary`, and the output shapes and parameter counts the prose states are
/// what it computes for that block; each sentence about a panel is checked against the
/// numbers of that step. If a lesson edit makes one false, this fails.
final class Lesson6ClaimsTests: XCTestCase {
    static let text: String = {
        (try? String(contentsOf: PackagePaths.lessons.appendingPathComponent("06-keras.md"), encoding: .utf8)) ?? ""
    }()

    /// The ```python blocks of each step, by step id (`## Title {#id}`), in order.
    static let pythonBlocks: [String: [String]] = {
        var out: [String: [String]] = [:]
        var step = "", block: [String]? = nil
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if var b = block {
                if line.hasPrefix("```") { out[step, default: []].append(b.joined(separator: "\n") + "\n"); block = nil }
                else { b.append(line); block = b }
            } else if line.hasPrefix("## "), let open = line.range(of: "{#"), let close = line.range(of: "}", range: open.upperBound..<line.endIndex) {
                step = String(line[open.upperBound..<close.lowerBound])
            } else if line == "```python" {
                block = []
            }
        }
        return out
    }()

    /// The text of a step (heading to the next heading).
    static func prose(_ step: String) -> String {
        guard let start = text.range(of: "{#\(step)}") else { return "" }
        let rest = text[start.upperBound...]
        return String(rest[..<(rest.range(of: "\n## ")?.lowerBound ?? rest.endIndex)])
    }

    /// The step's prose states each of `claims` (a number or shape written as the parser gives it).
    static func says(_ step: String, _ claims: [String], file: StaticString = #filePath, line: UInt = #line) {
        let p = prose(step)
        for c in claims { XCTAssertTrue(p.contains(c), "step \(step) says \(c)", file: file, line: line) }
    }

    /// `(None, None, 3)`, as the prose and Keras write a shape.
    static func shown(_ s: KerasShape) -> String {
        "(" + s.map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + ")"
    }

    static func summary(_ step: String, _ n: Int = 0) throws -> KerasSummary {
        let blocks = try XCTUnwrap(pythonBlocks[step], "step \(step) has python blocks")
        XCTAssertGreaterThan(blocks.count, n)
        return try KerasModelReader.summarize(blocks[n])
    }

    static func experiment(_ step: String) throws -> LabExperiment {
        let l = try XCTUnwrap(LabFixtures.shipped.first { $0.id == "keras" })
        let spec = try XCTUnwrap(l.steps.first { $0.id == step }?.lab, "\(step) has a panel")
        return try XCTUnwrap(LabExperiment(spec: spec))
    }

    /// One row of a summary: its name, its output shapes, its parameters.
    static func row(_ s: KerasSummary, _ name: String) throws -> KerasSummary.Layer {
        try XCTUnwrap(s.layers.first { $0.name == name }, "a layer named \(name)")
    }

    /// Every ```python block of the lesson is a model the parser reads (seven of them).
    func testEveryPythonBlockParses() throws {
        let all = Self.pythonBlocks.values.joined()
        XCTAssertEqual(all.count, 7)
        XCTAssertEqual(Self.text.components(separatedBy: "```python").count - 1, 7, "every python fence was found")
        for block in all {
            XCTAssertNoThrow(try KerasModelReader.summarize(block), block)
        }
    }

    /// Step 1: SimpleRNN(3, use_bias=False) on (None, 1): 12 = H(D + H); with the default bias 15;
    /// the panel shows W_xh 3 × 1 and W_hh 3 × 3, 12 numbers, and no bias.
    func testTheVanillaRNN() throws {
        let s = try Self.summary("simple-rnn")
        let rnn = try Self.row(s, "simple_rnn")
        XCTAssertEqual(rnn.outputShapes, [[nil, nil, 3]])
        XCTAssertEqual(rnn.parameters, 12)
        XCTAssertEqual(3 * (1 + 3), 12)
        XCTAssertEqual(s.totalParameters, 12)
        Self.says("simple-rnn", ["$H(D + H) = 3 \\times 4 = \(rnn.parameters)$", "$H(D + H) + H = 15$", "12 numbers in all"])
        let withBias = try KerasModelReader.summarize(Self.pythonBlocks["simple-rnn"]![0].replacingOccurrences(of: "use_bias=False,", with: ""))
        XCTAssertEqual(withBias.totalParameters, 15)
        let params = try XCTUnwrap(try Self.experiment("simple-rnn").data(ParamsView.self))
        XCTAssertEqual(params.weights.map(\.name), ["W_xh", "W_hh"])
        XCTAssertEqual(params.weights[0].matrix.rows, 3); XCTAssertEqual(params.weights[0].matrix.cols, 1)
        XCTAssertEqual(params.weights[1].matrix.rows, 3); XCTAssertEqual(params.weights[1].matrix.cols, 3)
        XCTAssertEqual(params.weights.reduce(0) { $0 + $1.matrix.rows * $1.matrix.cols }, 12)
    }

    /// Step 2: the sine model: simple_rnn (None, None, 16) 288, time_distributed (None, None, 1)
    /// 17, total 305, no row for the Input of a Sequential list; the table in the prose says so.
    func testTheSummaryTable() throws {
        let s = try Self.summary("summary")
        XCTAssertEqual(s.layers.map(\.name), ["simple_rnn", "time_distributed"], "no input_layer row")
        XCTAssertEqual(s.layers.map(\.className), ["SimpleRNN", "TimeDistributed"])
        XCTAssertEqual(s.layers.map(\.outputShapes), [[[nil, nil, 16]], [[nil, nil, 1]]])
        XCTAssertEqual(s.layers.map(\.parameters), [288, 17])
        XCTAssertEqual(16 * 17 + 16, 288)
        XCTAssertEqual(s.totalParameters, 305)
        Self.says("summary", ["16 \\times 17 + 16 = \(s.layers[0].parameters)$", "bias, $\(s.layers[1].parameters)$"])
        for line in [" simple_rnn (SimpleRNN)              (None, None, 16)               288",
                     " time_distributed (TimeDistributed)  (None, None, 1)                 17",
                     " Total params: 305"] {
            XCTAssertTrue(Self.text.contains(line + "\n"), line)
        }
        // Keras' own table for it says the same.
        let table = s.table()
        for cell in ["(None, None, 16)", "288", "(None, None, 1)", "17", "Total params: 305"] { XCTAssertTrue(table.contains(cell), cell) }
    }

    /// Step 3: without return_sequences: (None, 16) and (None, 1), the same 288 + 17 = 305; the
    /// panel opens on many to one, and n n reaches the synced many to many.
    func testReturnSequencesChangesShapesNotCounts() throws {
        let s = try Self.summary("return-sequences")
        XCTAssertEqual(s.layers.map(\.outputShapes), [[[nil, 16]], [[nil, 1]]])
        XCTAssertEqual(s.layers.map(\.parameters), [288, 17])
        XCTAssertEqual(s.totalParameters, 305)
        XCTAssertEqual(s.totalParameters, try Self.summary("summary").totalParameters)
        Self.says("return-sequences", ["`\(Self.shown(s.layers[0].outputShapes[0]))`", "`\(Self.shown(s.layers[1].outputShapes[0]))`", "288 and 17, 305 in all"])
        let step = try XCTUnwrap(LabFixtures.shipped.first { $0.id == "keras" }?.steps.firstIndex { $0.id == "return-sequences" })
        var p = LabFixtures.shipped("keras", Size(width: 120, height: 40), step: step)
        XCTAssertTrue(LabFixtures.frame(p).text().contains("many to one: sentiment classification"))
        for _ in 0..<2 { _ = p.update(.key(.character("n"))) }
        XCTAssertTrue(LabFixtures.frame(p).text().contains("many to many: video classification on frame level"))
        XCTAssertEqual(SequenceTopologies.all.count, 5, "n twice from 3 is the last")
    }

    /// Step 4: LSTM(3) on (None, 1): (None, None, 3), 60 = 4 × 15; Keras arrays (1, 12), (3, 12),
    /// (12,); the panel: a bias, W_x and b in i, f, g, o, σ_max i 0.88, f 0.965, g 1.06, o 0.959.
    func testTheLSTM() throws {
        let rnn = try Self.row(try Self.summary("lstm"), "lstm")
        XCTAssertEqual(rnn.outputShapes, [[nil, nil, 3]])
        XCTAssertEqual(rnn.parameters, 60)
        XCTAssertEqual(4 * (3 * (1 + 3) + 3), 60)
        Self.says("lstm", ["`\(Self.shown(rnn.outputShapes[0]))` and \(rnn.parameters) parameters", "4 \\times 15 = \(rnn.parameters)$", "(D, 4H) = (1, 12)", "(H, 4H) = (3, 12)", "$4H = 12$", "$i$ at 0.88, $f$ at 0.965, $o$ at 0.959", "at 1.06"])
        let p = CellRunner.parameters(CellSpec(cell: .lstm, hidden: 3), KnobValues(["seed": 7, "scale": 1]))
        let keras = KerasLayout.export(p)
        XCTAssertEqual(keras["kernel"]?.shape, [1, 12])
        XCTAssertEqual(keras["recurrent_kernel"]?.shape, [3, 12])
        XCTAssertEqual(keras["bias"]?.shape, [12])
        XCTAssertEqual(keras.values.reduce(0) { $0 + $1.count }, 60, "the lab's LSTM has Keras' bias")
        XCTAssertEqual(KerasLayout.blockOrder(.lstm), [0, 1, 2, 3], "i f c o is the lab's i f g o")
        let params = try XCTUnwrap(try Self.experiment("lstm").data(ParamsView.self))
        XCTAssertEqual(params.weights.map(\.name), ["W_x ifgo", "W_hi", "W_hf", "W_hg", "W_ho", "b ifgo"])
        XCTAssertEqual(params.bars, ["i", "f", "g", "o"])
        for (s, want) in zip(params.singularValues, [0.88, 0.965, 1.06, 0.959]) { XCTAssertEqual(s, want, accuracy: 0.005) }
        XCTAssertEqual(params.singularValues.filter { $0 < 1 }.count, 3)
        XCTAssertEqual(params.singularValues.firstIndex { $0 > 1 }, 2, "only the candidate's block")
    }

    /// Step 5: GRU(3): 54 = 45 + 9; reset_after=False 45; bias (2, 9); z r h is r z n with the first
    /// two swapped; the panel: b_x and b_h, r z n, every block below 1, z the largest at 0.96.
    func testTheGRU() throws {
        let source = try XCTUnwrap(Self.pythonBlocks["gru"]?.first)
        let gru = try Self.row(try KerasModelReader.summarize(source), "gru")
        XCTAssertEqual(gru.outputShapes, [[nil, nil, 3]])
        XCTAssertEqual(gru.parameters, 54)
        XCTAssertEqual(3 * (3 * (1 + 3) + 3), 45)
        let before = try KerasModelReader.summarize(source.replacingOccurrences(of: "return_sequences=True", with: "return_sequences=True, reset_after=False"))
        XCTAssertEqual(before.totalParameters, 45)
        Self.says("gru", ["Its summary says \(gru.parameters)", "= 45$, plus $3H = 9$", "(2, 3H) = (2, 9)", "one bias and \(before.totalParameters) parameters", "largest at 0.96"])
        let p = CellRunner.parameters(CellSpec(cell: .gru, hidden: 3), KnobValues(["seed": 5, "scale": 1]))
        let keras = KerasLayout.export(p)
        XCTAssertEqual(keras["kernel"]?.shape, [1, 9])
        XCTAssertEqual(keras["recurrent_kernel"]?.shape, [3, 9])
        XCTAssertEqual(keras["bias"]?.shape, [2, 9])
        XCTAssertEqual(KerasLayout.blockOrder(.gru), [1, 0, 2])
        let params = try XCTUnwrap(try Self.experiment("gru").data(ParamsView.self))
        XCTAssertEqual(params.weights.map(\.name), ["W_x rzn", "W_hr", "W_hz", "W_hn", "b_x rzn", "b_h rzn"])
        XCTAssertTrue(params.singularValues.allSatisfy { $0 < 1 })
        XCTAssertEqual(params.bars[params.singularValues.firstIndex(of: params.sigmaMax)!], "z")
        XCTAssertEqual(params.sigmaMax, 0.96, accuracy: 0.005)
    }

    /// Step 6: PyTorch's names and shapes; the LSTM has 72 parameters there against Keras' 60, the
    /// GRU 54 in both; Keras' LSTM bias is the sum of PyTorch's two.
    func testPyTorchLayout() throws {
        let lstm = CellRunner.parameters(CellSpec(cell: .lstm, hidden: 3), KnobValues(["seed": 7, "scale": 1]))
        let torch = PyTorchLayout.export(lstm)
        XCTAssertEqual(torch["weight_ih_l0"]?.shape, [12, 1])
        XCTAssertEqual(torch["weight_hh_l0"]?.shape, [12, 3])
        XCTAssertEqual(torch["bias_ih_l0"]?.shape, [12])
        XCTAssertEqual(torch["bias_hh_l0"]?.shape, [12])
        XCTAssertEqual(torch.values.reduce(0) { $0 + $1.count }, 72)
        XCTAssertEqual(4 * 15 + 4 * 3, 72)
        Self.says("pytorch", ["4H = 72$ parameters where Keras counts 60", "54 in both"])
        // A PyTorch LSTM with both biases set loads as Keras' single bias, their sum.
        var arrays = torch
        arrays["bias_hh_l0"] = NDArray(shape: [12], data: (0..<12).map { Double($0) / 10 })
        let loaded = try FrameworkWeights.load(arrays, kind: .lstm, layout: .pytorch, file: "W.npz").parameters
        let kerasBias = try XCTUnwrap(KerasLayout.export(loaded)["bias"])
        for k in 0..<12 { XCTAssertEqual(kerasBias.data[k], torch["bias_ih_l0"]!.data[k] + Double(k) / 10, accuracy: 1e-12) }
        let gru = CellRunner.parameters(CellSpec(cell: .gru, hidden: 3), KnobValues(["seed": 5, "scale": 1]))
        XCTAssertEqual(PyTorchLayout.export(gru).values.reduce(0) { $0 + $1.count }, 54)
        XCTAssertEqual(try Self.row(try Self.summary("gru"), "gru").parameters, 54)
    }

    /// Step 7: the character model (1024, 74240, 8256) and the encoder with return_state (three
    /// (None, 32), 5248, an input layer row with 0).
    func testEmbeddingAndReturnState() throws {
        let chars = try Self.summary("embedding", 0)
        XCTAssertEqual(chars.layers.map(\.className), ["Embedding", "LSTM", "TimeDistributed"])
        XCTAssertEqual(chars.layers.map(\.outputShapes), [[[nil, nil, 16]], [[nil, nil, 128]], [[nil, nil, 64]]])
        XCTAssertEqual(chars.layers.map(\.parameters), [1024, 74240, 8256])
        XCTAssertEqual(4 * (128 * 144 + 128), 74240)
        XCTAssertEqual(128 * 64 + 64, 8256)
        let encoder = try Self.summary("embedding", 1)
        XCTAssertEqual(encoder.layers.map(\.className), ["InputLayer", "LSTM"])
        XCTAssertEqual(encoder.layers[0].parameters, 0)
        XCTAssertEqual(encoder.layers[0].outputShapes, [[nil, nil, 8]])
        XCTAssertEqual(encoder.layers[1].outputShapes, [[nil, 32], [nil, 32], [nil, 32]])
        XCTAssertEqual(encoder.layers[1].parameters, 5248)
        XCTAssertEqual(4 * (32 * 40 + 32), 5248)
        Self.says("embedding", ["= \(chars.layers[0].parameters)$ numbers", "`\(Self.shown(chars.layers[0].outputShapes[0]))`", "= \(chars.layers[1].parameters)$", "= \(chars.layers[2].parameters)$", "each `\(Self.shown(encoder.layers[1].outputShapes[0]))`", "`\(Self.shown(encoder.layers[0].outputShapes[0]))` with 0 parameters", "= \(encoder.layers[1].parameters)$"])
    }

    /// Step 8: the panel is the cell `rnnlab export lstm --step elementwise` writes (lesson 3's
    /// elementwise step), opened at t = 12 where unit 1 has h_t = 0.078.
    func testTheRoundTripPanelIsTheExportedCell() throws {
        let here = try Self.experiment("round-trip")
        XCTAssertEqual(here.time, 12)
        let mine = try XCTUnwrap(here.data(CellDiagramView.self))
        let l3 = try XCTUnwrap(LabFixtures.shipped.first { $0.id == "lstm" }?.steps.first { $0.id == "elementwise" }?.lab)
        let theirs = try XCTUnwrap(try XCTUnwrap(LabExperiment(spec: l3)).data(CellDiagramView.self))
        XCTAssertEqual(mine.states, theirs.states)
        XCTAssertEqual(mine.cellStates, theirs.cellStates)
        XCTAssertEqual(mine.states[11][0], 0.078, accuracy: 0.0005)
        Self.says("round-trip", ["--step elementwise", "at $t = 12$ unit 1 has $h_t = 0.078$", "more than $10^{-6}$"])
    }

    /// The recap's formulas are the ones the parser computes, for the steps' H and D.
    func testTheRecapCounts() throws {
        for (H, D) in [(3, 1), (16, 1), (32, 6), (128, 16)] {
            let h = H * (D + H) + H
            for (layer, want) in [("SimpleRNN", h), ("LSTM", 4 * h), ("GRU", 3 * h + 3 * H)] {
                let s = try KerasModelReader.summarize("import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=(None, \(D))), layers.\(layer)(\(H))])\n")
                XCTAssertEqual(s.totalParameters, want, "\(layer) H=\(H) D=\(D)")
            }
        }
        XCTAssertTrue(Self.text.contains("$H(D + H) + H$, $4(H(D + H) + H)$ and $3(H(D + H) + H) + 3H$"))
    }
}
