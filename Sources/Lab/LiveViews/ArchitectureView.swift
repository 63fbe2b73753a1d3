import LessonKit
import RNNCore
import Synchronization
import TUI

/// The `architecture` view: one of the lecture's sequence shapes (`shape: many-to-many`, …)
/// as a task trained live, beside its unrolled graph with the losses where the lecture draws
/// them.
///
/// ```
/// many-to-many · sine · vanilla RNN · H 16 · sgd lr 0.3 · seed 1          step 120 / 300  ▶ running
/// loss 0.0113 · held-out: L = Σ L_t = 0.119 (64 sequences)
///     L ─┬──────┬──────┬── …
/// L_t   0.094  0.011  0.004
/// y_t   +0.61  +0.80  +0.72
///         ↑      ↑      ↑
///  h₀ ─→[ f ]─→[ f ]─→[ f ]─→ …
///         ↑      ↑      ↑
/// x_t   +0.35  +0.61  +0.80
/// loss ▇▅▃▂▁▁▁
/// ```
///
/// The numbers of the graph are measured on a fixed held-out batch after every slice of
/// training (`ArchitectureRun`): L_t of every output step (the mean over the batch) and one
/// example sequence's inputs and outputs. Space trains in slices between frames, as in the
/// `train` view; `n` takes one step while paused. The shape decides the extra line: the class
/// probabilities (many-to-one), the generated text at the temperature τ (one-to-many, where
/// `t`/`T` sample again from the model trained so far), the vector h_T the encoder hands to
/// the decoder (encoder-decoder).
public enum ArchitectureView: LabView {
    /// The tasks a shape can train (RNNCore's tasks).
    public enum TaskName: String, CaseIterable, Hashable, Sendable {
        /// Next value of a sine wave: a target at every step (many-to-many).
        case sine
        /// Running parity of a bit stream: a class at every step (many-to-many).
        case parity
        /// Next character of text; one-to-many generates from one character.
        case chars
        /// Name a noisy wave's shape from the last state (many-to-one).
        case classify
        /// Read symbols, say them backwards (encoder-decoder).
        case reverse

        /// The shapes it can be trained as.
        var shapes: [ArchitectureShape] {
            switch self {
            case .sine, .parity: return [.manyToMany]
            case .chars: return [.manyToMany, .oneToMany]
            case .classify: return [.manyToOne]
            case .reverse: return [.encoderDecoder]
            }
        }

        /// The view's settings for it: short sequences, so the graph shows them, and models
        /// small enough to train in seconds.
        var defaults: (length: Int, hidden: Int, steps: Int, batch: Int) {
            switch self {
            case .sine: return (10, 16, 300, 16)
            case .parity: return (8, 16, 400, 32)
            case .chars: return (16, 32, 300, 8)
            case .classify: return (16, 16, 300, 32)
            case .reverse: return (5, 8, 600, 32)
            }
        }
    }

    /// The block's settings, every default filled in.
    public struct Spec: LabViewSpec {
        public var view: String { ArchitectureView.name }
        public var line = 0
        public var shape: ArchitectureShape
        public var task: TaskName
        public var cell: LabCell
        public var hidden: Int
        /// T: steps per sequence (the reverse task: symbols to reverse).
        public var length: Int
        public var steps: Int
        public var batch: Int
        public var learningRate: Double
        public var pace: Int
        public var start: Int
        /// Starting values of `seed` and `temperature`.
        public var settings: KnobValues
        public var knobs: [Knob]

        public init(line: Int = 0, shape: ArchitectureShape, task: TaskName? = nil, cell: LabCell = .rnn, hidden: Int? = nil,
                    length: Int? = nil, steps: Int? = nil, batch: Int? = nil, learningRate: Double? = nil, pace: Int = 10,
                    start: Int = 0, seed: UInt64 = 1, temperature: Double = 1, knobs: [String] = []) {
            self.line = line
            self.shape = shape
            let task = task ?? ArchitectureView.defaultTask(shape)
            self.task = task
            self.cell = cell
            let d = task.defaults
            self.hidden = hidden ?? d.hidden
            self.length = length ?? d.length
            self.steps = steps ?? d.steps
            self.batch = batch ?? d.batch
            self.learningRate = learningRate ?? ArchitectureView.makeTask(task, length: self.length).defaults.learningRate
            self.pace = pace
            self.start = start
            settings = KnobValues(["seed": Double(seed), "temperature": temperature])
            self.knobs = knobs.compactMap(Knobs.named)
        }
    }

