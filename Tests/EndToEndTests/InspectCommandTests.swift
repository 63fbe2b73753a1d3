import Foundation
import LabTesting
import XCTest

/// `rnnlab render --inspect` and `rnnlab inspect` as processes: each view of the Keras LSTM
/// example drawn headless, bad files and misused options refused with one clear line.
final class InspectCommandTests: XCTestCase {
    private var binary: URL!
    private let example = PackagePaths.assets.appendingPathComponent("examples/keras-lstm").path

    override func setUpWithError() throws { binary = try RNNLabBinary.url() }

    private func rnnlab(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let r = try Subprocess.run(binary.path, arguments, environment: ProcessInfo.processInfo.environment)
        return (r.status, r.stdoutText, r.stderrText)
    }

    func testRenderDrawsEveryViewOfTheKerasExample() throws {
        let expected = ["states": "x[1] ", "gates": "cₜ −.12 +.01", "cell": "unit 1 of 4", "gradients": "‖∂L/∂h_t‖"]
        for (step, mark) in expected {
            let r = try rnnlab(["render", "--inspect", "--weights", example + "/weights.npz", "--input", example + "/x.npy",
                                "--step", step, "--size", "100x30"])
            XCTAssertEqual(r.code, 0, r.err)
            let lines = r.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            XCTAssertEqual(lines.count, 30, "exactly H lines")
            XCTAssertTrue(r.out.contains("LSTM · 4 hidden units · weights.npz · x.npy"), r.out)
            XCTAssertTrue(r.out.contains(mark), "\(step): \(r.out)")
        }
    }

    func testBadInputIsOneLineNamingTheArray() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("inspect-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // weights.npz of the example, loaded as a PyTorch file: the names say Keras.
        var r = try rnnlab(["render", "--inspect", "--weights", example + "/weights.npz", "--layout", "pytorch"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("--layout pytorch, but the arrays have Keras names"), r.err)
        XCTAssertEqual(r.err.split(separator: "\n").count, 1, r.err)
        r = try rnnlab(["render", "--inspect", "--weights", example + "/x.npy"])
        XCTAssertEqual(r.code, 1, "an .npy is not an .npz")
        XCTAssertTrue(r.err.contains("x.npy"), r.err)
        r = try rnnlab(["render", "--inspect", "--weights", example + "/weights.npz", "--input", example + "/h0.npy"])
        XCTAssertEqual(r.code, 1)
        XCTAssertTrue(r.err.contains("h0.npy: input has 4 features per step"), r.err)
        r = try rnnlab(["render", "recurrence", "--weights", example + "/weights.npz"])
        XCTAssertEqual(r.code, 64, "--weights without --inspect is a usage error")
        r = try rnnlab(["render", "--inspect"])
        XCTAssertEqual(r.code, 64)
        XCTAssertTrue(r.err.contains("--inspect needs --weights"), r.err)
        r = try rnnlab(["render", "--inspect", "--weights", example + "/weights.npz", "--step", "nine"])
        XCTAssertNotEqual(r.code, 0)
        XCTAssertTrue(r.err.contains("states, gates, cell, gradients"), r.err)
    }
}
