import LessonKit

/// The lesson `rnnlab inspect` opens: built in code, one step per view of the learner's own
/// model (`states`, then `gates` and `cell` for an LSTM or GRU, then `gradients`), so the
/// lesson keys (→ / ←) switch views and everything the lab does for a lesson step — time,
/// the cell view's unit picker, help, `rnnlab render` — works on it unchanged.
public enum InspectLesson {
    public static let id = "inspect"

    /// The step ids, in order, for a cell (`rnnlab render --inspect --step ID`).
    public static func stepIDs(_ cell: LabCell) -> [String] {
        cell == .rnn ? ["states", "gradients"] : ["states", "gates", "cell", "gradients"]
    }

    /// The lesson for a loaded model.
    public static func make(_ model: InspectedModel) -> Lesson {
        let given = model.given
        var spec = CellSpec(cell: model.cell, hidden: given.parameters.hiddenSize, steps: given.inputs.count)
        spec.given = given
        let H = given.parameters.hiddenSize, D = given.parameters.inputSize, T = given.inputs.count
        let what = "\(model.cell.title), H = \(H), D = \(D), T = \(T) (\(given.source))"
        let keys = "`→` / `←`: the next / previous view; `n` / `p`: time; `space`: run."
        var steps: [LessonStep] = []
        func add(_ id: String, _ title: String, _ text: String, _ lab: some LabViewSpec) {
            steps.append(LessonStep(id: id, title: title, markdown: text + "\n\n" + keys, lab: AnyLabSpec(lab), line: 0))
        }
        add("states", "Hidden states",
            "Your \(what) from h_0 = 0. The lines are the input"
                + (D > 1 ? " (its first feature)" : "") + " and the hidden units h_t[i]"
                + (H > StatesView.maxUnits ? "; the first \(StatesView.maxUnits) of \(H) are drawn." : "."),
            StatesView.Spec(cell: spec))
        if model.cell != .rnn {
            add("gates", "Gates", "Every gate of your \(model.cell.title) as a units × time heatmap, with the values at t.",
                CellViewSpec(view: GatesView.name, cell: spec))
            add("cell", "One cell", "One unit's cell with every wire's value at t. `u` / `U`: the next / previous of the \(H) units.",
                CellDiagramView.Spec(cell: spec))
        }
        add("gradients", "Gradient flow",
            "‖∂L/∂h_t‖ for L = Σ h_T through your weights, by exact backpropagation through time: how far back a loss at the last step reaches.",
            GradientsView.Spec(cell: spec, loss: .last))
        return Lesson(id: id, title: "Inspect: your \(model.cell.title)", summary: what, steps: steps, file: given.source)
    }
}
