import Foundation
import LabTesting
import RNNCore
import XCTest

/// `rnnlab run` as a process: flags, exit codes, the one-line stderr messages, the output file.
/// Numeric agreement with the frameworks is checked on the same files in
/// RNNCoreTests/RunRequestTests; here we check what only the real executable can show.
final class RunCommandTests: XCTestCase {
    private var scratch: URL!
    private var binary: URL!
    private let fixtures = PackagePaths.root.appendingPathComponent("Tests/RNNCoreTests/Fixtures")

    override func setUpWithError() throws {
        binary = try RNNLabBinary.url()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("run-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    private func fixture(_ name: String, _ file: String) -> String {
        fixtures.appendingPathComponent(name).appendingPathComponent(file).path
    }

    /// Runs the binary; returns exit code, stdout and stderr.
    private func rnnlab(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let result = try Subprocess.run(binary.path, arguments, environment: ProcessInfo.processInfo.environment)
        return (result.status, result.stdoutText, result.stderrText)
    }

    /// Runs `rnnlab run` on a case folder laid out like the fixtures (weights.npz, x.npy, h0.npy,
    /// c0.npy for the LSTM, upstream.npy), with gradients, writing `out`.
    private func runCase(_ folder: URL, cell: String, out: URL) throws -> (code: Int32, out: String, err: String) {
        func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
        var arguments = ["run", "--cell", cell, "--weights", file("weights.npz"), "--input", file("x.npy"),
                         "--h0", file("h0.npy"), "--upstream", file("upstream.npy"), "--out", out.path]
        if cell == "lstm" { arguments += ["--c0", file("c0.npy")] }
        return try rnnlab(arguments)
    }

    /// The member names of an NPZ archive, as `name.npy`.
    private func memberNames(_ url: URL) throws -> Set<String> {
        Set(try NPZ.read(url).keys.map { $0 + ".npy" })
    }

    /// The values of one array of an NPZ archive, failing the test if it is missing.
    private func storedFloat64Member(_ name: String, in url: URL) throws -> [Double] {
        guard let array = try NPZ.read(url)[name] else {
            XCTFail("no member \(name).npy in \(url.path)")
            return []
        }
        return array.data
    }

    /// The executable's numbers agree with Keras (keras_simple_rnn's expected.npz is stored too).
    func testOutputMatchesKerasFixtureNumbers() throws {
        let out = scratch.appendingPathComponent("OUT.npz")
        let name = "keras_simple_rnn"
        let result = try runCase(fixtures.appendingPathComponent(name), cell: "rnn", out: out)
        XCTAssertEqual(result.code, 0, result.err)
        let expectedFile = URL(fileURLWithPath: fixture(name, "expected.npz"))
        for array in ["h", "grad_x", "grad_h0", "grad_simple_rnn/simple_rnn_cell/kernel"] {
            let ours = try storedFloat64Member(array, in: out)
            let keras = try storedFloat64Member(array, in: expectedFile)
            XCTAssertEqual(ours.count, keras.count, array)
            XCTAssertFalse(ours.isEmpty, array)
            XCTAssertLessThanOrEqual(maxRelativeError(ours, keras), 1e-5, array)
        }
    }

    /// The worked example in Assets/examples/keras-lstm (its README's command) agrees with
    /// Keras on every array Keras computed.
    func testAssetsExampleAgreesWithKeras() throws {
        let example = PackagePaths.assets.appendingPathComponent("examples/keras-lstm")
        let out = scratch.appendingPathComponent("out.npz")
        let result = try runCase(example, cell: "lstm", out: out)
        XCTAssertEqual(result.code, 0, result.err)
        let ours = try NPZ.read(out), keras = try NPZ.read(example.appendingPathComponent("expected.npz"))
        let compared = keras.keys.filter { ours[$0] != nil }
        XCTAssertEqual(Set(compared), ["h", "grad_x", "grad_h0", "grad_c0", "grad_lstm/lstm_cell/kernel",
                                       "grad_lstm/lstm_cell/recurrent_kernel", "grad_lstm/lstm_cell/bias"])
        for name in compared {
            XCTAssertEqual(ours[name]?.shape, keras[name]?.shape, name)
            XCTAssertLessThanOrEqual(maxRelativeError(ours[name]!.data, keras[name]!.data), 1e-9, name)
        }
    }

    func testKerasGRUWithGradientsWritesEveryArray() throws {
        let out = scratch.appendingPathComponent("OUT.npz")
        let name = "keras_gru_reset_before"
        let result = try runCase(fixtures.appendingPathComponent(name), cell: "gru", out: out)
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(result.err, "")
        let expected: Set<String> = [
            "h", "r", "z", "n", "grad_x", "grad_h0", "grad_h_norm",
            "grad_gru/gru_cell/kernel", "grad_gru/gru_cell/recurrent_kernel", "grad_gru/gru_cell/bias",
        ]
        XCTAssertEqual(try memberNames(out), Set(expected.map { $0 + ".npy" }))
    }

    func testPyTorchLSTMWithoutUpstreamWritesStatesAndGates() throws {
        let out = scratch.appendingPathComponent("o.npz")
        let result = try rnnlab(["run", "--cell", "lstm", "--layout", "pytorch", "--weights", fixture("torch_lstm", "weights.npz"),
                                 "--input", fixture("torch_lstm", "x.npy"), "--c0", fixture("torch_lstm", "c0.npy"),
                                 "--out", out.path])
        XCTAssertEqual(result.code, 0, result.err)
        XCTAssertEqual(try memberNames(out), ["h.npy", "c.npy", "i.npy", "f.npy", "g.npy", "o.npy"])
    }

    func testWrongCellIsOneLineNamingArrayAndShapes() throws {
        let weights = fixture("keras_lstm", "weights.npz")
        let result = try rnnlab(["run", "--cell", "gru", "--weights", weights, "--input", fixture("keras_lstm", "x.npy"),
                                 "--out", scratch.appendingPathComponent("o.npz").path])
        XCTAssertEqual(result.code, 1)
        XCTAssertEqual(result.err,
                       "error: \(weights): array 'lstm/lstm_cell/recurrent_kernel' has shape (4, 16), expected (4, 12) for a GRU with 4 units\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("o.npz").path))
    }

    func testBadInputShapeAndDtype() throws {
        var result = try rnnlab(["run", "--cell", "rnn", "--weights", fixture("torch_rnn", "weights.npz"),
                                 "--input", fixture("torch_rnn", "h0.npy"), "--out", scratch.appendingPathComponent("o.npz").path])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.err.hasPrefix("error: \(fixture("torch_rnn", "h0.npy")): input has shape (2, 4), expected (batch, time, 3) or (time, 3)"), result.err)
        XCTAssertEqual(result.err.filter { $0 == "\n" }.count, 1, "one line")

        result = try rnnlab(["run", "--cell", "rnn", "--weights", fixture("torch_rnn", "weights.npz"),
                             "--input", fixture("npy", "int64_2x3.npy"), "--out", scratch.appendingPathComponent("o.npz").path])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.err.contains("dtype int64"), result.err)
    }

