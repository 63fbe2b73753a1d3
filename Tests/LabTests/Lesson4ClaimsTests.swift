import Foundation
import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// Every sentence of lesson 4 (the GRU and the race) that says what a panel shows, checked
/// against the numbers of that step's seed and knobs. If a lesson edit makes one false, this fails.
final class Lesson4ClaimsTests: XCTestCase {
    static func experiment(_ step: String, _ knobs: [String: String] = [:]) throws -> LabExperiment {
        try LabFixtures.experiment("gru", step, knobs)
    }

    static func run(_ step: String, _ knobs: [String: String] = [:]) throws -> CellRunner.Run {
        let e = try experiment(step, knobs)
        return try XCTUnwrap(e.data(GatesView.self) ?? e.data(CellDiagramView.self))
    }

    static func stepIndex(_ id: String) throws -> Int {
        let l = try XCTUnwrap(LabFixtures.shipped.first { $0.id == "gru" })
        return try XCTUnwrap(l.steps.firstIndex { $0.id == id })
    }

    static var text: String {
        (try? String(contentsOf: PackagePaths.lessons.appendingPathComponent("04-gru.md"), encoding: .utf8)) ?? ""
    }

    /// A number as the lesson writes it: 3 decimals, a real minus sign (in $…$ it is `-`).
    static func f3(_ x: Double) -> String { String(format: "%.3f", x) }

    /// A number as the cell diagram writes it: `+0.293`, `−0.362`.
    static func signed(_ x: Double) -> String { (x < 0 ? "−" : "+") + String(format: "%.3f", abs(x)) }

    /// "vanilla RNN: 1,380 parameters (H(D + H) + H = 1248 in the cell), LSTM: 5,124 (4 × 1248),
    /// GRU: 3,972 (3 × 1248, plus 3H)"; "the same 132 parameters of the output layer"; the panel
    /// shows them before training, and a measured ms/step for each once a slice has run.
    func testTheCostStepCountsAndTimes() throws {
        let race = try XCTUnwrap(try Self.experiment("cost").data(RaceView.self))
        XCTAssertEqual(race.totalSteps, 0, "nothing trained when the step opens")
        let H = 32, D = 6, K = 4
        let rnnCell = H * (D + H) + H, head = H * K + K
        XCTAssertEqual(rnnCell, 1248)
        XCTAssertEqual(head, 132)
        XCTAssertEqual(race.parameterCount(0), rnnCell + head)
        XCTAssertEqual(race.parameterCount(1), 4 * rnnCell + head)
        XCTAssertEqual(race.parameterCount(2), 3 * rnnCell + 3 * H + head)
        XCTAssertEqual([race.parameterCount(0), race.parameterCount(1), race.parameterCount(2)], [1380, 5124, 3972])
        for i in 0..<3 { XCTAssertEqual(race.runs[i].trainer.model.head.W_hy.count + race.runs[i].trainer.model.head.b_y.count, head) }
        let text = Self.text
        XCTAssertTrue(text.contains("- vanilla RNN: 1,380 parameters ($H(D + H) + H = 1248$ in the cell),"))
        XCTAssertTrue(text.contains("- LSTM: 5,124 ($4 \\times 1248$ in the cell),"))
        XCTAssertTrue(text.contains("- GRU: 3,972 ($3 \\times 1248$, plus $3H$"))
        XCTAssertTrue(text.contains("the same 132 parameters of the output layer"))
        var p = LabFixtures.shipped("gru", Size(width: 120, height: 40), step: try Self.stepIndex("cost"))
        var frame = LabFixtures.frame(p).text()
        for n in ["1,380 params", "5,124 params", "3,972 params"] { XCTAssertTrue(frame.contains(n), n) }
        XCTAssertEqual(frame.components(separatedBy: "- ms/step").count - 1, 3, "no time before training")
        let timed = try NSRegularExpression(pattern: "[0-9] ms/step")
        // Space, then one tick: a slice runs (the loop's effect) and each row shows its time.
        _ = p.update(.key(.character(" ")))
        let command = p.update(.tick)
        guard case .perform(let effect) = command else { return XCTFail("a tick while racing is a slice") }
        XCTAssertEqual(effect.name, "race slice")
        _ = Runtime.perform(command, on: &p)
        frame = LabFixtures.frame(p).text()
        XCTAssertEqual(timed.numberOfMatches(in: frame, range: NSRange(frame.startIndex..., in: frame)), 3)
        XCTAssertFalse(frame.contains("- ms/step"), "every model timed")
        _ = p.update(.key(.character(" ")))
    }

