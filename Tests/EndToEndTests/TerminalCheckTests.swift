import Foundation
import XCTest

/// The ncurses backend alone, through the hidden `rnnlab terminal-check` test card: keys as
/// tmux sends them decode to the right events, and the colour depth and glyph set follow
/// TERM, flags and the locale.
final class TerminalCheckTests: XCTestCase {
    private var session: TmuxSession?
    override func tearDown() { session?.kill(); session = nil }

    private func card(arguments: [String] = [], environment: [String: String?] = [:]) throws -> TmuxSession {
        let s = try TmuxSession(arguments: ["terminal-check"] + arguments, environment: environment)
        session = s
        try s.waitForText("rnnlab terminal check")
        return s
    }

    func testKeysDecode() throws {
        let s = try card()
        // tmux key name → what the card reports.
        let keys: [(String, String)] = [
            ("Up", "up"), ("Down", "down"), ("Left", "left"), ("Right", "right"),
            ("Enter", "enter"), ("Escape", "escape"), ("BSpace", "backspace"), ("Tab", "tab"),
            ("BTab", "backtab"), ("PPage", "pageup"), ("NPage", "pagedown"), ("Home", "home"),
            ("End", "end"), ("F5", "F5"), ("C-a", "ctrl-a"), ("x", "char x"),
        ]
        for (name, shown) in keys {
            try s.send(name)
            try s.waitForText("last event: \(shown).")
        }
        try s.type("λ")
        try s.waitForText("last event: char λ.")
    }

    func testResizeEventCarriesTheNewSize() throws {
        let s = try card()
        try s.resize(width: 120, height: 40)
        try s.waitForText("last event: resize 120x40.")
        try s.waitForText("size 120x40")
    }

    func testColourDepthAndGlyphs() throws {
        let cases: [([String], [String: String?], String)] = [
            ([], [:], "colours 256  glyphs unicode"),
            ([], ["TERM": "screen"], "colours 8  glyphs unicode"),
            (["--color", "8"], [:], "colours 8  glyphs unicode"),
            (["--color", "none", "--ascii"], [:], "colours none  glyphs ascii"),
            ([], ["NO_COLOR": "1"], "colours none  glyphs unicode"),
            ([], ["NO_COLOR": ""], "colours 256  glyphs unicode"),
            ([], ["LC_ALL": "C"], "colours 256  glyphs ascii"),
        ]
        for (args, env, expected) in cases {
            let s = try card(arguments: args, environment: env)
            try s.waitForText(expected)
            try s.send("q")
            XCTAssertEqual(try s.waitForExit(), 0)
            s.kill()
        }
    }
}
