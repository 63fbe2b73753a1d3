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
    @Option(help: "The cell: rnn, lstm or gru.") var cell: CellKind = .lstm
    @Option(help: "Hidden units H (at most \(Bounds.hidden.upperBound)).") var hidden: Int?
    @Option(help: "Optimizer steps, one batch each (at most \(Bounds.steps.upperBound)).") var steps: Int?
    @Option(help: "Sequences per batch (at most \(Bounds.batch.upperBound)).") var batch: Int?
    @Option(help: "Learning rate.") var lr: Double?
    @Option(help: "sgd, momentum, adagrad or adam.") var optimizer: OptimizerKind?
    @Option(help: "Clip gradients by global norm to this value (0: off; default: the task's).") var clip: Double?
    @Option(name: .customLong("clip-value"), help: "Clip every gradient entry to ± this value.") var clipValue: Double?
    @Option(name: .customLong("sigma-max"), help: "Rescale the initial W_hh to this largest singular value.") var sigmaMax: Double?
    @Option(help: "Copy task: blank steps between the symbol and the cue (at most \(Bounds.delay.upperBound)).") var delay: Int = 20
    @Option(help: "Copy task: chance of a distractor symbol at each delay step (0...1).") var distractors: Double?
    @Option(help: "Copy task: std of Gaussian noise on the symbol channels during the delay.") var noise: Double?
    @Option(help: "Copy task: how many symbols K, \(Bounds.symbols.lowerBound) to \(Bounds.symbols.upperBound) (chance 1/K).") var symbols: Int?
    @Option(help: "Weight initialisation: keras or pytorch.") var initializer: InitializerStyle = .keras
    @Option(help: "Sampling temperature for the chars task.") var temperature: Double = 0.7
    @Option(help: "Random seed (weights and data).") var seed: UInt64 = 1
    @Flag(help: "Print one JSON object to stdout instead of the text summary.") var json = false

    /// Every number is checked before anything is built: a copy task with `--symbols 1` or
    /// `--delay -1` would otherwise stop on a precondition, and `--noise nan` train on NaN.
    func validate() throws {
        guard TaskCatalog.names.contains(task) else {
            throw ValidationError("--task: unknown task '\(task)'; known tasks: \(TaskCatalog.names.joined(separator: ", "))")
        }
        try Bounds.check(hidden, in: Bounds.hidden, "--hidden")
        try Bounds.check(steps, in: Bounds.steps, "--steps")
        try Bounds.check(batch, in: Bounds.batch, "--batch")
        try Bounds.check(delay, in: Bounds.delay, "--delay")
        try Bounds.check(symbols, in: Bounds.symbols, "--symbols")
        try Bounds.check(lr, from: 0, lowerOpen: true, to: Bounds.learningRate, "--lr")
        // --clip 0 turns clipping off.
        try Bounds.check(clip, from: 0, to: Bounds.clip, "--clip")
        try Bounds.check(clipValue, from: 0, lowerOpen: true, to: Bounds.clip, "--clip-value")
        try Bounds.check(sigmaMax, from: 0, lowerOpen: true, to: Bounds.sigmaMax, "--sigma-max")
        try Bounds.check(distractors, from: 0, to: 1, "--distractors")
        try Bounds.check(noise, from: 0, to: Bounds.noise, "--noise")
        try Bounds.check(temperature, from: 0, lowerOpen: true, to: Bounds.temperature, "--temperature")
    }

    func run() throws {
        let theTask: any SequenceTask
        do { theTask = try TaskCatalog.make(task, delay: delay, distractors: distractors, noise: noise, symbols: symbols) } catch {
            throw ValidationError("--task: \(error)")
        }
        var config = TrainingConfiguration(task: theTask, cell: cell, seed: seed)
        if let optimizer {
            config.optimizer = optimizer
            // A different optimizer than the task's default gets its own default rate.
            if lr == nil && optimizer != theTask.defaults.optimizer { config.learningRate = optimizer.defaultLearningRate }
        }
        config.initializer = initializer
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
