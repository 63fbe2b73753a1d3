import XCTest
import LabTesting
@testable import TUI

/// Every `$$` equation of the lecture, plus the ones lessons need (BPTT, norms, clipping).
enum LectureEquations {
    static let all: [(name: String, tex: String)] = [
        ("recurrence", #"h_t = f_W(h_{t-1}, x_t)"#),
        ("vanilla-state", #"h_t = \tanh(W_{hh}h_{t-1} + W_{xh}x_t)"#),
        ("vanilla-output", #"y_t = W_{hy}h_t"#),
        ("gradient-flow", #"\begin{aligned} h_t &= \tanh(W_{hh}h_{t-1} + W_{xh}x_t) \\ &= \tanh \left(\begin{pmatrix} W_{hh} & W_{hx} \end{pmatrix} \begin{pmatrix} h_{t-1} \\ x_t \end{pmatrix} \right) \\ &= \tanh \left(W \begin{pmatrix} h_{t-1} \\ x_t \end{pmatrix} \right) \end{aligned}"#),
        ("vanilla-stacked", #"h_t = \tanh \left(W \begin{pmatrix} h_{t-1} \\ x_t \end{pmatrix} \right)"#),
        ("lstm-gates", #"\begin{pmatrix} i \\ f \\ o \\ g \end{pmatrix} = \begin{pmatrix} \sigma \\ \sigma \\ \sigma \\ \tanh \end{pmatrix} W \begin{pmatrix} h_{t-1} \\ x_t \end{pmatrix}"#),
        ("lstm-cell", #"c_t = f \odot c_{t-1} + i \odot g"#),
        ("lstm-hidden", #"h_t = o \odot \tanh(c_t)"#),
        ("gru-reset", #"r_t = \sigma(W_{xr}x_t + W_{hr}h_{t-1} + b_r)"#),
        ("gru-update", #"z_t = \sigma(W_{xz}x_t + W_{hz}h_{t-1} + b_z)"#),
        ("gru-candidate", #"\tilde{h}_t = \tanh(W_{xh}x_t + W_{hh}(r_t \odot h_{t-1}) + b_h)"#),
        ("gru-hidden", #"h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t"#),
        ("bptt-sum", #"\frac{\partial L}{\partial W} = \sum_{t=1}^{T} \frac{\partial L_t}{\partial W}"#),
        ("bptt-jacobian", #"\frac{\partial h_t}{\partial h_{t-1}} = \mathrm{diag}(1 - h_t^2)\, W_{hh}"#),
        ("bptt-chain", #"\frac{\partial h_t}{\partial h_k} = \prod_{i=k+1}^{t} \frac{\partial h_i}{\partial h_{i-1}}"#),
        ("norm-bound", #"\left\| \frac{\partial h_t}{\partial h_k} \right\| \le \left( \|W_{hh}\| \cdot \max \|\mathrm{diag}(1 - h_i^2)\| \right)^{t-k}"#),
        ("clipping", #"g \leftarrow g \cdot \frac{c}{\|g\|} \quad \text{if } \|g\| > c"#),
        ("lstm-gradient", #"\frac{\partial c_t}{\partial c_{t-1}} = f \approx 1 \to \text{uninterrupted gradient flow}"#),
    ]

    /// The lecture's `$$…$$` blocks, read from the lecture text itself.
    static func fromLecture() -> [String] {
        let url = URL(fileURLWithPath: "/work/shared/lecture/rnn-lecture.txt")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var out: [String] = []
        var rest = Substring(text)
        while let a = rest.range(of: "$$") {
            let after = rest[a.upperBound...]
            guard let b = after.range(of: "$$") else { break }
            out.append(String(after[..<b.lowerBound]))
            rest = after[b.upperBound...]
        }
        return out
    }
}

final class EquationTests: XCTestCase {
    private func render(_ tex: String, _ glyphs: GlyphSet) -> String {
        Equation.lines(tex, glyphs: glyphs).joined(separator: "\n")
    }

    func testEveryLectureEquationSnapshotInUnicodeAndASCII() {
        var uni: [String] = [], asc: [String] = []
        for (name, tex) in LectureEquations.all {
            uni.append("[\(name)]\n" + render(tex, .unicode) + "\n")
            asc.append("[\(name)]\n" + render(tex, .ascii) + "\n")
            XCTAssertEqual(Equation.unknownCommands(in: tex), [], name)
            XCTAssertTrue(render(tex, .ascii).allSatisfy(\.isASCII), "non-ASCII in \(name)")
        }
        assertSnapshot(uni.joined(separator: "\n"), named: "lecture-unicode")
        assertSnapshot(asc.joined(separator: "\n"), named: "lecture-ascii")
    }

    func testEquationsQuotedFromTheLectureFileAllRender() throws {
        let found = LectureEquations.fromLecture()
        try XCTSkipIf(found.isEmpty, "lecture text not available")
        let known = Set(LectureEquations.all.map { $0.tex })
        for tex in found {
            XCTAssertTrue(known.contains(tex), "lecture equation missing from the test list: \(tex)")
            XCTAssertEqual(Equation.unknownCommands(in: tex), [], tex)
            for g in GlyphSet.allCases {
                let lines = Equation.lines(tex, glyphs: g)
                XCTAssertFalse(lines.joined().trimmingCharacters(in: .whitespaces).isEmpty)
                let text = lines.joined(separator: "\n")
                for word in ["begin", "end{", "pmatrix", "aligned", "left", "right", "odot", "frac", "mathbf", "{}"] {
                    XCTAssertFalse(text.contains(word), "TeX leaked (\(word)): \(text)")
                }
                if g == .unicode { XCTAssertFalse(text.contains("\\"), text) }
            }
        }
    }
}

final class EquationWidgetTests: XCTestCase {
    let gru = Equation(#"h_t = z_t \odot h_{t-1} + (1 - z_t) \odot \tilde{h}_t"#)

    func testCentredAndClippedAtSeveralWidths() {
        var out: [String] = []
        for width in [1, 10, 40, 80, 120] {
            for caps in [Capabilities.full, .plainASCII] {
                let b = gru.rendered(size: Size(width: width, height: 2), capabilities: caps)
                out.append("[\(width) \(caps.glyphs)]\n" + b.text(trimmingTrailing: false))
                for line in b.lines() { XCTAssertLessThanOrEqual(TextWidth.of(line), width) }
            }
        }
        assertSnapshot(out.joined(separator: "\n"), named: "gru-widths")
        // Wider than the area: left part shown, last column an ellipsis.
        let narrow = gru.rendered(size: Size(width: 10, height: 1))
        XCTAssertEqual(narrow.lines()[0], "hₜ = zₜ ⊙…")
        // Too short: the baseline row shows, not the accent row above it.
        XCTAssertEqual(gru.rendered(size: Size(width: 40, height: 1), capabilities: .plainASCII).lines()[0], "   h_t = z_t * h    + (1 - z_t) * h_t")
        // Taller area: centred vertically.
        XCTAssertEqual(Equation("x").rendered(size: Size(width: 1, height: 3)).lines(), ["", "x", ""])
        // Narrower: centred.
        let wide = Equation("x = y").rendered(size: Size(width: 11, height: 1))
        XCTAssertEqual(wide.lines()[0], "   x = y")
    }

    func testGradientFlowAt80x24InAllCapabilities() {
        let eq = Equation(LectureEquations.all.first { $0.name == "gradient-flow" }!.tex, style: .fg(.indexed(152)))
        for (name, caps) in [("256", Capabilities.full), ("8", Capabilities(colors: .eight)), ("none", Capabilities(colors: .none)), ("ascii", Capabilities.plainASCII)] {
            let b = eq.rendered(size: Size(width: 80, height: 8), capabilities: caps)
            assertSnapshot(b.styledText(), named: "gradient-flow-80-\(name)")
            if caps.glyphs == .ascii { XCTAssertTrue(b.text().utf8.allSatisfy { $0 < 0x80 }) }
        }
        XCTAssertEqual(eq.size(glyphs: .unicode).height, 7)
    }

    func testNothingDrawnOutsideTheArea() {
        for (_, tex) in LectureEquations.all {
            for caps in [Capabilities.full, .plainASCII] {
                var b = Buffer(width: 40, height: 12)
                let area = Rect(x: 5, y: 2, width: 20, height: 4)
                Equation(tex).render(in: area, into: &b, capabilities: caps)
                for y in 0..<b.height { for x in 0..<b.width where !area.contains(x: x, y: y) {
                    XCTAssertEqual(b[x, y], .blank, "\(tex) drawn outside at \(x),\(y)")
                } }
            }
        }
    }

    func testBoldCellsCarryTheAttribute() {
        let b = Equation(#"\mathbf{W} x"#).rendered(size: Size(width: 3, height: 1), capabilities: Capabilities(colors: .none))
        XCTAssertTrue(b[0, 0].style.attributes.contains(.bold))
        XCTAssertFalse(b[2, 0].style.attributes.contains(.bold))
    }
}
