/// Everything a training run needs besides the task. Unset values come from the task's defaults.
public struct TrainingConfiguration: Sendable, Hashable {
    public var cell: CellKind
    public var hidden: Int
    /// Optimizer steps (one batch each).
    public var steps: Int
    public var batch: Int
    public var learningRate: Double
    public var optimizer: OptimizerKind
    /// Clip by global norm to this value (nil: no clipping).
    public var clipNorm: Double?
    /// Clip every gradient entry to ±this value (nil: no clipping). Applied after `clipNorm`.
    public var clipValue: Double?
    /// Rescale the initial recurrent matrix to this largest singular value σ_max (the
    /// exploding-gradient demonstration: σ_max > 1 makes ∏ W_hhᵀ grow). Uses
    /// `CellParameters.rescaled(spectralNorm:)`: W_hh for the RNN, each gate block of W_h for
    /// the LSTM and GRU.
    public var sigmaMax: Double?
    public var seed: UInt64
    public var initializer: InitializerStyle
    /// Sequences in the held-out batch the final loss and accuracy are measured on.
    public var evaluationBatch: Int

    /// The task's defaults for `cell`; change fields afterwards.
    public init(task: any SequenceTask, cell: CellKind, seed: UInt64 = 1) {
        let d = task.defaults
        self.cell = cell
        hidden = d.hidden
        steps = d.steps
        batch = d.batch
        learningRate = d.learningRate
        optimizer = d.optimizer
        clipNorm = d.clipNorm
        clipValue = nil
        sigmaMax = nil
        self.seed = seed
        initializer = .keras
        evaluationBatch = 256
    }

    /// Problems with the settings, each naming the setting (empty when all is well).
    public var problems: [String] {
        var p = [String]()
        if hidden < 1 { p.append("hidden size must be ≥ 1, got \(hidden)") }
        if steps < 0 { p.append("steps must be ≥ 0, got \(steps)") }
        if batch < 1 { p.append("batch must be ≥ 1, got \(batch)") }
        if !(learningRate > 0) || !learningRate.isFinite { p.append("learning rate must be a positive number, got \(learningRate)") }
        if let c = clipNorm, !(c > 0) { p.append("clip norm must be positive, got \(c)") }
        if let c = clipValue, !(c > 0) { p.append("clip value must be positive, got \(c)") }
        if let s = sigmaMax, !(s > 0) { p.append("sigma-max must be positive, got \(s)") }
        if evaluationBatch < 1 { p.append("evaluation batch must be ≥ 1, got \(evaluationBatch)") }
        return p
    }
}
