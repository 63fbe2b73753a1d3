import ArgumentParser
import Foundation
import RNNCore

/// `rnnlab run`: one recurrent layer with Keras or PyTorch weights over a NumPy input; writes
/// h, c, the gates and (with --upstream) every gradient to an .npz. The work is
/// `RNNCore.RunRequest`; this file only parses flags and maps errors to exit codes.
struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an RNN/LSTM/GRU with Keras or PyTorch weights on NumPy inputs.",
        discussion: """
            Input X is (batch, time, features) or (time, features). OUT.npz holds h (batch, time, units), \
            c for the LSTM, and each gate (i f g o, or r z n) as (batch, time, units). With --upstream G \
            (shape of h; L = sum(G * h)) it also holds grad_<name> for every array of the weights file, \
            in that array's layout and shape, grad_x, grad_h0, grad_c0 (LSTM) and grad_h_norm \
            (batch, time) = |dL/dh_t|. OUT.npz is replaced only once complete (an old file survives a \
            full disk). Exit codes: 1 bad input (the message names the file, the array and the shapes; \
            also a directory, an empty or special file as input, array names the layout does not know, \
            results that overflow), 3 the output could not be written or was refused (a directory, a \
            link, a device, one of the inputs), 64 a bad command line.
            """)

    @Option(help: "The cell: rnn, lstm or gru.")
    var cell: CellKind

    @Option(help: ArgumentHelp("Weights .npz with Keras names (kernel, recurrent_kernel, bias) or PyTorch names (weight_ih_l0, ...).", valueName: "W.npz"))
    var weights: String

    @Option(help: "Weight layout: keras or pytorch (default: inferred from the array names).")
    var layout: FrameworkLayout?

    @Flag(help: "Ignore arrays of the weights file that the layout does not name (default: they are an error; a misspelt 'bais' would otherwise run without its bias).")
    var allowExtraArrays = false

    @Flag(inversion: .prefixedNo, help: "GRU: reset gate after the recurrent product (default: from a Keras bias shape, else on).")
    var resetAfter: Bool?

    @Option(help: ArgumentHelp("Input (batch, time, features) or (time, features).", valueName: "X.npy"))
    var input: String

    @Option(help: ArgumentHelp("Initial hidden state (batch, units); default zeros.", valueName: "H0.npy"))
    var h0: String?

    @Option(help: ArgumentHelp("LSTM initial cell state (batch, units); default zeros.", valueName: "C0.npy"))
    var c0: String?

    @Option(help: ArgumentHelp("Upstream gradient G with the shape of h; adds the gradients of L = sum(G * h).", valueName: "G.npy"))
    var upstream: String?

    @Option(help: ArgumentHelp("Output .npz (float64 arrays); a new file or a regular file to replace, never a directory, link, device or input.", valueName: "OUT.npz"))
    var out: String

    func run() throws {
        // Ctrl-C while OUT.npz is being written must not leave its temporary file behind.
        AtomicFile.removeTemporaryFileOnSignals()
        let request = RunRequest(
            cell: cell, weightsPath: weights, layout: layout, resetAfter: resetAfter, inputPath: input, h0Path: h0,
            c0Path: c0, upstreamPath: upstream, outputPath: out, allowExtraArrays: allowExtraArrays)
        do {
            try request.execute()
        } catch let error as InteropError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(error.exitCode)
        }
    }
}
