import Exercises
import LessonKit
import RNNCore

/// The Lab's side of a challenge: the step's live panel, built from its lab block, with the
/// knobs set as the learner set them, and the challenge's metric read from what the view
/// computed (the numbers the learner sees).
///
/// - `gradient-ratio`: ‖∂L/∂h_1‖ / ‖∂L/∂h_T‖ of a `gradients` panel (`GradientFlow`), or the
///   LSTM's ‖∂L/∂c_1‖ / ‖∂L/∂c_T‖ of a `highway` panel (`CellStateHighway`);
/// - `memory-steps`: on a panel that runs a cell (`states`, `heatmap`, `gates`, `cell`) with
///   `input: pulse`, the echo of the pulse at step t is ‖s_t − s⁰_t‖, the state (c_t for an
///   LSTM, h_t otherwise) minus the state of the same cell fed zeros: what the pulse changed.
///   The measure is the number of steps after t = 1 before the echo first falls below 1 % of
///   its size at t = 1 (T − 1 when it never does).
///
/// Each measurement is one recomputation of the panel (what turning the knob costs anyway).
public struct ChallengeMeasure: ChallengeMeasurer {
    /// The panel as the step opens.
    public let experiment: LabExperiment
    let spec: AnyLabSpec

    /// The fraction of the pulse's first echo below which it counts as forgotten.
    public static let echoFloor = 0.01

    /// The measurer of a step's lab block; nil when no view reads it.
    public init?(spec: AnyLabSpec) {
        guard let e = LabExperiment(spec: spec) else { return nil }
        experiment = e
        self.spec = spec
    }

    public func knob(_ name: String) throws(ExerciseError) -> ChallengeKnob {
        guard let k = experiment.knobs.first(where: { $0.name == name }) else {
            throw ExerciseError.unreadable("this step has no knob '\(LessonError.escaped(name))'\(knobList)")
        }
        let settings: [Double]
        switch k.domain {
        case .range(let r, let step, let digits):
            let n = Int(((r.upperBound - r.lowerBound) / step + 1e-9).rounded(.down))
            let scale = (0..<digits).reduce(1.0) { p, _ in p * 10 }
            settings = (0...n).map { ((r.lowerBound + Double($0) * step) * scale).rounded() / scale }
        case .choices(let words): settings = words.indices.map(Double.init)
        // A seed has no order worth searching far: its first hundred draws.
        case .counter(let r): settings = Array(stride(from: r.lowerBound, through: min(r.upperBound, r.lowerBound + 99), by: 1))
        }
        let start = experiment.values[name] ?? k.clamped(0).value
        return ChallengeKnob(name: name, start: start, settings: settings, shown: { k.display($0) })
    }

    public func measure(_ metric: String, knobs: [String: Double]) throws(ExerciseError) -> Double {
        var e = experiment
        for name in knobs.keys.sorted() {
            let v = knobs[name]!
            guard let k = e.knobs.first(where: { $0.name == name }) else {
                throw ExerciseError.unreadable("this step has no knob '\(LessonError.escaped(name))'\(knobList)")
            }
            guard v.isFinite, !k.clamped(v).clamped, Self.fits(k, v) else {
                throw ExerciseError.unreadable("\(name)=\(v.isFinite ? VariedNumber.shown(v) : "\(v)") is out of range: \(name) takes \(k.accepted)")
            }
        }
        e.setKnobs(knobs)
        switch metric {
        case "gradient-ratio":
            if let flow = e.data(GradientsView.self) { return Self.ratio(flow.gradient) }
            if let highway = e.data(HighwayView.self) { return Self.ratio(highway.gradC) }
            throw ExerciseError.invalid("'gradient-ratio' is measured on a 'gradients' or 'highway' panel; this step's is '\(e.view)'")
        case "memory-steps":
            return try memorySteps(e)
        default:
            throw ExerciseError.invalid("unknown challenge metric '\(LessonError.escaped(metric))'")
        }
    }

    /// ‖g_1‖ / ‖g_T‖; NaN when the gradient is not finite.
    static func ratio(_ line: [Double]) -> Double {
        guard let first = line.first, let last = line.last, first.isFinite, last.isFinite, last > 0 else { return .nan }
        return first / last
    }

    /// A choice is a whole index and a counter a whole number.
    static func fits(_ k: Knob, _ v: Double) -> Bool {
        switch k.domain {
        case .range: return true
        case .choices, .counter: return v.rounded() == v
        }
    }

    private var knobList: String {
        let names = experiment.knobs.map(\.name)
        return names.isEmpty ? " (it has none)" : " (it has \(names.joined(separator: ", ")))"
    }

    /// The pulse's echo, kept for how many steps (see the type's documentation).
    private func memorySteps(_ e: LabExperiment) throws(ExerciseError) -> Double {
        let run: CellRunner.Run? = e.data(StatesView.self) ?? e.data(HeatmapView.self) ?? e.data(GatesView.self)
            ?? e.data(CellDiagramView.self)
        guard let run, let cell = (spec.base as? any RunsCell)?.cell else {
            throw ExerciseError.invalid("'memory-steps' is measured on a panel that runs a cell (states, heatmap, gates, cell); this step's is '\(e.view)'")
        }
        guard e.values.input == .pulse else {
            throw ExerciseError.invalid("'memory-steps' measures the echo of a pulse: the step's lab block needs 'input: pulse'")
        }
        var quiet = e.values
        quiet.setChoice("input", LabInput.zeros)
        let base = CellRunner.run(cell, quiet)
        let lstm = !run.cellStates.isEmpty
        let states = lstm ? run.cellStates : run.states
        let baseStates = lstm ? base.cellStates : base.states
        let echo = zip(states, baseStates).map { s, b in zip(s, b).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }.squareRoot() }
        guard let first = echo.first, first > 0 else { return 0 }
        let forgotten = echo.firstIndex { !($0 >= Self.echoFloor * first) } ?? echo.count
        return Double(forgotten - 1)
    }
}
