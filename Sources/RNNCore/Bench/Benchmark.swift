import Foundation

/// Timing of the cells' forward and forward+backward passes at fixed sizes, for
/// `rnnlab bench` and scripts/bench_compare.py.
public enum Benchmark {
    /// One problem size: inputs (time × batch × input) into `hidden` units.
    public struct Size: Sendable, Hashable {
        public var name: String
        public var input: Int, hidden: Int, time: Int, batch: Int
        public init(name: String, input: Int, hidden: Int, time: Int, batch: Int) {
            self.name = name; self.input = input; self.hidden = hidden; self.time = time; self.batch = batch
        }
    }

    /// S1 = (8, 16, 50, 1), S2 = (32, 64, 100, 1), S3 = (64, 256, 100, 32).
    public static let standardSizes = [
        Size(name: "S1", input: 8, hidden: 16, time: 50, batch: 1),
        Size(name: "S2", input: 32, hidden: 64, time: 100, batch: 1),
        Size(name: "S3", input: 64, hidden: 256, time: 100, batch: 32),
    ]

    public enum Pass: String, Sendable, CaseIterable {
        case forward = "forward"
        case forwardBackward = "forward+backward"
    }

    /// One measurement: the median wall-clock seconds of `repeats` runs.
    public struct Record: Sendable, Hashable {
        public var cell: String
        public var size: Size
        public var pass: Pass
        public var seconds: Double
        public var repeats: Int
    }

    /// Times every cell at every size. `quick` shortens the time budget per measurement
    /// (for smoke tests); the default spends about half a second on each.
    public static func run(cells: [CellKind] = CellKind.allCases, sizes: [Size] = standardSizes, quick: Bool = false,
                           progress: ((Record) -> Void)? = nil) -> [Record] {
        var records: [Record] = []
        for size in sizes {
            for kind in cells {
                var rng = SeededRandom(seed: 1)
                let p = CellParameters.random(kind: kind, inputSize: size.input, hiddenSize: size.hidden, scale: 0.1, rng: &rng)
                let x = (0..<size.time).map { _ in rng.uniformMatrix(size.batch, size.input, -1, 1) }
                // many-to-many upstream: a gradient on every step (what a sequence loss sends)
                let dh: [Matrix?] = (0..<size.time).map { _ in rng.uniformMatrix(size.batch, size.hidden, -1, 1) }
                for pass in Pass.allCases {
                    let body: () -> Void
                    switch pass {
                    case .forward:
                        body = { _ = p.forward(x) }
                    case .forwardBackward:
                        body = { _ = p.backward(p.forward(x), dh: dh) }
                    }
                    let (seconds, repeats) = measure(budget: quick ? 0.05 : 0.5, minRepeats: quick ? 3 : 7, body)
                    let record = Record(cell: kind.rawValue, size: size, pass: pass, seconds: seconds, repeats: repeats)
                    progress?(record)
                    records.append(record)
                }
            }
        }
        return records
    }

    /// The median of repeated timings of `body` after one warm-up run: at least `minRepeats`
    /// runs, more while the total stays under `budget` seconds (at most 200).
    public static func measure(budget: Double, minRepeats: Int, _ body: () -> Void) -> (median: Double, repeats: Int) {
        body()  // warm-up: page faults, caches, lazy initialisation
        var times: [Double] = []
        var total = 0.0
        while times.count < minRepeats || (total < budget && times.count < 200) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) * 1e-9
            times.append(seconds)
            total += seconds
        }
        times.sort()
        let n = times.count
        let median = n % 2 == 1 ? times[n / 2] : (times[n / 2 - 1] + times[n / 2]) / 2
        return (median, n)
    }

    /// `[{cell, input, hidden, time, batch, pass, seconds}, …]`.
    public static func json(_ records: [Record]) -> String {
        let lines = records.map { r in
            "{\"cell\": \"\(r.cell)\", \"input\": \(r.size.input), \"hidden\": \(r.size.hidden), \"time\": \(r.size.time), "
                + "\"batch\": \(r.size.batch), \"pass\": \"\(r.pass.rawValue)\", \"seconds\": \(r.seconds)}"
        }
        return "[\n  " + lines.joined(separator: ",\n  ") + "\n]"
    }

    /// One line per record, milliseconds.
    public static func tableLine(_ r: Record) -> String {
        let label = "\(r.size.name) (\(r.size.input), \(r.size.hidden), \(r.size.time), \(r.size.batch))"
        return label.padding(toLength: 24, withPad: " ", startingAt: 0)
            + r.cell.padding(toLength: 6, withPad: " ", startingAt: 0)
            + r.pass.rawValue.padding(toLength: 18, withPad: " ", startingAt: 0)
            + String(format: "%10.3f ms  (median of %d)", r.seconds * 1000, r.repeats)
    }
}
