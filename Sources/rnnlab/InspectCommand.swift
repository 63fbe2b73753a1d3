import ArgumentParser
import Foundation
import Lab
import LessonKit
import RNNCore
import TUICurses

/// The options that name the learner's own model, shared by `rnnlab inspect` and
/// `rnnlab render --inspect`.
struct InspectOptions: ParsableArguments {
    @Option(name: .customLong("weights"), help: ArgumentHelp("The trained cell's weights: Keras 3 (kernel, recurrent_kernel, bias) or PyTorch (weight_ih_l0, …) names.", valueName: "W.npz"))
    var weights: String?

    @Option(name: .customLong("layout"), help: "Weight layout: keras or pytorch (default: inferred from the array names).")
    var layout: FrameworkLayout?

    @Option(name: .customLong("input"), help: ArgumentHelp("The input, (batch, time, D) or (time, D): the first sequence is run (default: a sine per feature, 48 steps).", valueName: "X.npy"))
    var input: String?

    @Option(name: .customLong("cell"), help: "The cell: rnn, lstm or gru (default: from the shape of the recurrent matrix).")
    var cell: CellKind?

    /// Whether any of the options was given (they need `--inspect` in `render`).
    var anyGiven: Bool { weights != nil || layout != nil || input != nil || cell != nil }

    /// The inspect lesson for the model; a bad file is one line naming it and the array (exit 1).
    func lesson() throws -> ([Lesson], Lesson) {
        guard let weights else { throw ValidationError("--inspect needs --weights W.npz") }
        do {
            let model = try InspectedModel.load(weights: URL(fileURLWithPath: weights), layout: layout,
                                                input: input.map { URL(fileURLWithPath: $0) },
                                                cell: cell.flatMap { LabCell(rawValue: $0.rawValue) })
            let lesson = InspectLesson.make(model)
            return ([lesson], lesson)
        } catch let error as InteropError {
            printError("rnnlab: \(error.description)")
            throw ExitCode(error.exitCode)
        }
    }
}

/// `rnnlab inspect`: the lab on the learner's own trained cell, its states, gates, one cell
/// and its gradient flow, one view per step (→ / ← switch).
struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Open the lab on your own trained cell (Keras or PyTorch weights).",
        discussion: """
            Examples:
              rnnlab inspect --weights Assets/examples/keras-lstm/weights.npz --input Assets/examples/keras-lstm/x.npy
              rnnlab render --inspect --weights W.npz --step gradients
            The views are steps: states, gates and cell (LSTM, GRU), gradients; → / ← switch, \
            u / U pick the unit in the cell view. Any H and D; the first sequence of the input batch \
            runs from zero state. A missing or misshapen array is an error naming it.
            """)

    @OptionGroup var model: InspectOptions
    @OptionGroup var terminal: TerminalFlags

    func validate() throws {
        if model.weights == nil { throw ValidationError("--weights W.npz is required") }
    }

    func run() throws {
        // The files first: a bad array is worth saying even without a terminal.
        let (lessons, lesson) = try model.lesson()
        try terminal.requireTerminal()
        BacktraceSettings.restartNonInteractiveIfNeeded()
        try terminal.runInteractive { backend in
            LabProgram(lessons: lessons, size: backend.size, capabilities: backend.capabilities, lessonID: lesson.id, stepIndex: 0)!
        }
    }
}
