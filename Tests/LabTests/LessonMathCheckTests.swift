import Lab
import LabTesting
import LessonKit
import XCTest

/// TeX the Equation widget cannot draw is reported on the line that uses it.
final class LessonMathCheckTests: XCTestCase {
    func testUnknownCommandIsReportedOnItsLine() throws {
        let source = "---\nid: m\ntitle: M\nsummary: S\n---\n## One\n\nText $\\alpha$ and $\\sigma$.\n\n## Two\n\n$$h = \\tanhh(x)$$\n"
        let lesson = try LessonParser.parse(source, file: "m.md")
        XCTAssertEqual(LessonMathCheck.errors(in: lesson, source: source).map(\.description),
                       ["m.md:12: unknown TeX command '\\tanhh' (the lab cannot draw it)"])
    }

    func testShippedLessonsUseOnlyKnownTeX() throws {
        for lesson in LabFixtures.lessons {
            let source = try String(contentsOfFile: lesson.file, encoding: .utf8)
            XCTAssertEqual(LessonMathCheck.errors(in: lesson, source: source), [])
        }
    }
}

/// TeX the lab cannot draw, beyond unknown commands: what TeX refuses, and inline math that
/// would show as TeX source on a line of prose.
final class LessonMathCheckProblemTests: XCTestCase {
    private func check(_ body: String) throws -> [String] {
        let source = "---\nid: m\ntitle: M\nsummary: S\n---\n## One\n\n" + body + "\n"
        let lesson = try LessonParser.parse(source, file: "m.md")
        return LessonMathCheck.errors(in: lesson, source: source).map(\.description)
    }

    func testUnbalancedAndIncompleteTeXIsAnError() throws {
        XCTAssertEqual(try check("Text $W_{hy h_t$ here.\n\n$$\\frac$$"), [
            "m.md:8: inline math $W_{hy h_t$: '{' is never closed (the lab cannot draw it)",
            "m.md:10: '\\frac' is missing an argument (the lab cannot draw it)",
        ])
        let deep = String(repeating: "{", count: 50_000) + "x" + String(repeating: "}", count: 50_000)
        XCTAssertEqual(try check("$$" + deep + "$$"), ["m.md:8: nested more than 64 levels deep (the lab cannot draw it)"])
    }

    func testInlineTeXThatWouldShowAsSourceIsAnError() throws {
        XCTAssertEqual(try check("Nested $W_{h_{xy}}$."),
                       ["m.md:8: inline math $W_{h_{xy}}$: a script inside a script does not fit a line of prose (use display math) (the lab cannot draw it)"])
        // What the lesson uses is drawn: lowered subscripts, Unicode ones, carets.
        XCTAssertEqual(try check("$W_{hy}$, $f_W$, $y_T$, $h_{t-1}$, $x^{\\alpha}$, $W_{h_t}$."), [])
        // Shown once per step, on the line that has it.
        XCTAssertEqual(try check("ok\n\n$x_$ and $x_$"), ["m.md:10: inline math $x_$: '_' has nothing after it (the lab cannot draw it)"])
    }
}
