import Exercises
import LessonKit
import XCTest

final class ChallengeExerciseTests: XCTestCase {

    /// A stand-in panel: the gradient ratio over 49 steps back is σ^49 (an orthogonal W_hh,
    /// linear tanh), σ from 0.1 to 3 by 0.1, starting at 0.5.
    private struct Power: ChallengeMeasurer {
        func measure(_ metric: String, knobs: [String: Double]) throws(ExerciseError) -> Double {
            for name in knobs.keys where name != "sigma" { throw ExerciseError.unreadable("this step has no knob '\(name)'") }
            let s = knobs["sigma"] ?? 0.5
            guard (0.1...3).contains(s) else { throw ExerciseError.unreadable("sigma=\(s) is out of range") }
            return pow(s, 49)
        }
        func knob(_ name: String) throws(ExerciseError) -> ChallengeKnob {
            guard name == "sigma" else { throw ExerciseError.unreadable("this step has no knob '\(name)'") }
            return ChallengeKnob(name: "sigma", start: 0.5, settings: (1...30).map { Double($0) / 10 },
                                 shown: { String(format: "%.2f", $0) })
        }
    }

    private let lesson = ExerciseFixtures.lesson(heading: "Challenge", block: """
    id: ratio
    kind: challenge
    title: Ratio
    task: Keep the gradient.
    metric: gradient-ratio
    at-most: [5, 20]
    knobs: [sigma]
    solution: σ_max = 1.
    """)

    private func spec(_ text: String? = nil) throws -> ExerciseSpec {
        try ExerciseFixtures.spec(inLesson: text ?? lesson)
    }

    /// The student's goal, read from the statement.
    private func goal(_ v: ExerciseVariant) throws -> Int {
        let r = try XCTUnwrap(v.statement.range(of: #"within \d+x"#, options: .regularExpression))
        return Int(v.statement[r].dropFirst(7).dropLast())!
    }

    func testGoalCheckedBothWays() throws {
        let v = try spec().variant(for: StudentID("ada"), measurer: Power())
        let g = try goal(v)
        XCTAssertTrue((5...20).contains(g))
        XCTAssertEqual(v.knobs, ["sigma"])
        XCTAssertTrue(try v.check(.knobs(["sigma": 1])).passed)
        let vanished = try v.check(.knobs(["sigma": 0.9]))  // 0.9^49 = 0.0057: 175x smaller
        XCTAssertFalse(vanished.passed)
        XCTAssertEqual(vanished.diagnosis, "vanishing")
        XCTAssertTrue(vanished.message.hasPrefix("ratio 175: more than \(g) (the gradient at t = 1 is 175 times smaller"), vanished.message)
        let exploded = try v.check(.knobs(["sigma": 1.1]))  // 1.1^49 = 107
        XCTAssertFalse(exploded.passed)
        XCTAssertEqual(exploded.diagnosis, "exploding")
        XCTAssertTrue(exploded.message.contains("107 times larger"), exploded.message)
        guard case .knobs(let s) = v.solution else { return XCTFail() }
        XCTAssertTrue(try v.check(.knobs(s)).passed)
        XCTAssertEqual(s, ["sigma": 1.0])
    }

    func testBadKnobsAreUnreadable() throws {
        let v = try spec().variant(for: StudentID("ada"), measurer: Power())
        XCTAssertThrowsError(try v.check(.knobs(["seed": 3]))) { e in
            XCTAssertEqual(e as? ExerciseError, .unreadable("'seed' is not a knob of this challenge (it turns sigma)"))
        }
        XCTAssertThrowsError(try v.check(.knobs(["sigma": 9]))) { e in
            guard case .unreadable = e as? ExerciseError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try v.check(.number(1)))
        // Without the Lab's measurer a challenge cannot be built.
        XCTAssertThrowsError(try spec().variant(for: StudentID("ada"))) { e in
            guard case .invalid = e as? ExerciseError else { return XCTFail("\(e)") }
        }
    }

    func testGoalsDifferPerStudentAndStay() throws {
        let s = try spec()
        let goals = try (0..<12).map { try goal(s.variant(for: StudentID("s\($0)"), measurer: Power())) }
        XCTAssertGreaterThan(Set(goals).count, 3, "\(goals)")
        XCTAssertEqual(try goal(s.variant(for: StudentID("s0"), measurer: Power())), goals[0])
    }

    func testUnreachableGoalIsAnError() throws {
        // A panel whose gradient always vanishes 100x: no σ_max brings it within 10x.
        struct Vanished: ChallengeMeasurer {
            func measure(_ metric: String, knobs: [String: Double]) throws(ExerciseError) -> Double { 0.01 }
            func knob(_ name: String) throws(ExerciseError) -> ChallengeKnob { try Power().knob(name) }
        }
        let text = lesson.replacingOccurrences(of: "at-most: [5, 20]", with: "at-most: 10")
        XCTAssertThrowsError(try spec(text).variant(for: StudentID("ada"), measurer: Vanished())) { e in
            guard case .invalid(let m) = e as? ExerciseError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.contains("no setting of sigma reaches the goal"), m)
        }
    }

    func testBlockErrors() {
        func errors(_ text: String) -> [String] { ExerciseFixtures.errors(inLesson: text) }
        XCTAssertEqual(errors(lesson.replacingOccurrences(of: "at-most: [5, 20]\n", with: "")),
                       ["t.md:9: a challenge needs a goal: 'at-most: N' or 'at-least: N' (or a range [lower, upper])"])
        XCTAssertEqual(errors(lesson.replacingOccurrences(of: "at-most: [5, 20]", with: "at-most: 5\nat-least: 2")),
                       ["t.md:16: a challenge has one goal: 'at-most' or 'at-least', not both"])
        XCTAssertEqual(errors(lesson.replacingOccurrences(of: "metric: gradient-ratio", with: "metric: trains")),
                       ["t.md:14: unknown challenge metric 'trains' (known: gradient-ratio, memory-steps)"])
        XCTAssertEqual(errors(lesson.replacingOccurrences(of: "knobs: [sigma]\n", with: "")),
                       ["t.md:9: a challenge needs 'knobs: [...]': the knobs of the step's lab block that count"])
        XCTAssertEqual(errors(lesson.replacingOccurrences(of: "[5, 20]", with: "[5, x]")).count, 1)
    }
}
