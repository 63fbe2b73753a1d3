import CNcurses
import TUI
import TUICurses
import XCTest

final class KeyDecoderTests: XCTestCase {
    private func char(_ v: UInt32) -> KeyDecoder.Input { KeyDecoder.decode(status: NC_OK, value: v) }
    private func code(_ c: Int32) -> KeyDecoder.Input { KeyDecoder.decode(status: NC_KEY_CODE_YES, value: UInt32(c)) }

    func testEnterFromEveryTerminal() {
        XCTAssertEqual(char(10), .key(.enter))
        XCTAssertEqual(char(13), .key(.enter))
        XCTAssertEqual(code(NC_KEY_ENTER), .key(.enter))
    }

    func testControlCharacters() {
        XCTAssertEqual(char(27), .key(.escape))
        XCTAssertEqual(char(9), .key(.tab))
        XCTAssertEqual(char(127), .key(.backspace))
        XCTAssertEqual(char(8), .key(.backspace))
        XCTAssertEqual(char(1), .key(.control("a")))
        XCTAssertEqual(char(3), .key(.control("c")))
        XCTAssertEqual(char(26), .key(.control("z")))
    }

    func testCharacters() {
        XCTAssertEqual(char(0x71), .key(.character("q")))
        XCTAssertEqual(char(0x3B1), .key(.character("α")))
        XCTAssertEqual(char(0xD800), .ignored, "a lone surrogate is not a character")
    }

    func testKeyCodes() {
        XCTAssertEqual(code(NC_KEY_UP), .key(.up))
        XCTAssertEqual(code(NC_KEY_DOWN), .key(.down))
        XCTAssertEqual(code(NC_KEY_LEFT), .key(.left))
        XCTAssertEqual(code(NC_KEY_RIGHT), .key(.right))
        XCTAssertEqual(code(NC_KEY_NPAGE), .key(.pageDown))
        XCTAssertEqual(code(NC_KEY_PPAGE), .key(.pageUp))
        XCTAssertEqual(code(NC_KEY_HOME), .key(.home))
        XCTAssertEqual(code(NC_KEY_END), .key(.end))
        XCTAssertEqual(code(NC_KEY_BTAB), .key(.backTab))
        XCTAssertEqual(code(NC_KEY_BACKSPACE), .key(.backspace))
        XCTAssertEqual(code(NC_KEY_F0 + 5), .key(.function(5)))
        XCTAssertEqual(code(NC_KEY_RESIZE), .resize)
    }

    /// U+019A has the value of KEY_RESIZE: only the status tells them apart.
    func testStatusDecidesBetweenCharacterAndKeyCode() {
        XCTAssertEqual(UInt32(NC_KEY_RESIZE), 0x19A)
        XCTAssertEqual(char(0x19A), .key(.character("\u{19A}")))
        XCTAssertEqual(code(NC_KEY_RESIZE), .resize)
    }
}
