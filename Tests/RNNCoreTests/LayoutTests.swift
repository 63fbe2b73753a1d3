import Foundation
import XCTest
@testable import RNNCore

final class LayoutTests: XCTestCase {
    private func randomCell(_ kind: CellKind, resetAfter: Bool = true, seed: UInt64 = 11) -> CellParameters {
        var rng = SeededRandom(seed: seed)
        return CellParameters.random(kind: kind, inputSize: 3, hiddenSize: 4, resetAfter: resetAfter, scale: 0.5, rng: &rng)
    }

    /// Every variant: export to the framework layout and load back gives the same cell.
    func testExportThenLoadIsIdentity() throws {
        let variants: [(CellKind, Bool, FrameworkLayout)] = [
            (.rnn, true, .keras), (.lstm, true, .keras), (.gru, true, .keras),
            (.rnn, true, .pytorch), (.lstm, true, .pytorch), (.gru, true, .pytorch),
        ]
        for (kind, resetAfter, layout) in variants {
            let p = randomCell(kind, resetAfter: resetAfter)
            let arrays = FrameworkWeights.export(p, layout: layout, prefix: layout == .keras ? "layer/cell/" : "m.")
            let back = try FrameworkWeights.load(arrays, kind: kind, file: "mem").parameters
            XCTAssertEqual(back, p, "\(kind) \(layout)")
            // Through a file as well.
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("layout-\(UUID().uuidString).npz")
            defer { try? FileManager.default.removeItem(at: url) }
            try NPZ.write(arrays, to: url)
            let loaded = try FrameworkWeights.load(npz: url, kind: kind)
            XCTAssertEqual(loaded.parameters, p, "\(kind) \(layout) via .npz")
            XCTAssertEqual(loaded.layout, layout)
        }
    }

    /// A reset-before GRU folds b_h into the one Keras bias: same cell, b_x carries the sum.
    func testKerasResetBeforeGRUFoldsRecurrentBias() throws {
        let p = randomCell(.gru, resetAfter: false)
        let arrays = KerasLayout.export(p)
        XCTAssertEqual(arrays["bias"]?.shape, [12])
        let back = try KerasLayout.load(arrays, kind: .gru, file: "mem").parameters
        XCTAssertFalse(back.resetAfter, "a (3H,) bias means reset_after=False")
        XCTAssertEqual(back["b_x"]!.data, zip(p["b_x"]!.data, p["b_h"]!.data).map(+))
        let x = [Matrix(rows: 2, cols: 3, data: [0.1, -0.2, 0.3, 0.4, 0.5, -0.6])]
        let h0 = Matrix(rows: 2, cols: 4, data: [0.1, 0.2, -0.3, 0.4, 0, 0.5, 0.2, -0.1])
        XCTAssertEqual(back.forward(x, h0: h0).h[0].data, p.forward(x, h0: h0).h[0].data, accuracy: 1e-14)
    }

    /// Keras GRU blocks are z, r, h: canonical block r (0) is Keras block 1.
    func testKerasGRUSwapsUpdateAndResetBlocks() throws {
        let p = randomCell(.gru)
        let kernel = KerasLayout.export(p)["kernel"]!  // (3, 12)
        for d in 0..<3 {
            for j in 0..<4 {
                XCTAssertEqual(kernel[[d, 4 + j]], p["W_x"]![j, d], "Keras r block = canonical block 0")
                XCTAssertEqual(kernel[[d, j]], p["W_x"]![4 + j, d], "Keras z block = canonical block 1")
                XCTAssertEqual(kernel[[d, 8 + j]], p["W_x"]![8 + j, d], "h/n block stays last")
            }
        }
    }

    /// PyTorch's two biases sum into one canonical bias, and each receives its gradient.
    func testPyTorchBiasesSumAndShareTheGradient() throws {
        let ih = NDArray(shape: [16], data: (0..<16).map { Double($0) })
        let hh = NDArray(shape: [16], data: (0..<16).map { 0.5 * Double($0) })
        let arrays: [String: NDArray] = [
            "weight_ih_l0": NDArray.zeros([16, 3]), "weight_hh_l0": NDArray.zeros([16, 4]),
            "bias_ih_l0": ih, "bias_hh_l0": hh,
        ]
        let bound = try PyTorchLayout.load(arrays, kind: .lstm, file: "mem")
        XCTAssertEqual(bound.parameters["b"]!.data, (0..<16).map { 1.5 * Double($0) })
        var grads = bound.parameters.weights
        grads["b"] = Matrix(row: (0..<16).map { -Double($0) })
        let g = bound.frameworkGradients(grads)
        XCTAssertEqual(g["bias_ih_l0"]?.data, grads["b"]!.data)
        XCTAssertEqual(g["bias_hh_l0"]?.data, grads["b"]!.data)
        XCTAssertEqual(g["weight_hh_l0"]?.shape, [16, 4])
    }

