import Exercises
import Lab
import LessonKit
import XCTest

/// The Lab's side of a challenge: the metric read from the step's panel as the learner sees it.
final class ChallengeMeasureTests: XCTestCase {
    private func measure(_ block: String) throws -> ChallengeMeasure {
        let text = "---\nid: t\ntitle: T\nsummary: S.\n---\n\n## M\n\n```lab\n\(block)\n```\n"
        let l = try LessonParser.parse(text, file: "t.md", labs: ViewRegistry.blocks)
        return try XCTUnwrap(ChallengeMeasure(spec: XCTUnwrap(l.steps[0].lab)))
    }

    private let gradients = """
    view: gradients
    cell: rnn
    hidden: 8
    steps: 50
    seed: 1
    weights: orthogonal
    amplitude: 0.01
    sigma: 0.5
    knobs: [sigma, seed]
    """

    private let pulse = """
    view: states
    cell: lstm
    hidden: 4
    input: pulse
    steps: 60
    seed: 7
    knobs: [forget-bias, forget]
    """

    func testGradientRatioIsThePanelsOwnNumbers() throws {
        let m = try measure(gradients)
        for sigma in [0.5, 0.9, 1.0, 1.1] {
            var e = m.experiment
            e.setKnob("sigma", to: sigma)
            let flow = try XCTUnwrap(e.data(GradientsView.self))
            XCTAssertEqual(try m.measure("gradient-ratio", knobs: ["sigma": sigma]), flow.gradient[0] / flow.gradient[49])
        }
        // Orthogonal, linear: σ^49 each way.
        XCTAssertEqual(try m.measure("gradient-ratio", knobs: ["sigma": 0.9]), pow(0.9, 49), accuracy: 0.1 * pow(0.9, 49))
        XCTAssertEqual(try m.measure("gradient-ratio", knobs: [:]), try m.measure("gradient-ratio", knobs: ["sigma": 0.5]))
        // On a highway panel: the LSTM's ‖∂L/∂c_1‖ / ‖∂L/∂c_T‖.
        let h = try measure("view: highway\ncell: lstm\nhidden: 8\nsteps: 40\nseed: 3\nsigma: 1.0\nknobs: [forget-bias]")
        var e = h.experiment
        e.setKnob("forget-bias", to: 3)
        let hw = try XCTUnwrap(e.data(HighwayView.self))
        XCTAssertEqual(try h.measure("gradient-ratio", knobs: ["forget-bias": 3]), hw.gradC[0] / hw.gradC[39])
    }

    func testMemoryStepsOfAPulse() throws {
        let m = try measure(pulse)
        XCTAssertEqual(try m.measure("memory-steps", knobs: [:]), 7)
        XCTAssertEqual(try m.measure("memory-steps", knobs: ["forget-bias": 2]), 38)
        // f forced to 1: nothing is ever lost, the pulse stays through all 60 steps.
        XCTAssertEqual(try m.measure("memory-steps", knobs: ["forget": 1]), 59)
        // f forced to 0: the cell state forgets at once; what is left comes back through h.
        XCTAssertLessThan(try m.measure("memory-steps", knobs: ["forget": 2]), 7)
        // A vanilla RNN's echo is in h_t.
        let rnn = try measure("view: heatmap\ncell: rnn\nhidden: 3\ninput: pulse\nsteps: 40\nseed: 7\nsigma: 0.5\nknobs: [sigma]")
        XCTAssertLessThan(try rnn.measure("memory-steps", knobs: ["sigma": 0.5]), try rnn.measure("memory-steps", knobs: ["sigma": 0.9]))
    }

