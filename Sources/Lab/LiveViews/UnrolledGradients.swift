import Foundation
import TUI

/// The backward `unrolled` view with a cell: the unrolled graph with ‖∂L/∂h_t‖ written into
/// box t once the backward pass has reached it, each box shaded on a log ramp over the
/// run's own range (dark: smallest, bright: largest), so the fading or growing gradient
/// shows as the boxes light up from the loss back towards t = 1.
enum UnrolledGradients {
    static func render(_ panel: Panel<UnrolledView>, _ flow: GradientFlow, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        let u = theme.capabilities.unicode
        let g = theme.glyphs
        let sep = " \(g.fieldSeparator) "
        let t = flow.reached(panel.timeline.position)
        var title = "BPTT: \(g.norm)\(g.partial)L/\(g.partial)h_t\(g.norm) in box t"
        title += sep + (u ? "σ_max " : "sigma_max ") + String(format: "%.2f", flow.sigmaMax)
        title += sep + (u ? panel.spec.loss.formula : panel.spec.loss.asciiFormula)
        if let note = panel.note { title += " (\(note))" }
        PanelHeader.draw(title, position: "t = \(t) / \(flow.steps)", running: panel.timeline.running,
                         in: area, into: &buffer, theme: theme)
        let graph = UnrolledGraph(steps: flow.steps, current: t, direction: .backward, notes: notes(flow, reached: t))
        let body = area.inset(top: 2)
        let top = max(0, (body.height - UnrolledGraph.fullHeight) / 2)
        graph.render(in: body.inset(top: top), into: &buffer, capabilities: theme.capabilities)
    }

    /// A note for every box from t = `reached` to T: the norm (7 columns at most) and its
    /// shade, log10 of the norm placed between the smallest and largest representable norms.
    static func notes(_ flow: GradientFlow, reached: Int) -> [Int: UnrolledGraph.BoxNote] {
        let logs = flow.gradient.filter(GradientFlow.representable).map(log10)
        let lo = logs.min() ?? 0, hi = logs.max() ?? 0
        var out: [Int: UnrolledGraph.BoxNote] = [:]
        for t in reached...max(reached, flow.steps) where t <= flow.steps {
            let v = flow.gradient[t - 1]
            let level: Double? = GradientFlow.representable(v) ? (hi > lo ? (log10(v) - lo) / (hi - lo) : 1) : nil
            out[t] = UnrolledGraph.BoxNote(boxText(v), level: level)
        }
        return out
    }

    /// A norm in at most 7 columns: `0.0123`, `3.21e-4`, `1.2e-12`; `0` (`~0` for a subnormal) where it underflowed.
    static func boxText(_ v: Double) -> String {
        guard GradientFlow.representable(v) else { return v == 0 ? "0" : v.isFinite ? "~0" : ChartNumber.compact(v) }
        for digits in [3, 2, 1] {
            let s = ChartNumber.compact(v, significant: digits)
            if s.count <= 7 { return s }
        }
        return ChartNumber.compact(v, significant: 1)
    }
}
