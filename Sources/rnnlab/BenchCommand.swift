import ArgumentParser
import Foundation
import RNNCore
import TUI

/// `rnnlab bench`: forward and forward+backward timings of the three cells, and the time to
/// draw one full lab frame.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Time forward and forward+backward of rnn, lstm and gru at sizes S1, S2, S3.",
        discussion: "S1 = (input 8, hidden 16, time 50, batch 1), S2 = (32, 64, 100, 1), S3 = (64, 256, 100, 32). "
            + "Build with -c release for meaningful numbers. scripts/bench_compare.py compares with numpy, PyTorch and Keras.")

    @Flag(help: "Print JSON records {cell, input, hidden, time, batch, pass, seconds}.")
    var json = false

    @Flag(help: "A short time budget per measurement (a smoke test, not a benchmark).")
    var quick = false

    @Option(help: "Only these cells (comma separated: rnn,lstm,gru).")
    var cells: String = "rnn,lstm,gru"

    @Option(help: "Only these sizes (comma separated: S1,S2,S3).")
    var sizes: String = "S1,S2,S3"

    @Flag(help: "Time the GEMM kernel alone (GFLOP/s at the products that dominate S2 and S3).")
    var kernels = false

    @Flag(help: "Time one full 200x50 lab frame (two line charts of 8x100 points and a 16x100 heatmap, plus the diff).")
    var frame = false

    func validate() throws { _ = try choices() }

    /// The cells and sizes of `--cells` and `--sizes`; an empty or unknown item is a usage error.
    private func choices() throws -> ([CellKind], [Benchmark.Size]) {
        let kinds = try parseList(cells, option: "--cells", valid: CellKind.allValueStrings) { CellKind(argument: $0) }
        let names = Benchmark.standardSizes.map(\.name)
        let sizes = try parseList(sizes, option: "--sizes", valid: names) { name in
            Benchmark.standardSizes.first { $0.name == name }
        }
        return (kinds, sizes)
    }

    func run() throws {
        if frame {
            for (label, caps) in [("256 colours, unicode", Capabilities.full), ("no colour, ascii", Capabilities.plainASCII)] {
                let seconds = FrameBenchmark.run(frames: quick ? 20 : 200, capabilities: caps)
                if json {
                    print("{\"frame\": \"200x50\", \"capabilities\": \"\(label)\", \"seconds\": \(seconds)}")
                } else {
                    print("frame 200x50 (\(label)): " + String(format: "%.3f ms (median)", seconds * 1000))
                }
            }
            return
        }
        if kernels {
            for (shape, seconds, gflops) in Benchmark.gemmThroughput(quick: quick) {
                print(shape.label.padding(toLength: 32, withPad: " ", startingAt: 0)
                      + "m=\(shape.m) n=\(shape.n) k=\(shape.k)".padding(toLength: 24, withPad: " ", startingAt: 0)
                      + String(format: "%10.3f ms %8.2f GFLOP/s", seconds * 1000, gflops))
            }
            let (sigmoid, tanh) = Benchmark.activationThroughput(quick: quick)
            print(String(format: "activations: sigmoid %.2f ns/element, tanh %.2f ns/element", sigmoid, tanh))
            return
        }
        let (kinds, chosen) = try choices()
        let records = Benchmark.run(cells: kinds, sizes: chosen, quick: quick) { record in
            if !json { print(Benchmark.tableLine(record)) }
        }
        if json { print(Benchmark.json(records)) }
    }
}
