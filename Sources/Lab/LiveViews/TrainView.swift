import LessonKit
import RNNCore
import TUI

/// The `train` view: a toy task trained live inside the lab with RNNCore's `Trainer`: the
/// loss curve and the gradient norm before and after clipping (both on log axes), the clip
/// threshold as a line, the optimizer step, and a DIVERGED mark once the loss or the
/// gradient stops being finite.
///
/// ```
/// σ_max 2.50 · clip off · sine · vanilla RNN · H 16 · sgd lr 0.3    step 169 / 300  ▶ running
/// DIVERGED at step 169: the gradient norm is inf (exploding gradients)
/// loss (log)                         ‖∂L/∂θ‖ (log)
/// ⠀⠀⣀⠤⠒⠉ …                            ⠀⠀⣀⠤⠒⠉ …
/// ```
///
/// Space starts and pauses training; `n` takes one optimizer step while paused; turning a
/// knob starts the run again from step 0 (or the block's `start`) with the new value (the
/// panel's data is a pure function of the block and the knobs, plus the steps taken).
/// Training runs in slices between frames: while it runs the view asks for a tick every
/// `tickEvery`, and each tick returns an effect that takes at most `pace` optimizer steps
/// and stops early after `sliceBudget` of wall-clock time, so a key never waits longer than
/// one slice. Slices take whole steps in order, so the curve is the same whatever the
/// slicing (`TrainRun`).
public enum TrainView: LabView {
    /// The tasks a lesson can train (the `rnnlab train` tasks with a single clear lesson).
    public enum TaskName: String, CaseIterable, Hashable, Sendable {
        /// Predict the next value of a sine wave (many-to-many regression; SGD, so an
        /// exploding gradient really moves the weights).
        case sine
        /// Recall a symbol after `delay` noisy steps (many-to-one classification).
        case copy
        /// Sum the two marked numbers of a sequence (many-to-one regression).
        case adding
    }

    /// The block's settings, every default already filled in from the task's.
    public struct Spec: LabViewSpec {
        public var view: String { TrainView.name }
        public var line = 0
        public var task = TaskName.sine
        public var cell = LabCell.rnn
        public var hidden: Int
        /// The step budget: optimizer steps, one batch each.
        public var steps: Int
        public var batch: Int
        public var learningRate: Double
        public var optimizer: OptimizerKind
        /// Copy task: blank steps between the symbol and the cue.
        public var delay = 20
        /// Optimizer steps per frame at most (how fast the curve grows on screen).
        public var pace = 5
        /// Optimizer steps already taken when the step opens (and after every knob turn), so
        /// the panel opens on a curve.
        public var start = 0
        /// Starting values of `seed`, `sigma` (absent: W_hh as initialised) and `clip` (0: off).
        public var settings: KnobValues
        /// The knobs the learner may turn, in the block's order.
        public var knobs: [Knob] = []

        /// The task's defaults (as `rnnlab train` uses them) for everything not given. `clip`:
        /// `.none` (not given) takes the task's default, `.some(nil)` is `clip: off`,
        /// `.some(c)` a threshold.
        public init(line: Int = 0, task: TaskName = .sine, cell: LabCell = .rnn, hidden: Int? = nil, steps: Int? = nil,
                    batch: Int? = nil, learningRate: Double? = nil, optimizer: OptimizerKind? = nil, delay: Int = 20,
                    pace: Int = 5, start: Int = 0, seed: UInt64 = 1, sigma: Double? = nil, clip: Double?? = .none,
                    knobs: [String] = []) {
            self.line = line
            self.start = start
            self.task = task
            self.cell = cell
            self.delay = delay
            self.pace = pace
            let d = TrainView.makeTask(task, delay: delay).defaults
            self.hidden = hidden ?? d.hidden
            self.steps = steps ?? d.steps
            self.batch = batch ?? d.batch
            self.optimizer = optimizer ?? d.optimizer
            // Another optimizer than the task's gets its own default rate, as in `rnnlab train`.
            self.learningRate = learningRate ?? (optimizer.map { $0 == d.optimizer ? d.learningRate : $0.defaultLearningRate } ?? d.learningRate)
            settings = KnobValues(["seed": Double(seed)])
            settings["sigma"] = sigma
            // `clip: off` (nil) or a threshold; not given: the task's default.
            let c: Double? = clip ?? d.clipNorm
            settings["clip"] = c ?? 0
            self.knobs = knobs.compactMap(Knobs.named)
        }
    }

    public static let name = "train"
    public static let summary = "a task trained live: loss and gradient norm (log), clip line, DIVERGED mark; space trains"
    public static let axis = "one training step"
    public static let axisHelp = "one training step (while paused)"
    public static let axisGoesBack = false

