/// Measures how long a full lab frame takes: the budget the live plots must fit in.
///
/// A frame is 200x50 (the projector size) with two line charts (8 series x 100 steps each,
/// one linear, one log10) and a 16x100 heatmap, advanced one time step per frame the way the
/// lab animates, followed by the diff against the previous frame that a backend would draw.
/// Not a test (tests never assert timings); `rnnlab bench` prints it.
public enum FrameBenchmark {
    /// The sample data, built once: the lab holds its traces already when it draws.
    public struct Scene: Sendable {
        /// Hidden-state series for the linear chart.
        public let states: [ChartSeries]
        /// Gradient-norm series for the log chart.
        public let norms: [ChartSeries]
        /// The heatmap's values, (units, steps).
        public let heat: [[Double]]
        /// The frame size (200x50 by default).
        public let size: Size

        /// A scene of `series` x `steps` lines and a `units` x `steps` heatmap.
        public init(size: Size = Size(width: 200, height: 50), series: Int = 8, steps: Int = 100, units: Int = 16) {
            self.size = size
            states = SampleData.stateSeries(units: series, steps: steps)
            norms = (0..<series).map { k in
                let gain = 0.5 + 0.15 * Double(k)
                return ChartSeries(name: "g\(k + 1)", values: SampleData.gradientNorms(gain: gain, steps: steps, start: 1e-3))
            }
            heat = SampleData.hiddenStates(units: units, steps: steps)
        }

        /// Draws the frame for time step `step` into `buffer` (cleared first).
        public func draw(step: Int, into buffer: inout Buffer, capabilities caps: Capabilities) {
            buffer.fill(buffer.area)
            let steps = states.first?.values.count ?? 1
            let area = buffer.area
            let (top, bottom) = area.splitTop(area.height * 3 / 5)
            let (left, right) = top.splitLeft(top.width / 2)
            LineChart(series: states, yRange: -1...1, xRange: 0...Double(steps - 1), visibleCount: step + 1,
                      marker: Double(step), title: "hidden state", xLabel: "t")
                .render(in: left, into: &buffer, capabilities: caps)
            LineChart(series: norms, yScale: .log10, xRange: 0...Double(steps - 1), visibleCount: step + 1,
                      marker: Double(step), title: "gradient norm", xLabel: "steps back")
                .render(in: right, into: &buffer, capabilities: caps)
            Heatmap(values: heat, ramp: .states, current: step)
                .render(in: bottom, into: &buffer, capabilities: caps)
        }
    }

    /// Renders `frames` frames (plus a few untimed warm-up ones) and returns the median
    /// seconds per frame, drawing included and the diff against the previous frame too.
    public static func run(frames: Int = 200, capabilities: Capabilities = .full) -> Double {
        let scene = Scene()
        let steps = scene.states.first?.values.count ?? 1
        var previous = Buffer(size: scene.size)
        var current = Buffer(size: scene.size)
        var times: [Double] = []
        times.reserveCapacity(max(1, frames))
        var changed = 0
        let clock = ContinuousClock()
        for i in -5..<max(1, frames) {
            let start = clock.now
            scene.draw(step: (i + steps * 10) % steps, into: &current, capabilities: capabilities)
            changed &+= current.diff(from: previous).count
            let elapsed = clock.now - start
            swap(&previous, &current)
            if i >= 0 {
                let c = elapsed.components
                times.append(Double(c.seconds) + Double(c.attoseconds) * 1e-18)
            }
        }
        // Keep the diff's result alive so the optimiser cannot drop it.
        if changed == Int.min { print(changed) }
        times.sort()
        return times[times.count / 2]
    }
}
