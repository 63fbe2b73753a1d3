import Lab
import LessonKit
import XCTest

/// The numbers behind the states view: inputs, the cell's states, time.
final class LabExperimentTests: XCTestCase {
    func testInputs() {
        let sine = InputSignal.values(for: LabSpec(view: .states, input: .sine, steps: 12, period: 12))
        XCTAssertEqual(sine[2], 1, accuracy: 1e-12, "x_3 = sin(2π·3/12) = 1")
        XCTAssertEqual(sine[11], 0, accuracy: 1e-12)
        XCTAssertEqual(InputSignal.values(for: LabSpec(view: .states, input: .step, steps: 8)), [0, 0, 1, 1, 1, 1, 1, 1])
        XCTAssertEqual(InputSignal.values(for: LabSpec(view: .states, input: .pulse, steps: 4)), [1, 0, 0, 0])
        XCTAssertEqual(InputSignal.values(for: LabSpec(view: .states, input: .zeros, steps: 3)), [0, 0, 0])
        let noise = InputSignal.values(for: LabSpec(view: .states, input: .noise, steps: 50, seed: 4))
        XCTAssertEqual(noise, InputSignal.values(for: LabSpec(view: .states, input: .noise, steps: 50, seed: 4)))
        XCTAssertTrue(noise.allSatisfy { (-1...1).contains($0) })
        XCTAssertNotEqual(noise, InputSignal.values(for: LabSpec(view: .states, input: .noise, steps: 50, seed: 5)))
    }

    func testStatesFollowTheVanillaRecurrence() {
        let spec = LabSpec(view: .states, hidden: 3, input: .sine, steps: 10, seed: 7)
        let e = LabExperiment(spec: spec)
        XCTAssertEqual(e.states.count, 10)
        let p = CellRunner.parameters(for: spec)
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
        let a = LabExperiment(spec: LabSpec(view: .states, seed: 1))
        XCTAssertEqual(a, LabExperiment(spec: LabSpec(view: .states, seed: 1)))
        XCTAssertNotEqual(a.states, LabExperiment(spec: LabSpec(view: .states, seed: 2)).states)
    }

    func testPulseFadesWithSmallWeights() {
        let e = LabExperiment(spec: LabSpec(view: .states, hidden: 3, input: .pulse, steps: 30, seed: 11, scale: 0.9))
        let first = e.states[0].map(abs).max()!
        let last = e.states[29].map(abs).max()!
        XCTAssertLessThan(last, first / 4, "the echo of one pulse fades")
    }

    func testTimeIsClamped() {
        var e = LabExperiment(spec: LabSpec(view: .states, steps: 5, start: 5))
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
            let spec = LabSpec(view: .states, cell: cell, hidden: 4, input: .noise, steps: 25, seed: 3)
            let e = LabExperiment(spec: spec)
            XCTAssertEqual(e.states.count, 25)
            XCTAssertTrue(e.states.allSatisfy { $0.count == 4 })
            XCTAssertTrue(e.states.joined().allSatisfy { abs($0) < 1 }, "\(cell): h stays in (-1, 1)")
            XCTAssertEqual(e, LabExperiment(spec: spec))
            XCTAssertNotEqual(e.states, LabExperiment(spec: LabSpec(view: .states, cell: .rnn, hidden: 4, input: .noise, steps: 25, seed: 3)).states)
        }
    }
}
