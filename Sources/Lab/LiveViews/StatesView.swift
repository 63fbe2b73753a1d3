import LessonKit
import TUI

/// The `states` view: the input x_t and every hidden unit h_t[i] as lines over the whole
/// time axis, drawn only up to the current step t, with the values at t written out.
///
/// ```
/// vanilla RNN · 3 hidden units · sine input · seed 7           t = 8 / 36
/// ⠀⠀⠀⣀⠤⠒⠉⠉⠒⠢⣀  (braille chart, fixed axes: t = 1 … T, values −1 … 1)
/// • x  +0.866   • h[1] +0.412   • h[2] −0.120   • h[3] +0.771
/// ```
///
/// The axes never move while time advances, so what changes between frames is only the
/// new piece of each line: easy to follow on a projector.
public enum StatesView: LabView {
    public struct Spec: LabViewSpec, RunsCell {
        public var view: String { StatesView.name }
        public var line = 0
        public var cell: CellSpec
        /// Also write each unit's input weight W_xh[i] (vanilla RNN) under its value.
        public var showWeights = false

        public init(line: Int = 0, cell: CellSpec, showWeights: Bool = false) {
            self.line = line
            self.cell = cell
            self.showWeights = showWeights
        }
    }

    public static let name = "states"
    public static let summary = "x_t and every h_t[i] as lines over t; values at t (and W_xh with `wxh: true`)"
    public static let blockKeys = CellSpec.blockKeys + [
        BlockKey("wxh", "`states`: also show each unit's input weight W_xh (vanilla RNN)", default: "`false`"),
    ]

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec? {
        let cell = CellSpec.parse(fields, fenceLine: fenceLine, errors: &errors)
        let weights = fields.bool("wxh", errors: &errors) ?? false
        if weights && cell.cell != .rnn, let f = fields["wxh"] {
            errors.append(LessonError(file: fields.file, line: f.line,
                                      message: "'wxh: true' shows W_xh of a vanilla RNN; this block's cell is \(cell.cell.rawValue)"))
        }
        return Spec(line: fenceLine, cell: cell, showWeights: weights)
    }


    public static func compute(_ spec: Spec, knobs: KnobValues) -> CellRunner.Run {
        CellRunner.run(spec.cell, knobs)
    }

    /// Width of one "pen label value" entry of the values line.
    static let entryWidth = 15
    /// The most units drawn as lines (the lessons' limit): a larger model (`rnnlab inspect`)
    /// shows its first units and says how many there are.
    static let maxUnits = 8

    /// The units drawn: all of them, or the first `maxUnits`.
    static func shownUnits(_ cell: CellSpec) -> Int { min(cell.hidden, maxUnits) }

    public static func render(_ panel: Panel<StatesView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        PanelHeader.drawCell(panel, in: area, into: &buffer, theme: theme)

        // Values at t, as many entries per row as fit; the chart gets what is left.
        let entries = valueEntries(panel, theme: theme)
        let perRow = max(1, area.width / entryWidth)
        let weightRows = panel.spec.showWeights ? (entries.count + perRow - 1) / perRow : 0
        let valueRows = (entries.count + perRow - 1) / perRow + weightRows
        let (chartArea, valuesArea) = area.inset(top: 1).splitBottom(valueRows + 1)
        chart(panel).render(in: chartArea, into: &buffer, capabilities: theme.capabilities)
        if panel.spec.cell.hidden > maxUnits {
            // The row above the values is free: say what is left out and where to see it.
            let note = "h[1] … h[\(maxUnits)] of \(panel.spec.cell.hidden) units shown; the cell view shows any unit (u / U)"
            buffer.put(theme.capabilities.unicode ? note : note.replacingOccurrences(of: "…", with: "..."),
                       x: valuesArea.x, y: valuesArea.y, style: theme.muted, clip: valuesArea)
        }
        for (i, entry) in entries.enumerated() {
            let x = valuesArea.x + (i % perRow) * entryWidth
            let y = valuesArea.y + 1 + i / perRow
            buffer.put(entry.pen, x: x, y: y, style: entry.style)
            buffer.put(entry.label, x: x + 2, y: y, style: theme.muted)
            buffer.put(entry.value, x: x + 2 + max(4, TextWidth.of(entry.label)) + 1, y: y, style: theme.text, clip: valuesArea)
        }
        if panel.spec.showWeights, let w = panel.data.parameters["W_xh"] {
            // Under each unit's value: its weight from the input, W_xh[i].
            let y0 = valuesArea.y + 1 + (entries.count + perRow - 1) / perRow
            for i in 0..<panel.spec.cell.hidden {
                let slot = i + 1
                let x = valuesArea.x + (slot % perRow) * entryWidth
                let y = y0 + slot / perRow
                buffer.put("W_xh", x: x + 2, y: y, style: theme.muted, clip: valuesArea)
                buffer.put(PanelHeader.signed(w[i, 0], theme: theme), x: x + 2 + 5, y: y, style: theme.text, clip: valuesArea)
            }
        }
    }

    /// The series in chart order: x first, then h[1] … h[H].
    static func series(_ run: CellRunner.Run, hidden: Int) -> [(name: String, values: [Double])] {
        // Several features (an inspected model): the chart draws the first one.
        var out: [(String, [Double])] = [(run.parameters.inputSize > 1 ? "x[1]" : "x", run.inputs)]
        for i in 0..<hidden {
            out.append(("h[\(i + 1)]", run.states.map { $0[i] }))
        }
        return out
    }

    /// The braille line chart: fixed domain t = 1 … T and y in [-1, 1] (inputs are in
    /// [-1, 1] and tanh keeps states there), samples up to t bright, the rest faint, a
    /// marker at t.
    static func chart(_ panel: Panel<StatesView>) -> LineChart {
        // Sample i sits at x = i + 1: the lecture's t counts from 1.
        let series = series(panel.data, hidden: shownUnits(panel.spec.cell)).map { ChartSeries(name: $0.name, values: $0.values, xStart: 1) }
        let t = panel.timeline
        var chart = LineChart(series: series, yRange: -1...1, xRange: 1...Double(t.count),
                              visibleCount: t.position, marker: Double(t.position),
                              xLabel: "t", showLegend: false)
        // The whole run faint, the part up to t bright: the panel never opens empty.
        chart.faintRest = true
        chart.wholeNumberX = true
        return chart
    }

    private static func valueEntries(_ panel: Panel<StatesView>, theme: LabTheme) -> [(pen: String, label: String, value: String, style: Style)] {
        let t = panel.timeline.position - 1
        let run = panel.data
        let values = [run.inputs[t]] + run.states[t].prefix(shownUnits(panel.spec.cell))
        let usesPens = chart(panel).usesPens(theme.capabilities)
        return series(run, hidden: shownUnits(panel.spec.cell)).enumerated().map { i, s in
            let caps = theme.capabilities
            // The legend mark of series i, as the chart draws it: its pen, else a coloured line.
            let pen = usesPens ? SeriesPalette.pen(i, caps) : theme.glyphs.lineSwatch
            return (pen, s.name, PanelHeader.signed(values[i], theme: theme), SeriesPalette.style(i, caps))
        }
    }
}
