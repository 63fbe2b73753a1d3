import RNNCore

/// A training run the `train` view shows: RNNCore's `Trainer` as a value the lab can step a
/// few optimizer steps at a time between frames.
///
/// The curve never depends on how the run was sliced: every slice takes whole optimizer
/// steps, one after another, and each step depends only on the trainer's state (its weights,
/// optimizer moments and the seeded data stream). A time budget only decides where a slice
/// stops, so two runs with the same seed are the same bit for bit whatever the slices were.
public struct TrainRun: Hashable, Sendable {
    public private(set) var trainer: Trainer

    /// A fresh run: weights drawn from the configuration's seed (σ_max-rescaled when it says
    /// so), no step taken.
    public init(task: any SequenceTask, configuration: TrainingConfiguration) {
        trainer = Trainer(task: task, configuration: configuration)
    }

    public var configuration: TrainingConfiguration { trainer.configuration }
    /// One record per optimizer step taken: loss, gradient norm before and after clipping.
    public var history: TrainingHistory { trainer.history }
    /// Set once the loss or the gradient norm stopped being finite.
    public var divergence: Divergence? { trainer.divergence }
    public var stepsTaken: Int { trainer.stepsTaken }
    /// The step budget.
    public var budget: Int { trainer.configuration.steps }
    /// Diverged, or every step of the budget taken.
    public var isFinished: Bool { trainer.isFinished }

    /// Takes up to `maxSteps` optimizer steps, one at a time, and stops early once `budget`
    /// of wall-clock time has passed (checked after each step, so a slice always takes at
    /// least one step when the run is not over). Returns the steps taken.
    @discardableResult
    public mutating func advance(maxSteps: Int, budget: Duration? = nil) -> Int {
        let clock = ContinuousClock()
        let start = clock.now
        var taken = 0
        while taken < maxSteps, trainer.step() != nil {
            taken += 1
            if let budget, clock.now - start >= budget { break }
        }
        return taken
    }

    /// Whether `later` is this run carried further (same task and settings, at least as many
    /// steps): a slice's result is only taken when it continues what the panel shows.
    public func isContinued(by later: TrainRun) -> Bool {
        later.configuration == configuration && later.trainer.task.summary == trainer.task.summary
            && later.stepsTaken >= stepsTaken
    }

    /// Runs are equal when they have the same task, settings and number of steps taken: the
    /// trainer is deterministic, so those fix every weight and every point of the curve.
    public static func == (a: TrainRun, b: TrainRun) -> Bool {
        a.configuration == b.configuration && a.trainer.task.summary == b.trainer.task.summary
            && a.stepsTaken == b.stepsTaken
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(configuration)
        hasher.combine(stepsTaken)
    }
}
