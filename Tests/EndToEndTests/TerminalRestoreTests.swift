import Foundation
import XCTest

/// The terminal is restored however the lab dies, and stays readable on the terminals it
/// claims: crashes and fatal signals in tmux, terminals without an alternate screen, 8 colours.
final class TerminalRestoreTests: XCTestCase {
    private var session: TmuxSession?
    override func tearDown() { session?.kill(); session = nil }

    private func start(_ arguments: [String] = [], environment: [String: String?] = [:], recordBytes: Bool = false) throws -> TmuxSession {
        session?.kill()
        let s = try TmuxSession(arguments: arguments, width: 100, height: 30, environment: environment, recordBytes: recordBytes)
        session = s
        return s
    }

    /// Normal screen, visible cursor, the same terminal modes as before the lab ran.
    private func assertRestored(_ s: TmuxSession, _ what: String, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try s.display("#{alternate_on}"), "0", "\(what): alternate screen left", file: file, line: line)
        XCTAssertEqual(try s.display("#{cursor_flag}"), "1", "\(what): cursor visible", file: file, line: line)
        let before = try XCTUnwrap(s.sttyBefore, file: file, line: line)
        let after = try XCTUnwrap(s.sttyAfter, file: file, line: line)
        XCTAssertEqual(before, after, "\(what): termios restored", file: file, line: line)
    }

    // MARK: Crashes and fatal signals

    /// The case: SIGABRT with the Swift runtime's backtracer as a user has it (no
    /// SWIFT_BACKTRACE). The report is printed, the process dies of the signal (134) within
    /// seconds instead of waiting 30 s for a key, and the terminal is back to normal.
    func testSIGABRTWithBacktracerRestoresTerminalWithoutWaiting() throws {
        let s = try start(environment: ["SWIFT_BACKTRACE": nil])
        try s.waitForText("Lessons")
        let pid = try XCTUnwrap(try s.binaryPID(), "the rnnlab process (still named rnnlab after its restart)")
        XCTAssertEqual(TerminalRestoreTests.environment(of: pid)["SWIFT_BACKTRACE"], "interactive=no,preset=friendly",
                       "restarted with a non-interactive backtracer")
        XCTAssertEqual(kill(pid, SIGABRT), 0)
        XCTAssertEqual(try s.waitForExit(timeout: .seconds(15)), 128 + SIGABRT, "stderr: \(s.stderrText)")
        try assertRestored(s, "SIGABRT")
        XCTAssertTrue(s.stderrText.contains("Program crashed"), "the crash report is printed: \(s.stderrText)")
        XCTAssertFalse(s.stderrText.contains("Press space"), "the report does not wait for a key")
        let screen = try s.capture()
        XCTAssertFalse(screen.contains("Lessons"), "the lab's screen is gone:\n\(screen)")
    }

    /// Signals whose default action kills, without the backtracer: each ends the lab with its
    /// own status and a restored terminal.
    func testFatalSignalsRestoreTerminal() throws {
        for signal in [SIGSEGV, SIGUSR1, SIGPIPE, SIGQUIT] {
            let s = try start()
            try s.waitForText("Lessons")
            let pid = try XCTUnwrap(try s.binaryPID(), "the rnnlab process")
            XCTAssertEqual(kill(pid, signal), 0)
            XCTAssertEqual(try s.waitForExit(), 128 + signal, "signal \(signal)")
            try assertRestored(s, "signal \(signal)")
        }
    }

    /// Crashes from inside the program (debug builds: `RNNLAB_CRASH_TEST` and the test
    /// card's `!` key): a Swift runtime trap, a bad pointer, a stack overflow (the handler
    /// runs on its own stack), each with the runtime's backtracer on.
    func testCrashesInsideTheProgramRestoreTerminal() throws {
        let cases: [(kind: String, status: Int32, report: String)] = [
            ("trap", 128 + SIGILL, "Fatal error: RNNLAB_CRASH_TEST=trap"),
            ("segv", 128 + SIGSEGV, "Program crashed"),
            ("overflow", 128 + SIGSEGV, "Program crashed"),
        ]
        for c in cases {
            let s = try start(["terminal-check"], environment: ["SWIFT_BACKTRACE": nil, "RNNLAB_CRASH_TEST": c.kind])
            try s.waitForText("rnnlab terminal check")
            try s.send("!")
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(15)
            while s.exitStatus == nil && clock.now < deadline {
                if (try? s.capture())?.contains("last event: char !") == true {
                    throw XCTSkip("a release build: the crash test hook exists in debug builds only")
                }
                Thread.sleep(forTimeInterval: 0.05)
            }
            XCTAssertEqual(try s.waitForExit(timeout: .seconds(1)), c.status, "\(c.kind); stderr: \(s.stderrText)")
            try assertRestored(s, c.kind)
            XCTAssertTrue(s.stderrText.contains(c.report), "\(c.kind): \(s.stderrText)")
            XCTAssertFalse(s.stderrText.contains("Press space"), "\(c.kind): the report does not wait for a key")
        }
    }

    /// A user's own SWIFT_BACKTRACE stays in force (here: backtracer off), and Ctrl-C still
    /// ends the lab with 130 after the restart.
    func testOwnBacktraceSettingIsKeptAndCtrlCStillWorks() throws {
        let s = try start(environment: ["SWIFT_BACKTRACE": "enable=no"])
        try s.waitForText("Lessons")
        let pid = try XCTUnwrap(try s.binaryPID(), "the rnnlab process")
        XCTAssertEqual(TerminalRestoreTests.environment(of: pid)["SWIFT_BACKTRACE"], "enable=no")
        try s.send("C-c")
        XCTAssertEqual(try s.waitForExit(), 130)
        try assertRestored(s, "Ctrl-C")
    }

    /// A process's environment, from /proc.
    static func environment(of pid: pid_t) -> [String: String] {
        let data = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(pid)/environ"))) ?? Data()
        var result: [String: String] = [:]
        for entry in data.split(separator: 0) {
            let text = String(decoding: entry, as: UTF8.self)
            if let eq = text.firstIndex(of: "=") { result[String(text[..<eq])] = String(text[text.index(after: eq)...]) }
        }
        return result
    }

    // MARK: No alternate screen

    /// vt100 and the Linux console have no alternate screen: the lab draws on the normal
    /// screen and clears it on the way out, so the prompt does not land inside the last frame.
    func testTerminalWithoutAlternateScreenIsClearedOnExit() throws {
        for term in ["vt100", "linux"] {
            let s = try start(environment: ["TERM": term])
            try s.waitForText("Lessons")
            XCTAssertEqual(try s.display("#{alternate_on}"), "0", "\(term) has no alternate screen")
            try s.send("q")
            XCTAssertEqual(try s.waitForExit(), 0)
            try assertRestored(s, "\(term) quit")
            let screen = try s.capture()
            XCTAssertEqual(ScreenChecks.lines(screen).filter { !$0.isEmpty }, [], "\(term): the last frame is cleared:\n\(screen)")
        }
        // And after a crash, so the report starts on a clean screen.
        let s = try start(environment: ["TERM": "vt100"])
        try s.waitForText("Lessons")
        let pid = try XCTUnwrap(try s.binaryPID(), "the rnnlab process")
        XCTAssertEqual(kill(pid, SIGABRT), 0)
        XCTAssertEqual(try s.waitForExit(), 128 + SIGABRT)
        try assertRestored(s, "vt100 SIGABRT")
        XCTAssertFalse(try s.capture().contains("Lessons"))
    }

    // MARK: 8 colours

    /// TERM=xterm has 8 colours: nothing on the home screen, the gallery or a lesson with a
    /// live panel is drawn black on the default background (invisible on dark terminals).
    func testEightColourTerminalNeverDrawsBlackOnDefault() throws {
        let s = try start(environment: ["TERM": "xterm"])
        try s.waitForText("Recurrence and the vanilla RNN")
        var screens: [(String, String)] = [("home", try s.capture(escapes: true))]
        try s.send("Enter")
        try s.waitForText("step 1/")
        try s.send("Right")
        try s.waitForText("step 2/")
        screens.append(("lesson step 2", try s.capture(escapes: true)))
        try s.send("Escape")
        try s.waitForText("Lessons")
        try s.send("g")
        try s.waitForScreen("the gallery") { !$0.contains("Recurrence and the vanilla RNN") }
        Thread.sleep(forTimeInterval: 0.3)
        screens.append(("gallery", try s.capture(escapes: true)))
        for (name, screen) in screens {
            XCTAssertFalse(TerminalRestoreTests.colourRuns(screen).isEmpty, "\(name): some colour is drawn")
            let invisible = TerminalRestoreTests.blackOnDefault(screen)
            XCTAssertEqual(invisible, [], "\(name): black on the default background")
        }
    }

    /// Text drawn with foreground black (30) on the default background in a `capture-pane -e`
    /// screen, one string per run.
    static func blackOnDefault(_ screen: String) -> [String] {
        colourRuns(screen).filter { $0.foreground == 30 && $0.background == nil }.map(\.text)
            .filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    /// Runs of text with the basic colours they are drawn in (nil: the terminal's default),
    /// following the SGR sequences of a `capture-pane -e` screen.
    static func colourRuns(_ screen: String) -> [(text: String, foreground: Int?, background: Int?)] {
        var runs: [(text: String, foreground: Int?, background: Int?)] = []
        var fg: Int?, bg: Int?
        var text = ""
        func flush() {
            if !text.isEmpty && (fg != nil || bg != nil) { runs.append((text, fg, bg)) }
            text = ""
        }
        let scalars = Array(screen.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "\u{1B}", i + 1 < scalars.count, scalars[i + 1] == "[" {
                var j = i + 2
                var params = ""
                while j < scalars.count, ("0"..."9").contains(scalars[j]) || scalars[j] == ";" {
                    params.unicodeScalars.append(scalars[j]); j += 1
                }
                if j < scalars.count, scalars[j] == "m" {
                    flush()
                    let ps = params.isEmpty ? [0] : params.split(separator: ";").map { Int($0) ?? 0 }
                    var k = 0
                    while k < ps.count {
                        switch ps[k] {
                        case 0: fg = nil; bg = nil
                        case 30...37, 90...97: fg = ps[k]
                        case 39: fg = nil
                        case 40...47, 100...107: bg = ps[k]
                        case 49: bg = nil
                        case 38, 48:
                            // 38;5;n / 48;5;n: an indexed colour (not expected at 8 colours).
                            let n = k + 2 < ps.count ? 1000 + ps[k + 2] : 1000
                            if ps[k] == 38 { fg = n } else { bg = n }
                            k += 2
                        default: break
                        }
                        k += 1
                    }
                }
                i = j + 1
                continue
            }
            if scalars[i] == "\n" { flush() } else { text.unicodeScalars.append(scalars[i]) }
            i += 1
        }
        flush()
        return runs
    }
}
