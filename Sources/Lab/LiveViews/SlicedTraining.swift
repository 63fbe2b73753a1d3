import TUI

/// Training that a panel runs in slices between frames (the `train` and `race` views).
///
/// A run takes whole optimizer steps in order, so its curves never depend on where the
/// slices stopped; a slice is an effect, run by the loop outside `view`, whose result comes
/// back to the view's `update` as `.result`.
public protocol SlicedRun: Hashable, Sendable {
    /// Diverged, or the whole budget taken.
    var isFinished: Bool { get }
    /// Where the panel's step counter stands.
    var stepsTaken: Int { get }
    /// Carries the run at most `maxSteps` steps (rounds, for a race) further, stopping early
    /// once `budget` of wall-clock time has passed (after at least one).
    mutating func advanceSlice(maxSteps: Int, budget: Duration?)
    /// Whether `later` is this run carried further (same settings, at least as far).
    func isContinued(by later: Self) -> Bool
}

extension TrainRun: SlicedRun {
    public mutating func advanceSlice(maxSteps: Int, budget: Duration?) { advance(maxSteps: maxSteps, budget: budget) }
}

extension RaceRun: SlicedRun {
    public mutating func advanceSlice(maxSteps: Int, budget: Duration?) { advance(maxRounds: maxSteps, budget: budget) }
}

/// The panel messages of a view that trains in slices, handled once for both views.
enum SlicedTraining {
    /// Space starts and pauses (after the end it starts over from `restart`, the same seed,
    /// so the same curves); a tick while running asks for a slice of at most `pace` steps and
    /// `budget` of time; `n` while paused takes one step; a slice's result is taken when it
    /// continues what the panel shows; a knob turn is a new run (`compute`). Training does
    /// not run backwards, and these views have no keys of their own.
    static func update<V: LabView>(_ panel: inout Panel<V>, _ message: PanelMessage, pace: Int, budget: Duration,
                                   name: String) -> Command<LabMessage> where V.Data: SlicedRun {
        switch message {
        case .toggleRunning:
            if !panel.timeline.running, panel.data.isFinished {
                panel.replaceData(V.compute(panel.spec, knobs: panel.values))
            }
            panel.timeline.toggleRunning()
            sync(&panel)
            return .none
        case .tick:
            guard panel.timeline.running else { return .none }
            guard !panel.data.isFinished else {
                sync(&panel)
                return .none
            }
            return slice(panel.data, maxSteps: pace, budget: budget, name: "\(name) slice")
        case .forward:
            guard !panel.timeline.running, !panel.data.isFinished else { return .none }
            return slice(panel.data, maxSteps: 1, budget: nil, name: "\(name) step")
        case .back, .action:
            return .none
        case .result(let result):
            guard let run = result.as(V.Data.self), panel.data.isContinued(by: run) else { return .none }
            panel.replaceData(run)
            sync(&panel)
            return .none
        case .turn, .resetKnobs:
            panel.apply(message)
            sync(&panel)
            return .none
        }
    }

    /// The effect that carries `run` up to `maxSteps` steps further.
    static func slice<R: SlicedRun>(_ run: R, maxSteps: Int, budget: Duration?, name: String) -> Command<LabMessage> {
        .perform(Effect(name) {
            var next = run
            next.advanceSlice(maxSteps: maxSteps, budget: budget)
            return .lesson(.panel(.result(PanelResult(next))))
        })
    }

    /// The timeline follows the run: its position is the steps taken, and it stops running
    /// when the run is over.
    static func sync<V: LabView>(_ panel: inout Panel<V>) where V.Data: SlicedRun {
        panel.timeline.set(max(1, panel.data.stepsTaken))
        if panel.timeline.running, panel.data.isFinished { panel.timeline.toggleRunning() }
    }

    /// Asks for ticks while running and not finished.
    static func tickInterval<V: LabView>(_ panel: Panel<V>, every: Duration) -> Duration? where V.Data: SlicedRun {
        panel.timeline.running && !panel.data.isFinished ? every : nil
    }
}
