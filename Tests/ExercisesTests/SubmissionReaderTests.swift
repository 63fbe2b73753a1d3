import Exercises
import Foundation
import RNNCore
import XCTest

/// Every bad answer of the "Bad input" list is one clear `.unreadable` line; good
/// answers (float32 included) are read.
final class SubmissionReaderTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws { dir = try ExerciseFixtures.scratch("reader") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func file(_ name: String, _ data: Data) throws -> String {
        let url = dir.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// The `.unreadable` message of `body`, failing when it does not throw one.
    private func unreadable(_ body: () throws -> Any, file: StaticString = #filePath, line: UInt = #line) -> String {
        do {
            _ = try body()
            XCTFail("expected an unreadable answer", file: file, line: line)
            return ""
        } catch let ExerciseError.unreadable(message) {
            XCTAssertFalse(message.contains("\n"), "one line: \(message)", file: file, line: line)
            return message
        } catch {
            XCTFail("expected .unreadable, got \(error)", file: file, line: line)
            return ""
        }
    }

    func testNumbers() throws {
        XCTAssertEqual(try SubmissionReader.number(" -3e-2\n"), -0.03)
        XCTAssertEqual(try SubmissionReader.number("0.4621"), 0.4621)
        for bad in ["nan", "NaN", "inf", "-infinity"] {
            XCTAssertTrue(unreadable { try SubmissionReader.number(bad) }.contains("not a finite number"), bad)
        }
        XCTAssertTrue(unreadable { try SubmissionReader.number("0,5") }.contains("is not a number"))
        XCTAssertTrue(unreadable { try SubmissionReader.number("1\u{1B}[2J") }.contains("\\u{1B}"), "control characters are shown, not sent")
    }

    func testTypedAnswersOfAChoice() throws {
        let v = try ExerciseFixtures.choiceVariant()
        guard case .options(let chosen) = try SubmissionReader.read(" a,b\n", for: v) else { return XCTFail() }
        XCTAssertEqual(chosen, [0, 1])
        XCTAssertTrue(unreadable { try SubmissionReader.read("   ", for: v) }.contains("the answer is empty"))
        XCTAssertTrue(unreadable { try SubmissionReader.read("a;b", for: v) }.contains("is not a choice"))
    }

    func testKnobSettings() throws {
        XCTAssertEqual(try SubmissionReader.knobSettings("sigma=0.97, clip=2"), ["sigma": 0.97, "clip": 2])
        XCTAssertTrue(unreadable { try SubmissionReader.knobSettings("sigma=nan") }.contains("not a knob setting"))
        XCTAssertTrue(unreadable { try SubmissionReader.knobSettings("sigma=1,sigma=2") }.contains("set twice"))
    }

    func testGoodArraysAreRead() throws {
        let a64 = NDArray(shape: [2, 3], data: [1, 2, 3, 4, 5, 6])
        var a32 = NDArray(shape: [2, 3], data: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6].map { Double(Float($0)) })
        a32.dtype = .float32
        XCTAssertEqual(try SubmissionReader.arrays(atPath: file("a.npy", NPY.encode(a64))), ["": a64])
        XCTAssertEqual(try SubmissionReader.arrays(atPath: file("b.npy", NPY.encode(a32)))[""]?.data, a32.data)
        let npz = try NPZ.encode(["h": a64, "c": a32], file: "x.npz")
        XCTAssertEqual(try SubmissionReader.arrays(atPath: file("x.npz", npz)).keys.sorted(), ["c", "h"])
        // Told apart by content, not by name: np.savez output named .npy is still an archive.
        XCTAssertEqual(try SubmissionReader.arrays(atPath: file("saved-as.npy", npz)).keys.sorted(), ["c", "h"])
    }