    /// The times the lesson quotes are those BENCHMARKS.md records for the race.
    func testTheQuotedTimesAreTheBenchmarks() throws {
        let bench = try String(contentsOf: PackagePaths.root.appendingPathComponent("BENCHMARKS.md"), encoding: .utf8)
        let text = Self.text
        let pattern = try NSRegularExpression(pattern: "LSTM's step took about ([0-9.]+) ms, the GRU's ([0-9.]+) ms and the\\s+vanilla RNN's ([0-9.]+) ms")
        let m = try XCTUnwrap(pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), "the lesson quotes three times")
        let lstm = String(text[Range(m.range(at: 1), in: text)!]), gru = String(text[Range(m.range(at: 2), in: text)!]),
            rnn = String(text[Range(m.range(at: 3), in: text)!])
        XCTAssertTrue(bench.contains("rnn \(rnn) ms, lstm \(lstm) ms, gru \(gru) ms per step"), "BENCHMARKS.md records rnn \(rnn), lstm \(lstm), gru \(gru)")
    }

    /// "r and z … never leave 0 … 1; the candidate and the state stay between −1 and 1".
    func testTheGatesStayInTheirRanges() throws {
        let run = try Self.run("idea")
        XCTAssertFalse(run.parameters.resetAfter, "the lecture's form")
        for name in ["r", "z"] { XCTAssertTrue(run.gates[name]!.joined().allSatisfy { $0 > 0 && $0 < 1 }, name) }
        XCTAssertTrue(run.gates["n"]!.joined().allSatisfy { $0 > -1 && $0 < 1 })
        XCTAssertTrue(run.states.joined().allSatisfy { $0 > -1 && $0 < 1 })
    }

    /// "at t = 7, the step where the input switches from 0 to 1. The candidate jumps to h̃_t = …,
    /// while unit 1's old state is h_{t−1} = …. The update gate is z = …: … takes 1 − z = … of
    /// the candidate, so h_t = …: most of the way to the new value in one step" (the lecture's
    /// form), and the panel writes them.
    func testTheEquationsAtSeven() throws {
        let e = try Self.experiment("equations")
        XCTAssertEqual(e.time, 7)
        let run = try XCTUnwrap(e.data(CellDiagramView.self))
        XCTAssertFalse(run.parameters.resetAfter)
        let t = 6
        XCTAssertEqual(run.inputs[t - 1], 0)
        XCTAssertEqual(run.inputs[t], 1)
        let z = run.gates["z"]![t][0], hp = run.states[t - 1][0], n = run.gates["n"]![t][0], h = run.states[t][0]
        XCTAssertEqual(h, z * hp + (1 - z) * n, accuracy: 1e-12)
        let text = Self.text
        XCTAssertTrue(text.contains("""
            to $\\tilde{h}_t = \(Self.f3(n))$, while unit 1's old state is $h_{t-1} = \(Self.f3(hp))$. The
            update gate is $z = \(Self.f3(z))$: the unit keeps only that fraction of the old
            state and takes $1 - z = \(Self.f3(1 - z))$ of the candidate, so
            $h_t = \(Self.f3(h))$: most of the way to the new value in one step.
            """))
        XCTAssertGreaterThan(abs(h - hp), abs(h - n), "closer to the candidate than to the old state")
        XCTAssertLessThan(z, 0.5)
        let frame = LabFixtures.frame(LabFixtures.shipped("gru", Size(width: 80, height: 24), step: try Self.stepIndex("equations"))).text()
        for v in ["z +\(Self.f3(z))", "1−z +\(Self.f3(1 - z))", "h̃ \(Self.signed(n))", Self.signed(h)] {
            XCTAssertTrue(frame.contains(v), v)
        }
    }

    /// Forcing: z = 1 keeps h_t = h_0 = 0 at every step; z = 0 makes h_t = h̃_t exactly; r = 0
    /// makes the candidate the same number from t = 7 (the step input's 1) to 24.
    func testForcingTheGates() throws {
        XCTAssertEqual(try Self.experiment("forcing").time, 7)
        // At t = 7 the learned state lags the candidate visibly, so forcing z = 0 changes the wires.
        let lagging = try Self.run("forcing")
        XCTAssertGreaterThan(abs(lagging.states[6][0] - lagging.gates["n"]![6][0]), 0.01)
        let keep = try Self.run("forcing", ["update": "1"])
        XCTAssertTrue(keep.states.joined().allSatisfy { $0 == 0 })
        let replace = try Self.run("forcing", ["update": "0"])
        XCTAssertEqual(Array(replace.states.joined()), Array(replace.gates["n"]!.joined()))
        let noPast = try Self.run("forcing", ["reset": "0"])
        XCTAssertEqual(noPast.inputs[5], 0)
        XCTAssertEqual(noPast.inputs[6], 1, "the step starts at t = 7")
        let n1 = noPast.gates["n"]!.map { $0[0] }
        for t in 6..<24 { XCTAssertEqual(n1[t], n1[6], "t = \(t + 1)") }
        XCTAssertNotEqual(n1[5], n1[6])
        let learned = try Self.run("forcing")
        XCTAssertGreaterThan(Set(learned.gates["n"]!.map { $0[0] }[6...]).count, 10, "learned: the candidate moves with the past")
        XCTAssertTrue(Self.text.contains("unit 1's $\\tilde{h}_t$ is \(Self.f3(n1[6])) from $t = 7$ to 24."))
        // The keys the text names: z twice → forced z=0; z, R, R → forced r=0.
        var p = LabFixtures.shipped("gru", Size(width: 100, height: 30), step: try Self.stepIndex("forcing"))
        for key in ["z", "z"] { _ = p.update(.key(.character(Character(key)))) }
        XCTAssertTrue(LabFixtures.frame(p).text().contains("forced z=0"))
        for key in ["z", "R", "R"] { _ = p.update(.key(.character(Character(key)))) }
        XCTAssertTrue(LabFixtures.frame(p).text().contains("forced r=0"))
    }

    /// The forms step runs Keras' form on the same weights: the candidate at t = 12 differs.
    func testTheTwoForms() throws {
        let after = try Self.run("forms")
        XCTAssertTrue(after.parameters.resetAfter)
        let before = try Self.run("equations")
        XCTAssertEqual(after.parameters.weights, before.parameters.weights, "the same weights")
        XCTAssertEqual(after.inputs, before.inputs)
        let a = after.gates["n"]![6][0], b = before.gates["n"]![6][0]
        XCTAssertNotEqual(Self.f3(a), Self.f3(b))
        XCTAssertTrue(Self.text.contains("unit 1's candidate is\n\(Self.f3(a)) here against \(Self.f3(b)) in the lecture's form"))
    }

    /// "The panel opens after 10 steps of each model: all three are still at chance, their
    /// losses within … of the dashed line"; the dashed line is ln 4; the rows show chance 25 %.
    func testTheRaceOpensAtChance() throws {
        let race = try XCTUnwrap(try Self.experiment("race").data(RaceView.self))
        XCTAssertEqual(race.runs.map(\.stepsTaken), [10, 10, 10])
        XCTAssertEqual(race.runs[0].trainer.task.chanceAccuracy, 0.25)
        XCTAssertEqual(RaceView.lossChart(race).references, [log(4.0)])
        let spread = race.runs.map { abs($0.history.loss.last! - log(4.0)) }.max()!
        for i in 0..<3 {
            let a = race.recentAccuracy(i)!
            XCTAssertTrue(a > 0.15 && a < 0.35, "model \(i) at chance: \(a)")
        }
        XCTAssertTrue(Self.text.contains("losses within 0.1 of the dashed line"))
        XCTAssertLessThan(spread, 0.1, "\(spread)")
        let frame = LabFixtures.frame(LabFixtures.shipped("gru", Size(width: 120, height: 40), step: try Self.stepIndex("race"))).text()
        XCTAssertTrue(frame.contains("guessing: 25 % right, loss 1.39 (dashed)"))
        XCTAssertTrue(frame.contains("dashed: guessing"))
        let wide = LabFixtures.frame(LabFixtures.shipped("gru", Size(width: 200, height: 50), step: try Self.stepIndex("race"))).text()
        XCTAssertEqual(wide.components(separatedBy: "(chance 25 %)").count - 1, 3, "a wide panel says it on every row")
    }
}
