import Foundation
import LessonKit
import RNNCore
import TUI

/// The `gradients` view: ‖∂L/∂h_t‖ for t = 1 … T on a log axis, optionally beside
/// ‖∂h_T/∂h_t‖, computed by RNNCore's exact backpropagation through time (`GradientFlow`).
///
/// ```
/// vanilla RNN · 8 hidden units · sine input · seed 1 · σ_max 0.80   t = 27 / 30
/// σ_max 0.800 (measured) · ×0.61 per step, t = 30 → 27: ×0.23 in all · L = Σ h_T
///  1 ┤                                  ⠀⠀⠀⣀⠤⠒   (bright from t to T, faint before)
/// ━━ ‖∂L/∂h_t‖ 2.3e-1   ·· not reached yet
/// ```
///
/// `n`/`p` walk the backward pass: the panel opens at the loss (t = T) and each `n` reaches
/// one step further back. The part of the curve already reached is bright, the rest faint,
/// so the panel never opens empty. Norms that underflowed (0 or subnormal) are gaps.
public enum GradientsView: LabView {
    public struct Spec: LabViewSpec, RunsCell {
        public var view: String { GradientsView.name }
        public var line = 0
        public var cell: CellSpec
        public var loss = GradientFlow.Loss.last
        /// Also plot ‖∂h_T/∂h_t‖.
        public var jacobian = false
        /// The t the backward pass has reached on arriving at the step (T: only the loss).
        public var reached: Int

        public init(line: Int = 0, cell: CellSpec, loss: GradientFlow.Loss = .last, jacobian: Bool = false, reached: Int? = nil) {
            self.line = line
            self.cell = cell
            self.loss = loss
            self.jacobian = jacobian
            self.reached = min(max(1, reached ?? cell.steps), cell.steps)
        }
    }

    public static let name = "gradients"
    /// The loss the backward pass starts from (also read by the backward `unrolled` view).
    static let lossKey = BlockKey("loss", "`last`: L = Σ_i h_T[i]; `every`: L = Σ_t Σ_i h_t[i]", default: "`last`")

    public static let summary = "‖∂L/∂h_t‖ (log axis) by exact BPTT; n/p walk the backward pass from t = T"
    public static let axis = "walk back"
    public static let axisHelp = "one step further back / forward along the backward pass"
    public static var blockKeys: [BlockKey] {
        CellSpec.blockKeys.map { key in
            key.name == "start"
                ? BlockKey("start", "the t the backward pass has reached on arriving (T: only the loss)", default: "T", range: "1 … T")
                : key
        } + [
            lossKey,
            BlockKey("jacobian", "`true` also plots ‖∂h_T/∂h_t‖ (spectral norm)", default: "`false`"),
        ]
    }

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec? {
        let cell = CellSpec.parse(fields, fenceLine: fenceLine, errors: &errors)
        var spec = Spec(line: fenceLine, cell: cell, reached: fields["start"] == nil ? nil : cell.start)
        if let v = fields.choice("loss", GradientFlow.Loss.self, noun: "loss", required: false, missingLine: fenceLine, errors: &errors) {
            spec.loss = v
        }
        if let v = fields.word("jacobian", in: ["true", "false"], noun: "value for 'jacobian'", required: false,
                               missingLine: fenceLine, errors: &errors) {
            spec.jacobian = v == "true"
        }
        return spec
    }


    /// Position k along the timeline is the k-th step of the backward pass: t = T − k + 1.
    public static func timeline(_ spec: Spec) -> Timeline {
        Timeline(count: spec.cell.steps, start: spec.cell.steps - spec.reached + 1)
    }

    public static func compute(_ spec: Spec, knobs: KnobValues) -> GradientFlow {
        GradientFlow.compute(spec.cell, knobs, loss: spec.loss, jacobian: spec.jacobian)
    }

    public static func render(_ panel: Panel<GradientsView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        let flow = panel.data
        let t = flow.reached(panel.timeline.position)
        PanelHeader.draw(headerTitle(panel, theme: theme), position: "t = \(t) / \(flow.steps)",
                         running: panel.timeline.running, in: area, into: &buffer, theme: theme)
        buffer.put(ScreenChrome.fitted(measuredLine(panel, theme: theme), area.width, theme),
                   x: area.x, y: area.y + 1, style: theme.muted)
        let (chartArea, valuesArea) = area.inset(top: 2).splitBottom(1)
        let chart = chart(panel)
        chart.render(in: chartArea, into: &buffer, capabilities: theme.capabilities)
        drawValues(panel, chart: chart, in: valuesArea, into: &buffer, theme: theme)
    }

    /// The cell and the knobs' values, as every cell view's header shows them (σ_max is on
    /// the line below, measured).
    static func headerTitle(_ panel: Panel<GradientsView>, theme: LabTheme) -> String {
        PanelHeader.cellTitle(panel.spec.cell, panel.values, knobs: panel.knobs, leavingOut: ["sigma"], theme: theme)
    }

