import LessonKit
import TUI

/// The first row of every live panel: what runs on the left, where we are on the right
/// (`t = 8 / 36`, and `▶ running` while animating).
enum PanelHeader {
    static func draw(_ title: String, position: String, running: Bool, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height > 0 else { return }
        let state = running ? "  \(theme.glyphs.runningMarker) running" : ""
        let rightWidth = TextWidth.of(position + state)
        buffer.put(ScreenChrome.fitted(title, area.width - rightWidth - 2, theme), x: area.x, y: area.y, style: theme.heading)
        buffer.put(position, x: area.maxX - rightWidth, y: area.y, style: theme.text.bold)
        if running { buffer.put(state, x: area.maxX - rightWidth + TextWidth.of(position), y: area.y, style: theme.live) }
    }

    /// The header of a cell view: the cell and its knobs' values.
    static func drawCell<V: LabView>(_ panel: Panel<V>, in area: Rect, into buffer: inout Buffer, theme: LabTheme)
        where V.Spec: RunsCell {
        draw(cellTitle(panel.spec.cell, panel.values, knobs: panel.knobs, theme: theme), position: time(panel.timeline),
             running: panel.timeline.running, in: area, into: &buffer, theme: theme)
    }

    /// `vanilla RNN · 3 hidden units · sine input ×0.01 · orthogonal W_hh · seed 7 · σ_max 0.80`:
    /// the cell, what makes its input and weights special, and the value of every knob of
    /// the step that the title does not already say (except those in `leavingOut`, which
    /// the view shows itself).
    static func cellTitle(_ cell: CellSpec, _ values: KnobValues, knobs: [Knob] = [], leavingOut: Set<String> = [],
                          theme: LabTheme) -> String {
        let sep = theme.glyphs.fieldSeparator
        let units = cell.hidden == 1 ? "1 hidden unit" : "\(cell.hidden) hidden units"
        // The learner's own model: its files say what it is; no seed or signal made it.
        if let given = cell.given { return [cell.cell.title, units, given.source].joined(separator: " \(sep) ") }
        var input = "\(values.input.rawValue) input"
        if cell.amplitude != 1 { input += " \(theme.glyphs.times)\(ChartNumber.compact(cell.amplitude))" }
        var parts = [cell.cell.title, units, input]
        if cell.weights == .orthogonal { parts.append("orthogonal W_hh") }
        parts.append("seed \(values.seed)")
        // Forced gates before the knob values: of everything here, what a narrow panel must not cut.
        if let forced = forcedGates(cell, values) { parts.append(forced) }
        for knob in knobs where !["seed", "input"].contains(knob.name) && !leavingOut.contains(knob.name) {
            // A gate knob speaks only when it forces (above); learned is the normal case.
            if GateForcing.gates.contains(where: { $0.knob == knob.name }) { continue }
            if knob.name == "forget-bias" {
                let v = values[knob.name] ?? 0
                parts.append("\(knob.label) \(v >= 0 ? "+" : "")\(knob.display(v))")
            } else if let v = values[knob.name] {
                parts.append("\(knob.label) \(knob.display(v))")
            }
        }
        return parts.joined(separator: " \(sep) ")
    }

    /// `forced f=1 i=0` when gate knobs force gates; nil when every gate is learned.
    static func forcedGates(_ cell: CellSpec, _ values: KnobValues) -> String? {
        let forced = GateForcing.gates.filter { $0.cell == cell.cell }.compactMap { g in
            GateForcing.forced(values[g.knob]).map { "\(g.gate)=\(Int($0))" }
        }
        return forced.isEmpty ? nil : "forced " + forced.joined(separator: " ")
    }

    static func time(_ t: Timeline) -> String { "t = \(t.position) / \(t.count)" }

    /// `+0.412` / `−0.120`: always a sign, so columns of values line up.
    static func signed(_ v: Double, theme: LabTheme) -> String {
        let magnitude = String(format: "%.3f", abs(v))
        if v < 0 && magnitude != "0.000" { return theme.glyphs.minus + magnitude }
        return "+" + magnitude
    }
}
