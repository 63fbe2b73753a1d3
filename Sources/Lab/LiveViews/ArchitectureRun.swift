import RNNCore

/// The lecture's four ways to wire a recurrent network to its inputs and outputs, each a
/// task RNNCore trains.
public enum ArchitectureShape: String, CaseIterable, Hashable, Sendable {
    /// An output and a loss at every step: L = Σ_t L_t (next value, frame labels).
    case manyToMany = "many-to-many"
    /// One output and one loss, from the last state (sentiment of a sentence).
    case manyToOne = "many-to-one"
    /// One input, a generated sequence: each output is fed back as the next input (captions).
    case oneToMany = "one-to-many"
    /// Many-to-one into a single vector h_T, then one-to-many out of it (translation).
    case encoderDecoder = "encoder-decoder"

    /// The lecture's example of the shape.
    public var example: String {
        switch self {
        case .manyToMany: return "video frames, time series"
        case .manyToOne: return "sentiment classification"
        case .oneToMany: return "image captioning"
        case .encoderDecoder: return "machine translation"
        }
    }
}

/// What the `architecture` view measures on a fixed held-out batch after every slice of
/// training: the loss L_t of every output step, and one example sequence as the graph draws it.
public struct ArchitectureProbe: Hashable, Sendable {
    /// L_t of every output step (mean over the probe batch), nil at steps without a loss.
    public var stepLosses: [Double?]
    /// Right answers over the probe batch, where the task has an accuracy.
    public var accuracy: Double?
    /// The example's input at every (encoder) step, as text (`+0.53`, `C`, `t`).
    public var inputs: [String]
    /// The example's output at every output step, as text; nil where nothing is read out.
    public var outputs: [String?]
    /// Whether the example's output is the right one, where the task has right answers.
    public var correct: [Bool?]
    /// Encoder-decoder: the decoder's input at every step (its position, `#1`).
    public var decoderInputs: [String] = []
    /// Encoder-decoder: the example's final encoder state h_T, the one vector the decoder gets.
    public var handover: [Double] = []
    /// Many-to-one classification: the example's class probabilities, the class names and its label.
    public var probabilities: [Double] = []
    public var classNames: [String] = []
    public var label: Int?
    /// One-to-many: the text generated from one character at the run's temperature (the
    /// character first), and the character it started from.
    public var sample: String?

    /// L = Σ_t L_t over the steps that have a loss.
    public var total: Double { stepLosses.compactMap { $0 }.reduce(0, +) }
    /// The steps (1-based) that have a loss.
    public var scoredSteps: [Int] { stepLosses.indices.filter { stepLosses[$0] != nil }.map { $0 + 1 } }
}

/// A training run of the `architecture` view: RNNCore's trainer on the shape's task, plus the
/// probe of its current weights (recomputed after every slice) and, for one-to-many, the text
/// it generates at `temperature`.
///
/// Like `TrainRun`, a run is a deterministic function of its settings and the steps taken:
/// the probe batch and the sampling stream are seeded, so two runs with the same settings show
/// the same numbers whatever the slicing.
public struct ArchitectureRun: Hashable, Sendable {
    public private(set) var train: TrainRun
    public let shape: ArchitectureShape
    /// The sampling temperature τ (one-to-many).
    public private(set) var temperature: Double
    /// Sequences in the probe batch.
    public let probeSize: Int
    /// Characters generated after the first (one-to-many).
    public let sampleLength: Int
    public private(set) var probe: ArchitectureProbe

    public init(shape: ArchitectureShape, task: any SequenceTask, configuration: TrainingConfiguration,
                temperature: Double = 1, probeSize: Int = 64, sampleLength: Int = 160) {
        self.shape = shape
        self.temperature = temperature
        self.probeSize = probeSize
        self.sampleLength = sampleLength
        train = TrainRun(task: task, configuration: configuration)
        probe = ArchitectureProbe(stepLosses: [], inputs: [], outputs: [], correct: [])
        probe = measure()
    }

    public var configuration: TrainingConfiguration { train.configuration }
    public var task: any SequenceTask { train.trainer.task }
    public var history: TrainingHistory { train.history }
    public var budget: Int { train.budget }

    /// Takes up to `maxSteps` optimizer steps (stopping early after `budget` of wall-clock
    /// time), then probes the new weights.
    @discardableResult
    public mutating func advance(maxSteps: Int, budget: Duration? = nil) -> Int {
        let taken = train.advance(maxSteps: maxSteps, budget: budget)
        if taken > 0 { probe = measure() }
        return taken
    }

    /// The same weights, sampled at another temperature (training is not touched).
    public func resampled(temperature: Double) -> ArchitectureRun {
        guard temperature != self.temperature else { return self }
        var next = self
        next.temperature = temperature
        next.probe = next.measure()
        return next
    }

    // MARK: The probe

    /// The seed of the probe batch and of the sampling stream: held out from training's streams.
    var probeSeed: UInt64 { configuration.seed &+ 0x0A7C_4175 }

    /// The first character of a generated text (one-to-many): `t`, where the corpus starts.
    public static let firstCharacter: Character = "t"

