import XCTest
@testable import RNNCore

/// The whole model (cell(s) + dense head + loss, including the encoder-decoder hand-over of
/// h and c) against central differences on every parameter.
final class TrainingModelGradientTests: XCTestCase {
    private func check(task: any SequenceTask, kind: CellKind, file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeededRandom(seed: 21)
        let model = SequenceModel(task: task, kind: kind, hiddenSize: 3, style: .pytorch, rng: &rng)
        let batch = task.makeBatch(size: 2, rng: &rng)
        let pass = model.forward(batch, task: task)
        let grads = model.gradients(of: pass).parameters
        let params = model.parameters
        XCTAssertEqual(Set(grads.keys), Set(params.keys), "a gradient for every parameter", file: file, line: line)
        let eps = 1e-6
        var worst = 0.0, worstName = ""
        for (name, p) in params {
            for i in 0..<p.count {
                var plus = model, minus = model
                var pp = params, pm = params
                pp[name]!.data[i] += eps
                pm[name]!.data[i] -= eps
                plus.parameters = pp
                minus.parameters = pm
                let num = (plus.forward(batch, task: task).loss - minus.forward(batch, task: task).loss) / (2 * eps)
                let ana = grads[name]!.data[i]
                // Relative error with a floor: entries below ~1e-4 are compared absolutely (finite
                // differences of a loss near 1 carry ~1e-10 of rounding).
                let err = abs(num - ana) / max(abs(num) + abs(ana), 1e-4)
                if err > worst { worst = err; worstName = "\(name)[\(i)] analytic \(ana) numeric \(num)" }
            }
        }
        XCTAssertLessThan(worst, 1e-5, "\(task.name)/\(kind): worst relative error at \(worstName)", file: file, line: line)
    }

    func testManyToManyRegression() { check(task: SineTask(length: 5), kind: .rnn) }
    func testManyToOneClassification() { check(task: CopyTask(symbols: 3, delay: 3), kind: .lstm) }
    func testManyToManyClassificationGRU() { check(task: ParityTask(length: 4), kind: .gru) }
    func testEncoderDecoderLSTMPassesBothStates() { check(task: ReverseTask(symbols: 3, length: 3), kind: .lstm) }
    func testEncoderDecoderGRU() { check(task: ReverseTask(symbols: 3, length: 3), kind: .gru) }
    func testAddingManyToOneRegression() { check(task: AddingTask(length: 4), kind: .rnn) }
}
