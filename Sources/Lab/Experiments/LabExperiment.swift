import LessonKit
import RNNCore

/// The live state of a step's lab: for the cell views (states, heatmap, gates) a seeded cell
/// run once over the whole input; for every view the time step the learner is looking at
/// (for `topologies`, the highlighted topology).
///
/// The whole sequence is computed when the step opens (it is tiny); moving in time only
/// changes `time`, so stepping back is exact and every frame is reproducible.
public struct LabExperiment: Hashable, Sendable {
    public let spec: LabSpec
    /// x_1 … x_T.
    public let inputs: [Double]
    /// h_1 … h_T, each of length H: `states[t - 1][i]` is unit i + 1 at step t.
    public let states: [[Double]]
    /// Gate activations by name ("i", "f", "g", "o" or "r", "z", "n"): `gates[name][t - 1][i]`.
    /// Empty for the vanilla RNN and for the diagram views.
    public let gates: [String: [[Double]]]
    /// The current step t, 1 … T: the chart shows x and h up to and including t.
    public private(set) var time: Int
    /// Whether ticks advance time (space toggles; reaching T stops it).
    public private(set) var running = false

    public init(spec: LabSpec) {
        self.spec = spec
        if spec.view.runsCell {
            inputs = InputSignal.values(for: spec)
            let run = CellRunner.run(parameters: CellRunner.parameters(for: spec), inputs: inputs)
            states = run.states
            gates = run.gates
        } else {
            inputs = []
            states = []
            gates = [:]
        }
        time = min(max(1, spec.start), spec.steps)
    }

    /// The number of steps T.
    public var steps: Int { spec.steps }
    public var atEnd: Bool { time >= steps }

    /// x_t at the current step.
    public var currentInput: Double { inputs.isEmpty ? 0 : inputs[time - 1] }
    /// h_t at the current step.
    public var currentState: [Double] { states.isEmpty ? [] : states[time - 1] }

    /// One step forward (stops at T).
    public mutating func forward() { time = min(steps, time + 1) }
    /// One step back (stops at 1); pauses, because stepping by hand means "let me look".
    public mutating func back() {
        running = false
        time = max(1, time - 1)
    }

    /// Jumps to step t, clamped to 1 … T.
    public mutating func setTime(_ t: Int) { time = min(steps, max(1, t)) }

    /// Space: run or pause. At the last step, running starts over from t = 1.
    public mutating func toggleRunning() {
        if running {
            running = false
        } else {
            if atEnd { time = 1 }
            running = true
        }
    }

    /// A timer tick: one step forward while running; stops at the last step.
    public mutating func tick() {
        guard running else { return }
        forward()
        if atEnd { running = false }
    }

    /// Stops the animation (for leaving the step).
    public mutating func pause() { running = false }
}
