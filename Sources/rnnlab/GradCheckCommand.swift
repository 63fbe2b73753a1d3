import ArgumentParser
import RNNCore

/// `rnnlab gradcheck`: central differences against backpropagation through time.
struct GradCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gradcheck",
        abstract: "Check every BPTT gradient of a random cell against central differences.",
        discussion: "Exits non-zero when any relative error |a-n|/(|a|+|n|) exceeds the tolerance.")

    @Option(help: "Which cell: rnn, lstm, gru (both forms) or all.")
    var cell: String = "all"

    @Option(help: "Seed of the random weights, inputs and upstream gradients.")
    var seed: UInt64 = 7

    @Option(help: "Largest relative error accepted (0 to 1).")
    var tolerance: Double = 1e-6

    @Flag(help: "Print JSON records instead of a table.")
    var json = false

    func validate() throws {
        guard GradientCheck.cellChoices.contains(cell) else {
            throw ValidationError("unknown --cell '\(cell)': choose one of \(GradientCheck.cellChoices.joined(separator: ", "))")
        }
        // |a-n|/(|a|+|n|) lies in 0...1, so no other tolerance means anything (NaN would pass nothing).
        try Bounds.check(tolerance, from: 0, to: 1, "--tolerance")
    }

    func run() throws {
        guard let problems = GradientCheck.standardProblems(cell: cell, seed: seed) else {
            throw ValidationError("unknown --cell '\(cell)'")
        }
        let reports = problems.map { GradientCheck.run($0) }
        print(json ? GradientCheck.json(reports, tolerance: tolerance) : GradientCheck.table(reports, tolerance: tolerance))
        if !reports.allSatisfy({ $0.passed(tolerance: tolerance) }) { throw ExitCode(1) }
    }
}
