import Lab
import Foundation
import LessonKit
import XCTest

/// A folder of lessons: file-name order, naming rule, duplicate ids across files.
final class LessonLibraryTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ name: String, id: String, title: String = "T") throws {
        let text = "---\nid: \(id)\ntitle: \(title)\nsummary: S\n---\n## Step\nText.\n"
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    func testLoadsInFileNameOrderAndIgnoresOtherFiles() throws {
        try write("02-second.md", id: "second")
        try write("01-first.md", id: "first")
        try write("10-tenth.md", id: "tenth")
        try "notes".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        try "# About".write(to: folder.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let library = LessonLibrary.load(folder: folder)
        XCTAssertEqual(library.errors, [])
        XCTAssertEqual(library.lessons.map(\.id), ["first", "second", "tenth"])
    }

    func testDuplicateLessonIDsAcrossFiles() throws {
        try write("01-a.md", id: "same")
        try write("02-b.md", id: "same")
        let library = LessonLibrary.load(folder: folder)
        let a = folder.appendingPathComponent("01-a.md").standardizedFileURL.path
        let b = folder.appendingPathComponent("02-b.md").standardizedFileURL.path
        XCTAssertEqual(library.errors.map(\.description), ["\(b):2: duplicate lesson id 'same' (also in \(a):2)"])
        XCTAssertEqual(library.lessons.map(\.id), ["same"])
    }

    func testMisnamedLessonFile() throws {
        try write("intro.md", id: "intro")
        let library = LessonLibrary.load(folder: folder)
        let path = folder.appendingPathComponent("intro.md").standardizedFileURL.path
        XCTAssertEqual(library.errors.map(\.description), ["\(path):1: lesson files are named NN-name.md (two digits, a dash, a name)"])
    }

    func testErrorsOfEveryFileAreCollected() throws {
        try write("01-a.md", id: "a")
        try "## no front matter\n".write(to: folder.appendingPathComponent("02-b.md"), atomically: true, encoding: .utf8)
        try "---\nid: c\ntitle: C\nsummary: S\nextra: 1\n---\n## S\n".write(to: folder.appendingPathComponent("03-c.md"), atomically: true, encoding: .utf8)
        let library = LessonLibrary.load(folder: folder)
        XCTAssertEqual(library.lessons.map(\.id), ["a"])
        XCTAssertEqual(library.errors.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line)" }, ["02-b.md:1", "03-c.md:5"])
    }

    func testMissingFolder() {
        let library = LessonLibrary.load(folder: folder.appendingPathComponent("nope"))
        XCTAssertEqual(library.errors.map(\.message), ["cannot read the lessons folder: it does not exist"])
        let file = folder.appendingPathComponent("01-a.md")
        try? "x".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertEqual(LessonLibrary.load(folder: file).errors.map(\.message), ["cannot read the lessons folder: it is not a folder"])
    }

    func testAFolderNamedLikeALessonIsAnError() throws {
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("02-dir.md"), withIntermediateDirectories: true)
        let library = LessonLibrary.load(folder: folder)
        XCTAssertEqual(library.errors.map { "\(URL(fileURLWithPath: $0.file).lastPathComponent):\($0.line): \($0.message)" },
                       ["02-dir.md:1: is a folder, not a lesson file"])
    }
}