    func testBadArraysAreOneClearLine() throws {
        let good = NPY.encode(NDArray(shape: [2, 3], data: [1, 2, 3, 4, 5, 6]))
        let cases: [(String, Data, String)] = [
            ("empty.npy", Data(), "is empty"),
            ("truncated.npy", good.prefix(good.count - 5), "truncated .npy data"),
            ("header-cut.npy", good.prefix(30), "truncated"),
            ("text.npy", Data("0.1 0.2\n".utf8), "neither a NumPy .npy file nor an .npz archive"),
            ("ints.npy", ExerciseFixtures.npy(descr: "<i8", shape: [2], payload: Data(count: 16)), "int64"),
            ("nan.npy", NPY.encode(NDArray(shape: [2, 2], data: [0, 1, .nan, 3])), "holds NaN at index (1, 0)"),
            ("inf.npy", NPY.encode(NDArray(shape: [3], data: [0, .infinity, 1])), "an infinity at index (1,)"),
            ("zero.npy", NPY.encode(NDArray(shape: [0, 3], data: [])), "has no elements"),
            ("cut.npz", try NPZ.encode(["h": NDArray(shape: [1], data: [1])], file: "x").prefix(40), "not a valid .npz archive"),
            ("nan.npz", try NPZ.encode(["h": NDArray(shape: [1], data: [.nan])], file: "x"), "array 'h' holds NaN"),
        ]
        for (name, data, expected) in cases {
            let path = try file(name, data)
            let message = unreadable { try SubmissionReader.arrays(atPath: path) }
            XCTAssertTrue(message.contains(expected), "\(name): \(message)")
            XCTAssertTrue(message.contains(name), "the message names the file: \(message)")
        }
        let folder = dir.appendingPathComponent("answer.npy")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        XCTAssertTrue(unreadable { try SubmissionReader.arrays(atPath: folder.path) }.contains("is a directory, not a file"))
        XCTAssertTrue(unreadable { try SubmissionReader.arrays(atPath: dir.appendingPathComponent("missing.npy").path) }
            .contains("no such file"))
    }

    func testAnswerFilesOfTypedKinds() throws {
        let v = try ExerciseFixtures.choiceVariant()
        guard case .options(let chosen) = try SubmissionReader.read(fileAt: file("ada.txt", Data("A, B\n".utf8)), for: v)
        else { return XCTFail() }
        XCTAssertEqual(chosen, [0, 1])
        XCTAssertTrue(unreadable { try SubmissionReader.read(fileAt: try self.file("b.txt", Data([0, 0xFF, 1])), for: v) }
            .contains("is not text"))
        XCTAssertTrue(unreadable { try SubmissionReader.read(fileAt: try self.file("c.txt", Data(" \n\n".utf8)), for: v) }
            .contains("only blank space"))
        XCTAssertTrue(unreadable { try SubmissionReader.read(fileAt: try self.file("d.txt", Data()), for: v) }
            .contains("is empty"))
        XCTAssertTrue(unreadable { try SubmissionReader.read(fileAt: try self.file("e.txt", Data("zz".utf8)), for: v) }
            .hasPrefix(dir.appendingPathComponent("e.txt").path + ": "))
    }

    /// Digits grouped by thousands, as model.summary() prints a count.
    func testThousandsSeparators() throws {
        XCTAssertEqual(try SubmissionReader.number("94,053", whole: true), 94053)
        XCTAssertEqual(try SubmissionReader.number("94_053"), 94053)
        XCTAssertEqual(try SubmissionReader.number("94 053"), 94053)
        XCTAssertEqual(try SubmissionReader.number("-1,234,567.25"), -1234567.25)
        XCTAssertEqual(try SubmissionReader.number("1,234.5"), 1234.5)
        // a comma that may be a decimal comma is not guessed
        XCTAssertTrue(unreadable { try SubmissionReader.number("1,234") }.contains("ambiguous"))
        XCTAssertTrue(unreadable { try SubmissionReader.number("0,4621") }.contains("0.4621"))
        // groups must be of three, with one separator throughout
        _ = unreadable { try SubmissionReader.number("94,05", whole: true) }
        _ = unreadable { try SubmissionReader.number("94,053_000", whole: true) }
        _ = unreadable { try SubmissionReader.number("0,053", whole: true) }
        _ = unreadable { try SubmissionReader.number("1 2") }
        // a parameter count typed as the summary prints it is read through the variant
        let v = try ExerciseFixtures.variant("kind: numeric\nquantity: parameters\ncell: gru")
        guard case .number(let n) = v.solution else { return XCTFail() }
        let grouped = n.formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_US")))
        XCTAssertTrue(grouped.contains(",") || n < 1000, grouped)
        XCTAssertTrue(try v.check(SubmissionReader.read(grouped, for: v)).passed, grouped)
        XCTAssertTrue(SubmissionReader.expected(for: v).contains("whole number"))
    }
}