    func testBadKnobsAndMetrics() throws {
        let m = try measure(gradients)
        XCTAssertThrowsError(try m.measure("gradient-ratio", knobs: ["forget-bias": 1])) { e in
            XCTAssertEqual(e as? ExerciseError, .unreadable("this step has no knob 'forget-bias' (it has sigma, seed)"))
        }
        XCTAssertThrowsError(try m.measure("gradient-ratio", knobs: ["sigma": 5])) { e in
            XCTAssertEqual(e as? ExerciseError, .unreadable("sigma=5 is out of range: sigma takes a number from 0.10 to 3.00"))
        }
        XCTAssertThrowsError(try m.measure("gradient-ratio", knobs: ["sigma": .nan]))
        XCTAssertThrowsError(try m.measure("gradient-ratio", knobs: ["seed": 1.5]))
        XCTAssertThrowsError(try m.knob("clip"))
        XCTAssertThrowsError(try m.measure("memory-steps", knobs: [:])) { e in
            guard case .invalid = e as? ExerciseError else { return XCTFail("\(e)") }
        }
        XCTAssertThrowsError(try measure(pulse.replacingOccurrences(of: "pulse", with: "sine")).measure("memory-steps", knobs: [:])) { e in
            XCTAssertEqual(e as? ExerciseError, .invalid("'memory-steps' measures the echo of a pulse: the step's lab block needs 'input: pulse'"))
        }
        let k = try m.knob("sigma")
        XCTAssertEqual(k.start, 0.5)
        XCTAssertEqual(k.settings.count, 30)
        XCTAssertEqual(k.settings.first, 0.1)
        XCTAssertEqual(k.settings.last, 3.0)
    }

    /// The lab measures on every knob turn: one measurement must fit well inside a frame.
    func testMeasuringIsFast() throws {
        let cases: [(ChallengeMeasure, String, String)] = [
            (try measure(gradients), "gradient-ratio", "sigma"),
            (try measure(pulse), "memory-steps", "forget-bias"),
            (try measure("view: highway\ncell: lstm\nhidden: 8\nsteps: 40\nseed: 3\nsigma: 1.0\nknobs: [forget-bias]"), "gradient-ratio", "forget-bias"),
        ]
        for (m, metric, knob) in cases {
            let clock = ContinuousClock()
            let n = 20
            let elapsed = try clock.measure {
                for i in 0..<n { _ = try m.measure(metric, knobs: [knob: 1 + Double(i % 3) * 0.5]) }
            }
            let each = elapsed / n
            print("measure \(metric) on \(m.experiment.view): \(each) each (debug build)")
            XCTAssertLessThan(each, .milliseconds(40), "\(metric) on \(m.experiment.view)")
        }
    }

    /// What `rnnlab lessons` reports about a lesson's challenges, at the block's line.
    func testLessonProblems() throws {
        XCTAssertEqual(LabExercises.problems(LabFixtures.shipped), [])
        func problems(_ lab: String?, _ exercise: String) throws -> [String] {
            let text = "---\nid: t\ntitle: T\nsummary: S.\n---\n\n## M\n\n" + (lab.map { "```lab\n\($0)\n```\n\n" } ?? "")
                + "```exercise\nid: c\nkind: challenge\ntitle: C\ntask: Do it.\nsolution: So.\n\(exercise)\n```\n"
            let l = try LessonParser.parse(text, file: "t.md", labs: ViewRegistry.blocks)
            return LabExercises.problems([l]).map(\.description)
        }
        let ok = "metric: gradient-ratio\nat-most: [5, 20]\nknobs: [sigma]"
        XCTAssertEqual(try problems(gradients, ok), [])
        XCTAssertEqual(try problems(nil, ok), ["t.md:9: challenge 'c' needs a lab block in its step: the panel whose knobs it turns"])
        XCTAssertEqual(try problems(gradients, ok.replacingOccurrences(of: "[sigma]", with: "[clip]")),
                       ["t.md:21: challenge 'c': this step has no knob 'clip' (it has sigma, seed) (the block's 'knobs' must name knobs of the step's lab block)"])
        XCTAssertEqual(try problems(gradients, "metric: memory-steps\nat-least: 3\nknobs: [sigma]"),
                       ["t.md:21: challenge 'c': 'memory-steps' is measured on a panel that runs a cell (states, heatmap, gates, cell); this step's is 'gradients'"])
        // The hardest goal of the range decides: a factor of 1.001 is out of reach on the 0.1 grid.
        XCTAssertEqual(try problems(gradients, ok.replacingOccurrences(of: "[5, 20]", with: "[1.001, 20]")).first?.hasPrefix("t.md:21: challenge 'c': no setting of sigma reaches the goal"), true)
        XCTAssertEqual(try problems(pulse, "metric: memory-steps\nat-least: [30, 70]\nknobs: [forget-bias]").count, 1)
    }
}
