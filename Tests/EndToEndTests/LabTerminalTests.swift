import Foundation
import LabTesting
import XCTest

/// The shipped `rnnlab` (open) in a real terminal (tmux): the home screen, a lesson, the live
/// panel, resizes, and the terminal restored on every way out.
final class LabTerminalTests: XCTestCase {
    private var session: TmuxSession?
    override func tearDown() { session?.kill(); session = nil }

    private func open(width: Int = 100, height: Int = 30, arguments: [String] = [],
                      environment: [String: String?] = [:], recordBytes: Bool = false) throws -> TmuxSession {
        let s = try TmuxSession(arguments: arguments, width: width, height: height,
                                environment: environment, recordBytes: recordBytes)
        session = s
        return s
    }

    /// Opens the first lesson and goes to its second step, which has the live panel.
    private func openLivePanel(_ s: TmuxSession) throws {
        try s.waitForText("Recurrence and the vanilla RNN")
        try s.send("Enter")
        try s.waitForText("step 1/")
        try s.send("Right")
        try s.waitForText("step 2/")
    }

    func testHomeScreenListsLessons() throws {
        let s = try open()
        let screen = try s.waitForText("Recurrence and the vanilla RNN")
        XCTAssertTrue(screen.contains("Lessons"), screen)
        XCTAssertTrue(screen.contains("q quit"), screen)
        XCTAssertEqual(ScreenChecks.lines(screen).count, 30, "the pane is 30 rows")
    }

    func testEnterOpensLessonAndRightAdvances() throws {
        let s = try open()
        try s.waitForText("Recurrence and the vanilla RNN")
        try s.send("Enter")
        let first = try s.waitForText("step 1/")
        XCTAssertTrue(first.contains("Data that comes in order"), first)
        try s.send("Right")
        let second = try s.waitForText("step 2/")
        XCTAssertTrue(second.contains("One function, used again and again"), second)
    }

    /// The time step shown in the panel header (`t = 3 / 36`), if any.
    private func timeStep(_ screen: String) -> String? {
        guard let r = screen.range(of: #"t = \d+ / \d+"#, options: .regularExpression) else { return nil }
        return String(screen[r])
    }

    /// The live panel draws braille (the whole run, faint beyond t), and `n` (one time step
    /// forward) moves it on: the header's t advances and the screen changes.
    func testLivePanelBrailleChangesAfterN() throws {
        let s = try open()
        try openLivePanel(s)
        let before = try s.waitForScreen("braille in the live panel") { !ScreenChecks.braille($0).isEmpty }
        let t0 = try XCTUnwrap(timeStep(before))
        try s.send("n")
        let after = try s.waitForScreen("the panel to move on after n") { self.timeStep($0) != t0 }
        XCTAssertFalse(ScreenChecks.braille(after).isEmpty)
        XCTAssertNotEqual(before, after)
    }

    /// Space runs the animation: ticks from the loop's timeout move the panel on their own.
    func testSpaceAnimatesWithoutFurtherKeys() throws {
        let s = try open()
        try openLivePanel(s)
        let first = try s.waitForScreen("braille in the live panel") { !ScreenChecks.braille($0).isEmpty }
        try s.send("Space")
        var seen: Set<String> = [timeStep(first) ?? ""]
        try s.waitForScreen("two animation frames after space") { screen in
            seen.insert(self.timeStep(screen) ?? "")
            return seen.count >= 3
        }
    }

    /// Knobs in a real terminal: turning sigma redraws the panel, and the screen equals
    /// `rnnlab render --knob` of the same value (the fixture lesson's knob step).
    func testTurningAKnobMatchesRenderWithThatKnob() throws {
        let lessons = PackagePaths.root.appendingPathComponent("Tests/LabTests/Fixtures/Lessons").path
        let s = try open(arguments: ["--lessons", lessons])
        try s.waitForText("A fixture lesson")
        try s.send("Enter")
        for _ in 0..<3 { try s.send("Right") }
        try s.waitForText("σ_max 0.90")
        for _ in 0..<3 { try s.send("+") }
        try s.waitForText("σ_max 1.20")
        let expected = try render(["fixture", "--lessons", lessons, "--step", "4", "--knob", "sigma=1.2", "--size", "100x30"])
        try s.waitForScreen("the frame to equal rnnlab render --knob sigma=1.2") { screen in
            ScreenChecks.lines(screen).prefix(30) == expected.prefix(30)
        }
    }

    /// After each resize the screen equals `rnnlab render` of the same state at the new size:
    /// nothing of the old frame is left behind.
    func testResizeRedrawsLikeRender() throws {
        let s = try open()
        try openLivePanel(s)
        for (w, h) in [(80, 24), (200, 50), (100, 30)] {
            try s.resize(width: w, height: h)
            let expected = try render(["recurrence", "--step", "2", "--size", "\(w)x\(h)"])
            try s.waitForScreen("the \(w)x\(h) frame to equal rnnlab render") { screen in
                ScreenChecks.lines(screen).prefix(h) == expected.prefix(h)
            }
        }
    }

    func testTooSmallShowsMessageAndRecovers() throws {
        let s = try open()
        try openLivePanel(s)
        try s.resize(width: 60, height: 20)
        let small = try s.waitForText("too small")
        XCTAssertTrue(small.contains("80x24"), small)
        try s.resize(width: 100, height: 30)
        let back = try s.waitForText("step 2/")
        XCTAssertFalse(back.contains("too small"), back)
    }

    // MARK: Ways out

    func testQuitExitsZeroAndRestoresTerminal() throws {
        let s = try open()
        try s.waitForText("Lessons")
        XCTAssertEqual(try s.display("#{alternate_on}"), "1", "the lab runs on the alternate screen")
        try s.send("q")
        XCTAssertEqual(try s.waitForExit(), 0)
        try assertRestored(s)
    }

    func testCtrlCExits130AndRestoresTerminal() throws {
        let s = try open()
        try openLivePanel(s)
        try s.send("C-c")
        XCTAssertEqual(try s.waitForExit(), 130)
        try assertRestored(s)
    }

    func testSIGTERMExits143AndRestoresTerminal() throws {
        let s = try open()
        try s.waitForText("Lessons")
        let pid = try XCTUnwrap(try s.binaryPID(), "the rnnlab process")
        XCTAssertEqual(kill(pid, SIGTERM), 0)
        XCTAssertEqual(try s.waitForExit(), 143)
        try assertRestored(s)
    }

    /// A hang-up (the window closed) ends the lab like the signal would: status 129.
    func testSIGHUPExits129AndRestoresTerminal() throws {
        let s = try open()
        try s.waitForText("Lessons")
        let pid = try XCTUnwrap(try s.binaryPID(), "the rnnlab process")
        XCTAssertEqual(kill(pid, SIGHUP), 0)
        XCTAssertEqual(try s.waitForExit(), 129)
        try assertRestored(s)
    }

    /// Normal screen, visible cursor, the same terminal modes as before the lab ran.
    private func assertRestored(_ s: TmuxSession, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try s.display("#{alternate_on}"), "0", "alternate screen left", file: file, line: line)
        XCTAssertEqual(try s.display("#{cursor_flag}"), "1", "cursor visible", file: file, line: line)
        let before = try XCTUnwrap(s.sttyBefore, file: file, line: line)
        let after = try XCTUnwrap(s.sttyAfter, file: file, line: line)
        XCTAssertEqual(before, after, "termios restored", file: file, line: line)
    }

