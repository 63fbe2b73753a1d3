import LessonKit
import TUI

/// The `gates` view: the sigmoid gates of an LSTM (i, f, o) or a GRU (r, z) on the
/// sequential ramp (0 closed … 1 open), rows grouped by gate. The tanh candidate (g, n) is
/// not a gate and is left out.
public enum GatesView: CellLabView {
    public static let name = "gates"
    public static let summary = "LSTM i, f, o or GRU r, z gates as a heatmap (0 … 1); `cell` must be `lstm` or `gru`"

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> CellViewSpec? {
        let cell = CellSpec.parse(fields, fenceLine: fenceLine, errors: &errors)
        if cell.cell == .rnn {
            errors.append(LessonError(file: fields.file, line: fields["cell"]?.line ?? fenceLine,
                                      message: "the gates view needs 'cell: lstm' or 'cell: gru' (a vanilla RNN has no gates)"))
            return nil
        }
        return CellViewSpec(view: name, line: fenceLine, cell: cell)
    }

    public static func compute(_ spec: CellViewSpec, knobs: KnobValues) -> CellRunner.Run {
        CellRunner.run(spec.cell, knobs)
    }

    /// The sigmoid gates of the cell, in RNNCore's order.
    static func gateNames(_ cell: LabCell) -> [String] {
        CellRunner.kind(cell).gateNames.filter { $0 != "g" && $0 != "n" }
    }

    public static func render(_ panel: Panel<GatesView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        PanelHeader.drawCell(panel, in: area, into: &buffer, theme: theme)
        let run = panel.data
        let t = panel.timeline.position - 1
        let names = gateNames(panel.spec.cell.cell)
        let rows = names.flatMap { name in
            (0..<panel.spec.cell.hidden).map { i in ("\(name)\(i + 1)", (run.gates[name] ?? []).map { $0[i] }) }
        }
        let lines = names.map { name in
            (name + "_t", (run.gates[name]?[t] ?? []).map { String(format: "%.2f", $0) }.joined(separator: "  "))
        }
        UnitsHeatmap(rows: rows, valueLines: lines, ramp: .gates, timeline: panel.timeline)
            .render(in: area, into: &buffer, theme: theme)
    }
}
