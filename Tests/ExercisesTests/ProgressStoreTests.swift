import Exercises
import Foundation
import XCTest

final class ProgressStoreTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("progress-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    func testDefaultDirectoryFollowsXDG() {
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "/s", "HOME": "/h"]).path, "/s/rnnlab")
        XCTAssertEqual(ProgressStore.defaultDirectory(environment: ["XDG_STATE_HOME": "rel", "HOME": "/h"]).path,
                       "/h/.local/state/rnnlab")
    }

    func testWritesAreKeptAndTwoStoresMerge() {
        let a = ProgressStore(directory: dir), b = ProgressStore(directory: dir)
        a.update { $0.exercises["x", default: .init(lesson: "l")].attempts = 2 }
        // b never loaded a's change: its update must still keep it.
        b.update { $0.exercises["y", default: .init(lesson: "l")].passed = true }
        let p = ProgressStore(directory: dir).load()
        XCTAssertEqual(p.exercises["x"]?.attempts, 2)
        XCTAssertEqual(p.exercises["y"]?.passed, true)
        XCTAssertEqual(p.passedCount(lesson: "l"), 1)
    }

    func testCorruptFileIsKeptAsideWithAWarning() throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = ProgressStore(directory: dir)
        try Data("{not json".utf8).write(to: store.file)
        XCTAssertEqual(store.load(), Progress())
        XCTAssertEqual(store.warnings.count, 1)
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("progress.json.broken-") }
        XCTAssertEqual(aside.count, 1)
        XCTAssertEqual(try String(contentsOf: dir.appendingPathComponent(aside[0]), encoding: .utf8), "{not json")
    }

    func testResetKeepsTheOldFile() throws {
        let store = ProgressStore(directory: dir)
        store.update { $0.lastLesson = "recurrence" }
        try store.reset()
        XCTAssertNil(store.load().lastLesson)
        let aside = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasPrefix("progress.json.reset-") }
        XCTAssertEqual(aside.count, 1)
    }
}

extension ProgressStoreTests {
    func testLoadingCreatesNothing() {
        XCTAssertEqual(ProgressStore(directory: dir).load(), Progress())
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path))
    }
}