    func testGradientMapsReturnArraysInFrameworkShapes() throws {
        for kind in CellKind.allCases {
            let arrays = KerasLayout.export(randomCell(kind), prefix: "seq/layer/")
            let bound = try KerasLayout.load(arrays, kind: kind, file: "mem")
            let g = bound.frameworkGradients(bound.parameters.weights)
            XCTAssertEqual(Set(g.keys), Set(arrays.keys), "\(kind)")
            // The map is the load's inverse, so weights taken as "gradients" come back unchanged.
            for (name, a) in arrays { XCTAssertEqual(g[name], a, "\(kind) \(name)") }
        }
    }

    func testLayoutInference() {
        XCTAssertEqual(FrameworkLayout.infer(fromNames: ["lstm/lstm_cell/kernel", "lstm/lstm_cell/bias"]), .keras)
        XCTAssertEqual(FrameworkLayout.infer(fromNames: ["rnn.weight_ih_l0", "rnn.weight_hh_l0"]), .pytorch)
        XCTAssertNil(FrameworkLayout.infer(fromNames: ["W_x", "W_h"]))
        assertInteropError(try FrameworkWeights.load(["W_x": NDArray.zeros([4, 3])], kind: .rnn, file: "W.npz"),
                           contains: ["W.npz", "cannot tell the layout", "'W_x'", "--layout"])
    }

    // MARK: errors name the file, the array, the expected and the actual shape

    func testWrongRecurrentShapeMessage() {
        let arrays: [String: NDArray] = [
            "recurrent_kernel": NDArray.zeros([4, 12]), "kernel": NDArray.zeros([3, 16]), "bias": NDArray.zeros([16]),
        ]
        assertInteropError(try KerasLayout.load(arrays, kind: .lstm, file: "W.npz"),
                           contains: ["W.npz: array 'recurrent_kernel' has shape (4, 12), expected (4, 16) for an LSTM with 4 units"])
    }

    func testWrongKernelAndBiasShapes() {
        var arrays = KerasLayout.export(randomCell(.lstm))
        arrays["kernel"] = NDArray.zeros([3, 12])
        assertInteropError(try KerasLayout.load(arrays, kind: .lstm, file: "W.npz"),
                           contains: ["array 'kernel' has shape (3, 12), expected (3, 16)"])
        arrays = PyTorchLayout.export(randomCell(.gru))
        arrays["bias_hh_l0"] = NDArray.zeros([2, 12])
        assertInteropError(try PyTorchLayout.load(arrays, kind: .gru, file: "t.npz"),
                           contains: ["t.npz: array 'bias_hh_l0' has shape (2, 12), expected (12,) for a GRU with 4 units"])
    }

    func testKerasGRUBiasContradictsResetAfter() {
        let arrays = KerasLayout.export(randomCell(.gru, resetAfter: false))
        assertInteropError(try KerasLayout.load(arrays, kind: .gru, resetAfter: true, file: "W.npz"),
                           contains: ["array 'bias' has shape (12,), expected (2, 12) for a GRU (reset_after=True) with 4 units"])
    }

    func testPyTorchGRUCannotBeResetBefore() {
        let arrays = PyTorchLayout.export(randomCell(.gru))
        assertInteropError(try PyTorchLayout.load(arrays, kind: .gru, resetAfter: false, file: "t.npz"),
                           contains: ["t.npz", "always reset-after"])
    }

    func testMissingAndAmbiguousNames() {
        var arrays = KerasLayout.export(randomCell(.rnn), prefix: "simple_rnn/simple_rnn_cell/")
        arrays["simple_rnn/simple_rnn_cell/recurrent_kernel"] = nil
        assertInteropError(try KerasLayout.load(arrays, kind: .rnn, file: "W.npz"),
                           contains: ["W.npz: missing array 'recurrent_kernel'", "'simple_rnn/simple_rnn_cell/kernel'"])
        arrays = KerasLayout.export(randomCell(.rnn), prefix: "a/")
        arrays["dense/kernel"] = NDArray.zeros([4, 1])
        assertInteropError(try KerasLayout.load(arrays, kind: .rnn, file: "W.npz"),
                           contains: ["W.npz: array name 'kernel' is ambiguous", "'a/kernel'", "'dense/kernel'"])
    }

