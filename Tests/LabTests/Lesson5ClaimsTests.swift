import Foundation
import Lab
import LabTesting
import LessonKit
import RNNCore
import TUI
import XCTest

/// Every sentence of lesson 5 (the four shapes) that says what a panel shows, checked against
/// that step's panel: untrained as it opens, and trained to the end of its budget by space and
/// ticks, as the learner trains it. If a lesson edit or a change in training makes one false,
/// this fails.
final class Lesson5ClaimsTests: XCTestCase {
    typealias ArchPanel = Lab.Panel<ArchitectureView>

    static func panel(_ step: String, _ knobs: [String: String] = [:]) throws -> ArchPanel {
        try XCTUnwrap(LabFixtures.experiment("architectures", step, knobs).panel(ArchitectureView.self), "\(step) is an architecture panel")
    }

    /// The step's panel trained to the end of its budget in one go: the same numbers as space
    /// and ticks give (`ArchitectureViewTests.testOpensComputedAndTrainsInSlices`), without
    /// probing the weights after every slice.
    static func trained(_ step: String) -> ArchPanel {
        var p = try! panel(step)
        var run = p.data
        run.advance(maxSteps: p.spec.steps)
        p.replaceData(run)
        return p
    }

    static let manyToMany = trained("many-to-many")
    static let manyToOne = trained("many-to-one")
    static let oneToMany = trained("one-to-many")
    static let encoderDecoder = trained("encoder-decoder")

    static var text: String {
        (try? String(contentsOf: PackagePaths.lessons.appendingPathComponent("05-architectures.md"), encoding: .utf8)) ?? ""
    }

