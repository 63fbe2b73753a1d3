/// Trains a `SequenceModel` on a task, one batch per `step()`, so that the lab can run a few
/// steps per frame and `rnnlab train` can run them all.
///
/// One step: draw a batch → forward → loss → BPTT → (clip) → optimizer update. A non-finite
/// loss or gradient stops the run with a `Divergence` instead of updating with NaNs.
public struct Trainer: Sendable {
    public let task: any SequenceTask
    public let configuration: TrainingConfiguration
    public private(set) var model: SequenceModel
    public private(set) var optimizer: Optimizer
    public private(set) var history = TrainingHistory()
    public private(set) var divergence: Divergence?
    /// σ_max of the initial recurrent matrix when `sigmaMax` rescaled it.
    public let initialSigmaMax: Double?
    private var dataRNG: SeededRandom

    /// Builds the model from the seed: one stream for the initial weights, one for the data,
    /// so changing the batch size does not change the starting weights.
    public init(task: any SequenceTask, configuration: TrainingConfiguration) {
        precondition(configuration.problems.isEmpty, "Trainer: " + configuration.problems.joined(separator: "; "))
        self.task = task
        self.configuration = configuration
        var initRNG = SeededRandom(seed: configuration.seed)
        var model = SequenceModel(task: task, kind: configuration.cell, hiddenSize: configuration.hidden,
                                  style: configuration.initializer, rng: &initRNG)
        if let s = configuration.sigmaMax {
            model.cell = model.cell.rescaled(spectralNorm: s)
        }
        initialSigmaMax = configuration.sigmaMax
        self.model = model
        optimizer = Optimizer(kind: configuration.optimizer, learningRate: configuration.learningRate)
        dataRNG = SeededRandom(seed: configuration.seed &+ 0x5EED_DA7A)
    }

    /// Steps taken so far.
    public var stepsTaken: Int { history.records.count }
    public var isFinished: Bool { divergence != nil || stepsTaken >= configuration.steps }

    /// One optimizer step on a fresh batch; nil when the run is already over.
    @discardableResult
    public mutating func step() -> TrainingStepRecord? {
        guard !isFinished else { return nil }
        let n = stepsTaken + 1
        let batch = task.makeBatch(size: configuration.batch, rng: &dataRNG)
        let pass = model.forward(batch, task: task)
        guard pass.loss.isFinite else {
            record(TrainingStepRecord(step: n, loss: pass.loss, accuracy: pass.accuracy,
                                      gradNormBefore: .nan, gradNormAfter: .nan, firstStepGradNorm: .nan))
            divergence = Divergence(step: n, reason: "the loss is \(pass.loss) (the weights overflowed)")
            return history.records.last
        }
        var (grads, hNorm) = model.gradients(of: pass)
        var before = GradientClipping.globalNorm(grads)
        var after = before
        if let c = configuration.clipNorm {
            let r = GradientClipping.clipByGlobalNorm(&grads, maxNorm: c)
            before = r.normBefore
            after = r.normAfter
        }
        if let v = configuration.clipValue {
            after = GradientClipping.clipByValue(&grads, limit: v).normAfter
        }
        // ‖∂L/∂h_0‖ averaged over the batch: column 0 of hNorm (B × T).
        var first = 0.0
        for b in 0..<hNorm.rows { first += hNorm[b, 0] }
        first /= Double(max(hNorm.rows, 1))
        let rec = TrainingStepRecord(step: n, loss: pass.loss, accuracy: pass.accuracy,
                                     gradNormBefore: before, gradNormAfter: after, firstStepGradNorm: first)
        record(rec)
        guard after.isFinite else {
            divergence = Divergence(step: n, reason: "the gradient norm is \(after) (exploding gradients)")
            return rec
        }
        var params = model.parameters
        optimizer.step(&params, gradients: grads)
        model.parameters = params
        return rec
    }

    private mutating func record(_ r: TrainingStepRecord) { history.records.append(r) }

    /// Runs the remaining steps, calling `progress` after each, then evaluates.
    public mutating func run(progress: (TrainingStepRecord) -> Void = { _ in }) -> TrainingSummary {
        while let r = step() { progress(r) }
        return summary()
    }

    /// Loss and accuracy on a held-out batch drawn from its own seeded stream (the same batch
    /// every time for a given seed, never one the model trained on).
    public func evaluate() -> (loss: Double, accuracy: Double?) {
        var rng = SeededRandom(seed: configuration.seed &+ 0xE7A1_0A7E)
        let batch = task.makeBatch(size: configuration.evaluationBatch, rng: &rng)
        let pass = model.forward(batch, task: task)
        return (pass.loss, pass.accuracy)
    }

    /// What the run did, with a held-out evaluation and (for `chars`) a sample of text.
    public func summary(sampleLength: Int = 160, temperature: Double = 0.7) -> TrainingSummary {
        let eval = evaluate()
        var sample: String? = nil
        if let chars = task as? CharsTask, divergence == nil {
            var rng = SeededRandom(seed: configuration.seed &+ 0x5A3B_1E)
            sample = model.sample(chars, prime: "the ", length: sampleLength, temperature: temperature, rng: &rng)
        }
        return TrainingSummary(task: task.name, architecture: task.architecture, configuration: configuration,
                               history: history, divergence: divergence, evaluationLoss: eval.loss,
                               evaluationAccuracy: eval.accuracy, chanceAccuracy: task.chanceAccuracy,
                               parameterCount: model.parameterCount, sample: sample, temperature: temperature)
    }
}