    /// L_t and the example, measured on the current weights.
    func measure() -> ArchitectureProbe {
        let model = train.trainer.model
        let task = self.task
        var rng = SeededRandom(seed: probeSeed)
        let batch = task.makeBatch(size: probeSize, rng: &rng)
        let pass = model.forward(batch, task: task)
        let e = Self.example(batch, task: task)
        var probe = ArchitectureProbe(stepLosses: [], inputs: [], outputs: [], correct: [])
        var right = 0, asked = 0
        for (t, target) in batch.targets.enumerated() {
            guard let target, let y = pass.outputs[t] else {
                probe.stepLosses.append(nil)
                probe.outputs.append(nil)
                probe.correct.append(nil)
                continue
            }
            switch target {
            case .values(let v):
                probe.stepLosses.append(Loss.meanSquaredError(prediction: y, target: v).value)
                probe.outputs.append(Self.signed(y[e, 0]))
                probe.correct.append(nil)
            case .classes(let labels):
                probe.stepLosses.append(Loss.softmaxCrossEntropy(logits: y, labels: labels).value)
                let guesses = Loss.argmax(y)
                probe.outputs.append(className(guesses[e]))
                probe.correct.append(guesses[e] == labels[e])
            }
            if let s = task.score(prediction: y, target: target) {
                right += s.correct
                asked += s.total
            }
        }
        probe.accuracy = asked > 0 ? Double(right) / Double(asked) : nil
        probe.inputs = batch.inputs.map { inputText($0, row: e) }
        if let decoder = pass.decoderTrace {
            probe.decoderInputs = (0..<decoder.steps).map { "#\($0 + 1)" }
            probe.handover = pass.trace.hLast.row(e)
        }
        if task is ClassifyTask, let last = batch.targets.last, case .classes(let labels)? = last,
           let y = pass.outputs.last ?? nil {
            probe.probabilities = Loss.softmax(y).row(e)
            probe.classNames = ClassifyTask.classNames
            probe.label = labels[e]
        }
        if shape == .oneToMany, let chars = task as? CharsTask, train.divergence == nil {
            var sampler = SeededRandom(seed: probeSeed &+ 1)
            let text = model.sample(chars, prime: String(Self.firstCharacter), length: sampleLength,
                                    temperature: temperature, rng: &sampler)
            probe.sample = text
            // The graph draws the generation: the first character in, each output fed back.
            let characters = Array(text)
            probe.inputs = characters.prefix(probe.stepLosses.count).map { String($0) }
            probe.outputs = (0..<probe.stepLosses.count).map { t in t + 1 < characters.count ? String(characters[t + 1]) : nil }
            probe.correct = probe.outputs.map { _ in nil }
        }
        return probe
    }

    /// Which sequence of the probe batch the graph draws: the first, except that a reversal
    /// shows nothing on a palindrome (`CDDDC`), so the reverse task takes the first that is not.
    static func example(_ batch: TaskBatch, task: any SequenceTask) -> Int {
        guard task is ReverseTask else { return 0 }
        let symbols = (0..<batch.batchSize).map { b in batch.inputs.map { x in (0..<x.cols).first { x[b, $0] == 1 } ?? 0 } }
        return symbols.firstIndex { $0 != $0.reversed() } ?? 0
    }

    /// The example's input at one step (row `b` of the batch) as the graph writes it.
    func inputText(_ x: Matrix, row b: Int) -> String {
        if let chars = task as? CharsTask {
            let k = (0..<x.cols).first { x[b, $0] == 1 } ?? 0
            return String(chars.vocabulary[k])
        }
        if task is ReverseTask { return Self.symbol((0..<x.cols).first { x[b, $0] == 1 } ?? 0) }
        if task is ParityTask { return x[b, 0] == 1 ? "1" : "0" }
        return Self.signed(x[b, 0])
    }

    /// A class index as the graph writes it: a character, a symbol, a wave's name, a parity.
    func className(_ k: Int) -> String {
        if let chars = task as? CharsTask { return String(chars.vocabulary[k]) }
        if task is ReverseTask { return Self.symbol(k) }
        if task is ClassifyTask { return ClassifyTask.classNames[k] }
        if task is ParityTask { return k == 1 ? "odd" : "even" }
        return String(k)
    }

    /// Symbol k of the reverse task as a letter: A, B, C, …
    static func symbol(_ k: Int) -> String { String(UnicodeScalar(UInt8(65 + k % 26))) }

    /// `+0.53` / `-0.12` (ASCII minus; the view swaps in its theme's).
    static func signed(_ v: Double) -> String { (v < 0 ? "-" : "+") + String(format: "%.2f", abs(v)) }

    // MARK: Equality

    /// Runs are equal when their training is (settings and steps taken) and they sample at
    /// the same temperature: everything else is computed from those.
    public static func == (a: ArchitectureRun, b: ArchitectureRun) -> Bool {
        a.train == b.train && a.temperature == b.temperature && a.shape == b.shape
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(train)
        hasher.combine(temperature)
    }
}

extension ArchitectureRun: SlicedRun {
    public var isFinished: Bool { train.isFinished }
    public var stepsTaken: Int { train.stepsTaken }
    public mutating func advanceSlice(maxSteps: Int, budget: Duration?) { advance(maxSteps: maxSteps, budget: budget) }
    public func isContinued(by later: ArchitectureRun) -> Bool { train.isContinued(by: later.train) && shape == later.shape }
}
