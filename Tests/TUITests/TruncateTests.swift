import XCTest
@testable import TUI

final class TruncateTests: XCTestCase {
    private func cut(_ s: String, _ w: Int, _ e: String = "…") -> String { TextWidth.truncate(s, to: w, ellipsis: e) }

    func testTextThatFitsIsUnchanged() {
        XCTAssertEqual(cut("abc", 3), "abc")
        XCTAssertEqual(cut("abc", 10), "abc")
        XCTAssertEqual(cut("", 0), "")
        XCTAssertEqual(cut("漢字", 4), "漢字")
    }

    func testCutEndsWithTheEllipsis() {
        XCTAssertEqual(cut("abcdef", 4), "abc…")
        XCTAssertEqual(cut("abcdef", 4, "~"), "abc~")
        XCTAssertEqual(cut("abcdef", 5, "..."), "ab...")
        XCTAssertEqual(cut("abcdef", 1), "…")
    }

    func testNoWidthGivesNothing() {
        XCTAssertEqual(cut("abc", 0), "")
        XCTAssertEqual(cut("abc", -3), "")
    }

    func testAnEllipsisThatDoesNotFitIsLeftOut() {
        XCTAssertEqual(cut("abcdef", 2, "..."), "ab")
        XCTAssertEqual(cut("abcdef", 3, "..."), "...")
    }

    func testWideGlyphsAreCutWhole() {
        XCTAssertEqual(cut("漢字漢字", 5), "漢字…")
        XCTAssertEqual(cut("漢字漢字", 4), "漢…")  // one column short rather than half a glyph
        XCTAssertEqual(cut("漢字", 2), "…")
        XCTAssertEqual(cut("a漢字", 3), "a…")
        XCTAssertEqual(cut("👍🏽 ok then", 4), "👍🏽 …")
    }

    func testGraphemesStayWhole() {
        let e = "e\u{301}"  // e + combining acute: one column
        XCTAssertEqual(cut(e + e + e, 3), e + e + e)
        XCTAssertEqual(cut(e + e + e, 2), e + "…")
        XCTAssertEqual(cut("🇬🇧🇫🇷abc", 3), "🇬🇧🇫🇷…")  // flags are not split into their two scalars
    }

    func testNeverWiderThanAsked() {
        let samples = ["", "a", "abcdef", "漢字漢字", "a漢b字c", "e\u{301}x", "σ(W·h)→y", "👍🏽👍🏽👍🏽"]
        for s in samples {
            for w in -1...12 {
                for e in ["…", "~", "..."] {
                    let r = cut(s, w, e)
                    XCTAssertLessThanOrEqual(TextWidth.of(r), max(0, w), "\(s) \(w) \(e)")
                    if TextWidth.of(s) <= w { XCTAssertEqual(r, s) } else if w > 0, TextWidth.of(e) <= w { XCTAssertTrue(r.hasSuffix(e)) }
                }
            }
        }
    }
}
