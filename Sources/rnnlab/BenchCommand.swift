import ArgumentParser
import Foundation
import Lab
import LessonKit
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

    @Flag(help: "Time the Lab without a terminal: a knob press to the redrawn frame (H = 8, T = 200), and, while the train view trains, how long a key waits and how many frames per second are drawn.")
    var lab = false

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
        if lab {
            try LabBench.run(quick: quick, json: json)
            return
        }
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

/// `rnnlab bench --lab`: the Lab's own targets (issue 9, "Speed"), measured through
/// `LabProgram` and `Runtime` with a text backend. The lessons are written here, not the
/// shipped ones, so the numbers do not move when a lesson changes.
enum LabBench {
    static let lesson = """
        ---
        id: bench
        title: Bench
        summary: The Lab's speed targets.
        ---
        ## Knob {#knob}
        A states panel at its largest.
        ```lab
        view: states
        hidden: 8
        steps: 200
        start: 200
        sigma: 1.0
        knobs: [sigma, seed]
        ```
        ## Training {#train}
        A run long enough to outlast the measurement.
        ```lab
        view: train
        task: sine
        steps: 5000
        sigma: 2.5
        clip: 1
        knobs: [clip]
        ```
        ## Training, full slices {#train-full}
        Every slice uses its whole time budget.
        ```lab
        view: train
        task: copy
        steps: 5000
        pace: 100
        knobs: [clip]
        ```
        ## Race {#race}
        Issue 10: three models at H = 32, delay 20, batch 32.
        ```lab
        view: race
        task: copy
        delay: 20
        hidden: 32
        batch: 32
        steps: 5000
        ```
        """

    static func run(quick: Bool, json: Bool) throws {
        let parsed: Lesson
        do { parsed = try LessonParser.parse(lesson, file: "bench.md") } catch { throw ValidationError("bench lesson: \(error)") }
        let caps = Capabilities.full
        var lines: [(String, String)] = []
        for size in [Size(width: 120, height: 40), Size(width: 200, height: 50)] {
            let p = LabProgram(lessons: [parsed], size: size, capabilities: caps, lessonID: "bench", stepIndex: 0)!
            let samples = LabBenchmark.knobPress(p, down: .character("-"), up: .character("+"), presses: quick ? 40 : 400, capabilities: caps)
            let s = LabBenchmark.Summary(samples)
            lines.append(("knob press to redrawn frame, states H=8 T=200, \(size.width)x\(size.height)",
                          s.text + (s.p95 < 16 ? "  [target < 16 ms: met]" : "  [target < 16 ms: MISSED]")))
        }
        let seconds = quick ? 1.5 : 5
        for (index, label) in [(1, "sine H=16 B=16, pace 5"), (2, "copy H=32 B=32 T=22, pace 100 (full 25 ms slices)")] {
            let p = LabProgram(lessons: [parsed], size: Size(width: 120, height: 40), capabilities: caps, lessonID: "bench", stepIndex: index)!
            let r = LabBenchmark.responsiveness(p, seconds: seconds, capabilities: caps)
            let w = LabBenchmark.Summary(r.keyWaits)
            let stopped = r.stillRunning ? "" : "  (training stopped before the end: the numbers cover less)"
            lines.append(("while training (\(label)), 120x40, a key every 20-120 ms: key to answering frame",
                          w.text + (w.max < 100 ? "  [target < 100 ms: met]" : "  [target < 100 ms: MISSED]")))
            lines.append(("while training (\(label)), 120x40, a key every 20-120 ms: frames drawn",
                          String(format: "%.1f frames/s, %.1f of them after a training slice (%d in %.2f s)",
                                 r.framesPerSecond, r.tickFramesPerSecond, r.frames, seconds)
                          + (r.framesPerSecond >= 10 ? "  [target >= 10: met]" : "  [target >= 10: MISSED]") + stopped))
            let q = LabBenchmark.responsiveness(p, seconds: seconds, capabilities: caps, pressKeys: false)
            lines.append(("while training (\(label)), 120x40, no keys: frames drawn",
                          String(format: "%.1f frames/s (%d in %.2f s)", q.framesPerSecond, q.frames, seconds)
                          + (q.framesPerSecond >= 10 ? "  [target >= 10: met]" : "  [target >= 10: MISSED]")
                          + (q.stillRunning ? "" : "  (training stopped before the end)")))
        }
        // The race: training steps per second of the three models together, measured over the
        // whole run (frames and keys included), while keys are answered and frames drawn.
        for keys in [true, false] {
            let p = LabProgram(lessons: [parsed], size: Size(width: 120, height: 40), capabilities: caps, lessonID: "bench", stepIndex: 3)!
            let r = LabBenchmark.responsiveness(p, seconds: seconds, capabilities: caps, pressKeys: keys)
            let race = r.end.session?.experiment?.data(RaceView.self)
            let steps = race?.totalSteps ?? 0
            let elapsed = Double(r.elapsed.components.seconds) + Double(r.elapsed.components.attoseconds) * 1e-18
            let rate = elapsed > 0 ? Double(steps) / elapsed : 0
            let label = "race (rnn, lstm, gru; copy H=32 B=32 delay 20), 120x40" + (keys ? ", a key every 20-120 ms" : ", no keys")
            var perStep = ""
            if let race {
                perStep = " (" + RaceRun.cells.indices.map { i in
                    RaceRun.cells[i].rawValue + " " + (race.secondsPerStep(i).map { String(format: "%.2f ms", $0 * 1000) } ?? "-")
                }.joined(separator: ", ") + " per step)"
            }
            lines.append((label + ": training steps",
                          String(format: "%.0f steps/s in total (%d in %.2f s)", rate, steps, elapsed) + perStep
                          + (rate >= 200 ? "  [target >= 200: met]" : "  [target >= 200: MISSED]")))
            lines.append((label + ": frames drawn", String(format: "%.1f frames/s", r.framesPerSecond)
                          + (r.framesPerSecond >= 10 ? "  [target >= 10: met]" : "  [target >= 10: MISSED]")))
            if keys {
                let w = LabBenchmark.Summary(r.keyWaits)
                lines.append((label + ": key to answering frame", w.text + (w.max < 100 ? "  [target < 100 ms: met]" : "  [target < 100 ms: MISSED]")))
            }
        }
        // Paused, the panel asks for no timer: the loop blocks on input and uses no CPU.
        var idle = LabProgram(lessons: [parsed], size: Size(width: 120, height: 40), capabilities: caps, lessonID: "bench", stepIndex: 1)!
        _ = Runtime.perform(idle.update(.key(.character(" "))), on: &idle)
        _ = Runtime.perform(idle.update(.tick), on: &idle)
        let timerWhileRunning = idle.tickInterval
        _ = Runtime.perform(idle.update(.key(.character(" "))), on: &idle)
        lines.append(("timer while training / paused", "\(timerWhileRunning.map { "\($0)" } ?? "none") / \(idle.tickInterval.map { "\($0)" } ?? "none (idle: the loop blocks on input)")"))
        for (label, value) in lines {
            if json {
                print("{\"measure\": \"\(label)\", \"result\": \"\(value)\"}")
            } else {
                print("\(label): \(value)")
            }
        }
    }
}
