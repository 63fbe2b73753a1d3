import XCTest
@testable import TUI

/// Word wrapping on long input: words are stored once, never copied per grapheme.
final class WordWrapTests: XCTestCase {
    private let s = Style.plain

    private func text(_ lines: [[StyledGlyph]]) -> [String] { lines.map { $0.map(\.symbol).joined() } }

    func testALongWordIsOneTokenAndFillsWholeLines() {
        var tokens: [WordWrap.Token] = []
        WordWrap.tokenize(String(repeating: "x", count: 100_000), style: s, into: &tokens)
        XCTAssertEqual(tokens.count, 1)
        guard case .word(let w)? = tokens.first else { return XCTFail("not a word") }
        XCTAssertEqual(w.count, 100_000)
        let lines = WordWrap.wrap(tokens, width: 80)
        XCTAssertEqual(lines.count, 1250)
        XCTAssertTrue(lines.allSatisfy { $0.count == 80 })
    }

    func testPiecesWithoutSpacesJoinOneWord() {
        // `**bold**,` and inline math glued to text continue the word before them.
        var tokens: [WordWrap.Token] = []
        for k in 0..<20_000 {
            WordWrap.tokenize(k % 2 == 0 ? "ab" : "c", style: s, into: &tokens)
            WordWrap.append([StyledGlyph("·", width: 1, style: s)], to: &tokens)
        }
        XCTAssertEqual(tokens.count, 1)
        WordWrap.tokenize(" next\nline", style: s, into: &tokens)
        XCTAssertEqual(tokens.count, 5)
        XCTAssertEqual(text(WordWrap.wrap(tokens, width: 100_000)).map(\.count), [50_000 + 5, 4])
        // Empty pieces add nothing (no empty words that would eat a space).
        var t2: [WordWrap.Token] = []
        WordWrap.tokenize("a ", style: s, into: &t2)
        WordWrap.append([], to: &t2)
        WordWrap.tokenize(" b", style: s, into: &t2)
        XCTAssertEqual(text(WordWrap.wrap(t2, width: 10)), ["a b"])
    }

    func testLoweredPartsGetTheirOwnRowInTheirColumns() {
        let row = [StyledGlyph("W", width: 1, style: s), StyledGlyph(" ", width: 1, style: s, lowered: "h"),
                   StyledGlyph(" ", width: 1, style: s, lowered: "y"), StyledGlyph("=", width: 1, style: s),
                   StyledGlyph("漢", width: 2, style: s), StyledGlyph(" ", width: 1, style: s, lowered: "T")]
        XCTAssertEqual(text(WordWrap.expandingLowered([row, [StyledGlyph("x", width: 1, style: s)]])),
                       ["W  =漢 ", " hy   T", "x"])
    }

    /// One moderate run end to end, through the whole prose layout: a 100,000-character
    /// word (87 s before) and a 100,000-character paragraph of short words.
    func testLongTextLaysOut() {
        let word = String(repeating: "x", count: 100_000)
        let layout = ProseLayout(document: ProseDocument(markdown: word), width: 80, capabilities: .full)
        XCTAssertEqual(layout.height, 1250)
        let words = String(repeating: "ab ", count: 33_000)
        XCTAssertEqual(ProseLayout(document: ProseDocument(markdown: words), width: 81, capabilities: .full).height, 1223)  // 27 words a line
    }
}
