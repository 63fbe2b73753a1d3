import LessonKit
import XCTest

/// The checks the view tests make on lab blocks that must not read: the FILE:LINE errors a
/// lesson text gives, and the start-past-the-budget refusal every training view shares.
extension LabFixtures {
    /// Checks that `text` (read as the file `name`) does not read and that each of `expected`
    /// begins one of its errors; returns the errors for further checks.
    @discardableResult
    static func assertErrors(_ text: String, file name: String, startWith expected: [String],
                             file: StaticString = #filePath, line: UInt = #line) -> [String] {
        var lines: [String] = []
        XCTAssertThrowsError(try LessonParser.parse(text, file: name), file: file, line: line) { error in
            lines = (error as? LessonErrors)?.errors.map(\.description) ?? []
            for e in expected {
                XCTAssertTrue(lines.contains { $0.hasPrefix(e) }, "missing \(e) in:\n\(lines.joined(separator: "\n"))", file: file, line: line)
            }
        }
        return lines
    }

    /// Checks that a `view` block whose `start` (11) is past its step budget (10) gives exactly
    /// one error, on the `start` line.
    static func assertStartPastTheBudgetIsRefused(view: String, file: StaticString = #filePath, line: UInt = #line) {
        let late = """
            ---
            id: late
            title: Late
            summary: Starts after the end.
            ---
            ## One
            Text.
            ```lab
            view: \(view)
            steps: 10
            start: 11
            ```
            """
        XCTAssertThrowsError(try LessonParser.parse(late, file: "late.md"), file: file, line: line) { error in
            XCTAssertEqual((error as? LessonErrors)?.errors.map(\.description),
                           ["late.md:11: 'start' is 11; it must not be more than the step budget 'steps' (10)"], file: file, line: line)
        }
    }
}
