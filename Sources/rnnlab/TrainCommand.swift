import ArgumentParser
import Foundation
import RNNCore

/// `rnnlab train`: trains one of the toy tasks headless and prints what happened.
/// The logic is `RNNCore.Trainer`; this file only parses flags and prints.
struct Train: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train an RNN, LSTM or GRU on a toy task and report the loss curve.",
        discussion: """
        Tasks: \(TaskCatalog.names.joined(separator: ", ")). Unset options take the task's defaults.
        Examples:
          rnnlab train --task copy --delay 20 --cell lstm     (solves it)
          rnnlab train --task copy --delay 20 --cell rnn      (stays near chance)
          rnnlab train --task sine --cell rnn --sigma-max 2.5            (explodes)
          rnnlab train --task sine --cell rnn --sigma-max 2.5 --clip 1   (clipping rescues it)
        """
    )

    @Option(help: "The task: \(TaskCatalog.names.joined(separator: ", ")).") var task: String = "sine"
    @Option(help: "The cell: rnn, lstm or gru.") var cell: String = "lstm"
    @Option(help: "Hidden units H.") var hidden: Int?
    @Option(help: "Optimizer steps (one batch each).") var steps: Int?
    @Option(help: "Sequences per batch.") var batch: Int?
    @Option(help: "Learning rate.") var lr: Double?
    @Option(help: "sgd, momentum, adagrad or adam.") var optimizer: String?
    @Option(help: "Clip gradients by global norm to this value (0: off; default: the task's).") var clip: Double?
    @Option(name: .customLong("clip-value"), help: "Clip every gradient entry to ± this value.") var clipValue: Double?
    @Option(name: .customLong("sigma-max"), help: "Rescale the initial W_hh to this largest singular value.") var sigmaMax: Double?
    @Option(help: "Copy task: blank steps between the symbol and the cue.") var delay: Int = 20
    @Option(help: "Copy task: chance of a distractor symbol at each delay step (0...1).") var distractors: Double?
    @Option(help: "Copy task: std of Gaussian noise on the symbol channels during the delay.") var noise: Double?
    @Option(help: "Copy task: how many symbols K (chance 1/K).") var symbols: Int?
    @Option(help: "Weight initialisation: keras or pytorch.") var initializer: String = "keras"
    @Option(help: "Sampling temperature for the chars task.") var temperature: Double = 0.7
    @Option(help: "Random seed (weights and data).") var seed: UInt64 = 1
    @Flag(help: "Print one JSON object to stdout instead of the text summary.") var json = false

    func run() throws {
        guard let kind = CellKind(rawValue: cell) else {
            throw ValidationError("unknown --cell '\(cell)'; use rnn, lstm or gru")
        }
        let theTask: any SequenceTask
        do { theTask = try TaskCatalog.make(task, delay: delay, distractors: distractors, noise: noise, symbols: symbols) } catch {
            throw ValidationError("--task: \(error)")
        }
        if let d = distractors, !(0...1).contains(d) { throw ValidationError("--distractors must be in 0...1, got \(d)") }
        if let k = symbols, k < 2 { throw ValidationError("--symbols must be ≥ 2, got \(k)") }
        if delay < 0 { throw ValidationError("--delay must be ≥ 0, got \(delay)") }
        guard temperature > 0 else { throw ValidationError("--temperature must be positive, got \(temperature)") }
        var config = TrainingConfiguration(task: theTask, cell: kind, seed: seed)
        if let optimizer {
            guard let o = OptimizerKind(rawValue: optimizer) else {
                throw ValidationError("unknown --optimizer '\(optimizer)'; use sgd, momentum, adagrad or adam")
            }
            config.optimizer = o
            // A different optimizer than the task's default gets its own default rate.
            if lr == nil && o != theTask.defaults.optimizer { config.learningRate = o.defaultLearningRate }
        }
        guard let style = InitializerStyle(rawValue: initializer) else {
            throw ValidationError("unknown --initializer '\(initializer)'; use keras or pytorch")
        }
        config.initializer = style
        if let hidden { config.hidden = hidden }
        if let steps { config.steps = steps }
        if let batch { config.batch = batch }
        if let lr { config.learningRate = lr }
        if let clip { config.clipNorm = clip == 0 ? nil : clip }
        config.clipValue = clipValue
        config.sigmaMax = sigmaMax
        if let problem = config.problems.first { throw ValidationError(problem) }

        var trainer = Trainer(task: theTask, configuration: config)
        var bar = ProgressBar(total: config.steps)
        while let record = trainer.step() { bar.update(record) }
        bar.finish()
        let report = trainer.summary(temperature: temperature)
        print(json ? report.jsonReport() : report.textReport())
    }
}

/// A one-line progress bar on stderr, drawn only when stderr is a terminal.
struct ProgressBar {
    let total: Int
    let enabled = isatty(STDERR_FILENO) == 1
    var lastDrawn = -1

    init(total: Int) { self.total = total }

    mutating func update(_ r: TrainingStepRecord) {
        guard enabled, total > 0 else { return }
        let width = 30
        let filled = r.step * width / total
        // Redraw at most ~100 times per run.
        let tick = r.step * 100 / total
        guard tick != lastDrawn || r.step == total else { return }
        lastDrawn = tick
        let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
        var line = "\r\(bar) \(r.step)/\(total)  loss \(String(format: "%.4g", r.loss))"
        if let a = r.accuracy { line += String(format: "  acc %.2f", a) }
        line += String(format: "  ‖g‖ %.3g", r.gradNormBefore)
        FileHandle.standardError.write(Data(line.utf8))
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
