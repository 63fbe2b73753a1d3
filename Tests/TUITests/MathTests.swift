import XCTest
import LabTesting
@testable import TUI

/// Unit tests of the TeX parser and the box layout, one behaviour each.
final class MathTests: XCTestCase {
    private func u(_ tex: String) -> [String] { Equation.lines(tex, glyphs: .unicode) }
    private func a(_ tex: String) -> [String] { Equation.lines(tex, glyphs: .ascii) }
    private func inline(_ tex: String, _ g: GlyphSet = .unicode) -> String { Equation.lines(tex, glyphs: g, inline: true).joined(separator: "|") }

    func testUnicodeSubscriptsWhenEveryCharacterHasOne() {
        XCTAssertEqual(u("h_{t-1}"), ["hₜ₋₁"])
        XCTAssertEqual(u("W_{hh}^T"), ["Wₕₕᵀ"])
        XCTAssertEqual(u("x^{(t)}"), ["x⁽ᵗ⁾"])
        XCTAssertEqual(u("h_t^2"), ["hₜ²"])
    }

    func testLoweredRowWhenASubscriptHasNoUnicodeForm() {
        // There is no subscript y or capital W in Unicode: the script drops a row instead.
        XCTAssertEqual(u("W_{hy}"), ["W  ", " hy"])
        XCTAssertEqual(u("f_W"), ["f ", " W"])
        XCTAssertEqual(u("e^{\\frac{1}{2}}"), [" 1/2", "e   "])  // no superscript slash: the script is raised whole
    }

    func testASCIIScripts() {
        XCTAssertEqual(a("h_t"), ["h_t"])
        // Longer scripts are lowered and raised, as in Unicode display style: no TeX source.
        XCTAssertEqual(a("h_{t-1}"), ["h   ", " t-1"])
        XCTAssertEqual(a("W_{hh}^T"), [" T ", "W  ", " hh"])
        XCTAssertEqual(a("x^2"), ["x^2"])
    }