    /// The knobs that mean something here.
    public static let knobNames = ["clip", "sigma", "seed"]
    public static let hiddenRange = 1...64
    public static let stepsRange = 1...5000
    public static let batchRange = 1...256
    public static let delayRange = 0...100
    public static let paceRange = 1...100
    /// Steps trained before the panel opens are computed before its first frame (and again
    /// on every knob turn): a few hundred of the sine task take ~40 ms in a release build.
    public static let startRange = 0...1000
    public static let clipRange = 0.0...10.0
    public static let learningRateRange = 0.0...10.0

    public static let blockKeys = [
        BlockKey("task", "`train`: `sine` (predict the next value of a sine wave), `copy` (recall a symbol after `delay` steps), `adding` (sum two marked numbers)", default: "`sine`"),
        BlockKey("cell", "`train`: `rnn`, `lstm`, `gru`", default: "`rnn`"),
        BlockKey("hidden", "`train`: hidden units H", default: "the task's (16, 32, 32)", range: "1 … 64"),
        BlockKey("seed", "`train`: weights and data", default: "1", range: "0 … 999999"),
        BlockKey("sigma", "`train`: W_hh rescaled at initialisation to this largest singular value σ_max", default: "as initialised", range: "(0, 10]"),
        BlockKey("clip", "`train`: gradient-norm clipping threshold, or `off`", default: "the task's (off, 1, off)", range: "(0, 10]"),
        BlockKey("steps", "`train`: optimizer steps (the budget; one batch each)", default: "the task's (300, 2500, 400)", range: "1 … 5000"),
        BlockKey("batch", "`train`: sequences per batch", default: "the task's (16, 32, 32)", range: "1 … 256"),
        BlockKey("lr", "`train`: learning rate", default: "the task's (0.3, 0.003, 0.01)", range: "(0, 10]"),
        BlockKey("optimizer", "`train`: `sgd`, `momentum`, `adagrad`, `adam`", default: "the task's (sgd, adam, adam)"),
        BlockKey("delay", "`train`: copy task: steps between the symbol and the cue", default: "20", range: "0 … 100"),
        BlockKey("pace", "`train`: optimizer steps per frame at most", default: "5", range: "1 … 100"),
        BlockKey("start", "`train`: optimizer steps already taken when the step opens and after each knob turn", default: "0", range: "0 … steps, at most 1000"),
        BlockKey("knobs", "`train`: the knobs the learner may turn: `clip`, `sigma`, `seed`", default: "none"),
    ]

