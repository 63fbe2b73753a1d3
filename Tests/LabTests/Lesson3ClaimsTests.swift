import Foundation
import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// Every sentence of lesson 3 (the LSTM) that says what a panel shows, checked against the
/// numbers of that step's seed and knobs. If a lesson edit makes one false, this fails.
final class Lesson3ClaimsTests: XCTestCase {
    /// The live panel of a step of the shipped lesson, by step id, with knobs set.
    static func experiment(_ step: String, _ knobs: [String: String] = [:]) throws -> LabExperiment {
        try LabFixtures.experiment("lstm", step, knobs)
    }

    static func run(_ step: String, _ knobs: [String: String] = [:]) throws -> CellRunner.Run {
        let e = try experiment(step, knobs)
        return try XCTUnwrap(e.data(GatesView.self) ?? e.data(CellDiagramView.self))
    }

    static func highway(_ step: String, _ knobs: [String: String] = [:]) throws -> CellStateHighway {
        try XCTUnwrap(try experiment(step, knobs).data(HighwayView.self))
    }

    /// "|h_t| ≤ |c_t| for every unit and step"; "forced f=1 … at t = 24 unit 3's c_t reaches
    /// −6.69 … while its h_t is only −0.59".
    func testTwoStatesHiddenIsSmallerAndTheForcedCellGrows() throws {
        for knobs in [[:], ["forget": "1"]] {
            let run = try Self.run("two-states", knobs)
            for (c, h) in zip(run.cellStates.joined(), run.states.joined()) { XCTAssertLessThanOrEqual(abs(h), abs(c)) }
        }
        let run = try Self.run("two-states", ["forget": "1"])
        XCTAssertEqual(run.cellStates.count, 24)
        XCTAssertEqual(run.cellStates[23][2], -6.69, accuracy: 0.005)
        XCTAssertEqual(run.states[23][2], -0.59, accuracy: 0.005)
        XCTAssertTrue(run.cellStates.joined().contains { abs($0) > 1 }, "far outside −1 … 1")
        // The header says so.
        var p = LabFixtures.shipped("lstm", Size(width: 100, height: 30), step: 1)
        _ = p.update(.key(.character("f")))
        XCTAssertTrue(LabFixtures.frame(p).text().contains("forced f=1"))
    }

    /// "the maps of i, f and o never leave 0 … 1, and g stays between −1 and 1"; "unit 1's
    /// forget gate moves between 0.51 and 0.64 over the run".
    func testGatesStayInTheirRangesAndChangeEveryStep() throws {
        let run = try Self.run("gates")
        for name in ["i", "f", "o"] { XCTAssertTrue(run.gates[name]!.joined().allSatisfy { $0 > 0 && $0 < 1 }, name) }
        XCTAssertTrue(run.gates["g"]!.joined().allSatisfy { $0 > -1 && $0 < 1 })
        let f1 = run.gates["f"]!.map { $0[0] }
        XCTAssertEqual(f1.min()!, 0.51, accuracy: 0.005)
        XCTAssertEqual(f1.max()!, 0.64, accuracy: 0.005)
        XCTAssertEqual(Set(f1).count, f1.count, "a different f at every step")
    }

    /// "At t = 12, unit 1 keeps f = 0.487 of c_{t−1} = 0.204 and adds i ⊙ g = 0.535 × 0.197,
    /// so c_t = 0.205; then h_t = 0.386 × tanh(0.205) = 0.078."
    func testElementwiseNumbersAtTwelve() throws {
        let e = try Self.experiment("elementwise")
        XCTAssertEqual(e.time, 12, "the step opens at t = 12")
        let run = try XCTUnwrap(e.data(CellDiagramView.self))
        let t = 11
        XCTAssertEqual(run.gates["f"]![t][0], 0.487, accuracy: 0.0005)
        XCTAssertEqual(run.cellStates[t - 1][0], 0.204, accuracy: 0.0005)
        XCTAssertEqual(run.gates["i"]![t][0], 0.535, accuracy: 0.0005)
        XCTAssertEqual(run.gates["g"]![t][0], 0.197, accuracy: 0.0005)
        XCTAssertEqual(run.cellStates[t][0], 0.205, accuracy: 0.0005)
        XCTAssertEqual(run.gates["o"]![t][0], 0.386, accuracy: 0.0005)
        XCTAssertEqual(run.states[t][0], 0.078, accuracy: 0.0005)
        // The panel writes them on its wires.
        let text = LabFixtures.frame(LabFixtures.shipped("lstm", Size(width: 80, height: 24), step: 3)).text()
        for v in ["f +0.487", "+0.204", "i +0.535", "g +0.197", "+0.205", "o +0.386", "+0.078"] { XCTAssertTrue(text.contains(v), v) }
    }