    // MARK: Capabilities

    func testCLocaleShowsOnlyASCII() throws {
        for locale in ["LC_ALL", "LANG"] {
            var env: [String: String?] = ["LC_ALL": nil, "LANG": nil]
            env[locale] = "C"
            let s = try open(environment: env)
            let home = try s.waitForText("Recurrence and the vanilla RNN")
            XCTAssertEqual(ScreenChecks.nonASCII(home), [], "\(locale)=C home:\n\(home)")
            try s.send("Enter")
            try s.waitForText("step 1/")
            try s.send("Right")
            let panel = try s.waitForText("step 2/")
            XCTAssertEqual(ScreenChecks.nonASCII(panel), [], "\(locale)=C lesson:\n\(panel)")
            s.kill()
        }
    }

    /// `--ascii` in a UTF-8 locale: still nothing but ASCII on screen.
    func testASCIIFlag() throws {
        let s = try open(arguments: ["--ascii"])
        try openLivePanel(s)
        let panel = try s.capture()
        XCTAssertEqual(ScreenChecks.nonASCII(panel), [], panel)
    }

    /// `--color 8` sends only the 8 basic colours: no 256-colour (38;5 / 48;5) sequences.
    func testEightColoursFlag() throws {
        let s = try open(arguments: ["--color", "8"], recordBytes: true)
        try openLivePanel(s)
        let bytes = String(decoding: s.recordedBytes, as: UTF8.self)
        let colours = ScreenChecks.colourSGRs(bytes)
        XCTAssertFalse(colours.isEmpty, "some colour is still drawn")
        XCTAssertFalse(colours.contains { $0.contains(38) || $0.contains(48) }, "\(colours)")
    }

    func testNoColorSendsNoColourSequences() throws {
        let s = try open(environment: ["NO_COLOR": "1"], recordBytes: true)
        try openLivePanel(s)
        let screen = try s.capture(escapes: true)
        XCTAssertEqual(ScreenChecks.colourSGRs(screen), [], "capture-pane -e shows colour")
        let bytes = String(decoding: s.recordedBytes, as: UTF8.self)
        XCTAssertEqual(ScreenChecks.colourSGRs(bytes), [], "colour sequences were sent")
    }

    /// The control for the test above: the same screens with colour do send colour.
    func testColoursByDefault() throws {
        let s = try open(recordBytes: true)
        try openLivePanel(s)
        XCTAssertFalse(ScreenChecks.colourSGRs(try s.capture(escapes: true)).isEmpty)
        // The lab's palette uses the 256-colour entries, which `--color 8` must avoid.
        let bytes = String(decoding: s.recordedBytes, as: UTF8.self)
        XCTAssertTrue(ScreenChecks.colourSGRs(bytes).contains { $0.contains(38) || $0.contains(48) })
    }

    // MARK: Helpers

    /// `rnnlab render ...` as trimmed lines.
    private func render(_ arguments: [String]) throws -> [String] {
        let binary = try RNNLabBinary.url()
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C.UTF-8"
        let r = try Subprocess.run(binary.path, ["render"] + arguments, environment: env)
        XCTAssertEqual(r.status, 0, r.stderrText)
        return ScreenChecks.lines(r.stdoutText)
    }
}
