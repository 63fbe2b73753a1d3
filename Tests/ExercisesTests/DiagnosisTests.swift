@testable import Exercises
import RNNCore
import XCTest

final class DiagnosisTests: XCTestCase {
    /// The reference loop exists only for the formula mistakes; unchanged, it must be the cell.
    func testReferenceCellAgreesWithRNNCore() {
        for (kind, resetAfter) in [(CellKind.rnn, true), (.lstm, true), (.gru, true), (.gru, false)] {
            let data = CellData.draw(kind: kind, resetAfter: resetAfter, input: 3, hidden: 4, steps: 4, batch: 2,
                                     initialState: true, upstream: false, scale: 0.8, seed: 7)
            let a = CellRun.rnnCore(data.parameters, data), b = CellRun.reference(ReferenceCell(), data.parameters, data)
            for t in 0..<4 {
                for (x, y) in zip(a.h[t].data, b.h[t].data) { XCTAssertEqual(x, y, accuracy: 1e-12, "\(kind) h") }
                if kind == .lstm { for (x, y) in zip(a.c[t].data, b.c[t].data) { XCTAssertEqual(x, y, accuracy: 1e-12) } }
                for g in kind.gateNames {
                    for (x, y) in zip(a.gates[g]![t].data, b.gates[g]![t].data) { XCTAssertEqual(x, y, accuracy: 1e-12, "\(kind) \(g)") }
                }
            }
        }
    }

    func testCatalogue() {
        let ids = Mistake.catalogue.map(\.id)
        XCTAssertGreaterThanOrEqual(ids.count, 10)
        XCTAssertEqual(Set(ids).count, ids.count, "ids are unique")
        for m in Mistake.catalogue {
            XCTAssertFalse(m.explanation.contains("\n"), m.id)
            XCTAssertTrue(m.id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, m.id)
            XCTAssertEqual(Mistake.named(m.id), m)
        }
    }

    /// σ(−a) = 1 − σ(a): negating the z block reverses the update gate.
    func testReversedUpdateGateIsOneMinusZ() {
        let data = CellData.draw(kind: .gru, resetAfter: true, input: 2, hidden: 3, steps: 3, batch: 1,
                                 initialState: true, upstream: false, scale: 0.7, seed: 3)
        let right = CellRun.rnnCore(data.parameters, data)
        let flipped = CellRun.rnnCore(WeightMistakes.reverseUpdateGate(data.parameters), data)
        for (z, w) in zip(right.gates["z"]![0].data, flipped.gates["z"]![0].data) { XCTAssertEqual(z, 1 - w, accuracy: 1e-12) }
    }
}
