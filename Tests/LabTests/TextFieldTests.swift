import Lab
import TUI
import XCTest

/// The one-line text field of the knob prompt and the exercise answer: its editing keys,
/// and a text longer than its row scrolling so the cursor stays in view.
final class TextFieldTests: XCTestCase {
    func testEditingKeys() {
        var f = TextField(prompt: "> ", text: "0.4621")
        XCTAssertEqual(f.handle(.control("a")), .edited)
        XCTAssertEqual(f.cursor, 0)
        XCTAssertEqual(f.handle(.control("d")), .edited)
        XCTAssertEqual(f.text, ".4621")
        XCTAssertEqual(f.handle(.control("e")), .edited)
        XCTAssertEqual(f.handle(.control("d")), .ignored, "nothing under the cursor at the end")
        _ = f.handle(.left)
        _ = f.handle(.left)
        XCTAssertEqual(f.handle(.control("k")), .edited)
        XCTAssertEqual(f.text, ".46")
        XCTAssertEqual(f.handle(.control("u")), .edited)
        XCTAssertEqual(f.text, "")
        XCTAssertEqual(f.handle(.control("u")), .ignored)
        XCTAssertEqual(f.handle(.enter), .submitted(""))
    }

    /// A selected text is replaced by the first character typed, cleared by Backspace, and
    /// kept by a moving key (which ends the selection).
    func testSelectedTextIsReplacedByTyping() {
        var f = TextField(prompt: "", text: "0.0535")
        f.selectAll()
        XCTAssertTrue(f.selected)
        _ = f.handle(.character("0"))
        _ = f.handle(.character("."))
        XCTAssertEqual(f.text, "0.", "typing replaces the selection instead of appending to it")
        XCTAssertFalse(f.selected)
        f.selectAll()
        XCTAssertEqual(f.handle(.backspace), .edited)
        XCTAssertEqual(f.text, "")
        f = TextField(prompt: "", text: "12")
        f.selectAll()
        _ = f.handle(.left)
        _ = f.handle(.character("3"))
        XCTAssertEqual(f.text, "132", "an arrow keeps the text for editing")
        var empty = TextField(prompt: "")
        empty.selectAll()
        XCTAssertFalse(empty.selected, "nothing to select")
    }

    func testLongTextScrollsToKeepTheCursorInView() {
        var f = TextField(prompt: "file: ", limit: 240)
        let path = "/home/student/rnnlab/exercises/forward-pass/answers/answer-final.npy"
        for c in path { _ = f.handle(.character(c)) }
        var b = Buffer(size: Size(width: 30, height: 1))
        f.render(in: Rect(x: 0, y: 0, width: 30, height: 1), into: &b, style: .plain, cursorStyle: Style.plain.reversed)
        let row = b.lines().first ?? ""
        XCTAssertTrue(row.hasPrefix("file: "), row)
        XCTAssertTrue(row.contains("final.npy"), "the end of the text, where the cursor is, shows: \(row)")
        _ = f.handle(.home)
        b = Buffer(size: Size(width: 30, height: 1))
        f.render(in: Rect(x: 0, y: 0, width: 30, height: 1), into: &b, style: .plain, cursorStyle: Style.plain.reversed)
        XCTAssertTrue((b.lines().first ?? "").hasPrefix("file: /home/student"), b.lines().first ?? "")
    }
}