    func testGreekAndOperators() {
        XCTAssertEqual(u(#"\sigma(x) \odot \alpha \cdot \beta \times 2"#), ["σ(x) ⊙ α · β × 2"])
        XCTAssertEqual(a(#"\sigma(x) \odot \alpha \cdot \beta \times 2"#), ["sigma(x) * alpha * beta x 2"])
        XCTAssertEqual(u(#"a \le b \approx c \to d \in \mathbb{R}"#), ["a ≤ b ≈ c → d ∈ R"])
        XCTAssertEqual(a(#"a \le b \approx c \to d \rightarrow e"#), ["a <= b ~= c -> d -> e"])
        XCTAssertEqual(u(#"x_1, \dots, x_n"#), ["x₁, …, xₙ"])
        XCTAssertEqual(a(#"x_1, \ldots, x_n"#), ["x_1, ..., x_n"])
        // A leading minus is a sign, not a binary operator.
        XCTAssertEqual(u("-x + (-y)"), ["−x + (−y)"])
    }

    func testFunctionsAreUprightAndSpaced() {
        XCTAssertEqual(u(#"\tanh x + \tanh(y)"#), ["tanh x + tanh(y)"])
        XCTAssertEqual(a(#"\sigma x"#), ["sigma x"])
        XCTAssertEqual(u(#"\mathrm{diag}(v)"#), ["diag(v)"])
        XCTAssertEqual(u(#"\text{if } x"#), ["if x"])
    }

    func testFractionStacksWithABar() {
        XCTAssertEqual(u(#"\frac{a+b}{c}"#), ["a + b", "─────", "  c  "])
        XCTAssertEqual(a(#"\frac{1}{2}"#), ["1", "-", "2"])
        XCTAssertEqual(inline(#"\frac{1 - z}{2}"#), "(1 − z)/2")
    }

    func testTallBracketsAndMatrices() {
        XCTAssertEqual(u(#"\begin{pmatrix} a \\ b \\ c \end{pmatrix}"#), ["⎛a⎞", "⎜b⎟", "⎝c⎠"])
        XCTAssertEqual(a(#"\begin{pmatrix} a \\ b \\ c \end{pmatrix}"#), ["/ a \\", "| b |", "\\ c /"])
        XCTAssertEqual(u(#"\begin{bmatrix} 1 & 0 \\ 0 & 1 \end{bmatrix}"#), ["⎡1  0⎤", "⎣0  1⎦"])
        XCTAssertEqual(u(#"\left( \frac{a}{b} \right)"#), ["⎛a⎞", "⎜─⎟", "⎝b⎠"])
        XCTAssertEqual(u(#"\begin{pmatrix} x & y \end{pmatrix}"#), ["(x  y)"])
        XCTAssertEqual(inline(#"\begin{pmatrix} h \\ x \end{pmatrix}"#), "(h; x)")
    }

    func testScriptsOnATallBaseSitAtItsCorners() {
        XCTAssertEqual(u(#"\left( \frac{a}{b} \right)^2"#), ["⎛a⎞²", "⎜─⎟ ", "⎝b⎠ "])
        XCTAssertEqual(u(#"\left\| \frac{a}{b} \right\|_2"#), ["‖a‖ ", "‖─‖ ", "‖b‖₂"])
    }

    func testCasesWithABrace() {
        let tex = #"g \leftarrow \begin{cases} \frac{c}{\|g\|} g & \text{if } \|g\| > c \\ g & \text{otherwise} \end{cases}"#
        XCTAssertEqual(u(tex), [
            "    ⎧ c              ",
            "    ⎪───g  if ‖g‖ > c",
            "g ← ⎨‖g‖             ",
            "    ⎪                ",
            "    ⎩g     otherwise ",
        ])
    }

    func testAlignedColumns() {
        XCTAssertEqual(u(#"\begin{aligned} a &= b + c \\ &= d \end{aligned}"#), ["a = b + c", "  = d    "])
    }

    func testSumWithLimits() {
        XCTAssertEqual(u(#"\sum_{t=1}^{T} L_t"#), [" T    ", " Σ  Lₜ", "t=1   "])
        XCTAssertEqual(inline(#"\sum_{t} L_t"#), "Σₜ Lₜ")
        XCTAssertEqual(inline(#"\prod_{k} a"#, .ascii), "prod_k a")
    }

    func testNormsAndClipping() {
        XCTAssertEqual(u(#"\|g\| > c"#), ["‖g‖ > c"])
        XCTAssertEqual(a(#"\|g\| > c"#), ["||g|| > c"])
    }

    func testAccentsAndBold() {
        XCTAssertEqual(u(#"\tilde{h}_t"#), ["h\u{303}ₜ"])
        XCTAssertEqual(a(#"\tilde{h}_t"#), ["~  ", "h_t"])
        XCTAssertEqual(inline(#"\tilde{h}"#, .ascii), "h~")
        let box = Equation(#"\mathbf{x} + y"#).box(glyphs: .unicode)
        XCTAssertEqual(box.line(0), "x + y")
        XCTAssertTrue(box.rows[0][0].bold)
        XCTAssertFalse(box.rows[0][4].bold)
    }

    func testUnknownCommandsAreShownAndReported() {
        XCTAssertEqual(u(#"\foo{x} + \bar{y}"#).joined(), "foo x + ȳ")
        XCTAssertEqual(Equation.unknownCommands(in: #"\foo + \frac{\baz}{2} + \foo"#), ["foo", "baz"])
        XCTAssertEqual(Equation.unknownCommands(in: #"\sigma \odot \tanh \mathbf{x}"#), [])
        XCTAssertEqual(Equation("\\qux").unknownCommands, ["qux"])
    }

    func testWideTextInsideMathKeepsTwoColumns() {
        let box = Equation(#"\text{漢字} = x"#).box(glyphs: .unicode)
        XCTAssertEqual(box.width, 8)
        XCTAssertEqual(box.line(0), "漢字 = x")
        let b = Equation(#"\text{漢字} = x"#).rendered(size: Size(width: 8, height: 1))
        XCTAssertEqual(b[0, 0].symbol, "漢")
        XCTAssertTrue(b[1, 0].isContinuation)
        XCTAssertEqual(b[7, 0].symbol, "x")
        XCTAssertEqual(a(#"\text{é漢}"#), ["e??"])
    }

    func testSurroundingDollarsAreAccepted() {
        XCTAssertEqual(u("$$h_t$$"), ["hₜ"])
        XCTAssertEqual(u("$x$"), ["x"])
        XCTAssertEqual(u("$"), ["$"])
    }

    func testSpacingCommandsAreHarmless() {
        XCTAssertEqual(u(#"a\,b\;c\!d\quad e"#), ["a b cd  e"])
    }

    func testMalformedInputNeverCrashes() {
        let inputs = ["", "{", "}", "\\", "^", "_", "x^", "\\frac", "\\frac{a}", "\\left(", "\\right)", "\\begin{pmatrix}",
                      "\\end{aligned}", "a & b \\\\ c", "{{{{x", "x}}}}", "\\sqrt[3]{x}", "$", "\\left\\| x", "^^__", "\\begin{array}{cc} 1 & 2 \\end{array}"]
        for s in inputs {
            for g in GlyphSet.allCases {
                _ = Equation.lines(s, glyphs: g)
                _ = Equation.lines(s, glyphs: g, inline: true)
            }
        }
        XCTAssertEqual(u("{{{{x"), ["x"])
        XCTAssertEqual(u(#"\sqrt[3]{x}"#), ["√x"])
    }

    func testInlineIsOneRowAndAtMostALoweredRow() {
        for (_, tex) in LectureEquations.all {
            for g in GlyphSet.allCases {
                let box = Equation(tex, inline: true).box(glyphs: g)
                XCTAssertLessThanOrEqual(box.height, 2, tex)
                XCTAssertEqual(box.baseline, 0, tex)
                XCTAssertFalse(box.hasVerbatim, tex)
            }
        }
        // No subscript y in Unicode: hy goes on the lowered row, under the columns after W.
        XCTAssertEqual(inline(#"y_t = W_{hy}h_t"#), "yₜ = W  hₜ|      hy  ")
        XCTAssertEqual(inline("f_W"), "f | W")
        XCTAssertEqual(inline("y_T"), "y | T")
        XCTAssertEqual(inline("h_{t-1}"), "hₜ₋₁")
        XCTAssertEqual(inline("W_{hh}^T"), "Wₕₕᵀ")
        // A superscript with no characters follows a caret; one with characters stays up.
        XCTAssertEqual(inline(#"x^{\alpha}"#), "x^α")
        XCTAssertEqual(inline("W_{hy}^{T}"), "Wᵀ | hy")
        // ASCII: one character stays on the line as in plain text, longer ones are lowered.
        XCTAssertEqual(inline("x_t", .ascii), "x_t")
        XCTAssertEqual(inline(#"W_{hy} h_{t-1}"#, .ascii), "W  h   | hy t-1")
        XCTAssertEqual(inline("e^{-x}", .ascii), "e^(-x)")
        XCTAssertEqual(inline("x^2", .ascii), "x^2")
    }

    func testInlineScriptInsideAScriptIsVerbatimAndReported() {
        // A lowered row cannot hold a second lowered row: that one is shown as TeX, marked.
        let box = Equation(#"W_{h_{xy}}"#, inline: true).box(glyphs: .unicode)
        XCTAssertTrue(box.hasVerbatim)
        XCTAssertEqual(box.lines, ["W      ", " h_{xy}"])
        XCTAssertFalse(Equation(#"W_{h_t}"#, inline: true).box(glyphs: .unicode).hasVerbatim)
        XCTAssertTrue(Equation(#"\foo"#, inline: true).box(glyphs: .unicode).hasVerbatim)
    }

    /// Random TeX from a fixed seed: never a crash, rectangular boxes, 7-bit ASCII output.
    func testRandomTeXNeverBreaksTheLayout() {
        let pieces = ["x", "_", "^", "{", "}", "\\frac", "\\left(", "\\right)", "\\begin{pmatrix}", "\\end{pmatrix}", "&", "\\\\",
                      "\\begin{aligned}", "\\end{aligned}", "\\sum", "\\tilde", "\\mathbf", "\\text{a b}", "\\sigma", "\\odot",
                      "-", "=", "(", ")", "\\|", "\\foo", "1", "t", "é", "漢", "\\sqrt", " ", "\\quad", "\\left.", "\\right\\|"]
        var state: UInt64 = 7
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        for _ in 0..<400 {
            let tex = (0..<(next() % 25)).map { _ in pieces[next() % pieces.count] }.joined()
            for g in GlyphSet.allCases {
                for inline in [false, true] {
                    let box = Equation(tex, inline: inline).box(glyphs: g)
                    XCTAssertTrue(box.rows.allSatisfy { $0.count == box.width }, tex)
                    if inline { XCTAssertLessThanOrEqual(box.height, 2, tex); XCTAssertEqual(box.baseline, 0, tex) }
                    if g == .ascii { XCTAssertTrue(box.lines.joined().utf8.allSatisfy { $0 < 0x80 }, tex) }
                }
            }
        }
    }
}