    /// Forcing: f = 1 keeps everything (unit 1's c_24 = 5.30); f = 0 makes c_t = i ⊙ g exactly
    /// (0.545 × 0.130 = 0.071 at t = 24); i = 0 leaves c_t and h_t exactly 0; o = 0 makes
    /// h_t = 0 at every step.
    func testForcingTheGates() throws {
        XCTAssertEqual(try Self.experiment("forcing").time, 24)
        let one = try Self.run("forcing", ["forget": "1"])
        XCTAssertEqual(one.cellStates[23][0], 5.30, accuracy: 0.005)
        for t in 1..<24 {
            for u in 0..<3 {
                XCTAssertEqual(one.cellStates[t][u], one.cellStates[t - 1][u] + one.gates["i"]![t][u] * one.gates["g"]![t][u], accuracy: 1e-12)
            }
        }
        let zero = try Self.run("forcing", ["forget": "0"])
        for t in 0..<24 { for u in 0..<3 { XCTAssertEqual(zero.cellStates[t][u], zero.gates["i"]![t][u] * zero.gates["g"]![t][u]) } }
        XCTAssertEqual(zero.gates["i"]![23][0], 0.545, accuracy: 0.0005)
        XCTAssertEqual(zero.gates["g"]![23][0], 0.130, accuracy: 0.0005)
        XCTAssertEqual(zero.cellStates[23][0], 0.071, accuracy: 0.0005)
        let noInput = try Self.run("forcing", ["input-gate": "0"])
        XCTAssertTrue(noInput.cellStates.joined().allSatisfy { $0 == 0 })
        XCTAssertTrue(noInput.states.joined().allSatisfy { $0 == 0 })
        let noOutput = try Self.run("forcing", ["output": "0"])
        XCTAssertTrue(noOutput.states.joined().allSatisfy { $0 == 0 })
        XCTAssertFalse(noOutput.cellStates.joined().allSatisfy { $0 == 0 }, "the cell still remembers")
        // The keys the text names cycle the knobs it says: f → 1 → 0, I, o twice → 0.
        var p = LabFixtures.shipped("lstm", Size(width: 100, height: 30), step: 4)
        for key in ["f", "f"] { _ = p.update(.key(.character(Character(key)))) }
        XCTAssertTrue(LabFixtures.frame(p).text().contains("forced f=0"))
        for key in ["f", "o", "o"] { _ = p.update(.key(.character(Character(key)))) }
        XCTAssertTrue(LabFixtures.frame(p).text().contains("forced o=0"))
    }

    /// Backprop step: learned, ‖∂L/∂c_1‖ is about 1e-9 of ‖∂L/∂c_40‖; with f = 1 the line stays
    /// no longer decays (never below a sixth, 0.9 at t = 1) and the highway alone is exactly flat; the RNN falls by six orders of magnitude.
    func testTheHighwayWithTheForgetGateForced() throws {
        let learned = try Self.highway("backprop")
        XCTAssertEqual(learned.steps, 40)
        XCTAssertEqual(log10(CellStateHighway.ratio(learned.gradC)), -9, accuracy: 0.5)
        let open = try Self.highway("backprop", ["forget": "1"])
        XCTAssertEqual(CellStateHighway.ratio(open.gradC), 0.9, accuracy: 0.05)
        XCTAssertTrue(open.gradC.allSatisfy { $0 > open.gradC.last! / 6 }, "never below a sixth of ‖∂L/∂c_40‖")
        XCTAssertLessThan(open.gradC.min()!, open.gradC.last! / 5, "not flat: the paths through h_t move it")
        XCTAssertEqual(CellStateHighway.ratio(open.highwayAlone), 1, accuracy: 1e-12)
        XCTAssertEqual(log10(CellStateHighway.ratio(open.rnnGradH)), -6, accuracy: 0.5)
        XCTAssertEqual(open.rnnSigmaMax, 1.0, accuracy: 1e-9)
    }

