import Foundation
import XCTest

/// `rnnlab keras summary` as a learner runs it: the table on stdout and exit 0, or one
/// `FILE:LINE:COLUMN: …` line on stderr and exit 1.
final class KerasSummaryCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-keras-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func rnnlab(_ arguments: [String]) throws -> Subprocess.Result {
        try Subprocess.run(RNNLabBinary.url().path, arguments, environment: ProcessInfo.processInfo.environment)
    }

    private func write(_ name: String, _ text: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func testTableAndJSON() throws {
        let path = try write("model.py", """
            import keras
            from keras import layers
            inputs = keras.Input(shape=(None, 8))
            x = layers.LSTM(64)(inputs)
            outputs = layers.Dense(1)(x)
            model = keras.Model(inputs, outputs)
            """)
        let table = try rnnlab(["keras", "summary", path])
        XCTAssertEqual(table.status, 0, table.stderrText)
        XCTAssertTrue(table.stdoutText.hasPrefix("Model: \"functional\"\n"), table.stdoutText)
        XCTAssertTrue(table.stdoutText.contains("│ lstm (LSTM)                          │ (None, 64)                  │          18,688 │"), table.stdoutText)
        XCTAssertTrue(table.stdoutText.hasSuffix(" Total params: 18,753 (73.25 KB)\n Trainable params: 18,753 (73.25 KB)\n Non-trainable params: 0 (0.00 B)\n"), table.stdoutText)
        XCTAssertEqual(table.stderrText, "")

        let json = try rnnlab(["keras", "summary", path, "--json"])
        XCTAssertEqual(json.status, 0, json.stderrText)
        let object = try JSONSerialization.jsonObject(with: json.stdout) as! [String: Any]
        XCTAssertEqual(object["total_params"] as? Int, 18_753)
        let layers = object["layers"] as! [[String: Any]]
        XCTAssertEqual(layers.map { $0["name"] as! String }, ["input_layer", "lstm", "dense"])
        XCTAssertEqual(layers.map { $0["class"] as! String }, ["InputLayer", "LSTM", "Dense"])
        XCTAssertEqual(layers.map { $0["params"] as! Int }, [0, 18_688, 65])
        XCTAssertEqual(layers[1]["output_shape"] as! [NSObject], [NSNull(), 64 as NSNumber])
    }

    func testErrorsAreOneLineAndExitOne() throws {
        let path = try write("bad.py", "import keras\nmodel = keras.Sequential([keras.Input(shape=(None, 8)), keras.layers.LSTM(4, stateful=True)])\n")
        let result = try rnnlab(["keras", "summary", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stdoutText, "")
        XCTAssertEqual(result.stderrText, "\(path):2:78: `stateful=` of LSTM is not supported\n")

        let missing = try rnnlab(["keras", "summary", folder.appendingPathComponent("nope.py").path])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.stderrText.hasSuffix("nope.py: no such file\n"), missing.stderrText)
    }
}
