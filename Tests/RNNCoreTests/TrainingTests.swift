import Foundation
import XCTest
@testable import RNNCore

final class TrainingTests: XCTestCase {
    private func config(_ task: any SequenceTask, _ cell: CellKind, steps: Int, seed: UInt64 = 1) -> TrainingConfiguration {
        var c = TrainingConfiguration(task: task, cell: cell, seed: seed)
        c.steps = steps
        c.evaluationBatch = 64
        return c
    }

    func testSameSeedSameCurveOtherSeedOtherCurve() {
        let task = SineTask(length: 10)
        var a = Trainer(task: task, configuration: config(task, .gru, steps: 5))
        var b = Trainer(task: task, configuration: config(task, .gru, steps: 5))
        var c = Trainer(task: task, configuration: config(task, .gru, steps: 5, seed: 2))
        XCTAssertEqual(a.run().history.loss, b.run().history.loss)
        XCTAssertNotEqual(a.history.loss, c.run().history.loss)
    }

    func testSineLossFallsForEveryCell() {
        let task = SineTask(length: 12)
        for cell in CellKind.allCases {
            var t = Trainer(task: task, configuration: config(task, cell, steps: 60))
            let s = t.run()
            XCTAssertNil(s.divergence, "\(cell)")
            let first = s.history.loss.prefix(5).reduce(0, +) / 5, last = s.history.loss.suffix(5).reduce(0, +) / 5
            XCTAssertLessThan(last, 0.5 * first, "\(cell): the sine loss should at least halve in 60 steps")
        }
    }

    /// A smaller version of the copy claim that a debug build can afford: an LSTM learns to
    /// recall a symbol across a short delay, far above chance.
    func testLSTMLearnsShortCopyWellAboveChance() {
        var task = CopyTask(symbols: 3, delay: 3)
        task.noise = 0
        var c = config(task, .lstm, steps: 150)
        c.hidden = 12
        var t = Trainer(task: task, configuration: c)
        let s = t.run()
        XCTAssertGreaterThan(s.evaluationAccuracy!, 0.9, "copy (delay 3) accuracy vs chance \(task.chanceAccuracy!)")
    }

    /// The clipping demonstration at a small budget: σ_max(W_hh) = 2.5 with plain SGD explodes
    /// (the run stops with a reported divergence, no crash); the same run clipped at 1 trains.
    func testClippingRescuesAnExplodingVanillaRNN() {
        let task = SineTask()
        var c = config(task, .rnn, steps: 40)
        c.sigmaMax = 2.5
        var wild = Trainer(task: task, configuration: c)
        let blown = wild.run()
        let finite = blown.history.gradNormBefore.filter(\.isFinite)
        XCTAssertTrue(blown.diverged || (finite.max() ?? 0) > 1e6, "without clipping the run should blow up")
        XCTAssertGreaterThan(blown.history.loss.filter(\.isFinite).max()!, 100)

        c.clipNorm = 1
        var tame = Trainer(task: task, configuration: c)
        let clipped = tame.run()
        XCTAssertNil(clipped.divergence)
        XCTAssertTrue(clipped.history.gradNormAfter.allSatisfy { $0 <= 1 + 1e-9 })
        XCTAssertGreaterThan(clipped.history.gradNormBefore.max()!, 1, "clipping actually happened")
        XCTAssertLessThan(clipped.evaluationLoss, 0.5 * clipped.history.loss[0], "the clipped run learns: held-out loss under half the first")
        XCTAssertTrue(clipped.history.loss.allSatisfy { $0 < 10 }, "the clipped run never blows up")
    }

    func testDivergenceIsReportedInTextAndJSON() throws {
        let task = SineTask()
        var c = config(task, .rnn, steps: 300)
        c.sigmaMax = 2.5
        var t = Trainer(task: task, configuration: c)
        let s = t.run()
        XCTAssertNotNil(s.divergence)
        XCTAssertLessThan(s.history.records.count, 300, "the run stops at the divergence")
        XCTAssertTrue(s.textReport().contains("DIVERGED"))
        let json = try JSONSerialization.jsonObject(with: Data(s.jsonReport().utf8)) as! [String: Any]
        XCTAssertEqual(json["diverged"] as? Bool, true)
        XCTAssertNotNil(json["diverged_at_step"])
        XCTAssertEqual((json["loss"] as! [Any]).count, s.history.records.count)
    }

    func testJSONReportHasTheAgreedKeys() throws {
        let task = ParityTask(length: 4)
        var t = Trainer(task: task, configuration: config(task, .rnn, steps: 3))
        let json = try JSONSerialization.jsonObject(with: Data(t.run().jsonReport().utf8)) as! [String: Any]
        for key in ["loss", "final_loss", "accuracy", "grad_norm", "grad_norm_clipped", "chance_accuracy"] {
            XCTAssertNotNil(json[key], "JSON report has '\(key)'")
        }
        XCTAssertEqual((json["loss"] as! [Double]).count, 3)
    }

    func testCharsSamplesFromTheVocabulary() {
        let task = CharsTask(corpus: GrammarCorpus(sentences: 40, seed: 3), length: 8)
        var c = config(task, .gru, steps: 2)
        c.hidden = 8
        var t = Trainer(task: task, configuration: c)
        let s = t.run()
        let sample = try! XCTUnwrap(s.sample)
        XCTAssertTrue(sample.hasPrefix("the "))
        XCTAssertTrue(sample.allSatisfy { task.index(of: $0) != nil })
        XCTAssertEqual(sample.count, 4 + 160)
    }

    func testEncoderDecoderTrains() {
        let task = ReverseTask(symbols: 3, length: 3)
        var c = config(task, .gru, steps: 40)
        c.hidden = 12
        var t = Trainer(task: task, configuration: c)
        let s = t.run()
        XCTAssertLessThan(s.history.loss.suffix(5).reduce(0, +) / 5, s.history.loss.prefix(5).reduce(0, +) / 5)
    }

    func testSigmaMaxRescalesTheInitialRecurrentMatrix() {
        let task = SineTask(length: 5)
        var c = config(task, .rnn, steps: 0)
        c.sigmaMax = 2.5
        let t = Trainer(task: task, configuration: c)
        XCTAssertEqual(SingularValues.spectralNorm(t.model.cell["W_hh"]!), 2.5, accuracy: 1e-9)
        // Keras' orthogonal W_hh has every singular value 1 before rescaling.
        c.sigmaMax = nil
        XCTAssertEqual(SingularValues.spectralNorm(Trainer(task: task, configuration: c).model.cell["W_hh"]!), 1, accuracy: 1e-9)
    }

    func testSparklineUsesEighthsAndMarksNaN() {
        XCTAssertEqual(TextSparkline.render([0, 1, 2, 3, 4, 5, 6, 7], width: 8), "▁▂▃▄▅▆▇█")
        XCTAssertEqual(TextSparkline.render([1, .nan], width: 2), "▄!")
        XCTAssertEqual(TextSparkline.render([], width: 5), "")
    }
}