    // MARK: Parsing

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec? {
        let before = errors.count
        let task = fields.choice("task", TaskName.self, noun: "task", required: false, missingLine: fenceLine, errors: &errors) ?? .sine
        let cell = fields.choice("cell", LabCell.self, noun: "cell", required: false, missingLine: fenceLine, errors: &errors) ?? .rnn
        let hidden = fields.int("hidden", in: hiddenRange, errors: &errors)
        let seed = fields.int("seed", in: CellSpec.seedRange, errors: &errors)
        let sigma = fields.double("sigma", in: CellSpec.sigmaRange, openBelow: true, errors: &errors)
        let steps = fields.int("steps", in: stepsRange, errors: &errors)
        let batch = fields.int("batch", in: batchRange, errors: &errors)
        let lr = fields.double("lr", in: learningRateRange, openBelow: true, errors: &errors)
        let optimizer = fields.choice("optimizer", OptimizerKind.self, noun: "optimizer", required: false,
                                      missingLine: fenceLine, errors: &errors)
        let delay = fields.int("delay", in: delayRange, errors: &errors)
        if delay != nil, task != .copy, let f = fields["delay"] {
            errors.append(LessonError(file: fields.file, line: f.line, message: "'delay' belongs to 'task: copy' (this block trains '\(task.rawValue)')"))
        }
        let pace = fields.int("pace", in: paceRange, errors: &errors)
        let start = fields.int("start", in: startRange, errors: &errors)
        var clip: Double?? = .none
        if let f = fields["clip"] {
            var asText: [LessonError] = []  // a number is also text; only the number check reports
            if fields.string("clip", required: false, missingLine: fenceLine, errors: &asText) == "off" {
                clip = .some(nil)
            } else if let v = fields.double("clip", in: 0...clipRange.upperBound, openBelow: true, errors: &errors) {
                clip = .some(v)
            } else if errors.last?.line == f.line {
                // The number check's message; say that `off` is the other choice.
                let last = errors.removeLast()
                errors.append(LessonError(file: last.file, line: last.line, message: last.message + " (or 'off')"))
            }
        }
        let knobs = fields.words("knobs", in: knobNames, noun: "knob for the train view", errors: &errors) ?? []
        if knobs.contains("sigma"), sigma == nil, let f = fields["knobs"] {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "the 'sigma' knob needs a starting value: add 'sigma: 1.0' (or another) to the block"))
        }
        guard errors.count == before else { return nil }
        let spec = Spec(line: fenceLine, task: task, cell: cell, hidden: hidden, steps: steps, batch: batch, learningRate: lr,
                        optimizer: optimizer, delay: delay ?? 20, pace: pace ?? 5, start: start ?? 0, seed: UInt64(seed ?? 1),
                        sigma: sigma, clip: clip, knobs: knobs)
        if spec.start > spec.steps, let f = fields["start"] {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "'start' is \(spec.start); it must not be more than the step budget 'steps' (\(spec.steps))"))
            return nil
        }
        return spec
    }

    // MARK: The run

    /// RNNCore's task for a name.
    static func makeTask(_ name: TaskName, delay: Int) -> any SequenceTask {
        switch name {
        case .sine: return SineTask()
        case .copy: return CopyTask(delay: delay)
        case .adding: return AddingTask()
        }
    }

    /// The trainer's settings for the spec and the knob values (`clip` 0 is off).
    public static func configuration(_ spec: Spec, knobs: KnobValues) -> (task: any SequenceTask, configuration: TrainingConfiguration) {
        let task = makeTask(spec.task, delay: spec.delay)
        let kind = CellKind(rawValue: spec.cell.rawValue) ?? .rnn
        var c = TrainingConfiguration(task: task, cell: kind, seed: UInt64(max(0, knobs["seed"] ?? 1)))
        c.hidden = spec.hidden
        c.steps = spec.steps
        c.batch = spec.batch
        c.learningRate = spec.learningRate
        c.optimizer = spec.optimizer
        let clip = knobs["clip"] ?? 0
        c.clipNorm = clip > 0 ? clip : nil
        c.sigmaMax = knobs["sigma"].flatMap { $0 > 0 ? $0 : nil }
        return (task, c)
    }

    public static func knobs(_ spec: Spec) -> (knobs: [Knob], values: KnobValues) { (spec.knobs, spec.settings) }

    /// The step counter: `n` optimizer steps of the budget.
    public static func timeline(_ spec: Spec) -> Timeline { Timeline(count: spec.steps, start: max(1, spec.start)) }

    /// A run from the seeded weights, trained `start` steps (none by default: then it is
    /// cheap, the weights are drawn and nothing is trained).
    public static func compute(_ spec: Spec, knobs: KnobValues) -> TrainRun {
        let (task, configuration) = configuration(spec, knobs: knobs)
        var run = TrainRun(task: task, configuration: configuration)
        run.advance(maxSteps: spec.start)
        return run
    }

    // MARK: Update

    /// How often a running panel asks for a tick.
    public static let tickEvery: Duration = .milliseconds(40)
    /// The most wall-clock time one slice may take (measured inside the effect): a key
    /// pressed during a slice waits at most this long, plus one optimizer step and a frame.
    public static let sliceBudget: Duration = .milliseconds(25)

    public static func tickInterval(_ panel: Panel<TrainView>) -> Duration? {
        SlicedTraining.tickInterval(panel, every: tickEvery)
    }

    /// Space, ticks, `n`, slice results and knob turns (`SlicedTraining`, shared with `race`).
    public static func update(_ panel: inout Panel<TrainView>, _ message: PanelMessage) -> Command<LabMessage> {
        SlicedTraining.update(&panel, message, pace: panel.spec.pace, budget: sliceBudget, name: "train")
    }

    // MARK: Drawing

    /// The values a chart may draw: non-finite ones become gaps (NaN), never marks.
    static func finite(_ values: [Double]) -> [Double] { values.map { $0.isFinite ? $0 : .nan } }

    /// The clip threshold of a run, nil when clipping is off.
    static func threshold(_ run: TrainRun) -> Double? { run.configuration.clipNorm }

    /// `σ_max 2.50 · clip off · sine · vanilla RNN · H 16 · sgd lr 0.3 · seed 1`: what the
    /// knobs turn first, so a narrow panel (or `▶ running`) cuts the settings that stay.
    static func title(_ panel: Panel<TrainView>, theme: LabTheme) -> String {
        let sep = " \(theme.glyphs.fieldSeparator) "
        let c = panel.data.configuration
        var parts: [String] = []
        if let s = c.sigmaMax { parts.append("σ_max " + String(format: "%.2f", s)) }
        parts.append("clip " + Knobs.named("clip")!.display(c.clipNorm ?? 0))
        parts += [panel.spec.task.rawValue + (panel.spec.task == .copy ? " (delay \(panel.spec.delay))" : ""), panel.spec.cell.title,
                  "H \(c.hidden)", "\(c.optimizer.rawValue) lr \(ChartNumber.compact(c.learningRate))", "seed \(c.seed)"]
        var title = parts.joined(separator: sep)
        if let note = panel.note { title = "\(note)" + sep + title }
        return ASCIIFold.fitting(title, theme.capabilities)
    }

    /// The line under the header: the latest numbers, DIVERGED, or what to press.
    static func readout(_ run: TrainRun, theme: LabTheme) -> (String, Style) {
        if let d = run.divergence {
            return ("DIVERGED at step \(d.step): \(d.reason)", divergedStyle(theme))
        }
        guard let last = run.history.records.last else {
            return ("space: train  \(theme.glyphs.fieldSeparator)  n: one step  \(theme.glyphs.fieldSeparator)  \(run.budget) steps of \(run.configuration.batch) sequences", theme.muted)
        }
        var text = "loss \(ChartNumber.compact(last.loss))   ‖∂L/∂θ‖ \(ChartNumber.compact(last.gradNormBefore))"
        if run.configuration.clipNorm != nil {
            text += " \(theme.glyphs.textArrowRight) \(ChartNumber.compact(last.gradNormAfter))"
        }
        if let a = last.accuracy { text += "   accuracy \(Int((a * 100).rounded())) %" }
        if run.stepsTaken >= run.budget { text += "   done (space: again)" }
        return (text, theme.text)
    }

    /// Red and bold, reversed without colour: it must not be missed.
    static func divergedStyle(_ theme: LabTheme) -> Style {
        theme.capabilities.colors == .none ? Style.plain.bold.reversed : theme.capabilities.resolve(Style(foreground: .red).bold)
    }

    /// The loss per step on a log axis over the whole budget.
    public static func lossChart(_ run: TrainRun) -> LineChart {
        LineChart(series: [ChartSeries(name: "loss", values: finite(run.history.loss), xStart: 1)],
                  yScale: .log10, xRange: 1...Double(max(2, run.budget)), marker: run.divergence.map { Double($0.step) },
                  xLabel: "step", yLabel: "loss (log)", showLegend: false)
    }

    /// ‖∂L/∂θ‖ before clipping (and after, with the threshold as a line, when clipping is on).
    public static func gradientChart(_ run: TrainRun) -> LineChart {
        var series = [ChartSeries(name: "before clipping", values: finite(run.history.gradNormBefore), xStart: 1)]
        var references: [Double] = []
        if let c = threshold(run) {
            series.append(ChartSeries(name: "after", values: finite(run.history.gradNormAfter), xStart: 1))
            references.append(c)
        }
        // The axis always shows the threshold, even before the gradient reaches it.
        let fitted = Scale.fitting(series.flatMap(\.values) + references, kind: .log10)
        return LineChart(series: series, yScale: .log10, yRange: fitted.lower...fitted.upper,
                         xRange: 1...Double(max(2, run.budget)), marker: run.divergence.map { Double($0.step) },
                         references: references, xLabel: "step", yLabel: "‖∂L/∂θ‖ (log)", showLegend: references.count > 0)
    }

    public static func render(_ panel: Panel<TrainView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        let run = panel.data
        PanelHeader.draw(title(panel, theme: theme), position: "step \(run.stepsTaken) / \(run.budget)",
                         running: panel.timeline.running, in: area, into: &buffer, theme: theme)
        let (text, style) = readout(run, theme: theme)
        let line = ScreenChrome.fitted(ASCIIFold.fitting(text, theme.capabilities), area.width, theme)
        buffer.put(line, x: area.x, y: area.y + 1, style: style, clip: area)

        let body = area.inset(top: 2)
        guard body.height >= 3 else { return }
        // Tall enough: loss above the gradient; otherwise side by side (80x24 has ~8 rows).
        let (lossArea, gradArea): (Rect, Rect)
        if body.height >= 14 || body.width < 60 {
            let (a, b) = body.splitTop(body.height / 2)
            (lossArea, gradArea) = (a, b)
        } else {
            let (a, b) = body.splitLeft(body.width / 2)
            (lossArea, gradArea) = (a, b.inset(left: 1))
        }
        let caps = theme.capabilities
        var loss = lossChart(run)
        var grad = gradientChart(run)
        if !caps.unicode {
            loss.yLabel = loss.yLabel.map(ASCIIFold.fold)
            grad.yLabel = grad.yLabel.map(ASCIIFold.fold)
        }
        loss.render(in: lossArea, into: &buffer, capabilities: caps)
        grad.render(in: gradArea, into: &buffer, capabilities: caps)
    }
}
