import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// Every sentence of lesson 1 that says what a panel shows, checked against the numbers of
/// that step's seed and settings. If a lesson edit makes one false, this fails.
final class Lesson1ClaimsTests: XCTestCase {
    /// The states run of a shipped lesson step, by step id.
    static func run(_ lesson: String, _ step: String) throws -> (CellRunner.Run, CellSpec) {
        let l = try XCTUnwrap(LabFixtures.shipped.first { $0.id == lesson })
        let spec = try XCTUnwrap(l.steps.first { $0.id == step }?.lab?.as(StatesView.Spec.self), "\(step) is a states step")
        let e = try XCTUnwrap(LabExperiment(spec: AnyLabSpec(spec)))
        return (try XCTUnwrap(e.data(StatesView.self)), spec.cell)
    }

    /// The step (1-based) at which `values` is largest / smallest within steps `range`.
    private func argmax(_ values: [Double], _ range: ClosedRange<Int>) -> Int { range.max { values[$0 - 1] < values[$1 - 1] }! }
    private func argmin(_ values: [Double], _ range: ClosedRange<Int>) -> Int { range.min { values[$0 - 1] < values[$1 - 1] }! }
    private func unit(_ run: CellRunner.Run, _ i: Int) -> [Double] { run.states.map { $0[i - 1] } }

    /// Step 2: "x_t peaks at t = 3, h_t[3] one step later, at t = 4"; "unit 2 moves the other
    /// way: its weight from the input is negative, so it falls while x_t rises".
    func testStep2UnitThreeLagsAndUnitTwoMirrors() throws {
        let (run, cell) = try Self.run("recurrence", "recurrence")
        XCTAssertEqual(argmax(run.inputs, 1...6), 3)
        XCTAssertEqual(argmax(unit(run, 3), 1...6), 4)
        XCTAssertLessThan(run.parameters["W_xh"]![1, 0], 0)
        for t in 2...3 {
            XCTAssertGreaterThan(run.inputs[t - 1], run.inputs[t - 2], "x rises at t = \(t)")
            XCTAssertLessThan(unit(run, 2)[t - 1], unit(run, 2)[t - 2], "unit 2 falls at t = \(t)")
        }
        XCTAssertLessThan(cell.start, 3, "the step opens before the peak it asks the learner to watch")
        let l = try XCTUnwrap(LabFixtures.shipped.first { $0.id == "recurrence" })
        XCTAssertEqual(l.steps.first { $0.id == "recurrence" }?.lab?.as(StatesView.Spec.self)?.showWeights, true,
                       "W_xh is on screen for the claim about unit 2")
    }

    /// Step 3: at t = 4, x_t = 1; units 1 and 4 (W_xh −0.39, −0.43) at their lowest, unit 2
    /// (+0.20) at its highest; unit 3 (+0.11) below zero because W_hh h_{t−1} outweighs
    /// W_xh x_t with the other sign.
    func testStep3InputWeightsAndTheRecurrentTerm() throws {
        let (run, _) = try Self.run("recurrence", "vanilla-rnn")
        let wx = run.parameters["W_xh"]!, wh = run.parameters["W_hh"]!
        XCTAssertEqual(run.inputs[3], 1, accuracy: 1e-12)
        XCTAssertEqual(argmax(run.inputs, 1...8), 4)
        XCTAssertEqual(wx[0, 0], -0.39, accuracy: 0.005)
        XCTAssertEqual(wx[3, 0], -0.43, accuracy: 0.005)
        XCTAssertEqual(wx[1, 0], 0.20, accuracy: 0.005)
        XCTAssertEqual(wx[2, 0], 0.11, accuracy: 0.005)
        XCTAssertEqual(argmin(unit(run, 1), 1...8), 4)
        XCTAssertEqual(argmin(unit(run, 4), 1...8), 4)
        XCTAssertEqual(argmax(unit(run, 2), 1...8), 4)
        XCTAssertLessThan(unit(run, 3)[3], 0, "unit 3 below zero at t = 4")
        let input = wx[2, 0] * run.inputs[3]
        let recurrent = (0..<4).reduce(0.0) { $0 + wh[2, $1] * run.states[2][$1] }
        XCTAssertLessThan(recurrent, 0)
        XCTAssertGreaterThan(-recurrent, input, "the recurrent term outweighs the input term")
    }

    /// Step 5: the pulse's echo is below a tenth of its first size (0.242) at t = 4, and
    /// from t = 11 on every value under the chart reads 0.001 or less (3 decimals).
    func testStep5TheEchoFades() throws {
        let (run, _) = try Self.run("recurrence", "pulse")
        let size = run.states.map { $0.map(abs).max()! }
        XCTAssertEqual(size[0], 0.242, accuracy: 0.0005)
        XCTAssertLessThan(size[3], size[0] / 10)
        XCTAssertGreaterThan(size[2], size[0] / 10, "t = 4 is the first step below a tenth")
        func reads(_ v: Double) -> Double { Double(String(format: "%.3f", abs(v)))! }
        for t in 11...size.count { XCTAssertLessThanOrEqual(reads(size[t - 1]), 0.001, "t = \(t)") }
        XCTAssertGreaterThan(reads(size[9]), 0.001, "t = 11 is the first such step")
    }

    /// Step 6: the jump at t = 8; two steps later every unit is beyond ±0.94 and stays
    /// there, pinned (it moves by less than 0.035 for the rest of the run).
    func testStep6StrongWeightsSaturate() throws {
        let (run, cell) = try Self.run("recurrence", "saturation")
        let jump = run.inputs.firstIndex(of: 1)! + 1
        XCTAssertEqual(jump, 8)
        XCTAssertGreaterThan(jump, cell.start, "the step opens before the jump")
        for i in 0..<cell.hidden {
            let after = run.states[(jump + 1)...].map { $0[i] }
            XCTAssertTrue(after.allSatisfy { abs($0) > 0.94 }, "unit \(i + 1) beyond ±0.94 from t = \(jump + 2)")
            XCTAssertLessThan(after.max()! - after.min()!, 0.035, "unit \(i + 1) pinned")
        }
    }

    /// Step 2: "the faint lines are the rest of the run": at the opening step the chart
    /// already draws data to the right of the current-step marker.
    func testStep2OpensWithTheWholeRunFaint() throws {
        let p = LabFixtures.shipped("recurrence", Size(width: 100, height: 30), step: 1)
        let frame = LabFixtures.frame(p)
        let rows = frame.lines().suffix(14)
        let braille = rows.map { $0.unicodeScalars.suffix(40).filter { (0x2801...0x28FF).contains($0.value) }.count }
        XCTAssertGreaterThan(braille.reduce(0, +), 20, "the right part of the chart is drawn")
    }
}
