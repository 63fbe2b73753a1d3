import Foundation
import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// `rnnlab inspect`: the learner's own weights run by the cell views (the `CellSpec.given`
/// seam), the lesson of views built in code, the errors of bad files.
final class InspectTests: XCTestCase {
    private let example = PackagePaths.assets.appendingPathComponent("examples/keras-lstm")
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    private func kerasLSTM() throws -> InspectedModel {
        try InspectedModel.load(weights: example.appendingPathComponent("weights.npz"),
                                input: example.appendingPathComponent("x.npy"))
    }

    /// The lab opened on the inspect lesson's step `index`, at 100 × 30 in full colour.
    private func screen(_ model: InspectedModel, step index: Int, keys: [Key] = []) -> String {
        let lesson = InspectLesson.make(model)
        var harness = ProgramHarness(
            LabProgram(lessons: [lesson], size: Size(width: 100, height: 30), lessonID: lesson.id, stepIndex: index)!,
            size: Size(width: 100, height: 30))
        for key in keys { harness.press(key) }
        let frame = harness.frame()
        LabScreenSnapshotTests.checkShape(frame, .full)
        return frame.text()
    }

    func testTheKerasLSTMExampleIsLoadedWithItsFirstSequence() throws {
        let model = try kerasLSTM()
        XCTAssertEqual(model.cell, .lstm, "four blocks of H columns in recurrent_kernel")
        let p = model.given.parameters
        XCTAssertEqual([p.inputSize, p.hiddenSize], [3, 4])
        let x = try NPY.read(example.appendingPathComponent("x.npy"))
        XCTAssertEqual(model.given.inputs.count, 5)
        XCTAssertEqual(model.given.inputs.flatMap { $0 }, Array(x.data[0..<15]), "the first sequence of the batch of 2")
        XCTAssertEqual(InspectLesson.make(model).steps.map(\.id), ["states", "gates", "cell", "gradients"])
    }

    func testEachViewRunsTheGivenWeights() throws {
        let model = try kerasLSTM()
        // The seam: the run is the given weights on the given input, not a seeded draw.
        let rows = model.given.inputs.map { Matrix(row: $0) }
        let direct = model.given.parameters.forward(rows)
        let lesson = InspectLesson.make(model)
        guard let states = lesson.steps[0].lab?.as(StatesView.Spec.self) else { return XCTFail("states step") }
        let run = CellRunner.run(states.cell, states.cell.settings)
        XCTAssertEqual(run.states, direct.h.map { $0.row(0) })
        XCTAssertEqual(run.inputs, model.given.inputs.map { $0[0] }, "the chart's x is the first feature")

        let s = screen(model, step: 0)
        XCTAssertTrue(s.contains("LSTM · 4 hidden units · weights.npz · x.npy"), s)
        XCTAssertTrue(s.contains("x[1] "), "D = 3: the first feature is drawn")
        XCTAssertTrue(s.contains(String(format: "h[4] %+.3f", run.states[0][3]).replacingOccurrences(of: "-", with: "−")), s)
        let g = screen(model, step: 1)
        for title in ["i ", "f ", "o ", "g ", "cₜ", "hₜ"] { XCTAssertTrue(g.contains(title), "gates view shows \(title): \(g)") }
        let c = screen(model, step: 2)
        XCTAssertTrue(c.contains("unit 1 of 4"), c)
        XCTAssertTrue(screen(model, step: 2, keys: [.character("u"), .character("u")]).contains("unit 3 of 4"), "u picks the unit")
        let d = screen(model, step: 3)
        XCTAssertTrue(d.contains("‖∂L/∂h_t‖"), d)
        XCTAssertTrue(d.contains("t = 5 / 5"), "the backward pass starts at t = T")
        XCTAssertTrue(screen(model, step: 0, keys: [.character("l")]).contains("step 2/4"), "→ / l switches to the next view")
    }

    func testPyTorchWeightsOfTheSameCellGiveTheSameStates() throws {
        let keras = try kerasLSTM()
        let torchFile = scratch.appendingPathComponent("torch.npz")
        try NPZ.write(FrameworkWeights.export(keras.given.parameters, layout: .pytorch, prefix: "lstm."), to: torchFile)
        let torch = try InspectedModel.load(weights: torchFile, layout: .pytorch, input: example.appendingPathComponent("x.npy"))
        XCTAssertEqual(torch.cell, .lstm, "four blocks of H rows in weight_hh_l0")
        let a = CellRunner.run(parameters: keras.given.parameters, rows: keras.given.inputs.map { Matrix(row: $0) })
        let b = CellRunner.run(parameters: torch.given.parameters, rows: torch.given.inputs.map { Matrix(row: $0) })
        for (x, y) in zip(a.states.joined(), b.states.joined()) { XCTAssertEqual(x, y, accuracy: 1e-14) }
        XCTAssertTrue(screen(torch, step: 0).contains("LSTM · 4 hidden units · torch.npz · x.npy"))
    }

    func testALargeGRUWithoutInputShowsItsFirstUnitsAndTheDefaultSignal() throws {
        var rng = SeededRandom(seed: 3)
        let p = CellParameters.random(kind: .gru, inputSize: 2, hiddenSize: 12, rng: &rng)
        let file = scratch.appendingPathComponent("gru.npz")
        try NPZ.write(FrameworkWeights.export(p, layout: .pytorch), to: file)
        let model = try InspectedModel.load(weights: file)
        XCTAssertEqual(model.cell, .gru)
        XCTAssertEqual(model.given.inputs.count, InspectedModel.defaultSteps)
        let s = screen(model, step: 0)
        XCTAssertTrue(s.contains("h[1] … h[8] of 12 units shown"), s)
        XCTAssertFalse(s.contains("h[9] "), "units past 8 are not drawn")
        XCTAssertTrue(s.contains("GRU · 12 hidden units · gru.npz · sine input"), s)
        XCTAssertTrue(screen(model, step: 2, keys: Array(repeating: .character("U"), count: 1)).contains("unit 12 of 12"))
    }

    func testBadFilesAreErrorsNamingTheArray() throws {
        let file = scratch.appendingPathComponent("bad.npz")
        // An LSTM (recurrent_kernel 4 × 16) whose kernel has 12 columns.
        try NPZ.write(["kernel": .zeros([3, 12]), "recurrent_kernel": .zeros([4, 16])], to: file)
        XCTAssertThrowsError(try InspectedModel.load(weights: file)) { error in
            XCTAssertTrue("\(error)".contains("array 'kernel' has shape (3, 12), expected (3, 16) for an LSTM with 4 units"), "\(error)")
        }
        try NPZ.write(["recurrent_kernel": .zeros([4, 16])], to: file)
        XCTAssertThrowsError(try InspectedModel.load(weights: file)) { error in
            XCTAssertTrue("\(error)".contains("missing array 'kernel'"), "\(error)")
        }
        try NPZ.write(["kernel": .zeros([3, 10]), "recurrent_kernel": .zeros([5, 10])], to: file)
        XCTAssertThrowsError(try InspectedModel.load(weights: file)) { error in
            XCTAssertTrue("\(error)".contains("cannot tell the cell"), "\(error)")
        }
        let x = scratch.appendingPathComponent("x.npy")
        try NPY.write(.zeros([1, 5, 2]), to: x)
        XCTAssertThrowsError(try InspectedModel.load(weights: example.appendingPathComponent("weights.npz"), input: x)) { error in
            XCTAssertTrue("\(error)".contains("x.npy: input has 2 features per step (shape (1, 5, 2)), but the weights' kernel takes D = 3"), "\(error)")
        }
    }
}
