import LessonKit

/// An open lesson: which step is shown, how far its prose is scrolled, and the live
/// experiment of that step. Changing step resets the scroll and builds a fresh experiment,
/// so every step starts from the same seeded picture.
public struct LessonSession: Hashable, Sendable {
    public let lesson: Lesson
    public private(set) var stepIndex: Int
    /// Rows of prose scrolled off the top.
    public var scroll: Int = 0
    /// The step's live experiment, if it has a lab block.
    public private(set) var experiment: LabExperiment?

    public init(lesson: Lesson, stepIndex: Int = 0) {
        self.lesson = lesson
        self.stepIndex = 0
        go(to: stepIndex)
    }

    public var step: LessonStep { lesson.steps[stepIndex] }
    public var stepCount: Int { lesson.steps.count }
    public var isRunning: Bool { experiment?.running ?? false }

    /// Shows step `index` (clamped) from its beginning.
    public mutating func go(to index: Int) {
        stepIndex = min(max(0, index), lesson.steps.count - 1)
        scroll = 0
        experiment = Self.experiment(for: lesson.steps[stepIndex])
    }

    /// Changes the experiment in place (time steps, running).
    public mutating func updateExperiment(_ change: (inout LabExperiment) -> Void) {
        guard var e = experiment else { return }
        change(&e)
        experiment = e
    }

    static func experiment(for step: LessonStep) -> LabExperiment? {
        step.lab.map(LabExperiment.init(spec:))
    }
}
