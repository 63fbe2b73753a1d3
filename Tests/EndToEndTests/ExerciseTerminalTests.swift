import Foundation
import LabTesting
import XCTest

/// Exercises in the real lab (tmux): answer wrong then right, quit, reopen, the progress is
/// kept; a corrupt progress file is warned about, kept on disk, and the lab carries on.
/// Progress goes to a temporary XDG_STATE_HOME, lessons come from a fixture folder.
final class ExerciseTerminalTests: XCTestCase {
    private var session: TmuxSession?
    private var state: URL!
    private let lessons = PackagePaths.root.appendingPathComponent("Tests/LabTests/Fixtures/ExerciseLessons").path

    override func setUpWithError() throws {
        state = FileManager.default.temporaryDirectory.appendingPathComponent("rnnlab-e2e-state-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
    }

    override func tearDown() {
        session?.kill()
        session = nil
        try? FileManager.default.removeItem(at: state)
    }

    private var progressFile: URL { state.appendingPathComponent("rnnlab/progress.json") }

    private func open(width: Int = 80, height: Int = 24) throws -> TmuxSession {
        session?.kill()
        let s = try TmuxSession(arguments: ["open", "--lessons", lessons], width: width, height: height,
                                environment: ["XDG_STATE_HOME": state.path, "RNNLAB_STUDENT": "ada"])
        session = s
        return s
    }

    /// Leaves the answer area (where q is only a letter), then quits.
    private func quit(_ s: TmuxSession) throws {
        try s.send("Escape")
        try s.waitForText("q quit")
        try s.send("q")
        XCTAssertEqual(try s.waitForExit(), 0, s.stderrText)
    }

    func testWrongThenRightQuitReopenKeepsProgress() throws {
        var s = try open()
        try s.waitForText("exercises 0/5")
        try s.send("Enter")
        try s.waitForText("step 1/6")
        try s.send("Right")
        try s.waitForText("Exercise: Shared weights")
        try s.send("a", "Down", "Enter")
        try s.waitForText("wrong: b) is not right")
        try s.send("Up", "Enter")
        try s.waitForText("passed")
        try quit(s)
        let saved = try String(contentsOf: progressFile, encoding: .utf8)
        XCTAssertTrue(saved.contains("\"drill-shared-weights\""), saved)

        s = try open(width: 200, height: 50)
        try s.waitForText("exercises 1/5")
        try s.send("Enter")
        let resumed = try s.waitForText("resumed at step 2")
        XCTAssertTrue(resumed.contains("passed with a"), resumed)
        XCTAssertTrue(resumed.contains("2 tries"), resumed)
        try quit(s)
    }

    func testCorruptProgressFileIsWarnedKeptAndTheLabCarriesOn() throws {
        try FileManager.default.createDirectory(at: progressFile.deletingLastPathComponent(), withIntermediateDirectories: true)
        let garbage = Data("{\"exercises\": {\"x\": tru".utf8)
        try garbage.write(to: progressFile)

        let s = try open()
        try s.waitForText("could not be read as progress")
        try s.send("Enter", "Right", "a", "Enter")
        try s.waitForText("Right.")
        try quit(s)

        let names = try FileManager.default.contentsOfDirectory(atPath: progressFile.deletingLastPathComponent().path)
        let aside = names.filter { $0.hasPrefix("progress.json.broken-") }
        XCTAssertEqual(aside.count, 1, "\(names)")
        XCTAssertEqual(try Data(contentsOf: progressFile.deletingLastPathComponent().appendingPathComponent(aside[0])), garbage,
                       "the old file is still on disk, unchanged")
        XCTAssertTrue(try String(contentsOf: progressFile, encoding: .utf8).contains("\"passed\" : true"), "new progress is saved")
    }

    /// `render` draws an exercise step headless (for printing): the task and an empty
    /// answer area, the student's variant with `--student`, and writes no progress.
    func testRenderDrawsAnExerciseStepAndWritesNothing() throws {
        let binary = try RNNLabBinary.url()
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C.UTF-8"
        env["XDG_STATE_HOME"] = state.path
        let r = try Subprocess.run(binary.path, ["render", "drills", "--lessons", lessons, "--step", "6", "--size", "80x24",
                                                 "--student", "bob"], environment: env)
        XCTAssertEqual(r.status, 0, r.stderrText)
        XCTAssertTrue(r.stdoutText.contains("Task. Compute every"), r.stdoutText)
        XCTAssertTrue(r.stdoutText.contains("--student bob --out DIR"), r.stdoutText)
        XCTAssertTrue(r.stdoutText.contains("press a to give the path"), "the answer area is empty:\n\(r.stdoutText)")
        let choice = try Subprocess.run(binary.path, ["render", "drills", "--lessons", lessons, "--step", "2", "--size", "80x24"],
                                        environment: env)
        XCTAssertTrue(choice.stdoutText.contains("c) The matrix is re-drawn at random at every step"), choice.stdoutText)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: state.path), [], "render writes no progress")

        let bad = try Subprocess.run(binary.path, ["render", "drills", "--lessons", lessons, "--step", "2", "--student", "a/b"],
                                     environment: env)
        XCTAssertNotEqual(bad.status, 0)
        XCTAssertTrue(bad.stderrText.contains("--student: student id 'a/b' contains a slash"), bad.stderrText)
    }
}
