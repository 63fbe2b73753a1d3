import Foundation
import LabTesting
import XCTest
@testable import RNNCore

/// `rnnlab run`'s logic: files in, files out, compared with the framework fixtures.
final class RunRequestTests: XCTestCase {
    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = try FixturePaths.makeScratch("run-tests")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    private func fixture(_ name: String, _ file: String) -> String {
        FixturePaths.root.appendingPathComponent(name).appendingPathComponent(file).path
    }

    private func scratchFile(_ name: String, _ array: NDArray) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try NPY.write(array, to: url)
        return url.path
    }

    private func request(_ name: String, kind: CellKind, upstream: Bool = true) -> RunRequest {
        RunRequest(cell: kind, weightsPath: fixture(name, "weights.npz"), inputPath: fixture(name, "x.npy"),
                   h0Path: fixture(name, "h0.npy"), c0Path: kind == .lstm ? fixture(name, "c0.npy") : nil,
                   upstreamPath: upstream ? fixture(name, "upstream.npy") : nil,
                   outputPath: scratch.appendingPathComponent("\(name).npz").path)
    }

    /// Every case, layout inferred from the names: the written file agrees with the framework.
    func testOutputFilesMatchFrameworkFixtures() throws {
        for c in FixturePaths.cases {
            let req = request(c.name, kind: c.kind)
            try req.execute()
            let out = try NPZ.read(URL(fileURLWithPath: req.outputPath))
            let expected = try NPZ.read(URL(fileURLWithPath: fixture(c.name, "expected.npz")))
            let weights = try NPZ.read(URL(fileURLWithPath: fixture(c.name, "weights.npz")))

            var names = ["h", "grad_x", "grad_h0", "grad_h_norm"] + weights.keys.map { "grad_" + $0 } + c.kind.gateNames
            if c.kind == .lstm { names += ["c", "grad_c0"] }
            XCTAssertEqual(Set(out.keys), Set(names), c.name)
            for (name, array) in out {
                XCTAssertEqual(array.dtype, .float64, "\(c.name) \(name)")
                guard let want = expected[name] else { continue }
                XCTAssertEqual(array.shape, want.shape, "\(c.name) \(name)")
                let err = maxRelativeError(array.data, want.data)
                XCTAssertLessThanOrEqual(err, 1e-5, "\(c.name) \(name): max relative error \(err)")
            }
            // The last step of h is the framework's final state.
            let h = out["h"]!, (B, T, H) = (h.shape[0], h.shape[1], h.shape[2])
            let last = (0..<B).flatMap { b in (0..<H).map { j in h[[b, T - 1, j]] } }
            XCTAssertLessThanOrEqual(maxRelativeError(last, expected["h_last"]!.data), 1e-5, c.name)
            for gate in c.kind.gateNames { XCTAssertEqual(out[gate]?.shape, [B, T, H], "\(c.name) gate \(gate)") }
        }
    }

    /// At the last step nothing flows back from the future, so ‖∂L/∂h_T‖ = ‖G_T‖.
    func testGradHNormAtLastStepIsUpstreamNorm() throws {
        let out = try request("torch_gru", kind: .gru).compute()
        let g = try NPY.read(URL(fileURLWithPath: fixture("torch_gru", "upstream.npy")))
        let norm = out["grad_h_norm"]!
        XCTAssertEqual(norm.shape, [2, 5])
        for b in 0..<2 {
            let expected = (0..<4).map { g[[b, 4, $0]] * g[[b, 4, $0]] }.reduce(0, +).squareRoot()
            XCTAssertEqual(norm[[b, 4]], expected, accuracy: 1e-12)
            XCTAssertGreaterThan(norm[[b, 0]], 0)
        }
    }

    /// The LSTM gates written out satisfy c_t = f ⊙ c_{t-1} + i ⊙ g and h_t = o ⊙ tanh(c_t).
    func testLSTMGatesAreConsistentWithStates() throws {
        let out = try request("keras_lstm", kind: .lstm, upstream: false).compute()
        let c0 = try NPY.read(URL(fileURLWithPath: fixture("keras_lstm", "c0.npy")))
        let (i, f, g, o, c, h) = (out["i"]!, out["f"]!, out["g"]!, out["o"]!, out["c"]!, out["h"]!)
        XCTAssertNil(out["grad_x"], "no upstream, no gradients")
        for b in 0..<2 {
            for t in 0..<5 {
                for j in 0..<4 {
                    let cPrev = t == 0 ? c0[[b, j]] : c[[b, t - 1, j]]
                    XCTAssertEqual(c[[b, t, j]], f[[b, t, j]] * cPrev + i[[b, t, j]] * g[[b, t, j]], accuracy: 1e-12)
                    XCTAssertEqual(h[[b, t, j]], o[[b, t, j]] * tanh(c[[b, t, j]]), accuracy: 1e-12)
                }
            }
        }
    }

    /// (time, features) input means batch 1; outputs and grad_x follow that shape.
    func testBatchlessInputAndStates() throws {
        let x = try NPY.read(URL(fileURLWithPath: fixture("torch_lstm", "x.npy")))
        let g = try NPY.read(URL(fileURLWithPath: fixture("torch_lstm", "upstream.npy")))
        let h0 = try NPY.read(URL(fileURLWithPath: fixture("torch_lstm", "h0.npy")))
        let c0 = try NPY.read(URL(fileURLWithPath: fixture("torch_lstm", "c0.npy")))
        let expected = try NPZ.read(URL(fileURLWithPath: fixture("torch_lstm", "expected.npz")))
        func first(_ a: NDArray) -> NDArray {  // batch row 0
            NDArray(shape: Array(a.shape.dropFirst()), data: Array(a.data.prefix(a.count / a.shape[0])))
        }
        let req = RunRequest(cell: .lstm, weightsPath: fixture("torch_lstm", "weights.npz"), layout: .pytorch,
                             inputPath: try scratchFile("x.npy", first(x)), h0Path: try scratchFile("h0.npy", first(h0)),
                             c0Path: try scratchFile("c0.npy", first(c0)), upstreamPath: try scratchFile("g.npy", first(g)),
                             outputPath: scratch.appendingPathComponent("out.npz").path)
        let out = try req.compute()
        XCTAssertEqual(out["h"]?.shape, [1, 5, 4])
        XCTAssertEqual(out["grad_x"]?.shape, [5, 3])
        XCTAssertEqual(out["grad_h0"]?.shape, [4])
        XCTAssertLessThanOrEqual(maxRelativeError(out["h"]!.data, first(expected["h"]!).data), 1e-5)
        // Batch rows are independent, so the input gradients of row 0 are the framework's.
        XCTAssertLessThanOrEqual(maxRelativeError(out["grad_x"]!.data, first(expected["grad_x"]!).data), 1e-5)
        XCTAssertLessThanOrEqual(maxRelativeError(out["grad_c0"]!.data, first(expected["grad_c0"]!).data), 1e-5)
    }

    /// Extra arrays are refused unless allowed; allowed, they get zero gradients.
    func testArraysTheCellDoesNotUseGetZeroGradients() throws {
        var weights = try NPZ.read(URL(fileURLWithPath: fixture("torch_rnn", "weights.npz")))
        weights["head.weight"] = NDArray(shape: [1, 4], data: [1, 2, 3, 4])
        let wPath = scratch.appendingPathComponent("w.npz")
        try NPZ.write(weights, to: wPath)
        var req = request("torch_rnn", kind: .rnn)
        req.weightsPath = wPath.path
        assertInteropError(try req.compute(), contains: ["w.npz: array 'head.weight' is not part of the PyTorch layout",
                                                         "weight_ih_l0, weight_hh_l0", "--allow-extra-arrays"])
        req.allowExtraArrays = true
        let out = try req.compute()
        XCTAssertEqual(out["grad_head.weight"], NDArray.zeros([1, 4]))
    }

    // MARK: bad input: one line naming the file, the array and the shapes

    func testWrongFeatureCount() throws {
        var req = request("keras_lstm", kind: .lstm)
        req.inputPath = try scratchFile("X.npy", NDArray.zeros([2, 5, 4]))
        assertInteropError(try req.compute(), contains: ["X.npy: input has shape (2, 5, 4), expected (batch, time, 3) or (time, 3)"])
    }

    func testWrongStateAndUpstreamShapes() throws {
        var req = request("keras_lstm", kind: .lstm)
        req.h0Path = try scratchFile("H0.npy", NDArray.zeros([3, 4]))
        assertInteropError(try req.compute(), contains: ["H0.npy: h0 has shape (3, 4), expected (2, 4)", "an LSTM with 4 units"])
        req = request("keras_lstm", kind: .lstm)
        req.c0Path = try scratchFile("C0.npy", NDArray.zeros([2, 5]))
        assertInteropError(try req.compute(), contains: ["C0.npy: c0 has shape (2, 5), expected (2, 4)"])
        req = request("keras_lstm", kind: .lstm)
        req.upstreamPath = try scratchFile("G.npy", NDArray.zeros([2, 4, 4]))
        assertInteropError(try req.compute(), contains: ["G.npy: upstream gradient has shape (2, 4, 4), expected (2, 5, 4)"])
    }

    func testNonFiniteInputsAreRejected() throws {
        var req = request("torch_gru", kind: .gru)
        var x = try NPY.read(URL(fileURLWithPath: req.inputPath))
        x.data[7] = .nan
        req.inputPath = try scratchFile("X.npy", x)
        assertInteropError(try req.compute(), contains: ["X.npy: array 'input' contains NaN at flat index 7"])
        req = request("torch_gru", kind: .gru)
        req.h0Path = try scratchFile("H0.npy", NDArray(shape: [2, 4], data: [0, 0, 0, .infinity, 0, 0, 0, 0]))
        assertInteropError(try req.compute(), contains: ["H0.npy: array 'h0' contains Inf"])
    }

    func testCellStateForNonLSTMAndWrongCellKind() throws {
        var req = request("torch_gru", kind: .gru)
        req.c0Path = fixture("keras_lstm", "c0.npy")
        assertInteropError(try req.compute(), contains: ["c0.npy: --c0 given, but only an LSTM has a cell state"])
        req = request("keras_lstm", kind: .lstm)
        req.cell = .gru
        req.c0Path = nil
        assertInteropError(try req.compute(),
                           contains: ["weights.npz: array 'lstm/lstm_cell/recurrent_kernel' has shape (4, 16), expected (4, 12) for a GRU with 4 units"])
    }

    func testBadDtypeAndMissingFiles() throws {
        var req = request("torch_rnn", kind: .rnn)
        req.inputPath = fixture("npy", "int64_2x3.npy")
        assertInteropError(try req.compute(), contains: ["int64_2x3.npy", "int64"])
        req = request("torch_rnn", kind: .rnn)
        req.weightsPath = scratch.appendingPathComponent("W.npz").path
        assertInteropError(try req.compute(), contains: ["W.npz: cannot read file"])
    }

    func testUnwritableOutputIsAnOutputError() {
        var req = request("torch_rnn", kind: .rnn)
        req.outputPath = "/nonexistent-dir/out.npz"
        do {
            try req.execute()
            XCTFail("expected an error")
        } catch let error as InteropError {
            XCTAssertEqual(error.category, .output)
            XCTAssertEqual(error.exitCode, 3)
            XCTAssertTrue(error.message.hasPrefix("/nonexistent-dir/out.npz: cannot write"), error.message)
        } catch {
            XCTFail("unexpected \(error)")
        }
    }
}

