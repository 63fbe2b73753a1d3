import ArgumentParser
import Foundation
import KerasModel

/// `rnnlab keras`: Keras 3 models, read without Python.
struct Keras: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keras",
        abstract: "Check Keras 3 model files without Python.",
        subcommands: [KerasSummaryCommand.self]
    )
}

/// `rnnlab keras summary FILE.py [--json]`: what `model.summary()` prints for a model file in
/// the plain Sequential or functional style, or `FILE:LINE:COLUMN: what is not supported`.
struct KerasSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Print the table Keras 3's model.summary() prints for a model file.",
        discussion: """
            Examples:
              rnnlab keras summary model.py
              rnnlab keras summary model.py --json
            The file builds one model: keras.Sequential([...]) (keras.Input(shape=...) or \
            layers.InputLayer(...) first, or input_shape= on the first layer) or keras.Input ... \
            keras.Model(inputs, outputs), a chain of SimpleRNN, LSTM, GRU, Dense, \
            TimeDistributed(Dense), Embedding; model.compile(...) and model.summary() may follow. Layer names, output \
            shapes and parameter counts are Keras 3's; the table is the one Keras prints in a \
            terminal at least 92 columns wide (line_length 88). Anything else is an error \
            FILE:LINE:COLUMN (exit 1), never a guess. --json: {"model", "layers": [{"name", "class", \
            "output_shape", "params"}], "total_params", "trainable_params", "non_trainable_params"}; \
            output_shape has null for None, and is a list of shapes (output, then states) for a \
            layer with return_state=True.
            """)

    @Argument(help: ArgumentHelp("The Keras model file.", valueName: "FILE.py"))
    var file: String

    @Flag(name: .customLong("json"), help: "Print the summary as JSON.")
    var json = false

    func run() throws {
        let source: String
        guard FileManager.default.fileExists(atPath: file) else {
            FileHandle.standardError.write(Data("\(file): no such file\n".utf8))
            throw ExitCode(1)
        }
        do {
            source = try String(contentsOfFile: file, encoding: .utf8)
        } catch {
            FileHandle.standardError.write(Data("\(file): cannot read the file as UTF-8 text\n".utf8))
            throw ExitCode(1)
        }
        do {
            let summary = try KerasModelReader.summarize(source)
            FileHandle.standardOutput.write(Data((json ? summary.json() : summary.table()).utf8))
        } catch {
            FileHandle.standardError.write(Data((error.description(file: file) + "\n").utf8))
            throw ExitCode(1)
        }
    }
}