    func testNonFiniteWeightsAreRejected() {
        var arrays = PyTorchLayout.export(randomCell(.rnn))
        arrays["weight_hh_l0"]!.data[5] = .nan
        assertInteropError(try PyTorchLayout.load(arrays, kind: .rnn, file: "t.npz"),
                           contains: ["t.npz: array 'weight_hh_l0' contains NaN at flat index 5"])
        arrays = KerasLayout.export(randomCell(.rnn))
        arrays["bias"]!.data[0] = -.infinity
        assertInteropError(try KerasLayout.load(arrays, kind: .rnn, file: "W.npz"), contains: ["'bias' contains Inf"])
    }

    func testKerasWithoutBiasLoadsZeroBiasAndReportsNoBiasGradient() throws {
        var arrays = KerasLayout.export(randomCell(.rnn))
        arrays["bias"] = nil
        let bound = try KerasLayout.load(arrays, kind: .rnn, file: "mem")
        XCTAssertEqual(bound.parameters["b_h"], Matrix(rows: 1, cols: 4))
        XCTAssertEqual(Set(bound.arrayNames), ["kernel", "recurrent_kernel"])
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, _ message: String = "",
                            file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, message, file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, message, file: file, line: line) }
}

extension LayoutTests {
    func testPyTorchStackedOrBidirectionalWeightsAreRejected() {
        var rng = SeededRandom(seed: 3)
        let p = CellParameters.random(kind: .lstm, inputSize: 3, hiddenSize: 4, rng: &rng)
        for extra in ["lstm.weight_ih_l1", "bias_hh_l0_reverse"] {
            var arrays = PyTorchLayout.export(p, prefix: "lstm.")
            arrays[extra] = NDArray.zeros([16])
            assertInteropError(try PyTorchLayout.load(arrays, kind: .lstm, file: "t.npz"),
                               contains: ["t.npz: array '\(extra)' belongs to another layer or direction"])
        }
    }
}

/// Misspelt and foreign array names are errors: running without them computes other numbers.
extension LayoutTests {
    func testMisspeltKerasBiasIsNamedWithTheExpectedNames() throws {
        var arrays = KerasLayout.export(randomCell(.lstm), prefix: "lstm/lstm_cell/")
        arrays["lstm/lstm_cell/bais"] = arrays.removeValue(forKey: "lstm/lstm_cell/bias")
        assertInteropError(try FrameworkWeights.load(arrays, kind: .lstm, file: "W.npz"),
                           contains: ["W.npz: array 'lstm/lstm_cell/bais' is not part of the Keras layout",
                                      "expected kernel, recurrent_kernel and an optional bias", "--allow-extra-arrays"])
        // Allowed, the array is ignored and the cell runs without a bias.
        let bound = try FrameworkWeights.load(arrays, kind: .lstm, allowExtraArrays: true, file: "W.npz")
        XCTAssertEqual(bound.parameters["b"], Matrix(rows: 1, cols: 16))
    }

    func testMisspeltPyTorchBiasesAreNamed() {
        var arrays = PyTorchLayout.export(randomCell(.gru), prefix: "gru.")
        arrays["gru.bias_ih_10"] = arrays.removeValue(forKey: "gru.bias_ih_l0")
        arrays["gru.bais_hh_l0"] = arrays.removeValue(forKey: "gru.bias_hh_l0")
        assertInteropError(try FrameworkWeights.load(arrays, kind: .gru, layout: .pytorch, file: "t.npz"),
                           contains: ["t.npz: arrays 'gru.bais_hh_l0', 'gru.bias_ih_10' are not part of the PyTorch layout",
                                      "weight_ih_l0, weight_hh_l0 and optionally both bias_ih_l0 and bias_hh_l0"])
    }

    /// PyTorch saves both biases or neither: one alone means the other was lost or misnamed.
    func testOnePyTorchBiasWithoutTheOtherIsMissing() throws {
        var arrays = PyTorchLayout.export(randomCell(.rnn))
        arrays["bias_hh_l0"] = nil
        assertInteropError(try PyTorchLayout.load(arrays, kind: .rnn, allowExtraArrays: true, file: "t.npz"),
                           contains: ["t.npz: missing array 'bias_hh_l0' (PyTorch layout): the file has 'bias_ih_l0'"])
        arrays["bias_ih_l0"] = nil
        XCTAssertEqual(try PyTorchLayout.load(arrays, kind: .rnn, file: "t.npz").parameters["b_h"], Matrix(rows: 1, cols: 4),
                       "bias=False: no bias at all is a legitimate layer")
    }

    func testMissingArrayListsTheLayoutsNames() {
        var arrays = PyTorchLayout.export(randomCell(.lstm))
        arrays["weight_hh_l0"] = nil
        assertInteropError(try PyTorchLayout.load(arrays, kind: .lstm, file: "t.npz"),
                           contains: ["t.npz: missing array 'weight_hh_l0' (PyTorch layout: expected weight_ih_l0, weight_hh_l0"])
    }
}