    /// The text with its line breaks as spaces, so a claim can be found whatever the wrapping.
    static var flat: String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }

    static func stepIndex(_ id: String) throws -> Int {
        let l = try XCTUnwrap(LabFixtures.shipped.first { $0.id == "architectures" })
        return try XCTUnwrap(l.steps.firstIndex { $0.id == id })
    }

    /// The panel drawn at 120 columns (what the side-by-side layout gives it, about 71).
    static func screen(_ panel: ArchPanel, width: Int = 71, height: Int = 30) -> String {
        var b = Buffer(size: Size(width: width, height: height))
        ArchitectureView.render(panel, in: b.area, into: &b, theme: LabTheme(.full))
        return b.text()
    }

    func assertSays(_ claim: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(Self.flat.contains(claim), "the lesson no longer says: \(claim)", file: file, line: line)
    }

    // MARK: The shapes

    /// "Press n and p to walk through the five drawings."
    func testTheTopologiesStep() throws {
        let e = try LabFixtures.experiment("architectures", "shapes")
        XCTAssertEqual(e.view, "topologies")
        XCTAssertEqual(e.steps, 5)
        XCTAssertEqual(e.time, 1)
        assertSays("Press **n** and **p** to walk through the five drawings.")
    }

    // MARK: Many to many

    /// "The panel draws T = 10 steps"; "Untrained, every L_t lies between 0.4 and 0.7, and L = 5.16."
    func testManyToManyUntrained() throws {
        let p = try Self.panel("many-to-many")
        let probe = p.data.probe
        XCTAssertEqual(p.spec.length, 10)
        XCTAssertEqual(probe.scoredSteps, Array(1...10), "a loss at every step")
        for l in probe.stepLosses { XCTAssertTrue((0.4...0.7).contains(l!), "\(l!)") }
        XCTAssertEqual(String(format: "%.2f", probe.total), "5.16")
        XCTAssertEqual(p.data.probeSize, 64)
        assertSays("The panel draws $T = 10$ steps")
        assertSays("averaged over 64 waves the network never trains on")
        assertSays("Untrained, every $L_t$ lies between 0.4 and 0.7, and $L = 5.16$.")
        XCTAssertTrue(Self.screen(p).contains("L = Σ Lₜ = 5.16  ·  on 64 held-out sequences"), Self.screen(p))
        // "the predictions ŷ_t above the boxes": the row is labelled as the prose writes it.
        assertSays("the predictions $\\hat{y}_t$ above the boxes")
        // (row labels are drawn when the panel has room for them: 200 columns give it 122)
        let rows = Self.screen(p, width: 122).split(separator: "\n").map(String.init)
        XCTAssertTrue(rows.contains { $0.hasPrefix("ŷₜ ") }, rows.joined(separator: "\n"))
        XCTAssertTrue(rows.contains { $0.hasPrefix("Lₜ ") } && rows.contains { $0.hasPrefix("xₜ ") })
        XCTAssertEqual(probe.total, probe.stepLosses.compactMap { $0 }.reduce(0, +), "L is the sum of the L_t drawn")
    }

    /// "After 300 steps L_1 is still about 0.09, while every L_t from t = 3 on is below 0.02";
    /// "The loss curve drops more than tenfold within the first 50 steps."
    func testManyToManyTrained() throws {
        let p = Self.manyToMany
        XCTAssertEqual(p.data.stepsTaken, 300)
        let l = p.data.probe.stepLosses.map { $0! }
        XCTAssertEqual(l[0], 0.09, accuracy: 0.01)
        for t in 3...10 { XCTAssertLessThan(l[t - 1], 0.02, "L_\(t)") }
        let loss = p.data.history.loss
        XCTAssertLessThan(loss[49], loss[0] / 10)
        assertSays("After 300 steps $L_1$ is still about 0.09, while every $L_t$ from $t = 3$ on is below 0.02.")
        assertSays("The loss curve drops more than tenfold within the first 50 steps.")
        let screen = Self.screen(p)
        XCTAssertTrue(screen.contains(graphLossText(l[0])), "L_1 on the graph")
        XCTAssertTrue(screen.contains("Lₜ largest at t = 1"), screen)
    }

    // MARK: Many to one

    /// "Untrained, L = 1.08, close to ln 3 ≈ 1.10"; "after 300 steps more than 95 % of the 64
    /// held-out waves are named correctly, and the example under the graph (a sine wave) is
    /// called sine with more than 80 %."
    func testManyToOne() throws {
        let untrained = try Self.panel("many-to-one")
        XCTAssertEqual(untrained.data.probe.scoredSteps, [16], "one loss, at the last of 16 steps")
        XCTAssertEqual(String(format: "%.2f", untrained.data.probe.total), "1.08")
        XCTAssertEqual(String(format: "%.2f", log(3.0)), "1.10")
        assertSays("Untrained, $L = 1.08$, close to $\\ln 3 \\approx 1.10$")
        assertSays("$$L = L_T$$")
        XCTAssertTrue(Self.screen(untrained).contains("L = L_T = 1.08"), Self.screen(untrained))
        // The class name stands whole over the last box, at the claims' width and at 80 columns.
        let guess = try XCTUnwrap(untrained.data.probe.outputs.last ?? nil)
        XCTAssertEqual(guess, "sawtooth", "the untrained guess (the longest name)")
        for width in [71, 78, 122] {
            XCTAssertTrue(Self.screen(untrained, width: width).contains(" sawtooth"), Self.screen(untrained, width: width))
        }
        let p = Self.manyToOne
        XCTAssertEqual(p.data.stepsTaken, 300)
        XCTAssertGreaterThan(try XCTUnwrap(p.data.probe.accuracy), 0.95)
        XCTAssertEqual(p.data.probe.label, 0, "the example is a sine wave")
        XCTAssertGreaterThan(p.data.probe.probabilities[0], 0.8)
        assertSays("after 300 steps more than 95 % of the 64 held-out waves are named correctly, and the example under the graph (a sine wave) is called sine with more than 80 %.")
        let screen = Self.screen(p)
        XCTAssertTrue(screen.contains("example, a sine wave → "), screen)
        XCTAssertTrue(screen.contains("sine \(Int((p.data.probe.probabilities[0] * 100).rounded())) %"), screen)
    }

    // MARK: One to many

    /// The words of the grammar the chars task learns from.
    static let grammarWords: Set<String> = Set(String(CharsTask().corpus).split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) })

    static func words(_ sample: String) -> [String] {
        sample.split(separator: " ").map { $0.trimmingCharacters(in: .punctuationCharacters) }.filter { !$0.isEmpty }
    }

    /// The fraction of a sample's words that are words of the grammar (the last word is left
    /// out: the sample's length may cut it).
    static func real(_ sample: String) -> Double {
        let w = words(sample).dropLast()
        return Double(w.filter(grammarWords.contains).count) / Double(max(1, w.count))
    }

    /// "each of the 23 characters it knows"; "Untrained, every L_t is near ln 23 ≈ 3.1: pure
    /// guessing, and the text under the graph is random letters."
    func testOneToManyUntrained() throws {
        let p = try Self.panel("one-to-many")
        XCTAssertEqual(CharsTask().vocabulary.count, 23)
        assertSays("each of the 23 characters it knows")
        for l in p.data.probe.stepLosses { XCTAssertEqual(l!, log(23), accuracy: 0.2) }
        XCTAssertEqual(String(format: "%.1f", log(23.0)), "3.1")
        assertSays("Untrained, every $L_t$ is near $\\ln 23 \\approx 3.1$: pure guessing, and the text under the graph is random letters.")
        let sample = try XCTUnwrap(p.data.probe.sample)
        XCTAssertTrue(sample.hasPrefix("t"), "from a single character, t")
        XCTAssertLessThan(Self.real(sample), 0.2, sample)
        XCTAssertEqual(p.data.probe.inputs.dropFirst().joined(), p.data.probe.outputs.dropLast().map { $0! }.joined(),
                       "from t = 2 on each input is the output drawn one step before")
        assertSays("The loops carry each output round: from $t = 2$ on, each input under the boxes is the output drawn one step before.")
        XCTAssertTrue(Self.screen(p).contains("└──→"), "the loops are drawn")
    }

    /// "After 300 steps the text is mostly words of the grammar it learnt from, and L_1 is by
    /// far the largest L_t (above 1.5)"; τ 0.2: every word real, the same few words again and
    /// again; τ 2: fewer than half real; T / t / r never restart the training.
    func testOneToManyTrainedAndTheTemperature() throws {
        var p = Self.oneToMany
        XCTAssertEqual(p.data.stepsTaken, 300)
        XCTAssertEqual(p.data.temperature, 1)
        XCTAssertGreaterThan(Self.real(try XCTUnwrap(p.data.probe.sample)), 0.5)
        let l = p.data.probe.stepLosses.map { $0! }
        XCTAssertGreaterThan(l[0], 1.5)
        XCTAssertGreaterThan(l[0], 1.5 * l.dropFirst().max()!, "by far the largest")
        assertSays("After 300 steps the text is mostly words of the grammar it learnt from, and $L_1$ is by far the largest $L_t$ (above 1.5)")
        // T: 1.0 → 0.9, the steps stay; then the panel at 0.2 (eight presses of T).
        ArchitectureViewTests.send(.turn("temperature", .down), to: &p)
        XCTAssertEqual(p.data.temperature, 0.9, accuracy: 1e-9)
        XCTAssertEqual(p.data.stepsTaken, 300, "training does not restart")
        p.replaceData(p.data.resampled(temperature: 0.2))
        XCTAssertEqual(p.data.stepsTaken, 300, "training does not restart")
        let cold = try XCTUnwrap(p.data.probe.sample)
        XCTAssertEqual(Self.real(cold), 1, cold)
        let w = Self.words(cold).dropLast()
        XCTAssertLessThan(Double(Set(w).count) / Double(w.count), 0.3, "the same few words again and again: \(cold)")
        assertSays("At $\\tau = 0.2$ the likeliest characters win almost every draw: every word is a real word, and the same few words come back again and again.")
        XCTAssertTrue(Self.screen(p).contains("τ 0.2, from 't': " + String(cold.prefix(20))))
        ArchitectureViewTests.send(.turn("temperature", .up), to: &p)
        XCTAssertEqual(p.data.temperature, 1, accuracy: 1e-9, "t raises τ by 0.1")
        p.replaceData(p.data.resampled(temperature: 2))
        XCTAssertLessThan(Self.real(try XCTUnwrap(p.data.probe.sample)), 0.5)
        assertSays("At $\\tau = 2$ the unlikely characters get their chance: fewer than half of the words are real.")
        ArchitectureViewTests.send(.turn("temperature", .down), to: &p)
        ArchitectureViewTests.send(.resetKnobs, to: &p)
        XCTAssertEqual(p.data.temperature, 1)
        XCTAssertEqual(p.data.stepsTaken, 300)
        assertSays("**r** puts the temperature back to 1.")
        assertSays("Press **T** to lower it and **t** to raise it (0.1 … 2.0).")
        let knob = try XCTUnwrap(Knobs.named("temperature"))
        XCTAssertEqual(knob.down, .character("T"))
        XCTAssertEqual(knob.up, .character("t"))
        XCTAssertEqual(knob.clamped(0).value, 0.1)
        XCTAssertEqual(knob.clamped(9).value, 2.0)
    }

    /// The keys of the step work in the whole app while it trains: space starts, a tick runs
    /// a slice, `T` lowers τ without stopping or restarting the run.
    func testOneToManyKeysWhileTraining() throws {
        var p = LabFixtures.shipped("architectures", Size(width: 80, height: 24), step: try Self.stepIndex("one-to-many"))
        _ = p.update(.key(.character(" ")))
        _ = Runtime.perform(p.update(.tick), on: &p)
        var frame = LabFixtures.frame(p).text()
        XCTAssertTrue(frame.contains("running"))
        XCTAssertFalse(frame.contains("step 0 / 300"), frame)
        _ = p.update(.key(.character("T")))
        frame = LabFixtures.frame(p).text()
        XCTAssertTrue(frame.contains("τ 0.9"), frame)
        XCTAssertTrue(frame.contains("running"), "still training after the key")
        XCTAssertFalse(frame.contains("step 0 / 300"), "not restarted")
    }

    // MARK: Encoder-decoder

    /// "Untrained, 20 % of the held-out symbols are right (guessing gives 25 %) and L = 7.41";
    /// "h_5: 8 numbers, shown under the graph"; "after 600 steps more than 99 % are right".
    func testEncoderDecoder() throws {
        let untrained = try Self.panel("encoder-decoder")
        XCTAssertEqual(Int((try XCTUnwrap(untrained.data.probe.accuracy) * 100).rounded()), 20)
        XCTAssertEqual(untrained.data.task.chanceAccuracy, 0.25)
        XCTAssertEqual(String(format: "%.2f", untrained.data.probe.total), "7.41")
        assertSays("Untrained, 20 % of the held-out symbols are right (guessing gives 25 %) and $L = 7.41$.")
        XCTAssertTrue(Self.screen(untrained).contains("accuracy 20 % (chance 25 %)"))
        // The decoder's losses are L_s, on the screen as in the prose.
        assertSays("$L = \\sum_{s=1}^{5} L_s$")
        let screen = Self.screen(untrained)
        XCTAssertTrue(screen.contains("L = Σ Lₛ = 7.41"), screen)
        let rows = Self.screen(untrained, width: 122).split(separator: "\n").map(String.init)
        XCTAssertTrue(rows.contains { $0.hasPrefix("Lₛ ") } && rows.contains { $0.hasPrefix("ŷₛ ") }, screen)
        XCTAssertEqual(untrained.data.probe.handover.count, 8)
        XCTAssertEqual(untrained.data.probe.inputs.count, 5)
        XCTAssertEqual(untrained.data.probe.decoderInputs, ["#1", "#2", "#3", "#4", "#5"])
        assertSays("so everything it says about the symbols has to pass through $h_5$: 8 numbers, shown under the graph.")
        let narrow = Self.screen(untrained, width: 78, height: 12)
        XCTAssertTrue(narrow.contains("h₅ handed over:"), narrow)
        let p = Self.encoderDecoder
        XCTAssertEqual(p.data.stepsTaken, 600)
        XCTAssertGreaterThan(try XCTUnwrap(p.data.probe.accuracy), 0.99)
        assertSays("Press **space**: after 600 steps more than 99 % are right.")
        XCTAssertNotEqual(p.data.probe.handover, untrained.data.probe.handover, "the numbers move while it trains")
        // Which L_s falls last changes over training (L4 or L5): the recap no longer asks.
        XCTAssertFalse(Self.flat.contains("falls last"))
    }
}

