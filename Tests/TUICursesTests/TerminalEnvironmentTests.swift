import TUI
import TUICurses
import XCTest

final class TerminalEnvironmentTests: XCTestCase {
    private func env(stdin: Bool = true, stdout: Bool = true, codeset: String = "UTF-8",
                     term: String? = "xterm-256color", noColor: Bool = false) -> TerminalEnvironment {
        TerminalEnvironment(stdinIsTerminal: stdin, stdoutIsTerminal: stdout, codeset: codeset, term: term, noColor: noColor)
    }

    func testStartProblems() {
        XCTAssertNil(env().startProblem)
        XCTAssertEqual(env(stdin: false).startProblem, .notATerminal(stdin: false, stdout: true))
        XCTAssertEqual(env(stdout: false).startProblem, .notATerminal(stdin: true, stdout: false))
        XCTAssertEqual(env(term: nil).startProblem, .termUnset)
        XCTAssertEqual(env(term: "dumb").startProblem, .noCursorAddressing("dumb"))
        // No tty outranks a bad TERM: the message must point at the headless commands.
        XCTAssertEqual(env(stdout: false, term: nil).startProblem, .notATerminal(stdin: true, stdout: false))
    }

    func testMessagesAndStatuses() {
        let noTTY = TerminalError.notATerminal(stdin: false, stdout: false)
        XCTAssertEqual(noTTY.exitCode, 2)
        XCTAssertTrue(noTTY.description.contains("stdin and stdout are not a terminal"), noTTY.description)
        for cmd in ["rnnlab lessons", "rnnlab render", "rnnlab export", "rnnlab run", "rnnlab train", "rnnlab gradcheck", "rnnlab exercise", "rnnlab check"] {
            XCTAssertTrue(noTTY.description.contains(cmd), cmd)
        }
        XCTAssertFalse(noTTY.description.contains("\n"), "one line")
        XCTAssertEqual(TerminalError.unknownTerm("vt999").exitCode, 1)
        XCTAssertTrue(TerminalError.unknownTerm("vt999").description.contains("TERM=vt999"))
    }

    func testGlyphsFollowTheLocale() {
        XCTAssertEqual(env(codeset: "UTF-8").glyphs(forceASCII: false), .unicode)
        XCTAssertEqual(env(codeset: "utf8").glyphs(forceASCII: false), .unicode)
        XCTAssertEqual(env(codeset: "ANSI_X3.4-1968").glyphs(forceASCII: false), .ascii)
        XCTAssertEqual(env(codeset: "ISO-8859-1").glyphs(forceASCII: false), .ascii)
        XCTAssertEqual(env(codeset: "UTF-8").glyphs(forceASCII: true), .ascii)
    }

    func testColourDepth() {
        let e = env()
        XCTAssertEqual(e.colorDepth(hasColors: true, colors: 256, maximum: nil), .full)
        XCTAssertEqual(e.colorDepth(hasColors: true, colors: 16, maximum: nil), .eight)
        XCTAssertEqual(e.colorDepth(hasColors: true, colors: 8, maximum: nil), .eight)
        XCTAssertEqual(e.colorDepth(hasColors: false, colors: 256, maximum: nil), .none)
        XCTAssertEqual(e.colorDepth(hasColors: true, colors: 256, maximum: .eight), .eight)
        XCTAssertEqual(e.colorDepth(hasColors: true, colors: 8, maximum: .full), .eight, "a flag never adds colours")
        XCTAssertEqual(env(noColor: true).colorDepth(hasColors: true, colors: 256, maximum: .full), .none)
    }
}