    public static let name = "architecture"
    public static let summary = "a sequence shape trained live beside its unrolled graph: L_t at every scored step, loss curve; space trains"
    public static let axis = "one training step"
    public static let axisGoesBack = false
    public static let axisHelp = "one training step (while paused)"

    public static let knobNames = ["seed", "temperature"]
    public static let lengthRange = 2...60
    public static let temperatureRange = 0.1...2.0

    public static let blockKeys = [
        BlockKey("shape", "`architecture`: `many-to-many`, `many-to-one`, `one-to-many`, `encoder-decoder`", default: "required"),
        BlockKey("task", "`architecture`: `sine`, `parity`, `chars` (many-to-many); `classify` (many-to-one); `chars` (one-to-many); `reverse` (encoder-decoder)",
                 default: "`sine`, `classify`, `chars`, `reverse`"),
        BlockKey("cell", "`architecture`: `rnn`, `lstm`, `gru`", default: "`rnn`"),
        BlockKey("hidden", "`architecture`: hidden units H", default: "16, 16, 32, 8 (per shape)", range: "1 … 64"),
        BlockKey("length", "`architecture`: steps per sequence T (reverse: symbols to reverse)", default: "10, 16, 16, 5 (per shape)", range: "2 … 60"),
        BlockKey("seed", "`architecture`: weights and data", default: "1", range: "0 … 999999"),
        BlockKey("steps", "`architecture`: optimizer steps (the budget)", default: "300, 300, 300, 600 (per shape)", range: "1 … 5000"),
        BlockKey("batch", "`architecture`: sequences per batch", default: "16, 32, 8, 32 (per shape)", range: "1 … 256"),
        BlockKey("lr", "`architecture`: learning rate", default: "the task's (sine: SGD 0.3; others: Adam 0.01)", range: "(0, 10]"),
        BlockKey("pace", "`architecture`: optimizer steps per frame at most", default: "10", range: "1 … 100"),
        BlockKey("start", "`architecture`: optimizer steps already taken when the step opens and after each seed turn", default: "0", range: "0 … steps, at most 1000"),
        BlockKey("temperature", "`architecture`: one-to-many: the sampling temperature τ", default: "1", range: "0.1 … 2"),
        BlockKey("knobs", "`architecture`: the knobs the learner may turn: `seed`, `temperature` (one-to-many)", default: "none"),
    ]

    static func defaultTask(_ shape: ArchitectureShape) -> TaskName {
        switch shape {
        case .manyToMany: return .sine
        case .manyToOne: return .classify
        case .oneToMany: return .chars
        case .encoderDecoder: return .reverse
        }
    }

    static func makeTask(_ name: TaskName, length: Int) -> any SequenceTask {
        switch name {
        case .sine: return SineTask(length: length)
        case .parity: return ParityTask(length: length)
        case .chars: return CharsTask(length: length)
        case .classify: return ClassifyTask(length: length)
        case .reverse: return ReverseTask(symbols: 4, length: length)
        }
    }