extension Lesson5ClaimsTests {
    /// "The lecture draws five shapes. The first, one to one, is a plain feed-forward network";
    /// the four of the lesson in the order of its list, with the list's examples.
    func testTheFiveDrawingsInTheListsOrder() throws {
        let t = SequenceTopologies.all
        XCTAssertEqual(t.map(\.title), ["one to one", "one to many", "many to one", "many to many", "many to many"])
        XCTAssertEqual(t[0].inputs, [true])
        XCTAssertTrue(t[1].example.hasPrefix("image captioning"))
        XCTAssertTrue(t[2].example.hasPrefix("sentiment"))
        XCTAssertTrue(t[3].example.hasPrefix("machine translation"))
        XCTAssertEqual(t[3].outputs.prefix(3), [false, false, false], "delayed: read first, then write")
        XCTAssertTrue(t[4].example.hasPrefix("video"))
        XCTAssertEqual(t[4].outputs, t[4].inputs, "an output at every step")
        assertSays("The first, one to one, is a plain feed-forward network with no sequence at all.")
        assertSays("- **one to many**: one input, a sequence out (image captioning); - **many to one**: a sequence in, one answer out (sentiment of a sentence); - **many to many**, delayed: read the whole sequence, then write another one (machine translation: the encoder-decoder); - **many to many**, step by step: an output at every step (video frames, time series).")
    }