extension RunRequestTests {
    /// Keras saves float32 by default: such weights and inputs are widened, outputs are float64.
    func testFloat32FilesAreAcceptedAndOutputIsFloat64() throws {
        let name = "keras_gru_reset_after"
        var weights = try NPZ.read(FixturePaths.file("\(name)/weights.npz"))
        for key in weights.keys {
            weights[key]!.dtype = .float32
            weights[key]!.data = weights[key]!.data.map { Double(Float($0)) }
        }
        let dir = try FixturePaths.makeScratch("run-f32")
        defer { try? FileManager.default.removeItem(at: dir) }
        try NPZ.write(weights, to: dir.appendingPathComponent("w32.npz"))
        var x = try NPY.read(FixturePaths.file("\(name)/x.npy"))
        x.dtype = .float32
        try NPY.write(x, to: dir.appendingPathComponent("x32.npy"))
        let out = try RunRequest(cell: .gru, weightsPath: dir.appendingPathComponent("w32.npz").path,
                                 inputPath: dir.appendingPathComponent("x32.npy").path,
                                 h0Path: FixturePaths.file("\(name)/h0.npy").path,
                                 outputPath: dir.appendingPathComponent("o.npz").path).compute()
        let expected = try NPZ.read(FixturePaths.file("\(name)/expected.npz"))
        XCTAssertEqual(out["h"]?.dtype, .float64)
        // float32 rounding of weights and inputs moves h by about 1e-7 relative.
        XCTAssertLessThanOrEqual(maxRelativeError(out["h"]!.data, expected["h"]!.data, absoluteFloor: 1e-3), 1e-5)
    }
}

