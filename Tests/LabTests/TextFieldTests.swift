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
