import Foundation
import LessonKit
import RNNCore
import TUI

/// The `race` view: a vanilla RNN, an LSTM and a GRU of the same hidden size trained live
/// side by side on a memory task (the copy task, or the adding task), from the same seed, on
/// the same batches, with the same optimizer.
///
/// ```
/// copy (delay 20) · H 32 · adam lr 0.003 · clip 1 · batch 32 · seed 1     step 412 / 1500  ▶ running
/// 1,236 steps trained · measured 231 steps/s
/// ━━ vanilla RNN    1,316 params   0.81 ms/step   loss 1.371   accuracy 29 % (chance 25 %)
/// ━━ LSTM           5,124 params   2.10 ms/step   loss 0.012   accuracy 100 % (chance 25 %)
/// ━━ GRU            3,972 params   1.62 ms/step   loss 0.034   accuracy 99 % (chance 25 %)
/// loss (log)  ⠉⠒⠤⣀ …
/// ```
///
/// Space starts and pauses the race; `n` takes one step of each model while paused; a knob
/// turn (`delay`, `seed`, `clip`) starts a new race. Training runs in slices between frames,
/// each slice going round the three models one step at a time (`RaceRun`), so the curves are
/// the same whatever the slicing. The time per step is measured inside the slice's effect.
public enum RaceView: LabView {
    /// The memory tasks a race can run.
    public enum TaskName: String, CaseIterable, Hashable, Sendable {
        /// Recall a symbol after `delay` noisy steps (accuracy against chance 1/4).
        case copy
        /// Sum the two marked numbers of a sequence.
        case adding

        var train: TrainView.TaskName { self == .copy ? .copy : .adding }
    }

    /// The block's settings: those the three models share.
    public struct Spec: LabViewSpec {
        public var view: String { RaceView.name }
        public var line: Int
        public var task: TaskName
        /// The shared training settings (`cell` is set per model).
        public var train: TrainView.Spec
        /// Starting values of `seed`, `clip` and (copy task) `delay`.
        public var settings: KnobValues
        /// The knobs the learner may turn, in the block's order.
        public var knobs: [Knob]

        public init(line: Int = 0, task: TaskName = .copy, hidden: Int? = nil, steps: Int? = nil, batch: Int? = nil,
                    learningRate: Double? = nil, optimizer: OptimizerKind? = nil, delay: Int = 20, pace: Int = 100,
                    start: Int = 0, seed: UInt64 = 1, clip: Double?? = .none, knobs: [String] = []) {
            self.line = line
            self.task = task
            train = TrainView.Spec(line: line, task: task.train, cell: .rnn, hidden: hidden, steps: steps, batch: batch,
                                   learningRate: learningRate, optimizer: optimizer, delay: delay, pace: pace, start: start,
                                   seed: seed, clip: clip)
            settings = train.settings
            if task == .copy { settings["delay"] = Double(delay) }
            self.knobs = knobs.compactMap(Knobs.named)
        }
    }

    public static let name = "race"
    public static let summary = "a vanilla RNN, an LSTM and a GRU trained live side by side: loss (log), accuracy, parameters, time per step; space races"
    public static let axis = "one training step"
    public static let axisGoesBack = false
    public static let axisHelp = "one training step of each model (while paused)"

    /// The knobs that mean something here.
    public static let knobNames = ["delay", "seed", "clip"]
    public static let delayRange = 5...50
    public static let paceRange = 1...1000

    public static let blockKeys = [
        BlockKey("task", "`race`: `copy` (recall a symbol after `delay` noisy steps) or `adding` (sum two marked numbers)", default: "`copy`"),
        BlockKey("hidden", "`race`: hidden units H of every model", default: "32", range: "1 … 64"),
        BlockKey("seed", "`race`: weights and data (the same batches for all three)", default: "1", range: "0 … 999999"),
        BlockKey("clip", "`race`: gradient-norm clipping threshold, or `off`", default: "the task's (1, off)", range: "(0, 10]"),
        BlockKey("steps", "`race`: optimizer steps of each model (the budget)", default: "the task's (2500, 400)", range: "1 … 5000"),
        BlockKey("batch", "`race`: sequences per batch", default: "32", range: "1 … 256"),
        BlockKey("lr", "`race`: learning rate", default: "the task's (0.003, 0.01)", range: "(0, 10]"),
        BlockKey("optimizer", "`race`: `sgd`, `momentum`, `adagrad`, `adam`", default: "`adam`"),
        BlockKey("delay", "`race`: copy task: noisy steps between the symbol and the cue", default: "20", range: "5 … 50"),
        BlockKey("pace", "`race`: rounds (one step of each model) per slice at most", default: "100", range: "1 … 1000"),
        BlockKey("start", "`race`: steps each model has taken when the step opens and after each knob turn", default: "0", range: "0 … steps, at most 1000"),
        BlockKey("knobs", "`race`: the knobs the learner may turn: `delay` (copy task), `seed`, `clip`", default: "none"),
    ]

