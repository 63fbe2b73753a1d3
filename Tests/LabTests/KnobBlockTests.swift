import Lab
import LessonKit
import XCTest

/// `knobs:` in a lab block: known names only, each once, with FILE:LINE errors.
final class KnobBlockTests: XCTestCase {
    private func errors(_ block: String) -> [String] {
        let text = "---\nid: k\ntitle: K\nsummary: S\n---\n## Step\n```lab\n" + block + "\n```\n"
        do {
            _ = try LessonParser.parse(text, file: "k.md")
            return []
        } catch {
            return error.errors.map(\.description)
        }
    }

    func testUnknownKnobIsAnErrorWithItsLine() {
        XCTAssertEqual(errors("view: states\nsigma: 1\nknobs: [sigma, temperature]"),
                       ["k.md:10: unknown knob 'temperature' (known: \(CellSpec.knobNames.joined(separator: ", ")))"])
    }

    func testAKnobListedTwice() {
        XCTAssertEqual(errors("view: states\nknobs: [seed, seed]"), ["k.md:9: knob 'seed' is listed twice"])
    }

    func testSigmaNeedsAStartingValue() {
        XCTAssertEqual(errors("view: states\nknobs: [sigma]"),
                       ["k.md:9: the 'sigma' knob needs a starting value: add 'sigma: 1.0' (or another) to the block"])
    }

    func testOneWordIsAListOfOne() throws {
        let lesson = try LessonParser.parse("---\nid: k\ntitle: K\nsummary: S\n---\n## S\n```lab\nview: states\nknobs: seed\n```\n", file: "k.md")
        let e = try XCTUnwrap(lesson.steps[0].lab.flatMap(LabExperiment.init(spec:)))
        XCTAssertEqual(e.knobs.map(\.name), ["seed"])
    }

    /// `input` is the input signal's knob; on an LSTM step that lists only `input-gate`, the
    /// issue's `--knob input=0` reaches the input gate.
    func testInputIsTheGateWhereNoSignalKnobIsListed() throws {
        let gate = try LessonParser.parse("---\nid: k\ntitle: K\nsummary: S\n---\n## S\n```lab\nview: cell\ncell: lstm\nknobs: [forget, input-gate]\n```\n", file: "k.md")
        let e = try XCTUnwrap(gate.steps[0].lab.flatMap(LabExperiment.init(spec:)))
        XCTAssertEqual(e.knobs.named("input")?.name, "input-gate")
        XCTAssertEqual(e.knobs.named("input-gate")?.name, "input-gate")
        let signal = try LessonParser.parse("---\nid: k\ntitle: K\nsummary: S\n---\n## S\n```lab\nview: states\nknobs: [input]\n```\n", file: "k.md")
        let s = try XCTUnwrap(signal.steps[0].lab.flatMap(LabExperiment.init(spec:)))
        XCTAssertEqual(s.knobs.named("input")?.name, "input")
    }
}
