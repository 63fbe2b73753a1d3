import Exercises
import Lab
import LabTesting
import LessonKit
import XCTest

/// The challenge, keras and choice exercises of the shipped lessons, checked through the
/// lessons as they ship (right, wrong, a diagnosed or explained wrong answer), and the
/// claims their prose and hints make, measured.
final class LessonExercisesTests: XCTestCase {
    private let students = ["ada", "bob", "cy", "dee", "eve", "finn", "gus", "hal"].map { try! StudentID($0) }

    private func variant(_ id: String, _ student: StudentID? = nil, lessons: [Lesson] = LabFixtures.shipped) throws -> ExerciseVariant {
        let catalog = LabExercises.catalog(lessons)
        XCTAssertEqual(catalog.errors, [])
        let entry = try catalog.entry(id: id)
        let lesson = try XCTUnwrap(lessons.first { $0.id == entry.lessonID })
        return try LabExercises.variant(entry, in: lesson, student: student ?? students[0])
    }

    /// The goal number of a challenge statement ("within 12x", "at least 38 steps").
    private func goal(_ v: ExerciseVariant) throws -> Double {
        let r = try XCTUnwrap(v.statement.range(of: #"(within|at least) [0-9.]+"#, options: .regularExpression))
        return try XCTUnwrap(Double(v.statement[r].split(separator: " ").last!))
    }

    /// An exercise's solution text with its line breaks as spaces.
    static func flatSolution(_ id: String) -> String {
        let spec = try? LabExercises.catalog(LabFixtures.shipped).entry(id: id).spec
        return (spec?.solution ?? "").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// An exercise's hints, joined, with line breaks as spaces.
    static func flatHints(_ id: String) -> String {
        let spec = try? LabExercises.catalog(LabFixtures.shipped).entry(id: id).spec
        return (spec?.hints ?? []).joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func source(_ v: ExerciseVariant) throws -> String {
        guard case .source(let s) = v.solution else { throw XCTSkip("not a keras exercise") }
        return s
    }

    // MARK: Lesson 1

    func testRecurrenceSharedWeights() throws {
        let v = try variant("recurrence-shared-weights")
        XCTAssertTrue(try v.check(.options([1, 3])).passed)
        let wrong = try v.check(.options([1, 2]))
        XCTAssertFalse(wrong.passed)
        XCTAssertTrue(wrong.message.hasPrefix("c) is not right: The weights are shared across time"), wrong.message)
        XCTAssertTrue(try v.check(.options([1])).message.contains("one more option is correct"))
    }

    // MARK: Lesson 2

    func testGradientFlowSigmaChallenge() throws {
        let goals = try students.map { try goal(variant("gradient-flow-sigma", $0)) }
        XCTAssertGreaterThan(Set(goals).count, 2, "\(goals)")
        XCTAssertTrue(goals.allSatisfy { (5...20).contains($0) })
        for s in students {
            let v = try variant("gradient-flow-sigma", s)
            XCTAssertEqual(v.knobs, ["sigma"])
            // The solution text: at σ_max = 1 the ratio is 1.00, within every goal.
            let one = try v.check(.knobs(["sigma": 1]))
            XCTAssertTrue(one.passed, one.message)
            XCTAssertTrue(one.message.hasPrefix("ratio 1.00: within"), one.message)
            XCTAssertTrue(one.message.contains("about as large as at t = T"), one.message)
            guard case .knobs(let k) = v.solution else { return XCTFail() }
            XCTAssertTrue(try v.check(.knobs(k)).passed)
        }
        XCTAssertTrue(Self.flatHints("gradient-flow-sigma").contains(
            "solve σ^49 = g and σ^49 = 1/g. For g = 5 that is about 0.97 to 1.03, for g = 20 about 0.95 to 1.06"))
        XCTAssertFalse(Self.flatHints("gradient-flow-sigma").contains("= 10"), "no hint written for one goal")
        XCTAssertTrue(Self.flatSolution("gradient-flow-sigma").contains("49 steps turn 3 % into a factor of about 4, and 7 % into more than 20."))
        let v = try variant("gradient-flow-sigma")
        // The step's prose: at 0.5 the gradient at t = 1 is about 10^15 times smaller.
        let start = try v.check(.knobs([:]))
        XCTAssertEqual(start.diagnosis, "vanishing")
        let m = try LabExercises.measurer(LabExercises.catalog(LabFixtures.shipped).entry(id: "gradient-flow-sigma"),
                                          in: XCTUnwrap(LabFixtures.shipped.first { $0.id == "gradient-flow" }))
        let r = try m.measure("gradient-ratio", knobs: [:])
        XCTAssertTrue((1e-16...1e-14).contains(r), "\(r)")
        // Hints: 0.9 → about 175 times smaller, 1.1 → about 59 times larger; the window ~0.95 … 1.05.
        XCTAssertEqual(1 / (try m.measure("gradient-ratio", knobs: ["sigma": 0.9])), 175, accuracy: 2)
        XCTAssertEqual(try m.measure("gradient-ratio", knobs: ["sigma": 1.1]), 59, accuracy: 1)
        // Hint 3: the window is about 0.97 … 1.03 for a goal of 5, about 0.95 … 1.06 for 20
        // (and a hundredth further out is outside it).
        func factor(_ sigma: Double) throws -> Double {
            let ratio = try m.measure("gradient-ratio", knobs: ["sigma": sigma])
            return max(ratio, 1 / ratio)
        }
        for (goal, low, high) in [(5.0, 0.97, 1.03), (20.0, 0.95, 1.06)] {
            for (sigma, inside) in [(low - 0.01, false), (low, true), (high, true), (high + 0.01, false)] {
                let f = try factor(sigma)
                XCTAssertEqual(f <= goal, inside, "goal \(goal), σ \(sigma): \(f)")
            }
        }
        // The solution: 3 % away from 1 is a factor of about 4 in 49 steps, 7 % more than 20.
        for sigma in [0.97, 1.03] { XCTAssertEqual(try factor(sigma), 4, accuracy: 0.5, "σ \(sigma)") }
        for sigma in [0.93, 1.07] { XCTAssertGreaterThan(try factor(sigma), 20, "σ \(sigma)") }
        for s in students {
            let v = try variant("gradient-flow-sigma", s)
            let g = try goal(v)
            XCTAssertTrue(try v.check(.knobs(["sigma": pow(g, -1.0 / 49) + 0.005])).passed, "goal \(g): σ^49 = 1/g")
            XCTAssertTrue(try v.check(.knobs(["sigma": pow(g, 1.0 / 49) - 0.005])).passed, "goal \(g): σ^49 = g")
        }
        let exploding = try v.check(.knobs(["sigma": 1.2]))
        XCTAssertFalse(exploding.passed)
        XCTAssertEqual(exploding.diagnosis, "exploding")
        XCTAssertTrue(exploding.message.contains("times larger than at t = T"), exploding.message)
        XCTAssertThrowsError(try v.check(.knobs(["seed": 2]))) { e in
            XCTAssertEqual(e as? ExerciseError, .unreadable("'seed' is not a knob of this challenge (it turns sigma)"))
        }
        XCTAssertThrowsError(try v.check(.knobs(["sigma": 0])))
    }

    // MARK: Lesson 3

    func testLSTMForgetBiasChallenge() throws {
        let goals = try students.map { try goal(variant("lstm-forget-bias-memory", $0)) }
        XCTAssertGreaterThan(Set(goals).count, 2, "\(goals)")
        XCTAssertTrue(goals.allSatisfy { (30...45).contains($0) })
        for s in students {
            let v = try variant("lstm-forget-bias-memory", s)
            let drawn = try v.check(.knobs(["forget-bias": 0]))
            XCTAssertFalse(drawn.passed)
            XCTAssertEqual(drawn.diagnosis, "forgets-too-soon")
            // The step's prose: with the bias as drawn the pulse is gone within 7 steps.
            XCTAssertTrue(drawn.message.hasPrefix("the pulse is kept 7 steps: less than"), drawn.message)
            XCTAssertTrue(try v.check(.knobs(["forget-bias": 2.5])).passed)
            guard case .knobs(let k) = v.solution else { return XCTFail() }
            XCTAssertTrue(try v.check(.knobs(k)).passed)
            XCTAssertTrue([2.0, 2.5].contains(k["forget-bias"]), "\(k)")
            // The solution text: +2 (38 steps) for a goal of up to 38, +2.5 above.
            let g = try goal(v)
            XCTAssertEqual(try v.check(.knobs(["forget-bias": 2])).passed, g <= 38, "goal \(g)")
            XCTAssertEqual(k["forget-bias"], g <= 38 ? 2 : 2.5, "goal \(g)")
        }
        XCTAssertTrue(try students.contains { try goal(variant("lstm-forget-bias-memory", $0)) > 38 }, "a goal above 38 among the students")
        XCTAssertTrue(Self.flatSolution("lstm-forget-bias-memory").contains(
            "+2 keeps it 38 steps, enough for a goal of up to 38; for a goal above 38 take +2.5, which keeps it through all 60 steps."))
        XCTAssertTrue(Self.flatSolution("lstm-forget-bias-memory").contains("multiplies the pulse's echo by almost 1 at each step"))
        // Hints: +1 keeps 15 steps, +2 keeps 38, +2.5 all 60 (59 after t = 1).
        let v = try variant("lstm-forget-bias-memory")
        for (bias, kept) in [(1.0, 15), (2.0, 38), (2.5, 59)] {
            XCTAssertTrue(try v.check(.knobs(["forget-bias": bias])).message.hasPrefix("the pulse is kept \(kept) steps"))
        }
        XCTAssertThrowsError(try v.check(.knobs(["sigma": 1])))
        XCTAssertThrowsError(try v.check(.knobs(["forget-bias": 6]))) { e in
            XCTAssertEqual(e as? ExerciseError, .unreadable("forget-bias=6 is out of range: forget-bias takes a number from -5.0 to 5.0"))
        }
    }

    // MARK: Lesson 4

    func testGRUUpdateGate() throws {
        let v = try variant("gru-update-gate")
        XCTAssertTrue(try v.check(.options([2])).passed)
        let wrong = try v.check(.options([0]))
        XCTAssertTrue(wrong.message.contains("That is z = 0"), wrong.message)
        // The claim of the right option, on the lesson's own cell: z forced to 1 keeps h_t = h_{t-1}.
        let e = try LabFixtures.experiment("gru", "forcing", ["update": "1"])
        let run = try XCTUnwrap(e.data(CellDiagramView.self))
        for t in 1..<run.states.count { XCTAssertEqual(run.states[t], run.states[t - 1]) }
    }

    // MARK: Lesson 6

    func testKerasStackedGRU() throws {
        let sources = try students.map { try source(variant("keras-stacked-gru", $0)) }
        XCTAssertGreaterThan(Set(sources).count, 4)
        let v = try variant("keras-stacked-gru")
        let right = try source(v)
        XCTAssertTrue(try v.check(.source(right, file: "m.py")).passed)
        // The readout at every step needs the second GRU's whole sequence: Keras refuses it.
        let noSeq = try v.check(.source(right.replacingOccurrences(
            of: ", return_sequences=True),\n    layers.TimeDistributed", with: "),\n    layers.TimeDistributed"), file: "m.py"))
        XCTAssertEqual(noSeq.diagnosis, "missing-return-sequences", noSeq.message)
        XCTAssertTrue(noSeq.message.hasPrefix("m.py:8:5: TimeDistributed needs"), noSeq.message)
        // With a plain Dense readout Keras builds it, one number per sequence: named on the layer.
        let dense = try v.check(.source(right.replacingOccurrences(
            of: ", return_sequences=True),\n    layers.TimeDistributed(layers.Dense(1))", with: "),\n    layers.Dense(1)"), file: "m.py"))
        XCTAssertEqual(dense.diagnosis, "missing-return-sequences", dense.message)
        XCTAssertTrue(dense.message.contains("layer 2 (`gru_1`) returns only its last state"), dense.message)
        let firstOnly = right.replacingOccurrences(of: ", return_sequences=True),\n    layers.GRU", with: "),\n    layers.GRU")
        let stacked = try v.check(.source(firstOnly, file: "m.py"))
        XCTAssertEqual(stacked.diagnosis, "missing-return-sequences")
        XCTAssertTrue(stacked.message.hasPrefix("m.py:7:5: GRU needs a 3-D input"), stacked.message)
        let before = try v.check(.source(right.replacingOccurrences(of: "return_sequences=True),\n    layers.TimeDistributed",
                                                                    with: "return_sequences=True, reset_after=False),\n    layers.TimeDistributed"), file: "m.py"))
        XCTAssertEqual(before.diagnosis, "parameter-count")
        XCTAssertTrue(before.message.contains("layer 2 (`gru_1`)"), before.message)
        let lstm = try v.check(.source(right.replacingOccurrences(of: "layers.GRU", with: "layers.LSTM"), file: "m.py"))
        XCTAssertEqual(lstm.diagnosis, "wrong-layer-class")
        XCTAssertTrue(lstm.message.contains("layer 1 (`lstm`) is an LSTM; the task asks for a GRU"), lstm.message)
        // A plain Dense on the sequence is the same layer in Keras 3: it passes too.
        XCTAssertTrue(try v.check(.source(right.replacingOccurrences(of: "layers.TimeDistributed(layers.Dense(1))", with: "layers.Dense(1)"), file: "m.py")).passed)
    }

    func testKerasGRUToPyTorch() throws {
        let v = try variant("keras-gru-to-pytorch")
        XCTAssertTrue(try v.check(.options([1])).passed)
        let lstmOrder = try v.check(.options([2]))
        XCTAssertFalse(lstmOrder.passed)
        XCTAssertTrue(lstmOrder.message.contains("That holds for the LSTM"), lstmOrder.message)
    }

    /// A choice's solution text names the correct letters first ("b and d."), and the right
    /// answers are not always in the same place (never all first).
    func testChoiceSolutionsNameTheRightLetters() throws {
        var firsts: Set<Int> = []
        for entry in LabExercises.catalog(LabFixtures.shipped).entries {
            guard case .choice(let c) = entry.spec.kind else { continue }
            firsts.insert(try XCTUnwrap(c.correctIndices.min()))
            XCTAssertFalse(c.correctIndices.contains(0), "\(entry.spec.id): the right answer is option a")
            let text = entry.spec.solution
            let r = try XCTUnwrap(text.range(of: #"^[a-i](, [a-i])*( and [a-i])?\."#, options: .regularExpression), entry.spec.id)
            let named = text[r].dropLast().replacingOccurrences(of: " and ", with: ",")
            let letters = try XCTUnwrap(ChoiceExercise.parseAnswer(named), named)
            XCTAssertEqual(letters, c.correctIndices, entry.spec.id)
        }
        XCTAssertGreaterThan(firsts.count, 2, "the right answers sit in varied places: \(firsts)")
    }

    /// The lab's answer is the panel's values of the challenge's knobs only.
    func testSubmissionFromThePanel() throws {
        let v = try variant("gradient-flow-sigma")
        var e = try LabFixtures.experiment("gradient-flow", "exercise-sigma")
        e.setKnob("sigma", to: 1)
        guard case .knobs(let k) = LabExercises.submission(e, for: v) else { return XCTFail() }
        XCTAssertEqual(k, ["sigma": 1])
        XCTAssertTrue(try v.check(.knobs(k)).passed)
    }

    // MARK: Every shipped challenge

    /// Reachable for every student (the variant finds and measures a solution), and quick
    /// to build.
    func testEveryChallengeIsReachable() throws {
        let catalog = LabExercises.catalog(LabFixtures.shipped)
        let challenges = catalog.entries.filter { if case .challenge = $0.spec.kind { return true } else { return false } }
        XCTAssertGreaterThanOrEqual(challenges.count, 2)
        for entry in challenges {
            let lesson = try XCTUnwrap(LabFixtures.shipped.first { $0.id == entry.lessonID })
            for i in 0..<20 {
                let v = try LabExercises.variant(entry, in: lesson, student: StudentID("student-\(i)"))
                guard case .knobs(let k) = v.solution else { return XCTFail() }
                XCTAssertTrue(try v.check(.knobs(k)).passed, "\(entry.spec.id) student-\(i)")
            }
        }
    }

    // MARK: Lesson 5

    func testLesson5Exercises() throws {
        let topology = try variant("architectures-topology")
        XCTAssertTrue(try topology.check(.options([3])).passed)
        let manyToMany = try topology.check(.options([1]))
        XCTAssertTrue(manyToMany.message.contains("That labels every word"), manyToMany.message)

        let sources = try students.map { try source(variant("architectures-sentiment-keras", $0)) }
        XCTAssertGreaterThan(Set(sources).count, 4)
        let v = try variant("architectures-sentiment-keras")
        XCTAssertTrue(v.statement.contains("output is (None, 1)"), v.statement)
        let right = try source(v)
        XCTAssertTrue(try v.check(.source(right, file: "m.py")).passed)
        // The task asks for a probability: the solution has the sigmoid, and a Dense without it,
        // or a softmax over its one unit (always 1.0), is named.
        XCTAssertTrue(right.contains("activation=\"sigmoid\""), right)
        let linear = right.replacingOccurrences(of: ", activation=\"sigmoid\"", with: "")
        XCTAssertEqual(try v.check(.source(linear, file: "m.py")).diagnosis, "wrong-activation")
        let softmax = right.replacingOccurrences(of: "activation=\"sigmoid\"", with: "activation=\"softmax\"")
        XCTAssertEqual(try v.check(.source(softmax, file: "m.py")).diagnosis, "softmax-one-unit")
        // Many to many by mistake: named on the LSTM.
        let seq = try v.check(.source(right.replacingOccurrences(of: "),\n    layers.Dense", with: ", return_sequences=True),\n    layers.Dense"), file: "m.py"))
        XCTAssertEqual(seq.diagnosis, "extra-return-sequences", seq.message)
        XCTAssertTrue(seq.message.hasPrefix("layer 1 (`lstm`) returns the whole sequence"), seq.message)
        // A GRU instead of the LSTM, and a SimpleRNN.
        XCTAssertEqual(try v.check(.source(right.replacingOccurrences(of: "layers.LSTM", with: "layers.GRU"), file: "m.py")).diagnosis, "wrong-layer-class")
        // The hint's count: 4(H(D + H) + H) + H + 1 in all.
        guard case .source(let s) = v.solution else { return XCTFail() }
        let ok = try v.check(.source(s, file: "m.py"))
        let nums = s.split { !$0.isNumber }.compactMap { Int($0) }  // T, D, H, 1
        let (D, H) = (nums[1], nums[2])
        XCTAssertTrue(ok.message.hasSuffix(", \(Self.grouped(4 * (H * (D + H) + H) + H + 1)) parameters."), ok.message)
        // Unreadable: a syntax error, with its place.
        XCTAssertThrowsError(try v.check(.source("import keras\nmodel = keras.Sequential([\n", file: "m.py"))) { e in
            guard case .unreadable(let m) = e as? ExerciseError else { return XCTFail("\(e)") }
            XCTAssertTrue(m.hasPrefix("m.py:"), m)
        }
    }

    private static func grouped(_ n: Int) -> String {
        let s = String(n)
        return s.enumerated().map { i, c in (i > 0 && (s.count - i) % 3 == 0 ? "," : "") + String(c) }.joined()
    }

    /// The example blocks of Lessons/README.md's challenge and keras sections parse (and the
    /// keras one gives a variant whose solution passes).
    func testReadmeExamplesParse() throws {
        let readme = try String(contentsOf: PackagePaths.lessons.appendingPathComponent("README.md"), encoding: .utf8)
        for kind in ["challenge", "keras"] {
            let section = try XCTUnwrap(readme.components(separatedBy: "### `\(kind)`").dropFirst().first)
                .components(separatedBy: "\n### ").first!
            let block = try XCTUnwrap(section.components(separatedBy: "```exercise\n").dropFirst().first)
                .components(separatedBy: "```").first!
            let text = "---\nid: t\ntitle: T\nsummary: S.\n---\n\n## E\n\n```exercise\n\(block)```\n"
            let lesson = try LessonParser.parse(text, file: "README.md", labs: ViewRegistry.blocks)
            let spec = try XCTUnwrap(lesson.steps[0].exercise?.as(ExerciseSpec.self))
            XCTAssertEqual(spec.kindWord, kind)
            if kind == "keras" {
                let v = try variant(spec.id, lessons: [lesson])
                XCTAssertTrue(try v.check(.source(source(v), file: "m.py")).passed)
            }
        }
    }
}

extension LessonExercisesTests {
    /// What the README promises: every lesson ends in at least two exercises, 15 in all,
    /// every kind used.
    func testEveryLessonHasExercisesOfEveryKind() {
        let catalog = LabExercises.catalog(LabFixtures.shipped)
        XCTAssertEqual(catalog.entries.count, 15, "the README says 15 in all")
        for lesson in LabFixtures.shipped {
            XCTAssertGreaterThanOrEqual(catalog.entries(lesson: lesson.id).count, 2, lesson.id)
        }
        XCTAssertEqual(Set(catalog.entries.map(\.spec.kindWord)), Set(ExerciseKind.words))
    }
}
