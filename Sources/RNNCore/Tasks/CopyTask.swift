/// The copy (long-term memory) task, many-to-one: remember the symbol shown at step 0 across
/// `delay` steps of distraction, then name it when the recall cue appears.
///
/// Input channels (D = K + 2): K one-hot symbol channels, a "store" marker and the recall cue.
/// Step 0 shows one of K symbols together with the marker; steps 1...delay show no symbol but
/// carry Gaussian noise (std `noise`, 1.5 by default) on the symbol channels, so a memory has to
/// be *protected*, not merely kept; the last step carries the cue. (Measured: with noiseless
/// blanks a vanilla RNN with Keras' orthogonal W_hh solves delay 20 easily, its gradient does
/// not vanish through an orthogonal matrix; the noise is what only a gated memory shuts out.)
/// With `distractorRate` > 0 a delay step also shows a random symbol from the same alphabet.
/// Target: the step-0 symbol, as a class, at the last step. Guessing scores 1/K.
/// An LSTM can close its input gate after the marker and keep c_t with f ≈ 1; a vanilla RNN
/// adds every distractor into the same state it must remember with.
/// This is Hochreiter & Schmidhuber's kind of task: the gradient of the answer with respect to
/// step 0 passes through `delay + 1` factors of the recurrence, so a vanilla RNN's vanishes.
public struct CopyTask: SequenceTask {
    public var symbols: Int
    public var delay: Int
    /// The chance that a delay step shows a distractor symbol.
    public var distractorRate: Double = 0
    /// Standard deviation of Gaussian noise added to the symbol channels at every delay step.
    public var noise: Double = 1.5

    public init(symbols: Int = 4, delay: Int = 20) {
        precondition(symbols >= 2, "copy: needs at least 2 symbols, got \(symbols)")
        precondition(delay >= 0, "copy: --delay must be ≥ 0, got \(delay)")
        self.symbols = symbols
        self.delay = delay
    }

    public var name: String { "copy" }
    public var summary: String { "recall the symbol shown at step 0 after \(delay) noisy blank steps (chance 1/\(symbols))" }
    public var inputSize: Int { symbols + 2 }
    public var outputSize: Int { symbols }
    public var loss: LossKind { .softmaxCrossEntropy }
    public var architecture: TaskArchitecture { .manyToOne }
    public var chanceAccuracy: Double? { 1 / Double(symbols) }
    /// Chosen so that `--delay 20` separates the cells (seed 1: LSTM 100%, RNN ≈ chance) in
    /// ~15 s of a release build; the LSTM is unstable without clipping at this learning rate.
    public var defaults: TaskDefaults {
        TaskDefaults(hidden: 32, steps: 2500, batch: 32, learningRate: 0.003, optimizer: .adam, clipNorm: 1)
    }

    /// Total steps per sequence: the symbol, the delay, the cue.
    public var length: Int { delay + 2 }

    public func makeBatch(size B: Int, rng: inout SeededRandom) -> TaskBatch {
        let labels = (0..<B).map { _ in TaskData.integer(symbols, &rng) }
        let markerChannel = symbols, cueChannel = symbols + 1
        var inputs = [Matrix]()
        for t in 0..<length {
            var x = Matrix(rows: B, cols: inputSize)
            for b in 0..<B {
                if t == 0 {
                    x[b, labels[b]] = 1
                    x[b, markerChannel] = 1
                } else if t == length - 1 {
                    x[b, cueChannel] = 1
                } else {
                    if rng.nextUnit() < distractorRate { x[b, TaskData.integer(symbols, &rng)] = 1 }
                    if noise > 0 { for k in 0..<symbols { x[b, k] += rng.normal(std: noise) } }
                }
            }
            inputs.append(x)
        }
        var targets = [TaskTarget?](repeating: nil, count: length)
        targets[length - 1] = .classes(labels)
        return TaskBatch(inputs: inputs, targets: targets)
    }
}
