@testable import Exercises
import Foundation
import RNNCore
import XCTest

/// The export folder: the variant's files as given, README.md and task.json with the
/// documented keys, written whole into a folder that is new or empty (or with force).
final class ExerciseExportTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try ExerciseFixtures.scratch("export") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    /// A variant with data, as a compute exercise gives it (built on the choice spec: the
    /// export only reads the variant's files, answer, cell and reset_after).
    private func dataVariant() throws -> ExerciseVariant {
        var v = try ExerciseFixtures.choiceVariant()
        let kernel = NDArray(shape: [2, 9], data: (0..<18).map(Double.init))
        let x = NDArray(shape: [1, 4, 2], data: (0..<8).map { Double($0) / 8 })
        v.files = [ExerciseFile(name: "weights", fileName: "weights.npz", contents: .npz(["kernel": kernel])),
                   ExerciseFile(name: "x", fileName: "x.npy", contents: .npy(x))]
        v.answer = AnswerDescription(file: "answer.npy", shape: [4, 3], quantity: "h")
        v.cell = "gru"
        v.resetAfter = true
        return v
    }

    private func json(_ data: Data) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) as? [String: Any])
    }

    func testTaskJSONOfAKindWithoutDataHasNulls() throws {
        let export = try ExerciseExport(try ExerciseFixtures.choiceVariant("bob"))
        XCTAssertEqual(export.files.map(\.name), ["README.md", "task.json"])
        let task = try json(export.files[1].data)
        XCTAssertEqual(Set(task.keys), ["exercise", "student", "kind", "cell", "reset_after", "files", "answer"])
        XCTAssertEqual(task["exercise"] as? String, "two-right")
        XCTAssertEqual(task["student"] as? String, "bob")
        XCTAssertEqual(task["kind"] as? String, "choice")
        XCTAssertTrue(task["cell"] is NSNull)
        XCTAssertTrue(task["reset_after"] is NSNull)
        XCTAssertTrue(task["answer"] is NSNull)
        XCTAssertEqual((task["files"] as? [String: Any])?.count, 0)
        let readme = String(decoding: export.files[0].data, as: UTF8.self)
        XCTAssertTrue(readme.contains("Pick both."), readme)
        XCTAssertTrue(readme.contains("rnnlab check two-right a,c --student bob"), readme)
    }

    func testDataFilesReadmeAndTaskSayTheSame() throws {
        let export = try ExerciseExport(try dataVariant())
        XCTAssertEqual(export.files.map(\.name), ["weights.npz", "x.npy", "README.md", "task.json"])
        XCTAssertEqual(try NPZ.decode(export.files[0].data, file: "w")["kernel"]?.shape, [2, 9])
        XCTAssertEqual(try NPY.decode(export.files[1].data, context: "x").shape, [1, 4, 2])
        let task = try json(export.files[3].data)
        XCTAssertEqual(task["cell"] as? String, "gru")
        XCTAssertEqual(task["reset_after"] as? Bool, true)
        XCTAssertEqual(task["files"] as? [String: String], ["weights": "weights.npz", "x": "x.npy"])
        let answer = try XCTUnwrap(task["answer"] as? [String: Any])
        XCTAssertEqual(answer["file"] as? String, "answer.npy")
        XCTAssertEqual(answer["shape"] as? [Int], [4, 3])
        XCTAssertEqual(answer["quantity"] as? String, "h")
        let readme = String(decoding: export.files[2].data, as: UTF8.self)
        for expected in ["`weights.npz`: arrays `kernel` (2, 9)", "`x.npy`: shape (1, 4, 2), float64", "Write `answer.npy`: h, shape (4, 3)",
                         "Cell `gru`, reset_after=True", "rnnlab check two-right answer.npy --student ada"] {
            XCTAssertTrue(readme.contains(expected), "README lacks \(expected):\n\(readme)")
        }
    }

    func testFileNamesMustBePlainAndDistinct() throws {
        for bad in ["../x.npy", "a/b.npy", "README.md", "task.json", ""] {
            var v = try ExerciseFixtures.choiceVariant()
            v.files = [ExerciseFile(name: "x", fileName: bad, contents: .text("t"))]
            XCTAssertThrowsError(try ExerciseExport(v), bad)
        }
    }

    func testFolderIsMadeRefusedWhenNotEmptyAndForced() throws {
        let export = try ExerciseExport(try dataVariant())
        let out = dir.appendingPathComponent("a/b").path
        XCTAssertEqual(try ExportFolder.write(export, to: out, force: false), 4)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out).sorted(),
                       ["README.md", "task.json", "weights.npz", "x.npy"])
        let before = ExerciseFixtures.snapshot(dir)
        XCTAssertThrowsError(try ExportFolder.write(export, to: out, force: false)) { error in
            XCTAssertTrue("\(error)".contains("not empty"), "\(error)")
        }
        XCTAssertEqual(ExerciseFixtures.snapshot(dir), before, "a refused export changes nothing")
        try Data("mine".utf8).write(to: URL(fileURLWithPath: out).appendingPathComponent("notes.txt"))
        XCTAssertEqual(try ExportFolder.write(export, to: out, force: true), 4)
        XCTAssertEqual(try String(contentsOfFile: out + "/notes.txt", encoding: .utf8), "mine", "--force replaces only its own files")
        let aFile = dir.appendingPathComponent("file").path
        try Data("x".utf8).write(to: URL(fileURLWithPath: aFile))
        XCTAssertThrowsError(try ExportFolder.write(export, to: aFile, force: true))
        let link = dir.appendingPathComponent("link").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: out)
        XCTAssertThrowsError(try ExportFolder.write(export, to: link, force: true))
    }

    func testJSONTextKeepsOrderAndEscapes() {
        let v = JSONValue.object([("b", .string("q\"\\\n\u{1}")), ("a", .array([.int(1), .number(0.5)])), ("n", .null)])
        XCTAssertEqual(v.text(), "{\n  \"b\": \"q\\\"\\\\\\n\\u0001\",\n  \"a\": [1, 0.5],\n  \"n\": null\n}")
    }

    /// The example answer in the README fits the quantity: a count is a whole number.
    func testReadmeExampleFitsTheQuantity() throws {
        let count = ExerciseExport.readme(try ExerciseFixtures.variant("kind: numeric\nquantity: parameters\ncell: lstm"))
        XCTAssertTrue(count.contains("A whole number") && count.contains("12345"), count)
        XCTAssertFalse(count.contains("0.4621"), count)
        let state = ExerciseExport.readme(try ExerciseFixtures.variant("kind: numeric\nquantity: h\ncell: rnn"))
        XCTAssertTrue(state.contains("0.4621"), state)
    }
}