    /// The tasks as the prose names them: many to many predicts the next value of a sine wave
    /// and its loss curve shows L / T; many to one tells sine, square or sawtooth from 16 steps,
    /// on 64 held-out waves; one to many's L_t are averaged over 64 held-out pieces of text;
    /// the encoder-decoder reads five symbols A to D and, trained, says them backwards.
    func testTheTasksAsTheProseNamesThem() throws {
        // The curve's first point (the untrained weights on a training batch) is about L / T,
        // in the L_t's range 0.4 … 0.7, not near L = 5.16.
        let first = Self.manyToMany.data.history.loss[0]
        XCTAssertTrue((0.4...0.7).contains(first), "the curve shows the mean, not L: \(first)")
        assertSays("The curve at the bottom shows that mean.")
        let m2o = try Self.panel("many-to-one")
        XCTAssertEqual(m2o.data.probe.classNames, ["sine", "square", "sawtooth"])
        XCTAssertEqual(m2o.data.probe.inputs.count, 16)
        XCTAssertEqual(m2o.data.probeSize, 64)
        assertSays("Now the network reads a noisy wave of 16 steps and says only at the end which kind it is: sine, square or sawtooth.")
        XCTAssertEqual(Self.oneToMany.data.probeSize, 64)
        assertSays("averaged over 64 held-out pieces of text.")
        let untrained = try Self.panel("encoder-decoder")
        XCTAssertEqual(untrained.data.probe.inputs.count, 5)
        XCTAssertTrue(untrained.data.probe.inputs.allSatisfy { ["A", "B", "C", "D"].contains($0) }, "\(untrained.data.probe.inputs)")
        let trained = Self.encoderDecoder.data.probe
        XCTAssertEqual(trained.outputs.map { $0 ?? "" }, trained.inputs.reversed(), "said backwards")
        assertSays("Here the task is to read five symbols (A to D) and say them backwards.")
    }
}

/// A loss as the graph writes it (ArchitectureGraph.lossText), for the tests.
func graphLossText(_ v: Double) -> String {
    for digits in [2, 1] {
        let s = ChartNumber.compact(v, significant: digits)
        if s.count <= 6 { return s }
    }
    return ChartNumber.compact(v, significant: 1)
}
