import Foundation
import LabTesting
import RNNCore
import XCTest

/// `rnnlab run` on Keras and PyTorch LSTM weights and inputs saved in Fortran order (what
/// `np.save` writes for a transposed array, e.g. a PyTorch weight converted from Keras) gives
/// the same results, bit for bit, as on the same numbers saved in C order.
final class FortranOrderRunTests: XCTestCase {
    private var scratch: URL!
    private var binary: URL!
    private let fixtures = PackagePaths.root.appendingPathComponent("Tests/RNNCoreTests/Fixtures")

    override func setUpWithError() throws {
        binary = try RNNLabBinary.url()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("fortran-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    private func path(_ relative: String) -> String { fixtures.appendingPathComponent(relative).path }

    /// Runs `rnnlab run --cell lstm` with gradients and returns every array it wrote.
    private func run(layout: String, weights: String, x: String, h0: String, c0: String, upstream: String,
                     out name: String) throws -> [String: NDArray] {
        let out = scratch.appendingPathComponent(name)
        let result = try Subprocess.run(binary.path, [
            "run", "--cell", "lstm", "--layout", layout, "--weights", weights, "--input", x,
            "--h0", h0, "--c0", c0, "--upstream", upstream, "--out", out.path,
        ], environment: ProcessInfo.processInfo.environment)
        XCTAssertEqual(result.status, 0, result.stderrText)
        XCTAssertEqual(result.stderrText, "")
        return try NPZ.read(out)
    }

    /// The fixture really is in Fortran order (so the test cannot pass on C-order files).
    private func assertFortranOrder(_ file: String, line: UInt = #line) throws {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: file))
        XCTAssertNotNil(bytes.range(of: Data("'fortran_order': True".utf8)), file, line: line)
    }

    private func assertSameArrays(_ fortran: [String: NDArray], _ c: [String: NDArray], line: UInt = #line) {
        XCTAssertEqual(Set(fortran.keys), Set(c.keys), line: line)
        XCTAssertTrue(fortran.keys.contains("h"), line: line)
        for (name, array) in c {
            XCTAssertEqual(fortran[name]?.shape, array.shape, name, line: line)
            XCTAssertEqual(fortran[name]?.data, array.data, "\(name) differs between Fortran and C order", line: line)
        }
    }

    func testKerasWeightsAndInputsInFortranOrder() throws {
        let f = "npy_formats/fortran_lstm/keras/"
        for name in ["x.npy", "h0.npy", "c0.npy", "upstream.npy"] { try assertFortranOrder(path(f + name)) }
        let fortran = try run(layout: "keras", weights: path(f + "weights.npz"), x: path(f + "x.npy"), h0: path(f + "h0.npy"),
                              c0: path(f + "c0.npy"), upstream: path(f + "upstream.npy"), out: "fortran.npz")
        let c = try run(layout: "keras", weights: path("keras_lstm/weights.npz"), x: path("keras_lstm/x.npy"),
                        h0: path("keras_lstm/h0.npy"), c0: path("keras_lstm/c0.npy"), upstream: path("keras_lstm/upstream.npy"),
                        out: "c.npz")
        assertSameArrays(fortran, c)
        // And both are Keras' numbers.
        let keras = try NPZ.read(URL(fileURLWithPath: path("keras_lstm/expected.npz")))
        XCTAssertLessThanOrEqual(maxRelativeError(fortran["h"]!.data, keras["h"]!.data), 1e-5)
    }

    func testPyTorchWeightsConvertedFromKerasAreFortranOrder() throws {
        let f = "npy_formats/fortran_lstm/torch/"
        // A stored archive: its members' headers are readable in the file.
        try assertFortranOrder(path(f + "weights.npz"))
        try assertFortranOrder(path(f + "x.npy"))
        let t = "torch_lstm/"
        let fortran = try run(layout: "pytorch", weights: path(f + "weights.npz"), x: path(f + "x.npy"), h0: path(t + "h0.npy"),
                              c0: path(t + "c0.npy"), upstream: path(t + "upstream.npy"), out: "fortran.npz")
        let c = try run(layout: "pytorch", weights: path(t + "weights.npz"), x: path(t + "x.npy"), h0: path(t + "h0.npy"),
                        c0: path(t + "c0.npy"), upstream: path(t + "upstream.npy"), out: "c.npz")
        assertSameArrays(fortran, c)
        let torch = try NPZ.read(URL(fileURLWithPath: path(t + "expected.npz")))
        XCTAssertLessThanOrEqual(maxRelativeError(fortran["h"]!.data, torch["h"]!.data), 1e-5)
    }
}
