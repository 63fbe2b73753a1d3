import Lab
import LessonKit
import XCTest

/// The numbers behind the states view: inputs, the cell's states, time.
/// A states panel for a cell set-up, and its run.
func statesExperiment(_ cell: CellSpec) -> LabExperiment {
    LabExperiment(StatesView.self, spec: StatesView.Spec(cell: cell))
}

func cellRun(_ e: LabExperiment) -> CellRunner.Run { e.data(StatesView.self)! }

func inputs(_ cell: CellSpec) -> [Double] { InputSignal.values(cell, cell.settings) }

final class LabExperimentTests: XCTestCase {
    func testInputs() {
        let sine = inputs(CellSpec(input: .sine, steps: 12, period: 12))
        XCTAssertEqual(sine[2], 1, accuracy: 1e-12, "x_3 = sin(2π·3/12) = 1")
        XCTAssertEqual(sine[11], 0, accuracy: 1e-12)
        XCTAssertEqual(inputs(CellSpec(input: .step, steps: 8)), [0, 0, 1, 1, 1, 1, 1, 1])
        XCTAssertEqual(inputs(CellSpec(input: .pulse, steps: 4)), [1, 0, 0, 0])
        XCTAssertEqual(inputs(CellSpec(input: .zeros, steps: 3)), [0, 0, 0])
        let noise = inputs(CellSpec(input: .noise, steps: 50, seed: 4))
        XCTAssertEqual(noise, inputs(CellSpec(input: .noise, steps: 50, seed: 4)))
        XCTAssertTrue(noise.allSatisfy { (-1...1).contains($0) })
        XCTAssertNotEqual(noise, inputs(CellSpec(input: .noise, steps: 50, seed: 5)))
    }

    func testStatesFollowTheVanillaRecurrence() {
        let spec = CellSpec(hidden: 3, input: .sine, steps: 10, seed: 7)
        let e = cellRun(statesExperiment(spec))
        XCTAssertEqual(e.states.count, 10)
        let p = CellRunner.parameters(spec, spec.settings)
        XCTAssertNil(p["b_h"], "the lecture's vanilla RNN has no bias")
        // h_t = tanh(W_hh h_{t-1} + W_xh x_t), checked by hand for t = 1 and t = 2.
        var h = [0.0, 0.0, 0.0]
        for t in 0..<2 {
            h = (0..<3).map { i in
                var a = p["W_xh"]![i, 0] * e.inputs[t]
                for j in 0..<3 { a += p["W_hh"]![i, j] * h[j] }
                return tanh(a)
            }
            for i in 0..<3 { XCTAssertEqual(e.states[t][i], h[i], accuracy: 1e-12) }
        }
        XCTAssertTrue(e.states.joined().allSatisfy { abs($0) < 1 }, "tanh keeps every unit in (-1, 1)")
    }

    func testSeededAndDifferentSeedsDiffer() {
        let a = statesExperiment(CellSpec(seed: 1))
        XCTAssertEqual(a, statesExperiment(CellSpec(seed: 1)))
        XCTAssertNotEqual(cellRun(a).states, cellRun(statesExperiment(CellSpec(seed: 2))).states)
    }

    func testPulseFadesWithSmallWeights() {
        let e = cellRun(statesExperiment(CellSpec(hidden: 3, input: .pulse, steps: 30, seed: 11, scale: 0.9)))
        let first = e.states[0].map(abs).max()!
        let last = e.states[29].map(abs).max()!
        XCTAssertLessThan(last, first / 4, "the echo of one pulse fades")
    }

    func testTimeIsClamped() {
        var e = statesExperiment(CellSpec(steps: 5, start: 5))
        e.forward()
        XCTAssertEqual(e.time, 5)
        e.setTime(0)
        XCTAssertEqual(e.time, 1)
        e.back()
        XCTAssertEqual(e.time, 1)
    }
}

import Foundation

/// The states view also runs the gated cells, through the same RNNCore forward pass.
final class GatedStatesTests: XCTestCase {
    func testLSTMAndGRUStatesAreBoundedAndSeeded() {
        for cell in [LabCell.lstm, .gru] {
            let spec = CellSpec(cell: cell, hidden: 4, input: .noise, steps: 25, seed: 3)
            let e = cellRun(statesExperiment(spec))
            XCTAssertEqual(e.states.count, 25)
            XCTAssertTrue(e.states.allSatisfy { $0.count == 4 })
            XCTAssertTrue(e.states.joined().allSatisfy { abs($0) < 1 }, "\(cell): h stays in (-1, 1)")
            XCTAssertEqual(e, cellRun(statesExperiment(spec)))
            XCTAssertNotEqual(e.states, cellRun(statesExperiment(CellSpec(cell: .rnn, hidden: 4, input: .noise, steps: 25, seed: 3))).states)
        }
    }
}
