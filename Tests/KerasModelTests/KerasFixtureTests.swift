import Foundation
import XCTest
@testable import KerasModel

/// Every model file of Fixtures/models against what real Keras 3 printed for it
/// (scripts/make_keras_summary_fixtures.py): the table byte for byte, and the rows as data.
final class KerasFixtureTests: XCTestCase {
    static let models = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/models")

    private func modelFiles() throws -> [URL] {
        let files = try FileManager.default.contentsOfDirectory(at: Self.models, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "py" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        XCTAssertGreaterThanOrEqual(files.count, 12)
        return files
    }

    func testTablesMatchKeras() throws {
        for file in try modelFiles() {
            let summary = try KerasModelReader.summarize(String(contentsOf: file, encoding: .utf8))
            let expected = try String(contentsOf: file.deletingPathExtension().appendingPathExtension("summary.txt"), encoding: .utf8)
            XCTAssertEqual(summary.table(), expected, file.lastPathComponent)
        }
    }

    func testJSONMatchesKeras() throws {
        for file in try modelFiles() {
            let summary = try KerasModelReader.summarize(String(contentsOf: file, encoding: .utf8))
            let ours = try JSONSerialization.jsonObject(with: Data(summary.json().utf8)) as! [String: Any]
            let keras = try JSONSerialization.jsonObject(
                with: Data(contentsOf: file.deletingPathExtension().appendingPathExtension("json"))) as! [String: Any]
            let name = file.lastPathComponent
            XCTAssertEqual(ours["model"] as? String, keras["model"] as? String, name)
            XCTAssertEqual(ours["total_params"] as? Int, keras["total_params"] as? Int, name)
            XCTAssertEqual(ours["trainable_params"] as? Int, keras["total_params"] as? Int, name)
            XCTAssertEqual(ours["non_trainable_params"] as? Int, 0, name)
            let ourLayers = ours["layers"] as! [[String: Any]]
            let kerasLayers = keras["layers"] as! [[String: Any]]
            XCTAssertEqual(ourLayers.count, kerasLayers.count, name)
            for (a, b) in zip(ourLayers, kerasLayers) {
                XCTAssertEqual(a["name"] as? String, b["name"] as? String, name)
                XCTAssertEqual(a["class"] as? String, b["class"] as? String, name)
                XCTAssertEqual(a["params"] as? Int, b["params"] as? Int, name)
                // Shapes compared as JSON text: null for None, nested for return_state.
                let sa = try JSONSerialization.data(withJSONObject: a["output_shape"]!)
                let sb = try JSONSerialization.data(withJSONObject: b["output_shape"]!)
                XCTAssertEqual(String(decoding: sa, as: UTF8.self), String(decoding: sb, as: UTF8.self), "\(name) \(a["name"]!)")
            }
        }
    }

    /// The fixtures cover both forms and every layer class of the subset.
    func testFixturesCoverTheSubset() throws {
        var classes: Set<String> = []
        for file in try modelFiles() {
            for layer in try KerasModelReader.summarize(String(contentsOf: file, encoding: .utf8)).layers {
                classes.insert(layer.className)
            }
        }
        XCTAssertEqual(classes, Set(KerasLayerClass.allCases.map(\.rawValue)))
    }
}