    func testWrongLayoutAndResetFlag() throws {
        var result = try rnnlab(["run", "--cell", "gru", "--layout", "keras", "--weights", fixture("torch_gru", "weights.npz"),
                                 "--input", fixture("torch_gru", "x.npy"), "--out", scratch.appendingPathComponent("o.npz").path])
        XCTAssertEqual(result.code, 1)
        XCTAssertEqual(result.err, "error: \(fixture("torch_gru", "weights.npz")): --layout keras, but the arrays have PyTorch names ('encoder.bias_hh_l0', 'encoder.bias_ih_l0', 'encoder.weight_hh_l0', 'encoder.weight_ih_l0'); pass --layout pytorch or leave --layout out\n")

        result = try rnnlab(["run", "--cell", "gru", "--no-reset-after", "--weights", fixture("torch_gru", "weights.npz"),
                             "--input", fixture("torch_gru", "x.npy"), "--out", scratch.appendingPathComponent("o.npz").path])
        XCTAssertEqual(result.code, 1)
        XCTAssertTrue(result.err.contains("always reset-after"), result.err)
    }

    func testUsageErrorsAndUnwritableOutput() throws {
        var result = try rnnlab(["run", "--cell", "transformer", "--weights", "W.npz", "--input", "X.npy", "--out", "o.npz"])
        XCTAssertNotEqual(result.code, 0)
        XCTAssertNotEqual(result.code, 1, "usage errors are not bad-input errors")
        XCTAssertEqual(result.code, 64)
        XCTAssertTrue(result.err.contains("The value 'transformer' is invalid for '--cell <cell>'"), result.err)

        result = try rnnlab(["run", "--cell", "rnn", "--weights", fixture("torch_rnn", "weights.npz"),
                             "--input", fixture("torch_rnn", "x.npy"), "--out", "/nonexistent-dir/o.npz"])
        XCTAssertEqual(result.code, 3)
        XCTAssertTrue(result.err.hasPrefix("error: /nonexistent-dir/o.npz: cannot write"), result.err)
    }
}
