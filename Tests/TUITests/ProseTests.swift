import XCTest
import LabTesting
@testable import TUI

enum SampleLesson {
    static let markdown = #"""
---
id: vanilla-rnn
title: The vanilla RNN
---
# The vanilla RNN

## The recurrence formula {#recurrence}

We process a sequence of vectors $\mathbf{x}$ by applying a **recurrence formula** at *every* time step,
with the `same` weights $W$ and state $h_{t-1}$:

$$h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)$$

1. Take input $x_1$ at time step $t_1$.
2. Update the hidden state $h_1$; then use it, with the next input, to compute $h_2$ at time step $t_2$.
3. Keep repeating for $t_1 \dots t_N$.

- LSTM gates:
  - forget gate $f$
  - input gate $i$
- GRU: *lighter*, so faster to train

> **Note.** Backpropagation from $c_t$ to $c_{t-1}$ is only an elementwise multiplication by $f$.

```python
model = keras.Sequential([keras.layers.SimpleRNN(32, input_shape=(None, 1)), keras.layers.Dense(1)])
```

---

Total grad = $g * f$ where * is element wise.
"""#

    static let document = ProseDocument(markdown: markdown)
}

final class ProseTests: XCTestCase {
    private func text(_ layout: ProseLayout) -> String { layout.text.joined(separator: "\n") }

    func testParsesBlocks() {
        let doc = SampleLesson.document
        guard case .heading(1, _, nil) = doc.blocks[0], case .heading(2, let spans, "recurrence") = doc.blocks[1] else {
            return XCTFail("headings: \(doc.blocks.prefix(2))")
        }
        XCTAssertEqual(spans, [InlineSpan("The recurrence formula")])
        XCTAssertTrue(doc.blocks.contains(.math(#"h_t = \tanh(W_{hh} h_{t-1} + W_{xh} x_t)"#)))
        XCTAssertTrue(doc.blocks.contains { if case .list(true, 1, let items) = $0 { return items.count == 3 } else { return false } })
        XCTAssertTrue(doc.blocks.contains(.rule))
        XCTAssertEqual(doc.unknownMathCommands, [])
        XCTAssertTrue(doc.formulas.contains(#"h_{t-1}"#))
    }

    func testInlineMarkupRunsAcrossLineBreaks() {
        // A code span, emphasis and math split over two source lines of one paragraph.
        let doc = ProseDocument(markdown: "keep `c = f*c +\ni*g` as code, *this\nitalic*, $h_{t-1} +\nx_t$ math")
        guard case .paragraph(let spans) = doc.blocks[0] else { return XCTFail("\(doc.blocks)") }
        XCTAssertTrue(spans.contains(InlineSpan("c = f*c + i*g", .code)), "\(spans)")
        XCTAssertTrue(spans.contains(InlineSpan("this italic", .italic)), "\(spans)")
        XCTAssertTrue(spans.contains(InlineSpan("h_{t-1} + x_t", .math)), "\(spans)")
        // A hard break still breaks the line.
        guard case .paragraph(let hard) = ProseDocument(markdown: "one  \ntwo").blocks[0] else { return XCTFail() }
        XCTAssertEqual(hard, [InlineSpan("one"), InlineSpan("\n"), InlineSpan("two")])
    }

    func testInlineMarkup() {
        XCTAssertEqual(InlineParser.parse("a **b** *c* `d` $e_t$"), [
            InlineSpan("a "), InlineSpan("b", .bold), InlineSpan(" "), InlineSpan("c", .italic), InlineSpan(" "),
            InlineSpan("d", .code), InlineSpan(" "), InlineSpan("e_t", .math),
        ])
        // Unmatched or intra-word markers stay literal: the lecture writes h_t and h_{t-1} in plain text.
        XCTAssertEqual(InlineParser.parse("from h_t to h_{t-1} costs $5"), [InlineSpan("from h_t to h_{t-1} costs $5")])
        XCTAssertEqual(InlineParser.parse("g * f where * is"), [InlineSpan("g * f where * is")])
        XCTAssertEqual(InlineParser.parse("[docs](http://x) and \\*"), [InlineSpan("docs", .link), InlineSpan(" and *")])
        XCTAssertEqual(InlineParser.parse("***both***"), [InlineSpan("both", [.bold, .italic])])
    }

    func testSnapshotsAtSeveralWidths() {
        for width in [1, 10, 40, 80, 120] {
            let layout = ProseLayout(document: SampleLesson.document, width: width, capabilities: .full)
            assertSnapshot(text(layout), named: "lesson-w\(width)")
            for (n, line) in layout.lines.enumerated() {
                XCTAssertLessThanOrEqual(line.reduce(0) { $0 + $1.width }, width, "row \(n) too wide at \(width)")
            }
        }
    }

    func testASCIIHasNoNonASCIIBytes() {
        for width in [10, 40, 80] {
            let layout = ProseLayout(document: SampleLesson.document, width: width, capabilities: .plainASCII)
            let t = text(layout)
            XCTAssertTrue(t.utf8.allSatisfy { $0 < 0x80 }, "non-ASCII at width \(width):\n\(t)")
            if width == 80 { assertSnapshot(t, named: "lesson-ascii-w80") }
        }
    }

    func testStylesAt256EightAndNoColour() {
        let md = "## Title\n\nSome **bold**, *italic* and `code` with $h_t$."
        for (name, caps) in [("256", Capabilities.full), ("8", Capabilities(colors: .eight)), ("none", Capabilities(colors: .none))] {
            let b = Prose(markdown: md).rendered(size: Size(width: 40, height: 3), capabilities: caps)
            assertSnapshot(b.styledText(), named: "styles-\(name)")
        }
        // With no colour, emphasis still shows through attributes.
        let mono = Prose(markdown: md).rendered(size: Size(width: 40, height: 3), capabilities: Capabilities(colors: .none))
        XCTAssertTrue(mono[0, 0].style.attributes.contains(.bold))
        XCTAssertTrue(mono[5, 2].style.attributes.contains(.bold))      // "bold"
        XCTAssertEqual(mono[31, 2].style.foreground, .default)
    }

    func testWideAndCombiningCharactersWrapByColumns() {
        let md = "漢字漢字 漢字 e\u{301}e\u{301}e\u{301} abcdefghijkl"
        let layout = ProseLayout(document: ProseDocument(markdown: md), width: 7, capabilities: .full)
        XCTAssertEqual(layout.text, ["漢字漢", "字 漢字", "ééé", "abcdefg", "hijkl"])
        for line in layout.lines { XCTAssertLessThanOrEqual(line.reduce(0) { $0 + $1.width }, 7) }
        // The combining accent stays with its base letter.
        XCTAssertEqual(layout.lines[2][0].symbol, "e\u{301}")
        // A wide grapheme is never cut: at width 1 it cannot show, but nothing crashes.
        let one = ProseLayout(document: ProseDocument(markdown: md), width: 1, capabilities: .full)
        XCTAssertFalse(one.text.joined().contains("漢"))
    }

    func testScrollAndHeight() {
        let prose = Prose(SampleLesson.document)
        let h = prose.height(width: 40)
        XCTAssertGreaterThan(h, 20)
        var scrolled = prose
        scrolled.scroll = 5
        let full = prose.layout(width: 40, capabilities: .full)
        let b = scrolled.rendered(size: Size(width: 40, height: 4))
        XCTAssertEqual(b.lines(), Array(full.text[5..<9]).map { var s = $0; while s.last == " " { s.removeLast() }; return s })
        XCTAssertEqual(full.maxScroll(viewport: 10), h - 10)
        XCTAssertEqual(full.anchors.map(\.id), [nil, "recurrence"])
    }

    func testNothingDrawnOutsideTheArea() {
        for caps in [Capabilities.full, .plainASCII] {
            var b = Buffer(width: 30, height: 12)
            let area = Rect(x: 3, y: 2, width: 20, height: 7)
            Prose(SampleLesson.document, scroll: 3).render(in: area, into: &b, capabilities: caps)
            for y in 0..<b.height { for x in 0..<b.width where !area.contains(x: x, y: y) {
                XCTAssertEqual(b[x, y], .blank, "drawn outside at \(x),\(y)")
            } }
        }
    }

    /// Tiny areas: no crash, and what is drawn fits the area (at least one glyph shows once
    /// there is room for it).
    func testDegenerateSizesDoNotCrash() {
        for w in 0...3 { for h in 0...2 {
            for caps in [Capabilities.full, .plainASCII] {
                let b = Prose(SampleLesson.document).rendered(size: Size(width: w, height: h), capabilities: caps)
                XCTAssertEqual(b.lines().count, h)
                XCTAssertTrue(b.lines().allSatisfy { TextWidth.of($0) <= w })
                if w >= 2 && h >= 1 { XCTAssertNotEqual(b.text().filter { $0 != " " && $0 != "\n" }, "", "\(w)x\(h)") }
            }
        } }
    }
}

final class ProseBlocksTests: XCTestCase {
    private func rows(_ md: String, _ width: Int, _ caps: Capabilities = .full) -> [String] {
        ProseLayout(document: ProseDocument(markdown: md), width: width, capabilities: caps).text.map {
            var s = $0; while s.last == " " { s.removeLast() }; return s
        }
    }

    func testNumberedListsAlignPastNine() {
        let md = (1...10).map { "\($0). item \($0)" }.joined(separator: "\n")
        let r = rows(md, 30)
        XCTAssertEqual(r[0], " 1. item 1")
        XCTAssertEqual(r[9], "10. item 10")
    }

    func testHangingIndentAndLazyContinuation() {
        let md = "- a long item that wraps onto\nthe next line lazily\n- second"
        XCTAssertEqual(rows(md, 16), ["• a long item", "  that wraps", "  onto the next", "  line lazily", "• second"])
    }

    func testQuoteWithAListInside() {
        let md = "> Remember:\n> - clip gradients\n> - use an LSTM"
        XCTAssertEqual(rows(md, 30), ["▌ Remember:", "▌ • clip gradients", "▌ • use an LSTM"])
        XCTAssertEqual(rows(md, 30, .plainASCII), ["> Remember:", "> * clip gradients", "> * use an LSTM"])
    }

    func testCodeBlocksStayVerbatimAndClip() {
        let md = "```\n\tx = 1   # tab\n漢字漢字漢字漢字\n```"
        XCTAssertEqual(rows(md, 12), ["│     x = 1…", "│ 漢字漢字…"])
        XCTAssertEqual(rows(md, 40), ["│     x = 1   # tab", "│ 漢字漢字漢字漢字"])
    }

    func testDisplayMathWiderThanTheWidthIsClippedWithAMark() {
        let md = "$$h_t = \\tanh(W_{hh}h_{t-1} + W_{xh}x_t)$$"
        XCTAssertEqual(rows(md, 12), ["hₜ = tanh(W…"])
        XCTAssertEqual(rows(md, 40), ["       hₜ = tanh(Wₕₕhₜ₋₁ + Wₓₕxₜ)"])
    }

    func testMultiLineDisplayMathAndHeadingIds() {
        let md = "## Gates {#gates}\n$$\nc_t = f \\odot c_{t-1}\n  + i \\odot g\n$$\nafter"
        let doc = ProseDocument(markdown: md)
        XCTAssertEqual(doc.blocks.count, 3)
        XCTAssertEqual(rows(md, 30), ["Gates", "", "    cₜ = f ⊙ cₜ₋₁ + i ⊙ g", "", "after"])
        XCTAssertEqual(ProseLayout(document: doc, width: 30, capabilities: .full).anchors.first?.id, "gates")
    }

    func testMaxWidthCentresAColumn() {
        let prose = Prose(markdown: "one two three four five six", maxWidth: 10)
        XCTAssertEqual(prose.rendered(size: Size(width: 30, height: 3)).lines(), ["          one two", "          three four", "          five six"])
        XCTAssertEqual(prose.height(width: 30), 3)
        XCTAssertEqual(prose.height(width: 5), 6)
    }

    func testLabBlocksCanBeTakenOut() {
        let doc = ProseDocument(markdown: "Text\n\n```lab\nview: states\n```\n\n- item\n\n  ```exercise\nid: x\n  ```\n\n```swift\nlet a = 1\n```")
        XCTAssertEqual(doc.codeBlocks(language: "lab"), [["view: states"]])
        let prose = doc.removingCode(languages: ["lab", "exercise"])
        XCTAssertEqual(prose.blocks.count, 3)
        XCTAssertEqual(prose.codeBlocks(language: "swift"), [["let a = 1"]])
        XCTAssertEqual(prose.blocks[1], .list(ordered: false, start: 0, items: [[.paragraph([InlineSpan("item")])]]))
    }

    func testHardBreaksAndUnknownMathReported() {
        XCTAssertEqual(rows("one  \ntwo\nthree", 30), ["one", "two three"])
        XCTAssertEqual(ProseDocument(markdown: "see $\\foo x$ and\n\n$$\\bar{y} + \\baz$$").unknownMathCommands, ["foo", "baz"])
    }
}

final class ProseRobustnessTests: XCTestCase {
    /// Random Markdown-ish text from a fixed seed: no crash, no row wider than the width,
    /// nothing outside the area, in Unicode and ASCII.
    func testRandomMarkupNeverBreaksTheLayout() {
        let pieces = ["*", "**", "_", "`", "$", "$$", "\\", "[", "](", ")", "#", "## ", "> ", "- ", "1. ", "```", "\n", "\n\n",
                      "  ", "\t", "h_t", "\\frac{a}{b}", "\\begin{pmatrix} a \\\\ b \\end{pmatrix}", "漢字", "e\u{301}", "word", "{", "}", "^"]
        var state: UInt64 = 42
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        for _ in 0..<150 {
            let md = (0..<(next() % 40)).map { _ in pieces[next() % pieces.count] }.joined()
            let doc = ProseDocument(markdown: md)
            for caps in [Capabilities.full, .plainASCII] {
                for width in [1, 7, 33] {
                    let layout = ProseLayout(document: doc, width: width, capabilities: caps)
                    for row in layout.lines { XCTAssertLessThanOrEqual(row.reduce(0) { $0 + $1.width }, width, md) }
                    if caps.glyphs == .ascii {
                        XCTAssertTrue(layout.text.joined().utf8.allSatisfy { $0 < 0x80 }, md + " => " + layout.text.joined(separator: "|"))
                    }
                }
                var b = Buffer(width: 20, height: 8)
                let area = Rect(x: 2, y: 1, width: 15, height: 5)
                Prose(doc, scroll: next() % 4).render(in: area, into: &b, capabilities: caps)
                for y in 0..<8 { for x in 0..<20 where !area.contains(x: x, y: y) { XCTAssertEqual(b[x, y], .blank, md) } }
            }
        }
    }
}

final class ProseCacheTests: XCTestCase {
    func testLaysOutAgainOnlyWhenTheWidthChanges() {
        var cache = ProseCache(SampleLesson.document)
        XCTAssertNil(cache.layout)
        let a = cache.refresh(width: 40, capabilities: .full)
        XCTAssertEqual(cache.refresh(width: 40, capabilities: .full), a)
        let b = cache.refresh(width: 60, capabilities: .full)
        XCTAssertEqual(b.width, 60)
        XCTAssertNotEqual(a.height, b.height)
        XCTAssertNotEqual(cache.refresh(width: 60, capabilities: .plainASCII), b)
        XCTAssertEqual(b.row(ofAnchor: "recurrence"), 3)
        XCTAssertNil(b.row(ofAnchor: "missing"))
    }
}
