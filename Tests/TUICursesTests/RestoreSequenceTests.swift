import TUICurses
import XCTest

/// The bytes the crash handler writes to restore the terminal, built from terminfo entries.
final class RestoreSequenceTests: XCTestCase {
    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }
    private func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

    func testPaddingIsRemoved() {
        XCTAssertEqual(text(RestoreSequence.withoutPadding(bytes("\u{1B}[m\u{0F}$<2>"))), "\u{1B}[m\u{0F}")
        XCTAssertEqual(text(RestoreSequence.withoutPadding(bytes("\u{1B}[H$<5.5*/>\u{1B}[J$<50>"))), "\u{1B}[H\u{1B}[J")
        // Not padding: left as it is.
        for s in ["$5", "$<", "$<>", "$<x>", "cost $<3 a>", "\u{1B}[?1049l"] {
            XCTAssertEqual(text(RestoreSequence.withoutPadding(bytes(s))), s)
        }
    }

    /// An alternate-screen terminal: leave it, after attributes, colours, cursor and keypad.
    func testAlternateScreenTerminal() {
        let entry: [String: String] = [
            "sgr0": "\u{1B}(B\u{1B}[m", "op": "\u{1B}[39;49m", "cnorm": "\u{1B}[?12l\u{1B}[?25h",
            "rmkx": "\u{1B}[?1l\u{1B}>", "smcup": "\u{1B}[?1049h", "rmcup": "\u{1B}[?1049l", "clear": "\u{1B}[H\u{1B}[2J",
        ]
        let lookup: (String) -> [UInt8]? = { entry[$0].map { Array($0.utf8) } }
        XCTAssertTrue(RestoreSequence.hasAlternateScreen(lookup: lookup))
        XCTAssertEqual(text(RestoreSequence.bytes(lookup: lookup)),
                       "\u{18}\u{1B}(B\u{1B}[m\u{1B}[39;49m\u{1B}[?12l\u{1B}[?25h\u{1B}[?1l\u{1B}>\u{1B}[?1049l")
        XCTAssertEqual(RestoreSequence.clearAfterExit(lookup: lookup), [])
    }

    /// No alternate screen (vt100, the Linux console): clear instead, so that neither the
    /// prompt nor a crash report lands inside the last frame.
    func testTerminalWithoutAlternateScreenIsCleared() {
        let entry: [String: String] = ["sgr0": "\u{1B}[m\u{0F}$<2>", "clear": "\u{1B}[H\u{1B}[J$<50>", "rmkx": "\u{1B}>"]
        let lookup: (String) -> [UInt8]? = { entry[$0].map { Array($0.utf8) } }
        XCTAssertFalse(RestoreSequence.hasAlternateScreen(lookup: lookup))
        XCTAssertEqual(text(RestoreSequence.bytes(lookup: lookup)), "\u{18}\u{1B}[m\u{0F}\u{1B}>\u{1B}[H\u{1B}[J")
        XCTAssertEqual(text(RestoreSequence.clearAfterExit(lookup: lookup)), "\u{1B}[H\u{1B}[J")
    }

    /// The same from this machine's terminfo database.
    func testRealTerminfoEntries() throws {
        guard let xterm = Terminfo.withEntry(for: "xterm-256color", { RestoreSequence.bytes(lookup: $0) }) else {
            throw XCTSkip("no terminfo entry for xterm-256color")
        }
        XCTAssertEqual(xterm.first, RestoreSequence.cancel)
        XCTAssertTrue(text(xterm).contains("\u{1B}[?25h"), "cursor shown: \(text(xterm).debugDescription)")
        XCTAssertTrue(text(xterm).hasSuffix("\u{1B}[?1049l\u{1B}[23;0;0t"), "alternate screen left: \(text(xterm).debugDescription)")
        XCTAssertEqual(Terminfo.withEntry(for: "xterm-256color") { RestoreSequence.clearAfterExit(lookup: $0) }, [])

        for term in ["vt100", "linux"] {
            guard let b = Terminfo.withEntry(for: term, { RestoreSequence.bytes(lookup: $0) }) else { continue }
            XCTAssertTrue(text(b).hasSuffix("\u{1B}[H\u{1B}[J"), "\(term) clears: \(text(b).debugDescription)")
            XCTAssertFalse(text(b).contains("$<"), "\(term) padding removed: \(text(b).debugDescription)")
            XCTAssertEqual(Terminfo.withEntry(for: term) { text(RestoreSequence.clearAfterExit(lookup: $0)) }, "\u{1B}[H\u{1B}[J")
        }
        XCTAssertNil(Terminfo.withEntry(for: "no-such-terminal-xyz") { _ in true })
    }
}