    // MARK: Parsing

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec? {
        let before = errors.count
        let task = fields.choice("task", TaskName.self, noun: "race task", required: false, missingLine: fenceLine, errors: &errors) ?? .copy
        let hidden = fields.int("hidden", in: TrainView.hiddenRange, errors: &errors)
        let seed = fields.int("seed", in: CellSpec.seedRange, errors: &errors)
        let steps = fields.int("steps", in: TrainView.stepsRange, errors: &errors)
        let batch = fields.int("batch", in: TrainView.batchRange, errors: &errors)
        let lr = fields.double("lr", in: TrainView.learningRateRange, openBelow: true, errors: &errors)
        let optimizer = fields.choice("optimizer", OptimizerKind.self, noun: "optimizer", required: false,
                                      missingLine: fenceLine, errors: &errors)
        let delay = fields.int("delay", in: delayRange, errors: &errors)
        if task != .copy, let f = fields["delay"] {
            errors.append(LessonError(file: fields.file, line: f.line, message: "'delay' belongs to 'task: copy' (this race runs '\(task.rawValue)')"))
        }
        let pace = fields.int("pace", in: paceRange, errors: &errors)
        let start = fields.int("start", in: TrainView.startRange, errors: &errors)
        var clip: Double?? = .none
        if let f = fields["clip"] {
            var asText: [LessonError] = []  // a number is also text; only the number check reports
            if fields.string("clip", required: false, missingLine: fenceLine, errors: &asText) == "off" {
                clip = .some(nil)
            } else if let v = fields.double("clip", in: 0...TrainView.clipRange.upperBound, openBelow: true, errors: &errors) {
                clip = .some(v)
            } else if errors.last?.line == f.line {
                let last = errors.removeLast()
                errors.append(LessonError(file: last.file, line: last.line, message: last.message + " (or 'off')"))
            }
        }
        let knobs = fields.words("knobs", in: knobNames, noun: "knob for the race view", errors: &errors) ?? []
        if knobs.contains("delay"), task != .copy, let f = fields["knobs"] {
            errors.append(LessonError(file: fields.file, line: f.line, message: "the 'delay' knob belongs to 'task: copy' (this race runs '\(task.rawValue)')"))
        }
        guard errors.count == before else { return nil }
        let spec = Spec(line: fenceLine, task: task, hidden: hidden, steps: steps, batch: batch, learningRate: lr,
                        optimizer: optimizer, delay: delay ?? 20, pace: pace ?? 100, start: start ?? 0,
                        seed: UInt64(seed ?? 1), clip: clip, knobs: knobs)
        if spec.train.start > spec.train.steps, let f = fields["start"] {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "'start' is \(spec.train.start); it must not be more than the step budget 'steps' (\(spec.train.steps))"))
            return nil
        }
        return spec
    }

    // MARK: The race

    /// The train view's settings for one model of the race, with the knobs' delay.
    static func trainSpec(_ spec: Spec, cell: LabCell, knobs: KnobValues) -> TrainView.Spec {
        var s = spec.train
        s.cell = cell
        if spec.task == .copy, let d = knobs["delay"] { s.delay = Int(d) }
        return s
    }

    public static func knobs(_ spec: Spec) -> (knobs: [Knob], values: KnobValues) { (spec.knobs, spec.settings) }

    public static func timeline(_ spec: Spec) -> Timeline { Timeline(count: spec.train.steps, start: max(1, spec.train.start)) }

    /// Three runs from the seeded weights (each cell its own), trained `start` steps each
    /// without a clock (the data stays a function of the block and the knobs).
    public static func compute(_ spec: Spec, knobs: KnobValues) -> RaceRun {
        var race = RaceRun(RaceRun.cells.map { cell in
            let (task, configuration) = TrainView.configuration(trainSpec(spec, cell: cell, knobs: knobs), knobs: knobs)
            return TrainRun(task: task, configuration: configuration)
        })
        race.advance(maxRounds: spec.train.start, timed: false)
        return race
    }

    // MARK: Update

    /// How long the loop waits between slices: short, so most of the time trains.
    public static let tickEvery: Duration = .milliseconds(10)
    /// The most wall-clock time one slice may take (then the frame is drawn): a key pressed
    /// during a slice waits at most this long, plus one round of three steps and a frame.
    public static let sliceBudget: Duration = .milliseconds(60)

    public static func tickInterval(_ panel: Panel<RaceView>) -> Duration? {
        SlicedTraining.tickInterval(panel, every: tickEvery)
    }

    public static func update(_ panel: inout Panel<RaceView>, _ message: PanelMessage) -> Command<LabMessage> {
        SlicedTraining.update(&panel, message, pace: panel.spec.train.pace, budget: sliceBudget, name: "race")
    }

    // MARK: Drawing

    /// `copy (delay 20) · H 32 · adam lr 0.003 · clip 1 · batch 32 · seed 1`.
    static func title(_ panel: Panel<RaceView>, theme: LabTheme) -> String {
        let sep = " \(theme.glyphs.fieldSeparator) "
        let c = panel.data.runs[0].configuration
        var parts = [panel.spec.task == .copy ? "copy (delay \(trainSpec(panel.spec, cell: .rnn, knobs: panel.values).delay))" : "adding",
                     "H \(c.hidden)", "\(c.optimizer.rawValue) lr \(ChartNumber.compact(c.learningRate))",
                     "clip " + Knobs.named("clip")!.display(c.clipNorm ?? 0), "batch \(c.batch)", "seed \(c.seed)"]
        if let note = panel.note { parts.insert(note, at: 0) }
        return ASCIIFold.fitting(parts.joined(separator: sep), theme.capabilities)
    }

    /// What guessing scores on a classification task: `guessing: 25 % right, loss 1.386 (dashed)`.
    static func guessing(_ race: RaceRun) -> String? {
        let task = race.runs[0].trainer.task
        guard let chance = task.chanceAccuracy, task.loss == .softmaxCrossEntropy else { return nil }
        return "guessing: \(percent(chance)) right, loss \(ChartNumber.compact(-log(chance))) (dashed)"
    }

    /// The line under the header: what to press, or the steps trained and the measured speed;
    /// then what guessing scores.
    static func readout(_ race: RaceRun, theme: LabTheme) -> String {
        let sep = "  \(theme.glyphs.fieldSeparator)  "
        let guess = guessing(race).map { sep + $0 } ?? ""
        guard race.totalSteps > 0 else {
            return "space: race" + sep + "n: one step of each" + guess
        }
        // Each model trains its own steps: say how many each has had (they differ only when
        // one diverged and stopped), not their sum, which reads as three times the training.
        let steps = race.runs.map(\.stepsTaken)
        let lo = steps.min() ?? 0, hi = steps.max() ?? 0
        var text = lo == hi ? "\(grouped(lo)) steps each" : "\(grouped(lo))–\(grouped(hi)) steps each"
        let timed = race.timedSteps.reduce(0, +)
        let seconds = race.trainingTime.reduce(Duration.zero, +)
        if timed > 0, seconds > .zero {
            let s = Double(seconds.components.seconds) + Double(seconds.components.attoseconds) * 1e-18
            text += sep + String(format: "%.0f steps/s while training", Double(timed) / s)
        }
        if race.isFinished { text += sep + "done (space: again)" }
        return text + guess
    }

    /// Model `i`'s row: name, parameters, measured time per step, loss, accuracy (and, when
    /// wide, chance; narrow, the readout line says it once).
    static func row(_ race: RaceRun, _ i: Int, wide: Bool, theme: LabTheme) -> String {
        let cell = RaceRun.cells[i]
        let name = wide ? cell.title : (cell == .rnn ? "RNN" : cell.title)
        let run = race.runs[i]
        var parts = [name.padding(toLength: wide ? 11 : 4, withPad: " ", startingAt: 0),
                     leftPadded(grouped(race.parameterCount(i)), 6) + " params",
                     race.secondsPerStep(i).map { String(format: "%5.2f ms/step", $0 * 1000) } ?? "    - ms/step"]
        if let d = run.divergence {
            parts.append("DIVERGED at step \(d.step)")
        } else if let last = run.history.records.last {
            parts.append("loss " + leftPadded(ChartNumber.compact(last.loss), 6))
            if let a = race.recentAccuracy(i) {
                let chance = wide ? run.trainer.task.chanceAccuracy.map { " (chance \(percent($0)))" } ?? "" : ""
                parts.append((wide ? "accuracy " : "acc ") + leftPadded(percent(a), 5) + chance)
            }
        }
        return parts.joined(separator: wide ? "   " : "  ")
    }

    static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded())) %" }

    static func leftPadded(_ s: String, _ n: Int) -> String { String(repeating: " ", count: max(0, n - s.count)) + s }

    /// 5124 → "5,124".
    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (k, d) in digits.enumerated() {
            if k > 0, (digits.count - k) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    /// The three loss curves on one log axis over the whole budget; for the copy task a dashed
    /// line at the loss of guessing, −ln(1/K).
    public static func lossChart(_ race: RaceRun) -> LineChart {
        let series = RaceRun.cells.indices.map { i in
            ChartSeries(name: RaceRun.cells[i].title, values: TrainView.finite(race.runs[i].history.loss), xStart: 1)
        }
        var references: [Double] = []
        if let chance = race.runs[0].trainer.task.chanceAccuracy, race.runs[0].trainer.task.loss == .softmaxCrossEntropy {
            references.append(-log(chance))
        }
        let fitted = Scale.fitting(series.flatMap(\.values) + references, kind: .log10)
        return LineChart(series: series, yScale: .log10, yRange: fitted.lower...fitted.upper,
                         xRange: 1...Double(max(2, race.budget)), references: references,
                         xLabel: "step", yLabel: references.isEmpty ? "loss (log)" : "loss (log), dashed: guessing", showLegend: true)
    }

    public static func render(_ panel: Panel<RaceView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        let race = panel.data
        let caps = theme.capabilities
        PanelHeader.draw(title(panel, theme: theme), position: "step \(race.stepsTaken) / \(race.budget)",
                         running: panel.timeline.running, in: area, into: &buffer, theme: theme)
        let info = ScreenChrome.fitted(ASCIIFold.fitting(readout(race, theme: theme), caps), area.width, theme)
        buffer.put(info, x: area.x, y: area.y + 1, style: theme.muted, clip: area)

        var chart = lossChart(race)
        if !caps.unicode { chart.yLabel = chart.yLabel.map(ASCIIFold.fold) }
        // Each row starts with its curve's mark: the pen where the chart draws pens, else a
        // swatch in the curve's colour.
        let pens = chart.usesPens(caps)
        let wide = area.width >= 100
        for i in RaceRun.cells.indices {
            let y = area.y + 2 + i
            guard y < area.y + area.height else { break }
            let mark = pens ? SeriesPalette.pen(i, caps) : String(repeating: caps.glyphTable.lineSwatch, count: 2)
            buffer.put(mark, x: area.x, y: y, style: SeriesPalette.style(i, caps), clip: area)
            let markWidth = TextWidth.of(mark) + 1
            let text = ScreenChrome.fitted(ASCIIFold.fitting(row(race, i, wide: wide, theme: theme), caps), area.width - markWidth, theme)
            let diverged = race.runs[i].divergence != nil
            buffer.put(text, x: area.x + markWidth, y: y, style: diverged ? TrainView.divergedStyle(theme) : theme.text, clip: area)
        }
        let body = area.inset(top: 5)
        guard body.height >= 3 else { return }
        chart.render(in: body, into: &buffer, capabilities: caps)
    }

    // MARK: Export

    /// What `rnnlab export` writes for a race panel: the three loss curves (trace.npz:
    /// `rnn_loss`, `lstm_loss`, `gru_loss`, one value per optimizer step taken) and the settings.
    public static func export(_ panel: Panel<RaceView>) -> ExperimentExport? {
        let race = panel.data
        var out = ExperimentExport()
        var arrays: [String: NDArray] = [:]
        for (i, cell) in RaceRun.cells.enumerated() {
            let loss = race.runs[i].history.loss
            arrays["\(cell.rawValue)_loss"] = NDArray(shape: [1, loss.count], data: loss)
            if let acc = Optional(race.runs[i].history.records.compactMap(\.accuracy)), !acc.isEmpty {
                arrays["\(cell.rawValue)_accuracy"] = NDArray(shape: [1, acc.count], data: acc)
            }
        }
        out.add("trace.npz", .npz(arrays),
                about: "the race's curves, one value per optimizer step taken, each (1, steps): rnn_loss, lstm_loss, gru_loss "
                    + "(the loss of the step's batch, before its update) and, for the copy task, rnn_accuracy, lstm_accuracy, gru_accuracy (of that batch)")
        let c = race.runs[0].configuration
        var facts: [String: any Sendable] = [
            "view": name, "task": panel.spec.task.rawValue, "hidden": c.hidden, "batch": c.batch,
            "learning_rate": c.learningRate, "optimizer": c.optimizer.rawValue,
            "clip_norm": c.clipNorm.map { $0 as any Sendable } ?? NSNull(), "seed": Int(c.seed), "steps_budget": c.steps,
            "steps_taken": race.runs.map(\.stepsTaken),
            "parameters": Dictionary(uniqueKeysWithValues: RaceRun.cells.indices.map { (RaceRun.cells[$0].rawValue, race.parameterCount($0)) }),
            "rnnlab_train": RaceRun.cells.map { TrainView.trainCommand(trainSpec(panel.spec, cell: $0, knobs: panel.values), race.runs[RaceRun.cells.firstIndex(of: $0)!].configuration) },
        ]
        if panel.spec.task == .copy { facts["delay"] = trainSpec(panel.spec, cell: .rnn, knobs: panel.values).delay }
        out.facts = facts
        return out
    }
}
