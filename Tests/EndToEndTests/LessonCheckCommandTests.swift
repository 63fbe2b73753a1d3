import Foundation
import XCTest

/// `rnnlab lessons` and `rnnlab render` on broken and hostile lesson folders: the errors are
/// printed as FILE:LINE, the exit status says so, and nothing crashes.
final class LessonCheckCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-lessons-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func write(_ name: String, id: String, body: String) throws {
        let text = "---\nid: \(id)\ntitle: T\nsummary: S\n---\n## One\n\n" + body + "\n"
        try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }

    private func rnnlab(_ arguments: [String]) throws -> Subprocess.Result {
        let binary = try RNNLabBinary.url()
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        return try Subprocess.run(binary.path, arguments, environment: environment)
    }

    func testDeepBracesAreAnErrorNotACrash() throws {
        let n = 50_000
        try write("01-deep.md", id: "deep", body: "$$" + String(repeating: "{", count: n) + "x" + String(repeating: "}", count: n) + "$$")
        let lessons = try rnnlab(["lessons", "--lessons", folder.path])
        XCTAssertEqual(lessons.status, 1, lessons.stderrText)
        XCTAssertTrue(lessons.stderrText.contains("01-deep.md:8: nested more than 64 levels deep"), lessons.stderrText)
        let render = try rnnlab(["render", folder.appendingPathComponent("01-deep.md").path, "--size", "80x24"])
        XCTAssertEqual(render.status, 0, render.stderrText)
        XCTAssertTrue(render.stderrText.contains("warning: ") && render.stderrText.contains(":8: nested"), render.stderrText)
    }

    func testHomeScreenFailsWithTheLessonsErrors() throws {
        try write("01-good.md", id: "good", body: "Fine $W_{hy}$.")
        try write("02-tex.md", id: "tex", body: "Broken $W_{hy h_t$.")
        try "---\nid: x\n---\n".write(to: folder.appendingPathComponent("03-bad.md"), atomically: true, encoding: .utf8)
        let home = try rnnlab(["render", "--home", "--lessons", folder.path, "--size", "80x24"])
        XCTAssertEqual(home.status, 1, home.stderrText)
        XCTAssertEqual(home.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).count, 25)  // the frame, then a newline
        XCTAssertTrue(home.stderrText.contains("02-tex.md:8: inline math $W_{hy h_t$: '{' is never closed"), home.stderrText)
        XCTAssertTrue(home.stderrText.contains("03-bad.md:1: front matter is missing 'title'"), home.stderrText)
        // The good lesson alone passes.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("02-tex.md"))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("03-bad.md"))
        let clean = try rnnlab(["render", "--home", "--lessons", folder.path, "--size", "80x24"])
        XCTAssertEqual(clean.status, 0, clean.stderrText)
        XCTAssertEqual(clean.stderrText, "")
    }
}
