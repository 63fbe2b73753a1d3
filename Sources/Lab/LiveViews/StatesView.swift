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
public enum StatesView: CellLabView {
    public static let name = "states"
    public static let summary = "x_t and every h_t[i] as lines over t; values at t"

    public static func compute(_ spec: CellViewSpec, knobs: KnobValues) -> CellRunner.Run {
        CellRunner.run(spec.cell, knobs)
    }

    /// Width of one "pen label value" entry of the values line.
    static let entryWidth = 16

    public static func render(_ panel: Panel<StatesView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        PanelHeader.drawCell(panel, in: area, into: &buffer, theme: theme)

        // Values at t, as many entries per row as fit; the chart gets what is left.
        let entries = valueEntries(panel, theme: theme)
        let perRow = max(1, area.width / entryWidth)
        let valueRows = (entries.count + perRow - 1) / perRow
        let (chartArea, valuesArea) = area.inset(top: 1).splitBottom(valueRows + 1)
        chart(panel).render(in: chartArea, into: &buffer, capabilities: theme.capabilities)
        for (i, entry) in entries.enumerated() {
            let x = valuesArea.x + (i % perRow) * entryWidth
            let y = valuesArea.y + 1 + i / perRow
            buffer.put(entry.pen, x: x, y: y, style: entry.style)
            buffer.put(entry.label, x: x + 2, y: y, style: theme.muted)
            buffer.put(entry.value, x: x + 2 + max(4, TextWidth.of(entry.label)) + 1, y: y, style: theme.text, clip: valuesArea)
        }
    }

    /// The series in chart order: x first, then h[1] … h[H].
    static func series(_ run: CellRunner.Run, hidden: Int) -> [(name: String, values: [Double])] {
        var out: [(String, [Double])] = [("x", run.inputs)]
        for i in 0..<hidden {
            out.append(("h[\(i + 1)]", run.states.map { $0[i] }))
        }
        return out
    }

    /// The braille line chart: fixed domain t = 1 … T and y in [-1, 1] (inputs are in
    /// [-1, 1] and tanh keeps states there), only samples up to t drawn, a marker at t.
    static func chart(_ panel: Panel<StatesView>) -> LineChart {
        // Sample i sits at x = i + 1: the lecture's t counts from 1.
        let series = series(panel.data, hidden: panel.spec.cell.hidden).map { ChartSeries(name: $0.name, values: $0.values, xStart: 1) }
        let t = panel.timeline
        return LineChart(series: series, yRange: -1...1, xRange: 1...Double(t.count),
                         visibleCount: t.position, marker: Double(t.position),
                         xLabel: "t", showLegend: false)
    }

    private static func valueEntries(_ panel: Panel<StatesView>, theme: LabTheme) -> [(pen: String, label: String, value: String, style: Style)] {
        let t = panel.timeline.position - 1
        let run = panel.data
        let values = [run.inputs[t]] + run.states[t]
        let usesPens = chart(panel).usesPens(theme.capabilities)
        return series(run, hidden: panel.spec.cell.hidden).enumerated().map { i, s in
            let caps = theme.capabilities
            // The legend mark of series i, as the chart draws it: its pen, else a coloured line.
            let pen = usesPens ? SeriesPalette.pen(i, caps) : theme.glyphs.lineSwatch
            return (pen, s.name, PanelHeader.signed(values[i], theme: theme), SeriesPalette.style(i, caps))
        }
    }
}
