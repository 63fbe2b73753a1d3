import XCTest
@testable import TUI

final class FrameTests: XCTestCase {
    private func draw(_ f: Frame, _ w: Int, _ h: Int, _ caps: Capabilities = .full) -> (Buffer, Rect) {
        var b = Buffer(width: w, height: h)
        let inner = f.draw(in: b.area, into: &b, capabilities: caps)
        return (b, inner)
    }

    func testBoxTitleFooterAndInnerArea() {
        let (b, inner) = draw(Frame(title: "LSTM", footer: "q quit"), 16, 4)
        XCTAssertEqual(b.lines(), ["┌─ LSTM ───────┐", "│              │", "│              │", "└───── q quit ─┘"])
        XCTAssertEqual(inner, Rect(x: 1, y: 1, width: 14, height: 2))
        XCTAssertEqual(Frame.inner(b.area), inner)
    }

    func testLinesAndStyles() {
        let caps = Capabilities(colors: .none)
        let (focus, _) = draw(Frame(title: "W", lines: .focus), 10, 3, caps)
        XCTAssertEqual(focus.lines(), ["┏━ W ━━━━┓", "┃        ┃", "┗━━━━━━━━┛"])
        let (asciiFocus, _) = draw(Frame(title: "W", lines: .focus), 10, 3, .plainASCII)
        XCTAssertEqual(asciiFocus.lines(), ["#= W ====#", "#        #", "#========#"])
        // Heavy lines have no ASCII form: the light box stands in.
        let (asciiHeavy, _) = draw(Frame(lines: .heavy), 4, 3, .plainASCII)
        XCTAssertEqual(asciiHeavy.lines(), ["+--+", "|  |", "+--+"])
        // The title is bold in the lines' style unless told otherwise; styles are resolved.
        let (styled, _) = draw(Frame(title: "W", style: .fg(.indexed(244)), footerStyle: .plain), 10, 3)
        XCTAssertEqual(styled[0, 0].style, .fg(.indexed(244)))
        XCTAssertEqual(styled[3, 0].style, Style.fg(.indexed(244)).bold)
        let (mono, _) = draw(Frame(title: "W", style: .fg(.indexed(244))), 10, 3, caps)
        XCTAssertEqual(mono[0, 0].style, .plain)
    }

    func testTitleIsFoldedAndCutToFit() {
        // 10 columns: a corner and a line each side leave 6, two of them the spaces around the title.
        XCTAssertEqual(draw(Frame(title: "abcdefgh"), 10, 2).0.lines()[0], "┌─ abc… ─┐")
        XCTAssertEqual(draw(Frame(title: "abcd"), 10, 2).0.lines()[0], "┌─ abcd ─┐")
        XCTAssertEqual(draw(Frame(title: "abcdefgh"), 10, 2, .plainASCII).0.lines()[0], "+- abc~ -+")
        XCTAssertEqual(draw(Frame(title: "σ"), 11, 2, .plainASCII).0.lines()[0], "+- sigma -+")
        // Wide glyphs are cut whole: the label is one column short and the line shows through.
        XCTAssertEqual(draw(Frame(title: "漢字漢字"), 10, 2).0.lines()[0], "┌─ 漢… ──┐")
        XCTAssertEqual(draw(Frame(title: "漢字漢字"), 11, 2).0.lines()[0], "┌─ 漢字… ─┐")
        // Under 7 columns there is no room for a label at all; at 7 only the ellipsis fits.
        XCTAssertEqual(draw(Frame(title: "abc"), 6, 2).0.lines()[0], "┌────┐")
        XCTAssertEqual(draw(Frame(title: "abc"), 7, 2).0.lines()[0], "┌─ … ─┐")
        XCTAssertEqual(draw(Frame(title: "abc"), 8, 2).0.lines()[0], "┌─ a… ─┐")
        XCTAssertEqual(draw(Frame(title: ""), 7, 2).0.lines()[0], "┌─────┐")
    }

    func testEverySizeDownToZero() {
        let f = Frame(title: "Title", footer: "footer")
        for w in 0...8 {
            for h in 0...5 {
                let (b, inner) = draw(f, w, h)
                if w >= 2 && h >= 2 {
                    XCTAssertEqual(inner, Rect(x: 1, y: 1, width: w - 2, height: h - 2))
                    XCTAssertEqual(b[0, 0].symbol, "┌")
                    XCTAssertEqual(b[w - 1, h - 1].symbol, "┘")
                } else {
                    XCTAssertTrue(inner.isEmpty, "\(w)x\(h)")
                    XCTAssertEqual(b, Buffer(width: w, height: h), "\(w)x\(h): nothing drawn")
                }
                for line in b.lines() { XCTAssertLessThanOrEqual(TextWidth.of(line), w) }
            }
        }
        XCTAssertEqual(draw(f, 2, 2).0.lines(), ["┌┐", "└┘"])
    }

    func testStaysInsideItsArea() {
        var b = Buffer(width: 20, height: 6)
        b.fill(b.area, with: Cell("."))
        let area = Rect(x: 3, y: 1, width: 12, height: 3)
        let inner = Frame(title: "a long title here", footer: "a long footer").draw(in: area, into: &b, capabilities: .full)
        XCTAssertEqual(inner, Rect(x: 4, y: 2, width: 10, height: 1))
        for y in 0..<b.height {
            for x in 0..<b.width where !area.contains(x: x, y: y) { XCTAssertEqual(b[x, y].symbol, ".", "(\(x), \(y))") }
        }
        XCTAssertEqual(b.lines()[1], "...┌─ a lon… ─┐.....")
        XCTAssertEqual(b.lines()[3], "...└─ a lon… ─┘.....")
    }
}
