import LessonKit
import TUI

/// A panel of units (rows) by time (columns), filled up to the current step t, with the
/// values at t written underneath: what the `heatmap` and `gates` views draw.
struct UnitsHeatmap {
    /// (row label, one value per step) for every row of the map.
    let rows: [(label: String, values: [Double])]
    /// One line per group of rows with the values at t.
    let valueLines: [(label: String, values: String)]
    let ramp: ColorRamp
    let timeline: Timeline

    /// The map: steps numbered from 1 as in the lecture, steps up to t in colour, the rest faint.
    func heatmap() -> Heatmap {
        var map = Heatmap(values: rows.map(\.values), rowLabels: rows.map(\.label), ramp: ramp,
                          current: timeline.position, firstStep: 1, visibleCount: timeline.position)
        map.faintRest = true
        return map
    }

    /// Draws below the header row of `area`.
    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        let (mapArea, valuesArea) = area.inset(top: 1).splitBottom(valueLines.count + 1)
        heatmap().render(in: mapArea, into: &buffer, capabilities: theme.capabilities)
        for (i, line) in valueLines.enumerated() {
            buffer.put(line.label, x: valuesArea.x, y: valuesArea.y + 1 + i, style: theme.muted, clip: valuesArea)
            buffer.put(line.values, x: valuesArea.x + 6, y: valuesArea.y + 1 + i, style: theme.text, clip: valuesArea)
        }
    }
}

/// The `heatmap` view: the hidden state h_t[i] on the diverging ramp (−1 … 1).
public enum HeatmapView: CellLabView {
    public static let name = "heatmap"
    public static let summary = "h_t as a units × time heatmap (−1 … 1)"

    public static func compute(_ spec: CellViewSpec, knobs: KnobValues) -> CellRunner.Run {
        CellRunner.run(spec.cell, knobs)
    }

    public static func render(_ panel: Panel<HeatmapView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        PanelHeader.drawCell(panel, in: area, into: &buffer, theme: theme)
        let run = panel.data
        let t = panel.timeline.position - 1
        let rows = (0..<panel.spec.cell.hidden).map { i in ("h\(i + 1)", run.states.map { $0[i] }) }
        let h = run.states[t].map { PanelHeader.signed($0, theme: theme) }.joined(separator: " ")
        let lines = [("x_t", PanelHeader.signed(run.inputs[t], theme: theme)), ("h_t", h)]
        UnitsHeatmap(rows: rows, valueLines: lines, ramp: .states, timeline: panel.timeline)
            .render(in: area, into: &buffer, theme: theme)
    }
}
