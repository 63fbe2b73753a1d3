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
struct StatesPanel {
    let experiment: LabExperiment

    /// Width of one "pen label value" entry of the values line.
    static let entryWidth = 16

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        let e = experiment
        PanelHeader.draw(PanelHeader.cellTitle(e.spec, theme: theme), position: PanelHeader.time(e), running: e.running,
                         in: area, into: &buffer, theme: theme)

        // Values at t, as many entries per row as fit; the chart gets what is left.
        let entries = valueEntries(theme: theme)
        let perRow = max(1, area.width / Self.entryWidth)
        let valueRows = (entries.count + perRow - 1) / perRow
        let (chartArea, valuesArea) = area.inset(top: 1).splitBottom(valueRows + 1)
        drawChart(in: chartArea, into: &buffer, theme: theme)
        for (i, entry) in entries.enumerated() {
            let x = valuesArea.x + (i % perRow) * Self.entryWidth
            let y = valuesArea.y + 1 + i / perRow
            buffer.put(entry.pen, x: x, y: y, style: entry.style)
            buffer.put(entry.label, x: x + 2, y: y, style: theme.muted)
            buffer.put(entry.value, x: x + 2 + max(4, TextWidth.of(entry.label)) + 1, y: y, style: theme.text, clip: valuesArea)
        }
    }

    /// The series in chart order: x first, then h[1] … h[H].
    func series() -> [(name: String, values: [Double])] {
        let e = experiment
        var out: [(String, [Double])] = [("x", e.inputs)]
        for i in 0..<e.spec.hidden {
            out.append(("h[\(i + 1)]", e.states.map { $0[i] }))
        }
        return out
    }

    /// The braille line chart: fixed domain t = 1 … T and y in [-1, 1] (inputs are in
    /// [-1, 1] and tanh keeps states there), only samples up to t drawn, a marker at t.
    func chart() -> LineChart {
        // Sample i sits at x = i + 1: the lecture's t counts from 1.
        let series = series().map { ChartSeries(name: $0.name, values: $0.values, xStart: 1) }
        return LineChart(series: series, yRange: -1...1, xRange: 1...Double(experiment.steps),
                         visibleCount: experiment.time, marker: Double(experiment.time),
                         xLabel: "t", showLegend: false)
    }

    private func drawChart(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        chart().render(in: area, into: &buffer, capabilities: theme.capabilities)
    }

    private func valueEntries(theme: LabTheme) -> [(pen: String, label: String, value: String, style: Style)] {
        let e = experiment
        var values = [e.currentInput]
        values += e.currentState
        return series().enumerated().map { i, s in
            (pen(i, theme), s.name, PanelHeader.signed(values[i], theme: theme), seriesStyle(i, theme))
        }
    }

    /// The legend mark of series i, as the chart draws it: its pen when the chart plots
    /// pens, else a coloured line.
    private func pen(_ i: Int, _ theme: LabTheme) -> String {
        let caps = theme.capabilities
        return chart().usesPens(caps) ? SeriesPalette.pen(i, caps) : theme.glyphs.lineSwatch
    }

    private func seriesStyle(_ i: Int, _ theme: LabTheme) -> Style {
        SeriesPalette.style(i, theme.capabilities)
    }
}

import Foundation