/// What `run` refuses and reports instead of writing something wrong.
extension RunRequestTests {
    func testResetAfterWithoutAResetGateIsAnError() {
        for flag in [true, false] {
            var req = request("keras_lstm", kind: .lstm)
            req.resetAfter = flag
            assertInteropError(try req.compute(), contains: ["\(flag ? "--reset-after" : "--no-reset-after") given, but only a GRU has a reset gate"])
        }
    }

    /// A finite but huge upstream gradient overflows in backpropagation: reported, not written.
    func testOverflowingGradientIsReportedAndNothingIsWritten() throws {
        var req = request("torch_rnn", kind: .rnn)
        let g = try NPY.read(URL(fileURLWithPath: fixture("torch_rnn", "upstream.npy")))
        req.upstreamPath = try scratchFile("G.npy", NDArray(shape: g.shape, data: g.data.map { $0 == 0 ? 1e308 : $0.sign == .minus ? -1e308 : 1e308 }))
        assertInteropError(try req.execute(), contains: ["G.npy: backpropagating this upstream gradient overflows float64",
                                                         "would contain", "scale the values down"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: req.outputPath))
    }

    /// The output is checked before any work and never replaces an input.
    func testOutputThatIsAnInputOrADirectoryIsRefused() throws {
        let x = try NPY.read(URL(fileURLWithPath: fixture("torch_rnn", "x.npy")))
        var req = request("torch_rnn", kind: .rnn)
        req.inputPath = try scratchFile("x.npy", x)
        req.outputPath = req.inputPath
        assertInteropError(try req.execute(), contains: ["x.npy: is the --input file"])
        XCTAssertEqual(try NPY.read(URL(fileURLWithPath: req.inputPath)), x, "the input is untouched")
        req.outputPath = scratch.path
        do {
            try req.execute()
            XCTFail("a directory as output must fail")
        } catch let error as InteropError {
            XCTAssertEqual(error.exitCode, 3)
            XCTAssertEqual(error.message, "\(scratch.path): is a directory; name a file to write")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scratch.path), ["x.npy"])
    }
}
