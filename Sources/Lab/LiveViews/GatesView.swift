import LessonKit
import TUI

/// The `gates` view: everything an LSTM (i, f, o, g, c_t, h_t) or a GRU (r, z, h̃_t, h_t)
/// computes, one units × time heatmap per quantity, side by side with their labels, the
/// values at t in each map's title, and the same time marker under every map. The sigmoid
/// gates use the sequential ramp (0 closed … 1 open), the tanh candidate and the states the
/// diverging one (−1 … 1).
public enum GatesView: CellLabView {
    public static let name = "gates"
    public static let summary = "LSTM i, f, o, g, c, h or GRU r, z, h̃, h as units × time heatmaps side by side; `cell` must be `lstm` or `gru`"

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> CellViewSpec? {
        guard let cell = CellSpec.parseGated(fields, fenceLine: fenceLine, errors: &errors,
                                             why: "the gates view needs 'cell: lstm' or 'cell: gru' (a vanilla RNN has no gates)") else { return nil }
        return CellViewSpec(view: name, line: fenceLine, cell: cell)
    }

    public static func compute(_ spec: CellViewSpec, knobs: KnobValues) -> CellRunner.Run {
        CellRunner.run(spec.cell, knobs)
    }

    /// The sigmoid gates of the cell, in RNNCore's order.
    static func gateNames(_ cell: LabCell) -> [String] {
        CellRunner.kind(cell).gateNames.filter { $0 != "g" && $0 != "n" }
    }

    /// One map: its key in the run, its title, its ramp.
    struct Map {
        let key: String
        let title: String
        let ramp: ColorRamp
    }

    /// The maps of a cell, in the lecture's order.
    static func maps(_ cell: LabCell, unicode: Bool) -> [Map] {
        if cell == .lstm {
            return [Map(key: "i", title: "i input gate", ramp: .gates), Map(key: "f", title: "f forget gate", ramp: .gates),
                    Map(key: "o", title: "o output gate", ramp: .gates), Map(key: "g", title: "g candidate", ramp: .states),
                    Map(key: "c", title: unicode ? "cₜ cell state" : "c_t cell state", ramp: .states),
                    Map(key: "h", title: unicode ? "hₜ hidden state" : "h_t hidden state", ramp: .states)]
        }
        return [Map(key: "r", title: "r reset gate", ramp: .gates), Map(key: "z", title: "z update gate", ramp: .gates),
                Map(key: "n", title: unicode ? "h̃ₜ candidate" : "h~_t candidate", ramp: .states),
                Map(key: "h", title: unicode ? "hₜ hidden state" : "h_t hidden state", ramp: .states)]
    }

    /// `values[t - 1][i]` of one map's quantity.
    static func series(_ run: CellRunner.Run, _ key: String) -> [[Double]] {
        switch key {
        case "c": return run.cellStates
        case "h": return run.states
        default: return run.gates[key] ?? []
        }
    }

    /// How many maps side by side: as many as leave each at least one column a step (and 3
    /// rows a unit row), at most all of them.
    static func columns(count: Int, width: Int, height: Int, steps: Int, hidden: Int) -> Int {
        let minWidth = 5 + min(steps, 24)
        var k = max(1, min(count, width / (minWidth + 2)))
        // Rows of maps must fit: title + units + marker each.
        while k < count, (count + k - 1) / k * (min(hidden, 4) + 2) > height { k += 1 }
        // Balanced rows: 4 maps as 2 + 2, not 3 + 1.
        let rows = (count + k - 1) / k
        return (count + rows - 1) / rows
    }

    public static func render(_ panel: Panel<GatesView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        PanelHeader.drawCell(panel, in: area, into: &buffer, theme: theme)
        let run = panel.data
        let t = panel.timeline.position - 1
        let H = panel.spec.cell.hidden
        let maps = maps(panel.spec.cell.cell, unicode: theme.capabilities.unicode)
        let body = area.inset(top: 1)
        let k = columns(count: maps.count, width: body.width, height: body.height, steps: panel.timeline.count, hidden: H)
        let rows = (maps.count + k - 1) / k
        // Title, units, time marker; each unit gets up to 3 rows when they fit (no empty rows
        // between a map and its marker).
        let available = body.height / rows
        let stretch = max(1, min(3, (available - 2) / H))
        let cellWidth = body.width / k, cellHeight = max(1, min(available, 2 + H * stretch))
        for (n, map) in maps.enumerated() {
            let r = Rect(x: body.x + (n % k) * cellWidth, y: body.y + (n / k) * cellHeight,
                         width: cellWidth - (n % k == k - 1 ? 0 : 2), height: cellHeight).intersection(body)
            guard r.height >= 2 else { continue }
            let values = series(run, map.key)
            // The title with the values at t: "f forget gate  0.61 0.41 0.52".
            let now = values.indices.contains(t) ? values[t].map { v in
                map.ramp == .gates ? String(format: "%.2f", v) : PanelHeader.signed(v, theme: theme)
            }.joined(separator: " ") : ""
            // A narrow map keeps the symbol ("f") and drops the words, so the values fit.
            let full = TextWidth.of(map.title) + 2 + TextWidth.of(now) <= r.width
            let title = full ? map.title : String(map.title.split(separator: " ")[0])
            buffer.put(title, x: r.x, y: r.y, style: theme.heading, clip: r)
            buffer.put(now, x: r.x + TextWidth.of(title) + (full ? 2 : 1), y: r.y, style: theme.text, clip: r)
            var heatmap = Heatmap(values: (0..<H).map { i in values.map { $0[i] } }, rowLabels: (1...H).map { "\($0)" },
                                  ramp: map.ramp, current: panel.timeline.position, showLegend: false, firstStep: 1,
                                  visibleCount: panel.timeline.position)
            heatmap.faintRest = true
            heatmap.render(in: r.inset(top: 1), into: &buffer, capabilities: theme.capabilities)
        }
    }
}
