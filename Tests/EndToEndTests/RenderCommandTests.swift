import Foundation
import LabTesting
import XCTest

/// `rnnlab render` as a process: every step of every shipped lesson draws (exit 0, exactly H
/// lines), with and without a panel, and `--knob` on steps that have the knob or not.
final class RenderCommandTests: XCTestCase {
    private func render(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let result = try Subprocess.run(try RNNLabBinary.url().path, ["render"] + arguments,
                                        environment: ProcessInfo.processInfo.environment)
        return (result.status, result.stdoutText, result.stderrText)
    }

    func testEveryShippedStepRenders() throws {
        for (lesson, steps) in [("recurrence", 11), ("gradient-flow", 12), ("lstm", 11), ("gru", 9), ("architectures", 8), ("keras", 11)] {
            for step in 1...steps {
                let r = try render([lesson, "--step", "\(step)", "--size", "80x24"])
                XCTAssertEqual(r.code, 0, "\(lesson) step \(step): \(r.err)")
                XCTAssertEqual(r.out.split(separator: "\n", omittingEmptySubsequences: false).count, 25, "24 lines and the last newline")
            }
        }
    }

    func testKnobsOnlyWhereTheStepHasThem() throws {
        let fixture = PackagePaths.root.appendingPathComponent("Tests/LabTests/Fixtures/Lessons").path
        let ok = try render(["fixture", "--lessons", fixture, "--step", "knobs", "--knob", "sigma=2"])
        XCTAssertEqual(ok.code, 0, ok.err)
        XCTAssertTrue(ok.out.contains("σ_max 2.00"), ok.out)
        let none = try render(["fixture", "--lessons", fixture, "--step", "1", "--knob", "sigma=2"])
        XCTAssertEqual(none.code, 1)
        XCTAssertTrue(none.err.contains("no live experiment"), none.err)
        let other = try render(["fixture", "--lessons", fixture, "--step", "2", "--knob", "sigma=2"])
        XCTAssertEqual(other.code, 1)
        XCTAssertTrue(other.err.contains("no knob 'sigma' here (this step has none)"), other.err)
    }
}
