import XCTest
@testable import TUI

/// Hostile TeX: deep nesting is bounded (no stack overflow), chains stay flat (no quadratic
/// layout), and what TeX would refuse is listed by `MathParser.problems(in:)`.
final class MathLimitsTests: XCTestCase {
    /// Depth of a tree, counted iteratively so that the test itself cannot overflow.
    private func depth(_ root: MathNode) -> Int {
        var stack: [(MathNode, Int)] = [(root, 1)]
        var deepest = 0
        while let (n, d) = stack.popLast() {
            deepest = max(deepest, d)
            var children: [MathNode] = []
            switch n {
            case .row(let xs): children = xs
            case .scripts(let b, let s, let p): children = [b] + [s, p].compactMap { $0 }
            case .bigOperator(_, let l, let u): children = [l, u].compactMap { $0 }
            case .fraction(let a, let b): children = [a, b]
            case .root(let b), .fenced(_, _, let b), .accent(_, let b), .bold(let b): children = [b]
            case .matrix(_, _, let rows), .aligned(let rows, _): children = rows.flatMap { $0 }
            case .atom, .function, .text, .space, .unknown: break
            }
            stack += children.map { ($0, d + 1) }
        }
        return deepest
    }

    private let tooDeep = "nested more than \(MathParser.maxDepth) levels deep"

    func testFiftyThousandNestedBracesAreCutAtTheLimit() {
        let n = 50_000
        for tex in [String(repeating: "{", count: n) + "x" + String(repeating: "}", count: n),
                    String(repeating: "\\frac", count: n),
                    String(repeating: "\\sqrt{", count: n),
                    String(repeating: "x^{", count: n) + "y" + String(repeating: "}", count: n),
                    String(repeating: "\\mathrm{\\mathrm{", count: n / 2),
                    String(repeating: "\\left(", count: n),
                    String(repeating: "\\begin{pmatrix}", count: n)] {
            let (node, problems) = MathParser.parseReporting(tex)
            XCTAssertTrue(problems.contains(tooDeep), String(tex.prefix(20)))
            XCTAssertLessThanOrEqual(depth(node), 2 * MathParser.maxDepth + 4, String(tex.prefix(20)))
            // Drawing it neither crashes nor grows past a small box.
            for g in GlyphSet.allCases {
                XCTAssertLessThanOrEqual(Equation(tex).box(glyphs: g).height, 4 * MathParser.maxDepth, String(tex.prefix(20)))
                XCTAssertLessThanOrEqual(Equation(tex, inline: true).box(glyphs: g).height, 2)
            }
        }
        // Just inside the limit: no problem, the formula is whole.
        let ok = String(repeating: "{", count: 40) + "x" + String(repeating: "}", count: 40)
        XCTAssertEqual(MathParser.problems(in: ok), [])
        XCTAssertEqual(Equation.lines(ok), ["x"])
    }

    func testScriptChainsStayFlat() {
        // x_1_2_3… once nested one level per script: depth n, layout O(n²).
        let n = 20_000
        let chain = "x" + String(repeating: "_1", count: n)
        let (node, problems) = MathParser.parseReporting(chain)
        XCTAssertLessThanOrEqual(depth(node), 4)
        XCTAssertEqual(problems, ["double subscript: use braces, as in x_{a_b}"])
        XCTAssertEqual(Equation.lines(chain, glyphs: .unicode), ["x" + String(repeating: "₁", count: n)])
        let sups = "x" + String(repeating: "^2", count: n)
        XCTAssertLessThanOrEqual(depth(MathParser.parse(sups)), 4)
        // Alternating scripts fill both slots first, as TeX does.
        XCTAssertEqual(MathParser.problems(in: "x_a^b"), [])
        XCTAssertEqual(MathParser.problems(in: #"\sum_a^b"#), [])
        XCTAssertEqual(MathParser.problems(in: #"\sum_a_b"#), ["double subscript: use braces, as in x_{a_b}"])
    }

    func testWhatTeXWouldRefuseIsListed() {
        XCTAssertEqual(MathParser.problems(in: "W_{hy h_t"), ["'{' is never closed"])
        XCTAssertEqual(MathParser.problems(in: "W_{hy}}"), ["'}' without a matching '{'"])
        XCTAssertEqual(MathParser.problems(in: #"\frac"#), [#"'\frac' is missing an argument"#])
        XCTAssertEqual(MathParser.problems(in: #"\frac{a}"#), [#"'\frac' is missing an argument"#])
        XCTAssertEqual(MathParser.problems(in: #"{\frac{a}} + 1"#), [#"'\frac' is missing an argument"#])
        XCTAssertEqual(MathParser.problems(in: #"\sqrt"#), [#"'\sqrt' is missing an argument"#])
        XCTAssertEqual(MathParser.problems(in: "x_"), ["'_' has nothing after it"])
        XCTAssertEqual(MathParser.problems(in: "x^_t"), ["'^' has nothing after it"])
        XCTAssertEqual(MathParser.problems(in: #"\left( x"#), [#"'\left' without a matching '\right'"#])
        XCTAssertEqual(MathParser.problems(in: #"\begin{pmatrix} a"#), [#"'\begin{pmatrix}' without '\end{pmatrix}'"#])
        XCTAssertEqual(MathParser.problems(in: #"\begin{pmatrix} a \end{bmatrix}"#), [#"'\begin{pmatrix}' is closed by '\end{bmatrix}'"#])
        XCTAssertEqual(MathParser.problems(in: #"\begin{foo} a \end{foo}"#), ["unknown environment 'foo'"])
        XCTAssertEqual(MathParser.problems(in: #"\text{abc"#), ["'{' is never closed"])
        // Well-formed TeX has none.
        for (_, tex) in LectureEquations.all { XCTAssertEqual(MathParser.problems(in: tex), [], tex) }
        for tex in [#"\sqrt[3]{x}"#, #"\left\| x \right\|"#, "x_{a_b}", #"\begin{aligned} a &= b \\ c &= d \end{aligned}"#, #"\mathrm{d}x"#] {
            XCTAssertEqual(MathParser.problems(in: tex), [], tex)
        }
    }

    /// One moderate run end to end: 100,000 characters of formula lay out (a quadratic
    /// layout would take minutes here; this is about a tenth of a second in a debug build).
    func testALongFormulaLaysOut() {
        let tex = String(repeating: "a_{t-1} + ", count: 10_000)
        XCTAssertEqual(Equation.lines(tex, glyphs: .unicode, inline: true).count, 1)
        XCTAssertEqual(Equation.rendered(tex, glyphs: .ascii).height, 2, "one row and the lowered scripts")
    }
}