    // MARK: Parsing

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec? {
        let before = errors.count
        let shape = fields.choice("shape", ArchitectureShape.self, noun: "shape", required: true, missingLine: fenceLine, errors: &errors)
        let task = fields.choice("task", TaskName.self, noun: "task for the architecture view", required: false,
                                 missingLine: fenceLine, errors: &errors)
        if let shape, let task, !task.shapes.contains(shape), let f = fields["task"] {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "task '\(task.rawValue)' is not \(shape.rawValue) (it trains as \(task.shapes.map(\.rawValue).joined(separator: " or ")))"))
        }
        let cell = fields.choice("cell", LabCell.self, noun: "cell", required: false, missingLine: fenceLine, errors: &errors) ?? .rnn
        let hidden = fields.int("hidden", in: TrainView.hiddenRange, errors: &errors)
        let length = fields.int("length", in: lengthRange, errors: &errors)
        let seed = fields.int("seed", in: CellSpec.seedRange, errors: &errors)
        let steps = fields.int("steps", in: TrainView.stepsRange, errors: &errors)
        let batch = fields.int("batch", in: TrainView.batchRange, errors: &errors)
        let lr = fields.double("lr", in: TrainView.learningRateRange, openBelow: true, errors: &errors)
        let pace = fields.int("pace", in: TrainView.paceRange, errors: &errors)
        let start = fields.int("start", in: TrainView.startRange, errors: &errors)
        let temperature = fields.double("temperature", in: temperatureRange, openBelow: false, errors: &errors)
        let knobs = fields.words("knobs", in: knobNames, noun: "knob for the architecture view", errors: &errors) ?? []
        if let shape, shape != .oneToMany {
            for key in ["temperature"] where fields[key] != nil {
                errors.append(LessonError(file: fields.file, line: fields[key]!.line,
                                          message: "'temperature' belongs to 'shape: one-to-many' (this block is \(shape.rawValue))"))
            }
            if knobs.contains("temperature"), let f = fields["knobs"] {
                errors.append(LessonError(file: fields.file, line: f.line,
                                          message: "the 'temperature' knob belongs to 'shape: one-to-many' (this block is \(shape.rawValue))"))
            }
        }
        guard errors.count == before, let shape else { return nil }
        let spec = Spec(line: fenceLine, shape: shape, task: task, cell: cell, hidden: hidden, length: length, steps: steps,
                        batch: batch, learningRate: lr, pace: pace ?? 10, start: start ?? 0, seed: UInt64(seed ?? 1),
                        temperature: temperature ?? 1, knobs: knobs)
        if spec.start > spec.steps, let f = fields["start"] {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "'start' is \(spec.start); it must not be more than the step budget 'steps' (\(spec.steps))"))
            return nil
        }
        return spec
    }

    // MARK: The run

    /// The trainer's settings: the task's optimizer and clipping, the block's sizes.
    public static func configuration(_ spec: Spec, knobs: KnobValues) -> (task: any SequenceTask, configuration: TrainingConfiguration) {
        let task = makeTask(spec.task, length: spec.length)
        let d = task.defaults
        var c = TrainingConfiguration(task: task, cell: CellKind(rawValue: spec.cell.rawValue) ?? .rnn,
                                      seed: UInt64(max(0, knobs["seed"] ?? 1)))
        c.hidden = spec.hidden
        c.steps = spec.steps
        c.batch = spec.batch
        c.learningRate = spec.learningRate
        c.optimizer = d.optimizer
        c.clipNorm = d.clipNorm
        return (task, c)
    }

    public static func knobs(_ spec: Spec) -> (knobs: [Knob], values: KnobValues) { (spec.knobs, spec.settings) }

    public static func timeline(_ spec: Spec) -> Timeline { Timeline(count: spec.steps, start: max(1, spec.start)) }

    /// The seeded model trained `start` steps (none by default: the untrained model's losses).
    public static func compute(_ spec: Spec, knobs: KnobValues) -> ArchitectureRun {
        let (task, configuration) = configuration(spec, knobs: knobs)
        var run = ArchitectureRun(shape: spec.shape, task: task, configuration: configuration,
                                  temperature: knobs["temperature"] ?? 1)
        run.advance(maxSteps: spec.start)
        return run
    }

    /// A turn of τ alone never restarts training: the model trained so far samples again.
    public static func recompute(_ run: ArchitectureRun, _ spec: Spec, from old: KnobValues, to new: KnobValues) -> ArchitectureRun {
        var a = old, b = new
        a["temperature"] = nil
        b["temperature"] = nil
        guard a == b else { return compute(spec, knobs: new) }
        return run.resampled(temperature: new["temperature"] ?? run.temperature)
    }

    // MARK: Update

    public static let tickEvery: Duration = .milliseconds(40)
    public static let sliceBudget: Duration = .milliseconds(25)

    public static func tickInterval(_ panel: Panel<ArchitectureView>) -> Duration? {
        SlicedTraining.tickInterval(panel, every: tickEvery)
    }

    /// As the `train` view (the temperature never restarts training: see `recompute`).
    public static func update(_ panel: inout Panel<ArchitectureView>, _ message: PanelMessage) -> Command<LabMessage> {
        switch message {
        case .result(let result):
            // A slice's run, sampled at the panel's τ (the knob may have turned since).
            guard let run = result.as(ArchitectureRun.self), panel.data.isContinued(by: run) else { return .none }
            panel.replaceData(run.resampled(temperature: panel.values["temperature"] ?? run.temperature))
            SlicedTraining.sync(&panel)
            return .none
        default:
            return SlicedTraining.update(&panel, message, pace: panel.spec.pace, budget: sliceBudget, name: "architecture")
        }
    }

    // MARK: Export

    /// What `rnnlab export` writes: the weights at the step shown (Keras 3 names; the decoder's
    /// with a `decoder_` prefix), the loss curve and the probe's L_t.
    public static func export(_ panel: Panel<ArchitectureView>) -> ExperimentExport? {
        ArchitectureExport.make(panel)
    }

    // MARK: Drawing

    public static func render(_ panel: Panel<ArchitectureView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        ArchitecturePanel.render(panel, in: area, into: &buffer, theme: theme)
    }
}
