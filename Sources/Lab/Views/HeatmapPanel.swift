import LessonKit
import TUI

/// The `heatmap` and `gates` views: units (rows) by time (columns), filled up to the current
/// step t, with the values at t written underneath.
///
/// - `heatmap`: the hidden state h_t[i] on the diverging ramp (-1 … 1).
/// - `gates`: the sigmoid gates (LSTM i, f, o; GRU r, z) on the sequential ramp (0 closed …
///   1 open), rows grouped by gate. The tanh candidate (g, n) is not a gate and is left out.
struct HeatmapPanel {
    let experiment: LabExperiment

    /// (row label, one value per step) for every row of the map.
    func rows() -> [(label: String, values: [Double])] {
        let e = experiment
        switch e.spec.view {
        case .gates:
            return gateNames().flatMap { name in
                (0..<e.spec.hidden).map { i in ("\(name)\(i + 1)", (e.gates[name] ?? []).map { $0[i] }) }
            }
        default:
            return (0..<e.spec.hidden).map { i in ("h\(i + 1)", e.states.map { $0[i] }) }
        }
    }

    /// The sigmoid gates of the cell, in RNNCore's order.
    func gateNames() -> [String] {
        CellRunner.kind(experiment.spec.cell).gateNames.filter { $0 != "g" && $0 != "n" }
    }

    /// The map: steps numbered from 1 as in the lecture, only steps up to t filled.
    func heatmap() -> Heatmap {
        let rows = rows()
        let ramp: ColorRamp = experiment.spec.view == .gates ? .gates : .states
        return Heatmap(values: rows.map(\.values), rowLabels: rows.map(\.label), ramp: ramp,
                       current: experiment.time, firstStep: 1, visibleCount: experiment.time)
    }

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        let e = experiment
        PanelHeader.draw(PanelHeader.cellTitle(e.spec, theme: theme), position: PanelHeader.time(e), running: e.running,
                         in: area, into: &buffer, theme: theme)
        let lines = valueLines(theme: theme)
        let (mapArea, valuesArea) = area.inset(top: 1).splitBottom(lines.count + 1)
        heatmap().render(in: mapArea, into: &buffer, capabilities: theme.capabilities)
        for (i, line) in lines.enumerated() {
            buffer.put(line.label, x: valuesArea.x, y: valuesArea.y + 1 + i, style: theme.muted, clip: valuesArea)
            buffer.put(line.values, x: valuesArea.x + 6, y: valuesArea.y + 1 + i, style: theme.text, clip: valuesArea)
        }
    }

    /// One line per gate (or one for x and h) with the values at t.
    private func valueLines(theme: LabTheme) -> [(label: String, values: String)] {
        let e = experiment
        let t = e.time - 1
        switch e.spec.view {
        case .gates:
            return gateNames().map { name in
                (name + "_t", (e.gates[name]?[t] ?? []).map { String(format: "%.2f", $0) }.joined(separator: "  "))
            }
        default:
            let h = e.currentState.map { PanelHeader.signed($0, theme: theme) }.joined(separator: " ")
            return [("x_t", PanelHeader.signed(e.currentInput, theme: theme)), ("h_t", h)]
        }
    }
}

import Foundation
