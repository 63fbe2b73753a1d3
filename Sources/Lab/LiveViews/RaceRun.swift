import RNNCore

/// Three training runs of the `race` view, one per cell (vanilla RNN, LSTM, GRU, in that
/// order), on the same task, data seed, hidden size and optimizer, advanced together.
///
/// A slice goes round the three models one optimizer step each, again and again, so none of
/// them gets ahead of the others by more than one step (fair interleaving). Each model's curve
/// depends only on its own `TrainRun`, which takes whole steps in order: the curves are the
/// same whatever the slicing. The time of each step is measured around that step alone with a
/// monotonic clock (inside the effect that runs the slice, never while drawing), so the
/// per-step times compare the cells, not the order they ran in.
public struct RaceRun: Hashable, Sendable {
    /// The cells, in the order of `runs`.
    public static let cells: [LabCell] = [.rnn, .lstm, .gru]

    public private(set) var runs: [TrainRun]
    /// Wall-clock time spent in each model's timed steps (`timedSteps` of them).
    public private(set) var trainingTime: [Duration]
    /// Steps of each model that were timed (those of slices; not the `start` steps taken
    /// before the panel opened, which `compute` takes without a clock so it stays pure).
    public private(set) var timedSteps: [Int]

    /// Three fresh runs.
    public init(_ runs: [TrainRun]) {
        precondition(runs.count == Self.cells.count, "RaceRun: one run per cell")
        self.runs = runs
        trainingTime = Array(repeating: .zero, count: runs.count)
        timedSteps = Array(repeating: 0, count: runs.count)
    }

    /// Every model diverged or took its whole budget.
    public var isFinished: Bool { runs.allSatisfy(\.isFinished) }
    /// The steps of the model that took the fewest (the race's position).
    public var stepsTaken: Int { runs.map(\.stepsTaken).min() ?? 0 }
    /// Steps taken by all three together.
    public var totalSteps: Int { runs.reduce(0) { $0 + $1.stepsTaken } }
    /// The step budget of each model.
    public var budget: Int { runs.first?.budget ?? 0 }

    /// Measured seconds per optimizer step of model `i`; nil before a timed step.
    public func secondsPerStep(_ i: Int) -> Double? {
        guard timedSteps[i] > 0 else { return nil }
        let c = trainingTime[i].components
        return (Double(c.seconds) + Double(c.attoseconds) * 1e-18) / Double(timedSteps[i])
    }

    /// Parameters of model `i`: its cell and its output layer.
    public func parameterCount(_ i: Int) -> Int { runs[i].trainer.model.parameterCount }

    /// The mean batch accuracy of model `i` over its last `window` steps (nil for a task
    /// without accuracy, or before a step). One batch of 32 guesses is noisy; a window is not.
    public func recentAccuracy(_ i: Int, window: Int = RaceRun.accuracyWindow) -> Double? {
        let tail = runs[i].history.records.suffix(window).compactMap(\.accuracy)
        return tail.isEmpty ? nil : tail.reduce(0, +) / Double(tail.count)
    }

    /// The steps the accuracy column averages over.
    public static let accuracyWindow = 20

    /// Goes round the models, one optimizer step each, at most `maxRounds` times, stopping
    /// after a round once `budget` of wall-clock time has passed (so a slice always takes one
    /// round when the race is not over). With `timed`, each step's time is added to its
    /// model's. Returns the steps taken by all three together.
    @discardableResult
    public mutating func advance(maxRounds: Int, budget: Duration? = nil, timed: Bool = true) -> Int {
        let clock = ContinuousClock()
        let start = clock.now
        var taken = 0
        var rounds = 0
        while rounds < maxRounds, !isFinished {
            for i in runs.indices where !runs[i].isFinished {
                if timed {
                    let before = clock.now
                    taken += runs[i].advance(maxSteps: 1)
                    trainingTime[i] += clock.now - before
                    timedSteps[i] += 1
                } else {
                    taken += runs[i].advance(maxSteps: 1)
                }
            }
            rounds += 1
            if let budget, clock.now - start >= budget { break }
        }
        return taken
    }

    /// Whether `later` is this race carried further: a slice's result is only taken when it
    /// continues what the panel shows (a knob turned meanwhile starts a new race).
    public func isContinued(by later: RaceRun) -> Bool {
        zip(runs, later.runs).allSatisfy { $0.isContinued(by: $1) }
    }
}
