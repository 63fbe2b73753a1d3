import Foundation
import Lab
import LabTesting
import TUI
import XCTest

/// The README shows a real screen; this keeps it real. The capture is the code block under
/// "What it looks like", made by `rnnlab render recurrence --step 2 --time 14` (100x30).
final class ReadmeCaptureTests: XCTestCase {
    func testReadmeScreenIsWhatTheLabDraws() throws {
        let readme = try String(contentsOf: PackagePaths.root.appendingPathComponent("README.md"), encoding: .utf8)
        let command = "rnnlab render recurrence --step 2 --time 14"
        let section = try XCTUnwrap(readme.range(of: command), "the README names the command of its capture")
        let afterCommand = readme[section.upperBound...]
        let open = try XCTUnwrap(afterCommand.range(of: "```\n"), "a code block follows the command")
        let body = afterCommand[open.upperBound...]
        let close = try XCTUnwrap(body.range(of: "\n```"))
        let capture = String(body[..<close.lowerBound])

        let program = LabFixtures.shipped("recurrence", Size(width: 100, height: 30), step: 1, time: 14)
        XCTAssertEqual(capture, LabFixtures.frame(program).text(),
                       "README.md's capture is stale: paste the output of `\(command)` into it")
    }
}