    /// `σ_max 0.800 (measured) · ×0.61 per step, t = 30 → 27: ×0.23 in all · L = Σ h_T`
    static func measuredLine(_ panel: Panel<GradientsView>, theme: LabTheme) -> String {
        let flow = panel.data
        let u = theme.capabilities.unicode
        let sep = " \(theme.glyphs.fieldSeparator) "
        let t = flow.reached(panel.timeline.position)
        var line = (u ? "σ_max " : "sigma_max ") + String(format: "%.3f", flow.sigmaMax) + " (measured)" + sep
        if t == flow.steps {
            line += "per step: press n to go back"
        } else if let f = flow.factorPerStep(to: t) {
            let total = flow.gradient[t - 1] / flow.gradient[flow.steps - 1]
            line += "\(theme.glyphs.times)\(ChartNumber.compact(f)) per step, t = \(flow.steps) \(theme.glyphs.textArrowRight) \(t): "
                + "\(theme.glyphs.times)\(ChartNumber.compact(total)) in all"
        } else {
            line += "per step: underflow"
        }
        return line + sep + (u ? panel.spec.loss.formula : panel.spec.loss.asciiFormula)
    }

    /// What a norm looks like on the log axis: itself, or a gap (NaN) where it underflowed.
    static func plotted(_ v: Double) -> Double { GradientFlow.representable(v) || v == .infinity ? v : .nan }

    /// Faint: the whole backward pass; bright: the part from t to T. Faint series come first
    /// so the bright ones are drawn over them (and take the palette's first colours).
    static func chart(_ panel: Panel<GradientsView>) -> LineChart {
        let flow = panel.data
        let t = flow.reached(panel.timeline.position)
        let curves = [("dL/dh", flow.gradient)] + (flow.jacobian.map { [("dh_T/dh", $0)] } ?? [])
        let faint = curves.map { ChartSeries(name: $0.0, values: $0.1.map(plotted), xStart: 1, faint: true) }
        let bright = curves.map { name, values in
            ChartSeries(name: name, values: values.enumerated().map { i, v in i + 1 >= t ? plotted(v) : .nan }, xStart: 1)
        }
        var chart = LineChart(series: faint + bright, yScale: .log10, xRange: 1...Double(max(2, flow.steps)),
                              marker: Double(t), xLabel: "t", showLegend: false)
        chart.wholeNumberX = true
        return chart
    }

    /// `━━ ‖∂L/∂h_t‖ 2.3e-1   ━━ ‖∂h_T/∂h_t‖ 4e-2   ·· not reached yet`
    static func drawValues(_ panel: Panel<GradientsView>, chart: LineChart, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        let flow = panel.data
        let caps = theme.capabilities
        let g = theme.glyphs
        let t = flow.reached(panel.timeline.position)
        let pens = chart.usesPens(caps)
        let curves = 1 + (flow.jacobian == nil ? 0 : 1)
        var names = ["\(g.norm)\(g.partial)L/\(g.partial)h_t\(g.norm)"]
        var values = [flow.gradient[t - 1]]
        if let j = flow.jacobian {
            names.append("\(g.norm)\(g.partial)h_T/\(g.partial)h_t\(g.norm)")
            values.append(j[t - 1])
        }
        var x = area.x
        func put(_ s: String, _ style: Style) { x += buffer.put(s, x: x, y: area.y, style: style, clip: area) }
        for k in 0..<curves {
            let series = curves + k  // the bright series of curve k
            put(pens ? chart.seriesPen(series, caps) : String(repeating: g.lineSwatch, count: 2), chart.seriesStyle(series, caps))
            put(" \(names[k]) ", theme.muted)
            put(number(values[k]), theme.text.bold)
            put("   ", theme.text)
        }
        if t > 1 {
            put(pens ? chart.seriesPen(0, caps) + chart.seriesPen(0, caps) : String(repeating: g.lineSwatch, count: 2),
                chart.seriesStyle(0, caps))
            put(" not reached yet", theme.muted)
        }
    }

    /// A norm as the panel writes it: 3 significant digits, or `underflow`.
    static func number(_ v: Double) -> String {
        GradientFlow.representable(v) ? ChartNumber.compact(v) : (v.isFinite ? "underflow" : ChartNumber.compact(v))
    }
}

extension GradientsView {
    /// The standard cell export plus the backward pass: upstream.npy (the ∂L/∂h_t the loss
    /// injects at each step, zeros where it injects none) and `grad_h_norm` (1, T) in
    /// trace.npz, the curve the panel draws.
    public static func export(_ panel: Panel<GradientsView>) -> ExperimentExport? {
        let cell = panel.spec.cell, T = cell.steps, H = cell.hidden
        let injected = GradientFlow.upstream(panel.spec.loss, steps: T, hidden: H)
        let upstream = NDArray(shape: [1, T, H], data: injected.flatMap { $0?.data ?? [Double](repeating: 0, count: H) })
        return CellExport.make(view: name, cell: cell, values: panel.values,
                               extraTrace: ["grad_h_norm": NDArray(shape: [1, T], data: panel.data.gradient)],
                               upstream: upstream,
                               facts: ["loss": panel.spec.loss.rawValue, "loss_formula": panel.spec.loss.asciiFormula])
    }
}
