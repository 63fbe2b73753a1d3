import Foundation
import LessonKit
import RNNCore
import TUI

/// The `highway` view: the lecture's "uninterrupted gradient flow". On the same input and
/// loss (L = Σ h_T), ‖∂L/∂c_t‖ of an LSTM beside ‖∂L/∂h_t‖ of a vanilla RNN of the same
/// size, on a log axis over t = 1 … T, with the gradient the highway alone carries back
/// (∂L/∂c_T times the running product of the forget gate). Under the chart, the values at t
/// and f_t, the local gradient of c_{t−1}.
///
/// The `forget` and `forget-bias` knobs act on the LSTM, `sigma` on the RNN.
public enum HighwayView: CellLabView {
    public static let name = "highway"
    public static let summary = "‖∂L/∂c_t‖ of an LSTM beside ‖∂L/∂h_t‖ of a vanilla RNN (log axis), L = Σ h_T; `sigma` sets the RNN's σ_max"

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> CellViewSpec? {
        let cell = CellSpec.parse(fields, fenceLine: fenceLine, errors: &errors)
        if cell.cell != .lstm {
            errors.append(LessonError(file: fields.file, line: fields["cell"]?.line ?? fenceLine,
                                      message: "the highway view runs an LSTM beside a vanilla RNN of the same size: write 'cell: lstm'"))
            return nil
        }
        return CellViewSpec(view: name, line: fenceLine, cell: cell)
    }

    public static func compute(_ spec: CellViewSpec, knobs: KnobValues) -> CellStateHighway {
        CellStateHighway.compute(spec.cell, knobs)
    }

    /// The chart's lines, in legend order; the LSTM's comes last so that it is drawn over
    /// the highway-alone line it often runs beside.
    static func series(_ h: CellStateHighway, unicode: Bool) -> [ChartSeries] {
        [ChartSeries(name: unicode ? "highway alone (Π f)" : "highway alone (prod f)", values: h.highwayAlone.map(gap), xStart: 1),
         ChartSeries(name: unicode ? "RNN ‖∂L/∂hₜ‖" : "RNN |dL/dh_t|", values: h.rnnGradH.map(gap), xStart: 1),
         ChartSeries(name: unicode ? "LSTM ‖∂L/∂cₜ‖" : "LSTM |dL/dc_t|", values: h.gradC.map(gap), xStart: 1)]
    }

    /// 0 and subnormals (an underflow) are drawn as a gap, not as a number.
    private static func gap(_ v: Double) -> Double { v.isFinite && v >= Double.leastNormalMagnitude ? v : .nan }

    public static func render(_ panel: Panel<HighwayView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        PanelHeader.drawCell(panel, in: area, into: &buffer, theme: theme)
        let h = panel.data
        guard h.steps > 0 else { return }
        let t = panel.timeline.position
        let lines = valueLines(panel, theme: theme)
        let (chartArea, valuesArea) = area.inset(top: 1).splitBottom(lines.count)
        let shown = (h.gradC + h.rnnGradH + h.highwayAlone).filter { $0.isFinite && $0 >= Double.leastNormalMagnitude }
        let lo = shown.min() ?? 1e-12, hi = shown.max() ?? 1
        // Whole decades, so the axis labels are powers of ten.
        let range = pow(10, floor(log10(lo))) ... pow(10, max(ceil(log10(hi)), floor(log10(lo)) + 1))
        let chart = LineChart(series: series(h, unicode: theme.capabilities.unicode), yScale: .log10, yRange: range,
                              xRange: 1...Double(max(2, h.steps)), marker: Double(t), xLabel: "t")
        chart.render(in: chartArea, into: &buffer, capabilities: theme.capabilities)
        for (i, line) in lines.enumerated() {
            buffer.put(line, x: valuesArea.x + 1, y: valuesArea.y + i, style: i == 0 ? theme.text : theme.muted, clip: valuesArea)
        }
    }

    /// Under the chart: the three norms at t, and f_t, the local gradient of c_{t−1}.
    static func valueLines(_ panel: Panel<HighwayView>, theme: LabTheme) -> [String] {
        let h = panel.data, t = panel.timeline.position - 1
        let u = theme.capabilities.unicode
        let e = { (v: Double) in String(format: "%.1e", v) }
        let f = h.forget[t].map { String(format: "%.2f", $0) }.joined(separator: " ")
        return [
            (u ? "t = \(t + 1): LSTM ‖∂L/∂cₜ‖ " : "t = \(t + 1): LSTM |dL/dc_t| ") + e(h.gradC[t])
                + " (\(u ? "×" : "x")" + ChartNumber.compact(h.gradC[t] / h.gradC[h.steps - 1]) + " of t = \(h.steps))"
                + (u ? "  RNN ‖∂L/∂hₜ‖ " : "  RNN |dL/dh_t| ") + e(h.rnnGradH[t])
                + (u ? " (σ_max " : " (sigma_max ") + String(format: "%.2f", h.rnnSigmaMax) + ")",
            (u ? "fₜ = ∂cₜ/∂cₜ₋₁ (no W): \(f)" : "f_t = dc_t/dc_t-1 (no W): \(f)"),
        ]
    }

    /// The cell export of the LSTM (knobs without σ_max), its gradient lines, and the RNN's
    /// line and weights.
    public static func export(_ panel: Panel<HighwayView>) -> ExperimentExport? {
        let h = panel.data, T = h.steps, H = panel.spec.cell.hidden
        let line = { (v: [Double]) in NDArray(shape: [1, T], data: v) }
        var out = CellExport.make(
            view: name, cell: panel.spec.cell, values: CellStateHighway.lstmValues(panel.values),
            extraTrace: ["grad_c_norm": line(h.gradC), "grad_h_norm": line(h.gradH), "rnn_grad_h_norm": line(h.rnnGradH),
                         "forget_product": NDArray(shape: [1, T, H], data: h.forgetProduct.flatMap { $0 })],
            facts: ["loss": "L = sum_i h_T[i] (the last step), the same for both cells",
                    "rnn_sigma_max_requested": panel.values.sigmaMax.map { $0 as any Sendable } ?? NSNull(),
                    "rnn_sigma_max": h.rnnSigmaMax])
        let rnn = CellRunner.parameters(CellStateHighway.rnnSpec(panel.spec.cell), panel.values)
        out.add("rnn_weights.npz", .npz(KerasLayout.export(rnn)),
                about: "the vanilla RNN beside the LSTM, Keras 3 SimpleRNN layout without bias: kernel (1, \(H)), recurrent_kernel (\(H), \(H)); same input and loss")
        if let i = out.files.firstIndex(where: { $0.name == "trace.npz" }) {
            out.files[i].about = "what the LSTM computed, each (1, \(T), \(H)): c, f, g, h, i, o; and, for t = 1 … T with "
                + "L = Σ_i h_T[i]: grad_c_norm (1, \(T)) ‖∂L/∂c_t‖ of the LSTM, the total derivative through every path; "
                + "grad_h_norm (1, \(T)) ‖∂L/∂h_t‖ of the LSTM (c_t held fixed); rnn_grad_h_norm (1, \(T)) ‖∂L/∂h_t‖ of the "
                + "vanilla RNN in rnn_weights.npz on the same input; forget_product (1, \(T), \(H)) Π_{s=t+1..T} f_s"
        }
        return out
    }
}
