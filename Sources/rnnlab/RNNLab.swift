import ArgumentParser

@main
struct RNNLab: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rnnlab",
        abstract: "An interactive terminal lab for recurrent neural networks.",
        version: "0.1.0",
        subcommands: [Open.self, Lessons.self, Render.self, Export.self, Inspect.self, Run.self, GradCheck.self, Train.self, Bench.self, TerminalCheck.self, Keras.self,
                      ExerciseCommand.self, CheckCommand.self, GradeCommand.self, ProgressCommand.self],
        defaultSubcommand: Open.self
    )
}
