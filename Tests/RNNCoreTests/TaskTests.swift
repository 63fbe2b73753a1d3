import XCTest
@testable import RNNCore

final class TaskTests: XCTestCase {
    func testEveryTaskMakesWellShapedSeededBatches() throws {
        for name in TaskCatalog.names {
            let task = try TaskCatalog.make(name, delay: 5)
            var a = SeededRandom(seed: 1), b = SeededRandom(seed: 1)
            let x = task.makeBatch(size: 4, rng: &a), y = task.makeBatch(size: 4, rng: &b)
            XCTAssertEqual(x.inputs, y.inputs, "\(name) is seeded")
            XCTAssertFalse(x.inputs.isEmpty, name)
            for m in x.inputs { XCTAssertEqual(m.rows, 4, name); XCTAssertEqual(m.cols, task.inputSize, name) }
            XCTAssertTrue(x.targets.contains { $0 != nil }, "\(name) has a loss somewhere")
            switch task.architecture {
            case .manyToMany: XCTAssertTrue(x.targets.allSatisfy { $0 != nil }, name)
            case .manyToOne:
                XCTAssertEqual(x.targets.count, x.inputs.count, name)
                XCTAssertNotNil(x.targets.last!, name)
                XCTAssertTrue(x.targets.dropLast().allSatisfy { $0 == nil }, name)
            case .encoderDecoder:
                XCTAssertEqual(x.decoderInputs.count, x.targets.count, name)
                XCTAssertEqual(x.decoderInputs[0].cols, task.decoderInputSize, name)
            }
            for case let t? in x.targets {
                switch t {
                case .values(let v): XCTAssertEqual(v.cols, task.outputSize, name); XCTAssertEqual(task.loss, .meanSquaredError, name)
                case .classes(let c):
                    XCTAssertTrue(c.allSatisfy { (0..<task.outputSize).contains($0) }, name)
                    XCTAssertEqual(task.loss, .softmaxCrossEntropy, name)
                }
            }
        }
        XCTAssertThrowsError(try TaskCatalog.make("nope")) { XCTAssertTrue("\($0)".contains("nope")) }
    }

    func testCopyMarksStepZeroAndFillsTheDelayWithDistractors() {
        var task = CopyTask(symbols: 4, delay: 6)
        task.distractorRate = 1
        task.noise = 0
        var rng = SeededRandom(seed: 3)
        let batch = task.makeBatch(size: 8, rng: &rng)
        XCTAssertEqual(batch.inputs.count, 8)
        guard case .classes(let labels)? = batch.targets.last! else { return XCTFail("copy target is classes") }
        for b in 0..<8 {
            XCTAssertEqual(Loss.argmax(batch.inputs[0].rows(b..<(b + 1)).columns(0..<4))[0], labels[b])
            XCTAssertEqual(batch.inputs[0][b, 4], 1, "store marker at step 0")
            for t in 1..<7 {
                XCTAssertEqual(batch.inputs[t].row(b)[0..<4].reduce(0, +), 1, "one distractor symbol at delay step \(t)")
                XCTAssertEqual(batch.inputs[t][b, 4], 0, "no marker during the delay")
            }
            XCTAssertEqual(batch.inputs[7][b, 5], 1, "cue at the last step")
        }
        var quiet = task
        quiet.distractorRate = 0
        let blank = quiet.makeBatch(size: 4, rng: &rng)
        for t in 1..<7 { XCTAssertEqual(blank.inputs[t].frobeniusNorm, 0, "no distractors at rate 0") }
        let noisy = CopyTask(symbols: 4, delay: 6).makeBatch(size: 4, rng: &rng)
        XCTAssertGreaterThan(noisy.inputs[3].columns(0..<4).frobeniusNorm, 0, "default delay steps carry noise")
        XCTAssertEqual(noisy.inputs[3].columns(4..<6).frobeniusNorm, 0, "no marker or cue in the delay")
        XCTAssertEqual(task.chanceAccuracy!, 0.25)
    }

    func testAddingTargetIsTheSumOfTheMarkedValues() {
        var rng = SeededRandom(seed: 4)
        let batch = AddingTask(length: 10).makeBatch(size: 5, rng: &rng)
        guard case .values(let sums)? = batch.targets.last! else { return XCTFail("adding target is values") }
        for b in 0..<5 {
            let marked = (0..<10).filter { batch.inputs[$0][b, 1] == 1 }
            XCTAssertEqual(marked.count, 2)
            XCTAssertEqual(sums[b, 0], marked.reduce(0) { $0 + batch.inputs[$1][b, 0] }, accuracy: 1e-12)
        }
    }

    func testParityIsRunningXor() {
        var rng = SeededRandom(seed: 5)
        let batch = ParityTask(length: 9).makeBatch(size: 3, rng: &rng)
        for b in 0..<3 {
            var p = 0
            for t in 0..<9 {
                p ^= Int(batch.inputs[t][b, 0])
                guard case .classes(let c)? = batch.targets[t] else { return XCTFail() }
                XCTAssertEqual(c[b], p)
            }
        }
    }

    func testReverseTargetsAreTheInputsBackwards() {
        var rng = SeededRandom(seed: 6)
        let batch = ReverseTask(symbols: 5, length: 4).makeBatch(size: 2, rng: &rng)
        for b in 0..<2 {
            let seen = (0..<4).map { Loss.argmax(batch.inputs[$0].rows(b..<(b + 1)))[0] }
            let said = (0..<4).map { s -> Int in
                guard case .classes(let c)? = batch.targets[s] else { return -1 }
                return c[b]
            }
            XCTAssertEqual(said, Array(seen.reversed()))
        }
    }

    func testCharsCorpusComesFromTheGrammar() {
        let corpus = GrammarCorpus(sentences: 50, seed: 1)
        XCTAssertEqual(corpus.text, GrammarCorpus(sentences: 50, seed: 1).text)
        XCTAssertNotEqual(corpus.text, GrammarCorpus(sentences: 50, seed: 2).text)
        let sentences = corpus.text.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        XCTAssertEqual(sentences.count, 50)
        for s in sentences { XCTAssertTrue(["the", "a"].contains(s.split(separator: " ").first!), "sentence starts with a determiner: \(s)") }
        let task = CharsTask(corpus: corpus, length: 10)
        XCTAssertEqual(task.vocabulary, task.vocabulary.sorted())
        XCTAssertNotNil(task.index(of: "."))
    }

    func testClassifyWavesAreDistinct() {
        XCTAssertEqual(ClassifyTask.wave(1, 0.5), 1)
        XCTAssertEqual(ClassifyTask.wave(1, 4), -1)
        XCTAssertEqual(ClassifyTask.wave(2, .pi / 2), 0.5, accuracy: 1e-12)
        XCTAssertEqual(ClassifyTask.wave(0, .pi / 2), 1, accuracy: 1e-12)
    }
}
