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
        let available = body.height / rows
        let cellWidth = body.width / k
        // The values at t of each map: on its title row, or, in narrow maps, on as many rows as
        // they need (at most what leaves each unit a row), every number whole. Narrow maps
        // first try a one-column gap between them.
        let valuesAt = maps.map { map in
            let values = series(run, map.key)
            return values.indices.contains(t) ? values[t] : []
        }
        let maxValueRows = max(1, available - 1 - H)
        var gap = 2, lines: [[ValueLine]] = []
        for g in [2, 1] {
            gap = g
            func make(letterOnly: Bool) -> [[ValueLine]] {
                maps.indices.map { n in
                    valueLines(maps[n], valuesAt[n], width: cellWidth - (n % k == k - 1 ? 0 : g), maxRows: maxValueRows,
                               letterOnly: letterOnly, theme: theme)
                }
            }
            lines = make(letterOnly: false)
            // One map down to its letter (c for cₜ): all of them, so the row reads alike.
            let letters = maps.indices.contains { n in
                let title = lines[n].first?.title ?? ""
                return title != String(maps[n].title.split(separator: " ")[0]) && title != maps[n].title
            }
            if letters { lines = make(letterOnly: true) }
            if lines.allSatisfy({ $0.count <= 2 }) { break }
        }
        let valueRows = lines.map(\.count).max() ?? 1
        // Values, units, time marker; each unit gets up to 3 rows when they fit (no empty rows
        // between a map and its marker).
        let stretch = max(1, min(3, (available - 1 - valueRows) / H))
        let cellHeight = max(1, min(available, valueRows + 1 + H * stretch))
        for (n, map) in maps.enumerated() {
            let r = Rect(x: body.x + (n % k) * cellWidth, y: body.y + (n / k) * cellHeight,
                         width: cellWidth - (n % k == k - 1 ? 0 : gap), height: cellHeight).intersection(body)
            guard r.height >= 2 else { continue }
            for (row, line) in lines[n].enumerated() where row < r.height {
                buffer.put(line.title, x: r.x, y: r.y + row, style: theme.heading, clip: r)
                buffer.put(line.values, x: r.x + line.indent, y: r.y + row, style: theme.text, clip: r)
            }
            let values = series(run, map.key)
            var heatmap = Heatmap(values: (0..<H).map { i in values.map { $0[i] } }, rowLabels: (1...H).map { "\($0)" },
                                  ramp: map.ramp, current: panel.timeline.position, showLegend: false, firstStep: 1,
                                  visibleCount: panel.timeline.position)
            heatmap.faintRest = true
            heatmap.render(in: r.inset(top: valueRows), into: &buffer, capabilities: theme.capabilities)
        }
    }

    /// One row of a map's title and values: `title` at the left, `values` from `indent`.
    struct ValueLine: Hashable {
        var title: String
        var values: String
        var indent: Int
    }

    /// The title rows of a map `width` columns wide: "f forget gate  0.61 0.41 0.52" when it
    /// fits; else the symbol and the values ("f 0.61 0.41 0.52"); else the bare symbol and
    /// shorter numbers (".61", "+.42") on as many rows as they need, at most `maxRows`, the
    /// last ending in an ellipsis when even those are too few. A number is never cut.
    static func valueLines(_ map: Map, _ values: [Double], width: Int, maxRows: Int, letterOnly: Bool = false,
                           theme: LabTheme) -> [ValueLine] {
        let now = values.map { v in map.ramp == .gates ? String(format: "%.2f", v) : PanelHeader.signed(v, theme: theme) }
            .joined(separator: " ")
        if TextWidth.of(map.title) + 2 + TextWidth.of(now) <= width {
            return [ValueLine(title: map.title, values: now, indent: TextWidth.of(map.title) + 2)]
        }
        let symbol = String(map.title.split(separator: " ")[0])
        if TextWidth.of(symbol) + 1 + TextWidth.of(now) <= width {
            return [ValueLine(title: symbol, values: now, indent: TextWidth.of(symbol) + 1)]
        }
        // Two decimals without the leading zero, on balanced rows (2 + 2, not 3 + 1); the
        // symbol when that fits on two rows, else the letter alone (c, not cₜ).
        let short = values.map { v -> String in
            let digits = String(format: "%.2f", abs(v))
            let magnitude = digits.hasPrefix("0.") ? String(digits.dropFirst()) : digits
            guard map.ramp != .gates else { return magnitude }
            return (v < 0 && digits != "0.00" ? theme.glyphs.minus : "+") + magnitude
        }
        let cell = (short.map(TextWidth.of).max() ?? 1) + 1
        func layout(_ name: String) -> (name: String, perRow: Int, rows: Int) {
            let fit = max(1, (width - TextWidth.of(name) - 1 + 1) / cell)
            let rows = max(1, (short.count + fit - 1) / fit)
            return (name, max(1, (short.count + rows - 1) / rows), rows)
        }
        let letter = map.title.first.map(String.init) ?? symbol
        let withSymbol = layout(symbol)
        let chosen = !letterOnly && (withSymbol.rows <= 2 || letter == symbol) ? withSymbol : layout(letter)
        let indent = TextWidth.of(chosen.name) + 1
        var lines: [ValueLine] = []
        for start in stride(from: 0, to: short.count, by: chosen.perRow) {
            let chunk = short[start..<min(short.count, start + chosen.perRow)].joined(separator: " ")
            lines.append(ValueLine(title: lines.isEmpty ? chosen.name : "", values: chunk, indent: indent))
        }
        if lines.isEmpty { lines = [ValueLine(title: chosen.name, values: "", indent: indent)] }
        if lines.count > maxRows {
            lines = Array(lines.prefix(max(1, maxRows)))
            lines[lines.count - 1].values += " " + theme.glyphs.ellipsis
        }
        return lines
    }
}
