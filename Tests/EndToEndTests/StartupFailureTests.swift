import Foundation
import XCTest

/// `rnnlab` without a usable terminal: a clear message, a non-zero status, no escape codes.
final class StartupFailureTests: XCTestCase {
    private var session: TmuxSession?
    override func tearDown() { session?.kill(); session = nil }

    /// stdin from /dev/null: exit 2 and a message naming the headless commands.
    func testStdinNotATerminalExits2() throws {
        let s = try TmuxSession(arguments: [], stdinFromDevNull: true)
        session = s
        XCTAssertEqual(try s.waitForExit(), 2)
        let err = s.stderrText
        XCTAssertTrue(err.contains("stdin is not a terminal"), err)
        for cmd in ["rnnlab lessons", "rnnlab render", "rnnlab run", "rnnlab train", "rnnlab gradcheck"] {
            XCTAssertTrue(err.contains(cmd), "message should name \(cmd): \(err)")
        }
    }

    /// stdout into a pipe: exit 2, the message on stderr, nothing but the pipe's silence on screen.
    func testStdoutPipedExits2() throws {
        // The status recorded is that of `cat`, so run the binary alone through a pipe from
        // outside tmux: no terminal is involved at all.
        let binary = try RNNLabBinary.url()
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        let r = try Subprocess.run(binary.path, [], environment: env)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout.count, 0, "nothing may reach stdout")
        let text = r.stderrText
        XCTAssertTrue(text.contains("not a terminal") && text.contains("rnnlab render"), text)
        XCTAssertEqual(text.filter { $0 == "\n" }.count, 1, "one line: \(text)")
    }

    /// `rnnlab | cat` in a real terminal: stdin is a tty, stdout is not.
    func testPipeToCatShowsMessage() throws {
        let s = try TmuxSession(arguments: [], pipeStdoutToCat: true)
        session = s
        _ = try s.waitForExit()   // cat's status; the message is what matters
        XCTAssertTrue(s.stderrText.contains("stdout is not a terminal"), s.stderrText)
        XCTAssertFalse(s.stderrText.contains("\u{1B}"))
    }

    func testDumbTerminal() throws {
        try assertRefused(term: "dumb", mentioning: "cannot move the cursor")
    }

    func testUnknownTerminal() throws {
        try assertRefused(term: "no-such-terminal-xyz", mentioning: "unknown terminal type TERM=no-such-terminal-xyz")
    }

    func testUnsetTerm() throws {
        try assertRefused(term: nil, mentioning: "TERM is not set")
    }

    /// Runs with a bad TERM on a real tty: non-zero status, the message on stderr, and not a
    /// single byte of escape codes sent to the terminal.
    private func assertRefused(term: String?, mentioning text: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let s = try TmuxSession(arguments: [], environment: ["TERM": term], recordBytes: true)
        session = s
        let status = try s.waitForExit()
        XCTAssertNotEqual(status, 0, file: file, line: line)
        XCTAssertTrue(s.stderrText.contains(text), s.stderrText, file: file, line: line)
        // pipe-pane may lag a little behind the pane.
        Thread.sleep(forTimeInterval: 0.1)
        XCTAssertFalse(s.recordedBytes.contains(0x1B), "escape codes reached the terminal: \(s.recordedBytes)", file: file, line: line)
        let screen = try s.capture(escapes: true)
        XCTAssertFalse(screen.contains("\u{1B}"), screen, file: file, line: line)
    }
}
