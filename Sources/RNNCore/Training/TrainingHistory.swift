/// One optimizer step, as recorded.
public struct TrainingStepRecord: Sendable, Hashable {
    /// 1-based step number.
    public var step: Int
    /// Loss of the training batch before the update.
    public var loss: Double
    /// Accuracy on the training batch, where the task has one.
    public var accuracy: Double?
    /// ‖∂L/∂θ‖ over all parameters, before and after clipping.
    public var gradNormBefore: Double
    public var gradNormAfter: Double
    /// Mean over the batch of ‖∂L/∂h_0‖ (the gradient that reaches the first step of the
    /// cell): the vanishing-gradient signal.
    public var firstStepGradNorm: Double
}

/// The curves of a run, one entry per step taken.
public struct TrainingHistory: Sendable, Hashable {
    public var records: [TrainingStepRecord] = []
    public init() {}

    public var loss: [Double] { records.map(\.loss) }
    public var gradNormBefore: [Double] { records.map(\.gradNormBefore) }
    public var gradNormAfter: [Double] { records.map(\.gradNormAfter) }
    public var firstStepGradNorm: [Double] { records.map(\.firstStepGradNorm) }
    public var accuracy: [Double] { records.compactMap(\.accuracy) }
    /// The smallest finite loss (nil when there is none).
    public var bestLoss: Double? { loss.filter(\.isFinite).min() }
}

/// Why a run stopped early.
public struct Divergence: Sendable, Hashable, CustomStringConvertible {
    public var step: Int
    public var reason: String
    public var description: String { "diverged at step \(step): \(reason)" }
}
