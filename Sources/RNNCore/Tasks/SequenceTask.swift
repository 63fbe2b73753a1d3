/// What a task asks for at one step of the output sequence.
public enum TaskTarget: Sendable, Hashable {
    /// Regression targets, (B × O), scored with mean squared error.
    case values(Matrix)
    /// Class labels, one per sequence of the batch, scored with softmax cross-entropy.
    case classes([Int])
}

/// The lecture's RNN architectures, by where inputs go in and outputs come out.
public enum TaskArchitecture: String, Sendable, Hashable {
    /// An output at every step (next-value and next-character prediction).
    case manyToMany = "many-to-many"
    /// One output after the whole sequence (classification, copy, adding).
    case manyToOne = "many-to-one"
    /// Encoder (many-to-one) reads the input into its final state; a decoder started from that
    /// state produces the output sequence (one-to-many).
    case encoderDecoder = "encoder-decoder"
}

/// A batch of sequences with their targets.
public struct TaskBatch: Sendable {
    /// T steps of (B × D), the (encoder) input.
    public var inputs: [Matrix]
    /// One entry per output step (per input step for many-to-many and many-to-one, per decoder
    /// step for encoder-decoder); `nil` where the step has no loss.
    public var targets: [TaskTarget?]
    /// Encoder-decoder only: the decoder's inputs, one (B × D_dec) matrix per output step.
    public var decoderInputs: [Matrix]

    public init(inputs: [Matrix], targets: [TaskTarget?], decoderInputs: [Matrix] = []) {
        self.inputs = inputs
        self.targets = targets
        self.decoderInputs = decoderInputs
    }

    public var batchSize: Int { inputs.first?.rows ?? 0 }
}

/// Settings that make a task train well in the time the lab gives it.
public struct TaskDefaults: Sendable, Hashable {
    public var hidden: Int
    public var steps: Int
    public var batch: Int
    public var learningRate: Double
    public var optimizer: OptimizerKind
    /// Clip by global norm to this value unless the user says otherwise (nil: no clipping).
    public var clipNorm: Double?
    public init(hidden: Int, steps: Int, batch: Int, learningRate: Double, optimizer: OptimizerKind = .adam,
                clipNorm: Double? = nil) {
        self.hidden = hidden
        self.steps = steps
        self.batch = batch
        self.learningRate = learningRate
        self.optimizer = optimizer
        self.clipNorm = clipNorm
    }
}

/// A toy task: a seeded data generator, a loss and a metric, trainable headless.
public protocol SequenceTask: Sendable {
    /// The name on the command line (`--task NAME`).
    var name: String { get }
    /// One sentence for help texts and the lab.
    var summary: String { get }
    var inputSize: Int { get }
    var outputSize: Int { get }
    var loss: LossKind { get }
    var architecture: TaskArchitecture { get }
    /// Encoder-decoder only: the size of each decoder input.
    var decoderInputSize: Int { get }
    /// The accuracy of guessing, where the task has an accuracy (1/K for K classes).
    var chanceAccuracy: Double? { get }
    var defaults: TaskDefaults { get }
    /// A fresh batch of `size` sequences drawn from `rng`.
    func makeBatch(size: Int, rng: inout SeededRandom) -> TaskBatch
    /// How many outputs of one step are right, and out of how many; `nil` when the task has
    /// no accuracy. The default counts argmax hits for class targets.
    func score(prediction: Matrix, target: TaskTarget) -> (correct: Int, total: Int)?
}

extension SequenceTask {
    public var decoderInputSize: Int { 0 }

    public func score(prediction: Matrix, target: TaskTarget) -> (correct: Int, total: Int)? {
        guard case .classes(let labels) = target else { return nil }
        let guesses = Loss.argmax(prediction)
        return (zip(guesses, labels).filter { $0 == $1 }.count, labels.count)
    }
}

/// Helpers shared by the task generators.
enum TaskData {
    /// A (B × K) matrix with a 1 in column `indices[b]` of each row b (no 1 where the index is nil).
    static func oneHot(_ indices: [Int?], classes K: Int) -> Matrix {
        var m = Matrix(rows: indices.count, cols: K)
        for (b, i) in indices.enumerated() { if let i { m[b, i] = 1 } }
        return m
    }

    /// A uniform integer in 0..<n from the seeded generator.
    static func integer(_ n: Int, _ rng: inout SeededRandom) -> Int {
        Int(rng.next() % UInt64(n))
    }
}
