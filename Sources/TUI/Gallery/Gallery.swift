/// Every widget of the lab on sample data, laid out to fit whatever size it is given: the
/// screen a teacher opens on the projector before class to check colours, glyphs and size.
///
/// Panels are listed by importance; the grid takes as many as fit (about 40 columns by 9 rows
/// each), so 80x24 shows the four most important and 200x50 shows them all. A header line
/// names the capability level and carries a sparkline of a training loss.
public struct Gallery: Widget {
    /// The "current" time step every panel marks (of `steps`).
    public var step: Int
    /// The sequence length of the sample data.
    public var steps: Int

    /// A gallery marking `step` of a `steps`-long sample sequence.
    public init(step: Int = 30, steps: Int = 48) {
        self.steps = max(2, steps)
        self.step = min(max(0, step), self.steps - 1)
    }

    /// One entry of the gallery: a title and a widget to draw inside the frame.
    public struct Entry {
        /// Shown in the frame's top line.
        public var title: String
        /// Draws the sample widget into the frame's inside.
        public var draw: (Rect, inout Buffer, Capabilities) -> Void
        /// An entry drawing `widget`.
        public init<W: Widget>(_ title: String, _ widget: W) {
            self.title = title
            self.draw = { widget.render(in: $0, into: &$1, capabilities: $2) }
        }
    }

