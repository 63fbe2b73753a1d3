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
