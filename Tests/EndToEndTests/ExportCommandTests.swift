import Foundation
import LabTesting
import RNNCore
import XCTest

/// `rnnlab export` as a process: the files it writes hold what the panel shows, recomputable
/// from the exported weights and input alone; the folder rules; knobs.
final class ExportCommandTests: XCTestCase {
    private var scratch: URL!
    private var binary: URL!
    private let fixtureLessons = PackagePaths.root.appendingPathComponent("Tests/LabTests/Fixtures/Lessons").path

    override func setUpWithError() throws {
        binary = try RNNLabBinary.url()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    private func rnnlab(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let result = try Subprocess.run(binary.path, arguments, environment: ProcessInfo.processInfo.environment)
        return (result.status, result.stdoutText, result.stderrText)
    }

    /// h_t = tanh(x_t kernel + h_{t-1} recurrent_kernel) (+ bias), from the exported files only.
    private func recomputeVanillaRNN(_ dir: URL) throws -> [[Double]] {
        let w = try NPZ.read(dir.appendingPathComponent("weights.npz"))
        let x = try NPY.read(dir.appendingPathComponent("input.npy"))
        let W = try XCTUnwrap(w["kernel"]?.matrix), U = try XCTUnwrap(w["recurrent_kernel"]?.matrix)
        let H = U.rows, T = x.shape[1]
        var h = [Double](repeating: 0, count: H)
        var out: [[Double]] = []
        for t in 0..<T {
            h = (0..<H).map { j in
                var a = x.data[t] * W[0, j] + (w["bias"]?.data[j] ?? 0)
                for i in 0..<H { a += h[i] * U[i, j] }
                return Foundation.tanh(a)
            }
            out.append(h)
        }
        return out
    }

    func testExportedTraceIsRecomputedFromTheExportedWeightsAndInput() throws {
        let dir = scratch.appendingPathComponent("step")
        let r = try rnnlab(["export", "fixture", "--lessons", fixtureLessons, "--step", "knobs", "--out", dir.path])
        XCTAssertEqual(r.code, 0, r.err)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        XCTAssertEqual(names, ["README.txt", "experiment.json", "input.npy", "reproduce.py", "trace.npz", "weights.npz"])
        let h = try XCTUnwrap(NPZ.read(dir.appendingPathComponent("trace.npz"))["h"])
        XCTAssertEqual(h.shape, [1, 30, 3])
        let ours = try recomputeVanillaRNN(dir)
        for t in 0..<30 { for i in 0..<3 { XCTAssertEqual(h.data[t * 3 + i], ours[t][i], accuracy: 1e-12) } }
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("experiment.json"))) as! [String: Any]
        XCTAssertEqual(json["cell"] as? String, "rnn")
        XCTAssertEqual(json["seed"] as? Int, 7)
        XCTAssertEqual(json["sigma_max"] as! Double, 0.9, accuracy: 1e-12, "W_hh rescaled to the knob's value")
        XCTAssertEqual(json["step"] as? String, "knobs")
    }

    func testKnobsReachTheExport() throws {
        let dir = scratch.appendingPathComponent("knob")
        let r = try rnnlab(["export", "fixture", "--lessons", fixtureLessons, "--step", "4", "--knob", "sigma=1.5",
                            "--knob", "seed=3", "--out", dir.path])
        XCTAssertEqual(r.code, 0, r.err)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("experiment.json"))) as! [String: Any]
        XCTAssertEqual(json["sigma_max"] as! Double, 1.5, accuracy: 1e-12)
        XCTAssertEqual(json["seed"] as? Int, 3)
        let U = try XCTUnwrap(NPZ.read(dir.appendingPathComponent("weights.npz"))["recurrent_kernel"]?.matrix)
        XCTAssertEqual(SingularValues.spectralNorm(U), 1.5, accuracy: 1e-9)
        let ours = try recomputeVanillaRNN(dir)
        let h = try XCTUnwrap(NPZ.read(dir.appendingPathComponent("trace.npz"))["h"])
        XCTAssertEqual(h.data.last!, ours.last!.last!, accuracy: 1e-12)
    }

    func testANonEmptyFolderIsRefusedUnlessForced() throws {
        let dir = scratch.appendingPathComponent("full")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let keep = dir.appendingPathComponent("notes.txt")
        try Data("mine".utf8).write(to: keep)
        let refused = try rnnlab(["export", "fixture", "--lessons", fixtureLessons, "--step", "2", "--out", dir.path])
        XCTAssertEqual(refused.code, 1)
        XCTAssertTrue(refused.err.contains("not empty"), refused.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["notes.txt"], "nothing written")
        let forced = try rnnlab(["export", "fixture", "--lessons", fixtureLessons, "--step", "2", "--out", dir.path, "--force"])
        XCTAssertEqual(forced.code, 0, forced.err)
        XCTAssertEqual(try String(contentsOf: keep, encoding: .utf8), "mine", "other files are left alone")
    }

    func testBadTargetsSayWhy() throws {
        let file = scratch.appendingPathComponent("a-file")
        try Data().write(to: file)
        let notFolder = try rnnlab(["export", "fixture", "--lessons", fixtureLessons, "--step", "2", "--out", file.path])
        XCTAssertEqual(notFolder.code, 1)
        XCTAssertTrue(notFolder.err.contains("not a folder"), notFolder.err)
        let noPanel = try rnnlab(["export", "fixture", "--lessons", fixtureLessons, "--step", "1", "--out", scratch.appendingPathComponent("x").path])
        XCTAssertEqual(noPanel.code, 1)
        XCTAssertTrue(noPanel.err.contains("no live panel"), noPanel.err)
        let badKnob = try rnnlab(["export", "fixture", "--lessons", fixtureLessons, "--step", "4", "--knob", "sigma=big",
                                  "--out", scratch.appendingPathComponent("y").path])
        XCTAssertEqual(badKnob.code, 1)
        XCTAssertTrue(badKnob.err.contains("sigma takes a number from 0.10 to 3.00"), badKnob.err)
    }

    /// A gradients step exported at two σ_max values: ‖∂L/∂h_t‖ recomputed from the exported
    /// weights, input and upstream gradient by a plain backward loop; it falls going back at
    /// σ_max 0.5 and rises at 1.5 on a non-saturated (orthogonal, small-input) cell.
    func testGradientExportIsRecomputedAndFollowsSigma() throws {
        let lesson = scratch.appendingPathComponent("g.md")
        try Data("""
            ---
            id: g
            title: G
            summary: S
            ---
            ## Gradients {#g}
            Text.
            ```lab
            view: gradients
            hidden: 6
            steps: 20
            sigma: 1.0
            amplitude: 0.01
            weights: orthogonal
            knobs: [sigma]
            ```
            """.utf8).write(to: lesson)
        var ratios: [Double] = []
        for sigma in ["0.5", "1.5"] {
            let dir = scratch.appendingPathComponent("g\(sigma)")
            let r = try rnnlab(["export", lesson.path, "--knob", "sigma=\(sigma)", "--out", dir.path])
            XCTAssertEqual(r.code, 0, r.err)
            let trace = try NPZ.read(dir.appendingPathComponent("trace.npz"))
            let norms = try XCTUnwrap(trace["grad_h_norm"])
            XCTAssertEqual(norms.shape, [1, 20])
            let upstream = try NPY.read(dir.appendingPathComponent("upstream.npy"))
            XCTAssertEqual(upstream.shape, [1, 20, 6])
            let U = try XCTUnwrap(NPZ.read(dir.appendingPathComponent("weights.npz"))["recurrent_kernel"]?.matrix)
            let h = try recomputeVanillaRNN(dir)
            // dL/dh_t = upstream_t + (dL/dh_{t+1} ⊙ (1 − h_{t+1}²)) U^T, from t = T down.
            var carry = [Double](repeating: 0, count: 6)
            for t in (0..<20).reversed() {
                let dh = (0..<6).map { upstream.data[t * 6 + $0] + carry[$0] }
                let norm = dh.map { $0 * $0 }.reduce(0, +).squareRoot()
                XCTAssertEqual(norms.data[t], norm, accuracy: 1e-9 * norm)
                let da = (0..<6).map { dh[$0] * (1 - h[t][$0] * h[t][$0]) }
                carry = (0..<6).map { i in (0..<6).reduce(0) { $0 + da[$1] * U[i, $1] } }
            }
            ratios.append(norms.data[0] / norms.data[19])
        }
        XCTAssertLessThan(ratios[0], 1e-4, "σ_max 0.5: vanishing")
        XCTAssertGreaterThan(ratios[1], 100, "σ_max 1.5: exploding")
    }
}