    /// Three reasons: bias +3 → 0.41; 0 → about 1e-9; −3 → about 1e-34. RNN: σ 1.0 → 1e-6;
    /// 1.5 → about the same size; 2.0 → grows. And f stays in (0, 1) and changes along t.
    func testTheForgetBiasOpensAndClosesTheHighway() throws {
        XCTAssertEqual(CellStateHighway.ratio(try Self.highway("three-reasons", ["forget-bias": "3"]).gradC), 0.41, accuracy: 0.005)
        XCTAssertEqual(log10(CellStateHighway.ratio(try Self.highway("three-reasons").gradC)), -9, accuracy: 0.5)
        XCTAssertEqual(log10(CellStateHighway.ratio(try Self.highway("three-reasons", ["forget-bias": "-3"]).gradC)), -34, accuracy: 0.5)
        let up = try Self.highway("three-reasons", ["forget-bias": "0.5"])
        XCTAssertGreaterThan(CellStateHighway.ratio(up.gradC), CellStateHighway.ratio(try Self.highway("three-reasons").gradC),
                             "b raises the line at t = 1")
        XCTAssertEqual(log10(CellStateHighway.ratio(try Self.highway("three-reasons").rnnGradH)), -6, accuracy: 0.5)
        let r15 = CellStateHighway.ratio(try Self.highway("three-reasons", ["sigma": "1.5"]).rnnGradH)
        XCTAssertTrue(r15 > 0.5 && r15 < 2, "σ 1.5: about the same (\(r15))")
        XCTAssertGreaterThan(CellStateHighway.ratio(try Self.highway("three-reasons", ["sigma": "2.0"]).rnnGradH), 1)
        let f = try Self.highway("three-reasons").forget
        XCTAssertTrue(f.joined().allSatisfy { $0 > 0 && $0 < 1 })
        XCTAssertGreaterThan(Set(f.map { $0[0] }).count, 30)
    }

    /// The parameter table: counted from the arrays of the cells the lab builds, D = 1, H = 8.
    func testTheParameterTable() throws {
        let text = try String(contentsOf: PackagePaths.lessons.appendingPathComponent("03-lstm.md"), encoding: .utf8)
        func count(_ cell: LabCell) -> Int {
            CellRunner.parameters(CellSpec(cell: cell, hidden: 8), KnobValues(["seed": 1, "scale": 1]))
                .weights.values.reduce(0) { $0 + $1.rows * $1.cols }
        }
        let H = 8, D = 1, rnnWithBias = H * (D + H) + H
        XCTAssertEqual(count(.rnn), H * (D + H), "the lecture's RNN has no bias")
        XCTAssertEqual(count(.lstm), 4 * rnnWithBias)
        XCTAssertEqual(count(.gru), 3 * rnnWithBias + 3 * H, "reset_after: two biases")
        XCTAssertTrue(text.contains("- vanilla RNN (Keras' SimpleRNN): $H(D + H) + H = \(rnnWithBias)$"))
        XCTAssertTrue(text.contains("- LSTM: $4\\,(H(D + H) + H) = \(count(.lstm))$"))
        XCTAssertTrue(text.contains("- GRU (next lesson): $3\\,(H(D + H) + H) = \(3 * rnnWithBias)$, or $\(count(.gru))$ with Keras'"))
        XCTAssertTrue(text.contains("(here $D = 1$ and $H = \(H)$"))
        XCTAssertTrue(text.contains("has no bias, like the lecture's: \(count(.rnn))"))
        // The table's H is the highway steps' H.
        let spec = try XCTUnwrap(LabFixtures.shipped.first { $0.id == "lstm" }?.steps.first { $0.id == "three-reasons" }?.lab?.as(CellViewSpec.self))
        XCTAssertEqual(spec.cell.hidden, H)
    }
}
