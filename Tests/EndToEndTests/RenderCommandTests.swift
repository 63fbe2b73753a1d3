import Foundation
import LabTesting
import XCTest

/// `rnnlab render` as a process: every step of every shipped lesson draws (exit 0, exactly H
/// lines), with and without a panel, and `--knob` on steps that have the knob or not.
final class RenderCommandTests: XCTestCase {
    private func render(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        try Self.render(arguments)
    }

    private static func render(_ arguments: [String]) throws -> (code: Int32, out: String, err: String) {
        let result = try Subprocess.run(try RNNLabBinary.url().path, ["render"] + arguments,
                                        environment: ProcessInfo.processInfo.environment)
        return (result.status, result.stdoutText, result.stderrText)
    }

    /// Every shipped lesson's id and step count, as `rnnlab lessons` lists them ("lstm  11 steps").
    private func shippedLessons() throws -> [(id: String, steps: Int)] {
        let r = try Subprocess.run(try RNNLabBinary.url().path, ["lessons"], environment: ProcessInfo.processInfo.environment)
        XCTAssertEqual(r.status, 0, r.stderrText)
        return r.stdoutText.split(separator: "\n").compactMap { line in
            let words = line.split(separator: " ")
            guard words.count >= 3, let n = Int(words[1]), words[2].hasPrefix("step") else { return nil }
            return (String(words[0]), n)
        }
    }

    func testEveryShippedStepRenders() throws {
        let lessons = try shippedLessons()
        XCTAssertEqual(lessons.map(\.id), ["recurrence", "gradient-flow", "lstm", "gru", "architectures", "keras"])
        let jobs = lessons.flatMap { l in (1...l.steps).map { (l.id, $0) } }
        // Each render is its own process: two at a time on each core keeps the suite short.
        let results = UncheckedResults(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            results.set(i, Result { try Self.render([jobs[i].0, "--step", "\(jobs[i].1)", "--size", "80x24"]) })
        }
        for (i, (lesson, step)) in jobs.enumerated() {
            let r = try results.get(i).get()
            XCTAssertEqual(r.code, 0, "\(lesson) step \(step): \(r.err)")
            XCTAssertEqual(r.out.split(separator: "\n", omittingEmptySubsequences: false).count, 25, "24 lines and the last newline")
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

/// Results written from `concurrentPerform`'s threads, one slot each.
private final class UncheckedResults: @unchecked Sendable {
    private var slots: [Result<(code: Int32, out: String, err: String), Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<(code: Int32, out: String, err: String), Error>) { lock.withLock { slots[i] = r } }
    func get(_ i: Int) -> Result<(code: Int32, out: String, err: String), Error> { lock.withLock { slots[i]! } }
}
