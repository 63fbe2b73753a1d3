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
        var title = cellTitle(panel.spec.cell, panel.values, theme: theme)
        let sep = theme.glyphs.fieldSeparator
        // Forced gates first: of everything in the header, what a narrow panel must not cut.
        if let forced = forcedGates(panel.spec.cell, panel.values) { title += " \(sep) \(forced)" }
        for knob in panel.knobs where !["seed", "input"].contains(knob.name) {
            // A gate knob speaks only when it forces (below); learned is the normal case.
            if GateForcing.gates.contains(where: { $0.knob == knob.name }) { continue }
            if let v = panel.values[knob.name] ?? (knob.name == "forget-bias" ? 0 : nil) {
                title += " \(sep) \(knob.label) \(knob.name == "forget-bias" && v >= 0 ? "+" : "")\(knob.display(v))"
            }
        }
        draw(title, position: time(panel.timeline), running: panel.timeline.running, in: area, into: &buffer, theme: theme)
    }

    /// `forced f=1 i=0` when gate knobs force gates; nil when every gate is learned.
    static func forcedGates(_ cell: CellSpec, _ values: KnobValues) -> String? {
        let forced = GateForcing.gates.filter { $0.cell == cell.cell }.compactMap { g in
            GateForcing.forced(values[g.knob]).map { "\(g.gate)=\(Int($0))" }
        }
        return forced.isEmpty ? nil : "forced " + forced.joined(separator: " ")
    }

    /// `vanilla RNN · 3 hidden units · sine input · seed 7`
    static func cellTitle(_ cell: CellSpec, _ values: KnobValues, theme: LabTheme) -> String {
        let sep = theme.glyphs.fieldSeparator
        let units = cell.hidden == 1 ? "1 hidden unit" : "\(cell.hidden) hidden units"
        return "\(cell.cell.title) \(sep) \(units) \(sep) \(values.input.rawValue) input \(sep) seed \(values.seed)"
    }

    static func time(_ t: Timeline) -> String { "t = \(t.position) / \(t.count)" }

    /// `+0.412` / `−0.120`: always a sign, so columns of values line up.
    static func signed(_ v: Double, theme: LabTheme) -> String {
        let magnitude = String(format: "%.3f", abs(v))
        if v < 0 && magnitude != "0.000" { return theme.glyphs.minus + magnitude }
        return "+" + magnitude
    }
}