    /// The panels, most important first.
    public func entries(_ caps: Capabilities) -> [Entry] {
        let uni = caps.unicode
        let g = caps.glyphTable
        let states = SampleData.stateSeries(units: 4, steps: steps)
        let stateChart = LineChart(series: states, yRange: -1...1, xRange: 0...Double(steps - 1),
                                   visibleCount: step + 1, marker: Double(step), xLabel: "t", yLabel: DiagramLabel.indexed("h", "t", unicode: uni))
        let exploding = ChartSeries(name: uni ? "‖W‖=1.6" : "|W|=1.6", values: SampleData.gradientNorms(gain: 1.8, steps: steps, start: 1e-3))
        let vanishing = ChartSeries(name: uni ? "‖W‖=0.6" : "|W|=0.6", values: SampleData.gradientNorms(gain: 0.55, steps: steps))
        let clipped = ChartSeries(name: "clipped", values: SampleData.gradientNorms(gain: 1.8, steps: steps, start: 1e-3).map { min($0, 5) })
        let gradChart = LineChart(series: [exploding, vanishing, clipped], yScale: .log10, yRange: 1e-12...1e12,
                                  references: [5], xLabel: "steps back")
        let stateMap = Heatmap(values: SampleData.hiddenStates(units: 16, steps: steps), ramp: .states, current: step)
        let gateMap = Heatmap(values: SampleData.gates(units: 4, steps: steps), rowLabels: ["i", "f", "o", "g"],
                              ramp: .gates, current: step)
        let norms = stride(from: 0, through: 24, by: 4).map { k in
            BarItem(g.partial + "h\(k)", 2.5 * SampleData.gradientNorms(gain: 10, steps: k + 1, start: 1e-12)[k])
        }
        let bars = BarChart(items: norms, scale: .log10, range: 1e-12...1e12)
        let gateBars = BarChart(items: [BarItem("forget", 0.92), BarItem("input", 0.31), BarItem("output", 0.67), BarItem("cand", 0.05)],
                                range: 0...1, color: .indexed(SeriesPalette.full[2]))
        // Gradients reaching step t from the loss at the end: they vanish going back in time.
        let gradMap = Heatmap(values: (0..<8).map { (u: Int) -> [Double] in
            (0..<steps).map { (t: Int) -> Double in SampleData.gradientNorms(gain: 0.55 + 0.05 * Double(u), steps: steps - t).last ?? 0 }
        }, rowLabels: (1...8).map { "h\($0)" }, ramp: .gradients, current: step)
        let equations = GalleryStack([
            Equation(#"\begin{pmatrix} i \\ f \\ o \\ g \end{pmatrix} = \begin{pmatrix} \sigma \\ \sigma \\ \sigma \\ \tanh \end{pmatrix} W \begin{pmatrix} h_{t-1} \\ x_t \end{pmatrix}"#),
            Equation(#"c_t = f \odot c_{t-1} + i \odot g"#),
            Equation(#"h_t = o \odot \tanh(c_t)"#),
        ])
        let table = Table(
            columns: [TableColumn("cell"), TableColumn("params", alignment: .right), TableColumn("gates", alignment: .center), TableColumn("note")],
            rows: [["RNN", "n(n+d+1)", "-", "one tanh"], ["LSTM", "4n(n+d+1)", "i f o g", "cell state carries gradient"],
                   ["GRU", "3n(n+d+1)", "r z", "fewer parameters"]],
            highlightedRow: 1)
        let prose = Prose(markdown: """
            **Vanishing gradients.** Backpropagating through *k* steps multiplies *k* Jacobians. \
            When their norms stay below 1 the product shrinks geometrically; above 1 it explodes.

            - clip the gradient norm to `c` when it explodes
            - use an **LSTM** or **GRU** when it vanishes
            """)
        return [
            Entry("Hidden state, t = \(step)", stateChart),
            Entry("Gradient norm, log scale", gradChart),
            Entry("LSTM equations", equations),
            Entry("States h (units x steps)", stateMap),
            Entry("Gradient norm per step", bars),
            Entry("Unrolled RNN", UnrolledGraph(steps: 4, current: 2)),
            Entry("LSTM gates", gateMap),
            Entry("Lesson text", prose),
            Entry("Cells compared", table),
            Entry("Sequence tasks", SequenceTopologies(highlighted: 2)),
            Entry("Gate means", gateBars),
            Entry(uni ? "‖∂L/∂hₜ‖ per unit, log" : "|dL/dh_t| per unit, log", gradMap),
        ]
    }

    /// Columns and rows of the grid for an area.
    static func grid(_ area: Rect, count: Int) -> (columns: Int, rows: Int) {
        let cols = max(1, min(4, area.width / 40))
        let rowsFit = max(1, area.height / 9)
        let n = min(count, cols * rowsFit)
        return (min(cols, max(1, n)), max(1, (n + cols - 1) / cols))
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        let area = area.intersection(buffer.area)
        guard !area.isEmpty else { return }
        let (header, body) = area.splitTop(1)
        renderHeader(in: header, into: &buffer, caps: caps)
        guard !body.isEmpty else { return }
        let all = entries(caps)
        let (cols, rows) = Gallery.grid(body, count: all.count)
        let shown = min(all.count, cols * rows)
        var k = 0
        for r in 0..<rows {
            let y0 = body.y + body.height * r / rows, y1 = body.y + body.height * (r + 1) / rows
            // The last row may hold fewer panels: they share its width.
            let inRow = min(cols, shown - k)
            guard inRow > 0 else { break }
            for c in 0..<inRow {
                let x0 = body.x + body.width * c / inRow, x1 = body.x + body.width * (c + 1) / inRow
                let cell = Rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0)
                let e = all[k]
                // A cell too small for a frame with a title's worth of room stays empty.
                if cell.width >= 4, cell.height >= 3 {
                    let frame = Frame(title: e.title, style: .fg(.indexed(240)), titleStyle: Style.plain.bold)
                    e.draw(frame.draw(in: cell, into: &buffer, capabilities: caps), &buffer, caps)
                }
                k += 1
            }
        }
    }

    /// `rnnlab gallery · 256 colours · unicode · 200x50   loss ▇▆▅▄▃▂▁`
    func renderHeader(in r: Rect, into buffer: inout Buffer, caps: Capabilities) {
        guard !r.isEmpty else { return }
        let colours: String
        switch caps.colors {
        case .none: colours = "no colour"
        case .eight: colours = "8 colours"
        case .full: colours = "256 colours"
        }
        let dot = " " + caps.glyphTable.middleDot + " "
        let text = "rnnlab gallery" + dot + colours + dot + caps.glyphs.rawValue + dot + "\(r.width)x\(buffer.height)"
        let w = buffer.put(text, x: r.x, y: r.y, style: Style.plain.bold, clip: r)
        // "loss ▇▆▅▄▃▂▁ 0.12": label, blocks and the newest value, right-aligned.
        let sparkW = min(50, r.width - w - 3)
        guard sparkW >= 20 else { return }
        Sparkline(values: SampleData.loss(steps: 40), label: "loss", showsLast: true)
            .render(in: Rect(x: r.maxX - sparkW, y: r.y, width: sparkW, height: 1), into: &buffer, capabilities: caps)
    }
}
