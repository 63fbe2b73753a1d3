import Foundation
import LabTesting
import XCTest

/// `rnnlab export` writes reproduce.py, the Keras 3 check of the export: the layer of the
/// step's cell, valid Python. Keras itself is not needed here (it was run by hand under
/// Keras 3.15 / JAX: see DECISIONS.md); python3 is used for the syntax check when present.
final class ReproduceScriptTests: XCTestCase {
    private var scratch: URL!
    private var binary: URL!

    /// One step per cell, and one with a gate forced by its knob.
    private let lesson = """
        ---
        id: reproduce
        title: Reproduce fixture
        summary: One step per cell.
        ---

        ## Vanilla {#rnn}

        Text.

        ```lab
        view: states
        cell: rnn
        hidden: 4
        steps: 20
        ```

        ## LSTM {#lstm}

        Text.

        ```lab
        view: states
        cell: lstm
        hidden: 3
        steps: 20
        knobs: [forget]
        ```

        ## GRU {#gru}

        Text.

        ```lab
        view: gates
        cell: gru
        hidden: 5
        steps: 20
        ```

        """

    override func setUpWithError() throws {
        binary = try RNNLabBinary.url()
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("reproduce-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try lesson.write(to: scratch.appendingPathComponent("reproduce.md"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        if let scratch { try? FileManager.default.removeItem(at: scratch) }
    }

    /// Exports `step` (with `knobs`) and returns reproduce.py's text and path.
    private func export(_ step: String, knobs: [String] = []) throws -> (text: String, path: String) {
        let dir = scratch.appendingPathComponent(step + knobs.joined())
        let args = ["export", scratch.appendingPathComponent("reproduce.md").path, "--step", step, "--out", dir.path]
            + knobs.flatMap { ["--knob", $0] }
        let r = try Subprocess.run(binary.path, args, environment: ProcessInfo.processInfo.environment)
        XCTAssertEqual(r.status, 0, r.stderrText)
        let path = dir.appendingPathComponent("reproduce.py").path
        let readme = try String(contentsOfFile: dir.appendingPathComponent("README.txt").path, encoding: .utf8)
        XCTAssertTrue(readme.contains("- reproduce.py: "), "the export's README says what reproduce.py does")
        return (try String(contentsOfFile: path, encoding: .utf8), path)
    }

    /// `python3 -m py_compile` when python3 is installed; a skip otherwise.
    private func assertValidPython(_ path: String) throws {
        let env = ProcessInfo.processInfo.environment
        guard let probe = try? Subprocess.run("/usr/bin/env", ["python3", "-c", "pass"], environment: env), probe.status == 0 else {
            throw XCTSkip("python3 is not installed: syntax not checked")
        }
        let r = try Subprocess.run("/usr/bin/env", ["python3", "-m", "py_compile", path], environment: env)
        XCTAssertEqual(r.status, 0, "\(path) is not valid Python: \(r.stderrText)")
    }

    func testEachCellGetsItsKerasLayerAndTheCheck() throws {
        let cases: [(step: String, layer: String)] = [
            ("rnn", "keras.layers.SimpleRNN(H, activation=tanh, use_bias=False, return_sequences=True"),
            ("lstm", "keras.layers.LSTM(H, activation=tanh, recurrent_activation=sigmoid, return_sequences=True, return_state=True"),
            ("gru", "keras.layers.GRU(H, activation=tanh, recurrent_activation=sigmoid, return_sequences=True, reset_after=True"),
        ]
        for c in cases {
            let (text, path) = try export(c.step)
            XCTAssertTrue(text.contains(c.layer), "\(c.step): \(text)")
            XCTAssertTrue(text.contains("H = \(["rnn": 4, "lstm": 3, "gru": 5][c.step]!)\n"), "the step's hidden size")
            XCTAssertTrue(text.contains("keras.config.set_floatx(\"float64\")"))
            XCTAssertTrue(text.contains("print(f\"max abs difference {name}: {d:.3g}\")"))
            XCTAssertTrue(text.contains("sys.exit(0 if worst <= 1e-06 else 1)"))
            XCTAssertEqual(text.contains("ours[\"c\"]"), c.step == "lstm", "c is compared for the LSTM only")
            try assertValidPython(path)
        }
    }

    func testForcedGatesGetAnExplanationThatExitsZero() throws {
        let (text, path) = try export("lstm", knobs: ["forget=1"])
        XCTAssertTrue(text.contains("forced gates (f=1.0) have no stock Keras layer"), text)
        XCTAssertTrue(text.contains("sys.exit(0)"))
        XCTAssertFalse(text.contains("import keras"), "nothing to check: no Keras needed")
        try assertValidPython(path)
    }
}
