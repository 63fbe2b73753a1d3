import Foundation
import LessonKit
import RNNCore
import TUI

/// The `cell` view: one LSTM or GRU cell drawn as the lecture draws it, every wire carrying
/// its value at the current t for one hidden unit, coloured by sign and size.
///
/// LSTM: x_t and h_{t-1} into W; out of it i, f, o (σ) and g (tanh); c_{t-1} → ⊙ f → + i⊙g →
/// c_t → tanh → ⊙ o → h_t. GRU: h_{t-1} → ⊙ z → + (1 − z) ⊙ h̃_t → h_t, with r inside the
/// candidate. `u` / `U` pick the unit, `n` / `p` move t. The diagram takes 11 rows (fits the
/// panel of an 80 × 24 screen); a taller panel adds the equations with the numbers put in
/// and every unit's values at t.
public enum CellDiagramView: LabView {
    public struct Spec: LabViewSpec, RunsCell {
        public var view: String { CellDiagramView.name }
        public var line = 0
        public var cell: CellSpec
        /// The unit shown on opening the step, 1 … H.
        public var unit = 1

        public init(line: Int = 0, cell: CellSpec, unit: Int = 1) {
            self.line = line
            self.cell = cell
            self.unit = unit
        }
    }

    public static let name = "cell"
    public static let summary = "one LSTM or GRU cell as the lecture draws it, every wire with its value at t for one unit (`u` picks it)"
    public static let blockKeys = CellSpec.blockKeys + [
        BlockKey("unit", "`cell`: the hidden unit shown first (`u` / `U` move it)", default: "1", range: "1 … H"),
    ]
    public static let bindings = [
        ViewBinding(.character("u"), action: "next-unit", help: "next hidden unit in the cell diagram", status: "unit"),
        ViewBinding(.character("U"), action: "previous-unit", help: "previous hidden unit in the cell diagram"),
    ]

    public static func parse(_ fields: YAMLFields, fenceLine: Int, errors: inout [LessonError]) -> Spec? {
        guard let cell = CellSpec.parseGated(fields, fenceLine: fenceLine, errors: &errors,
                                             why: "the cell view draws 'cell: lstm' or 'cell: gru' (the vanilla RNN's cell is one tanh: use states)") else { return nil }
        let unit = fields.int("unit", in: 1...cell.hidden, errors: &errors) ?? 1
        return Spec(line: fenceLine, cell: cell, unit: unit)
    }


    public static func compute(_ spec: Spec, knobs: KnobValues) -> CellRunner.Run {
        CellRunner.run(spec.cell, knobs)
    }

    public static func update(_ panel: inout Panel<CellDiagramView>, _ message: PanelMessage) -> Command<LabMessage> {
        let H = panel.spec.cell.hidden
        switch message {
        case .action("next-unit"): panel.cursor = (panel.cursor + 1) % H
        case .action("previous-unit"): panel.cursor = (panel.cursor + H - 1) % H
        default: panel.apply(message)
        }
        return .none
    }

    /// The unit shown (0-based): the block's `unit`, moved by `u` / `U`.
    public static func unit(_ panel: Panel<CellDiagramView>) -> Int {
        (panel.spec.unit - 1 + panel.cursor) % panel.spec.cell.hidden
    }

    /// Rows the diagram takes below the header.
    static let diagramHeight = 11
    /// Columns the diagram takes.
    static let diagramWidth = 75

    public static func render(_ panel: Panel<CellDiagramView>, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard area.height >= 3, area.width >= 20 else { return }
        PanelHeader.drawCell(panel, in: area, into: &buffer, theme: theme)
        let body = area.inset(top: 1)
        let wires = CellWires(run: panel.data, cell: panel.spec.cell.cell, unit: unit(panel), t: panel.timeline.position - 1)
        let tall = body.height >= diagramHeight + 4
        let x = body.x + max(1, min(4, (body.width - diagramWidth) / 2))
        let canvas = WireCanvas(origin: (x, body.y + (tall ? 1 : 0)), clip: body, unicode: theme.capabilities.unicode)
        let drawer = CellDrawer(canvas: canvas, wires: wires, theme: theme, hidden: panel.spec.cell.hidden)
        if panel.spec.cell.cell == .lstm { drawer.lstm(into: &buffer) } else { drawer.gru(into: &buffer) }
        guard tall else { return }
        // Below the diagram: the equations with the numbers put in, then every unit at t.
        var y = body.y + 1 + diagramHeight + 1
        for line in equations(wires, panel: panel, theme: theme) where y < body.maxY {
            buffer.put(line, x: x, y: y, style: theme.text, clip: body)
            y += 1
        }
        y += 1
        for line in unitTable(panel, theme: theme) where y < body.maxY {
            buffer.put(line.text, x: x, y: y, style: line.heading ? theme.muted : theme.text, clip: body)
            y += 1
        }
    }

    /// The cell's equations for the unit shown, with its numbers at t.
    static func equations(_ w: CellWires, panel: Panel<CellDiagramView>, theme: LabTheme) -> [String] {
        let u = theme.capabilities.unicode
        // Plain numbers (no + on positives): "0.921 × −0.412 + …" reads like the equation.
        let n = { (v: Double) in String(PanelHeader.signed(v, theme: theme).drop { $0 == "+" }) }
        let times = u ? "×" : "*"
        if panel.spec.cell.cell == .lstm {
            return [
                (u ? "(i, f, o, g) = (σ, σ, σ, tanh)(W (hₜ₋₁; xₜ) + b)" : "(i, f, o, g) = (sigma, sigma, sigma, tanh)(W (h_t-1; x_t) + b)"),
                (u ? "cₜ = f ⊙ cₜ₋₁ + i ⊙ g" : "c_t = f * c_t-1 + i * g")
                    + " = \(n(w["f"])) \(times) \(n(w["cp"])) + \(n(w["i"])) \(times) \(n(w["g"])) = \(n(w["c"]))",
                (u ? "hₜ = o ⊙ tanh(cₜ)" : "h_t = o * tanh(c_t)") + " = \(n(w["o"])) \(times) \(n(w["tc"])) = \(n(w["h"]))",
            ]
        }
        let form = panel.data.parameters.resetAfter
            ? (u ? "h̃ₜ = tanh(W_x xₜ + r ⊙ (W_h hₜ₋₁ + b_h) + b_x): Keras' reset_after (the lecture puts r before W_h)"
                 : "h~_t = tanh(W_x x_t + r * (W_h h_t-1 + b_h) + b_x): Keras' reset_after (the lecture puts r before W_h)")
            : (u ? "h̃ₜ = tanh(W_x xₜ + W_h (r ⊙ hₜ₋₁) + b): the lecture's form" : "h~_t = tanh(W_x x_t + W_h (r * h_t-1) + b): the lecture's form")
        return [
            form,
            (u ? "hₜ = z ⊙ hₜ₋₁ + (1 − z) ⊙ h̃ₜ" : "h_t = z * h_t-1 + (1 - z) * h~_t")
                + " = \(n(w["z"])) \(times) \(n(w["hp"])) + \(n(w["omz"])) \(times) \(n(w["n"])) = \(n(w["h"]))",
        ]
    }

    /// Every unit's values at t, one row per unit, the shown one marked.
    static func unitTable(_ panel: Panel<CellDiagramView>, theme: LabTheme) -> [(text: String, heading: Bool)] {
        let run = panel.data
        let t = panel.timeline.position - 1
        let lstm = panel.spec.cell.cell == .lstm
        let names = lstm ? ["i", "f", "o", "g", "c", "h"] : ["r", "z", "n", "h"]
        let titles = lstm ? names : ["r", "z", theme.capabilities.unicode ? "h̃" : "h~", "h"]
        var rows = [("unit  " + titles.map { $0.padding(toLength: 8, withPad: " ", startingAt: 0) }.joined(), true)]
        for i in 0..<panel.spec.cell.hidden {
            let values = names.map { name -> Double in
                switch name {
                case "c": return run.cellStates[t][i]
                case "h": return run.states[t][i]
                default: return run.gates[name]?[t][i] ?? 0
                }
            }
            let mark = i == unit(panel) ? theme.glyphs.selectionMarker : " "
            let label = "\(mark) \(i + 1)".padding(toLength: 6, withPad: " ", startingAt: 0)
            rows.append((label + values.map { PanelHeader.signed($0, theme: theme).padding(toLength: 8, withPad: " ", startingAt: 0) }.joined(), false))
        }
        return rows
    }
}

/// The values on a cell's wires for one unit at one step.
struct CellWires {
    private var values: [String: Double] = [:]
    /// The unit, 0-based.
    let unit: Int

    /// `t` 0-based; before the first step h_{t-1} = c_{t-1} = 0.
    init(run: CellRunner.Run, cell: LabCell, unit u: Int, t: Int) {
        unit = u
        let hp = t > 0 ? run.states[t - 1][u] : 0
        values["hp"] = hp
        values["x"] = run.inputs[t]
        values["h"] = run.states[t][u]
        for (name, steps) in run.gates { values[name] = steps[t][u] }
        if cell == .lstm {
            let cp = t > 0 ? run.cellStates[t - 1][u] : 0
            values["cp"] = cp
            values["c"] = run.cellStates[t][u]
            values["fc"] = self["f"] * cp
            values["ig"] = self["i"] * self["g"]
            values["tc"] = tanh(self["c"])
        } else {
            values["zh"] = self["z"] * hp
            values["omz"] = 1 - self["z"]
            values["omzn"] = (1 - self["z"]) * self["n"]
        }
    }

    subscript(name: String) -> Double { values[name] ?? .nan }
}

/// Draws the LSTM and GRU diagrams on a `WireCanvas` (coordinates in the comments' sketch).
struct CellDrawer {
    let canvas: WireCanvas
    let wires: CellWires
    let theme: LabTheme
    let hidden: Int

    /// A value as a wire shows it: 6 columns, always a sign (`+0.412`, `−12.35`).
    func number(_ v: Double) -> String {
        let m = abs(v)
        let digits = m < 9.9995 ? 3 : m < 99.995 ? 2 : m < 999.95 ? 1 : 0
        let magnitude = m < 9999.5 ? String(format: "%.\(digits)f", m) : String(format: "%.0e", m)
        return (v < 0 && magnitude.contains(where: { "123456789".contains($0) }) ? theme.glyphs.minus : "+") + magnitude
    }

    /// A wire's style: the value's colour on the diverging ramp (red +, blue −), bold when |v| ≥ 0.5.
    func style(_ name: String) -> Style {
        let v = wires[name]
        var s: Style
        switch theme.capabilities.colors {
        case .none: s = .plain
        case .eight: s = abs(v) < 0.05 ? theme.muted : Style(foreground: v > 0 ? .red : .blue)
        case .full: s = Style(foreground: theme.capabilities.resolve(ColorRamp.states.color(min(1, max(-1, v)), theme.capabilities)))
        }
        return abs(v) >= 0.5 ? s.bold : s
    }

    func label(_ unicode: String, _ ascii: String) -> String { canvas.unicode ? unicode : ascii }
    var node: Style { theme.text.bold }
    var frame: Style { theme.border }

    /// ```
    /// cₜ₋₁ ━ −0.412 ━━▶⊙━ +0.380 ━━▶+━━━━━ +0.612 ━━━━━━━┳━━━▶ cₜ
    ///                  ▲             ▲                  ┃
    ///        f +0.921 ┃  i⊙g +0.232 ┃                 tanh
    ///                  ┃             ⊙◀━ g +0.310 ┓     ┃ +0.545
    ///                  ┃             ▲             ┃     ▼
    ///                  ┃    i +0.750 ┃             ┃     ⊙━ +0.301 ━━▶ hₜ
    ///                  ┃             ┃             ┃     ▲ o +0.550
    ///   (the box: σ σ tanh σ under the four wires, W (hₜ₋₁; xₜ) + b, inputs from the left)
    /// ```
    func lstm(into b: inout Buffer) {
        let c = canvas
        let xF = 19, xP = 33, xG = 47, xT = 59
        // The cell-state line.
        c.text(label("cₜ₋₁", "c_t-1"), 0, 0, theme.muted, into: &b)
        c.labelledWire(6, xF - 2, 0, text: number(wires["cp"]), style("cp"), into: &b)
        c.arrow(.right, xF - 1, 0, style("cp"), into: &b)
        c.text(label("⊙", "*"), xF, 0, node, into: &b)
        c.labelledWire(xF + 1, xP - 2, 0, text: number(wires["fc"]), style("fc"), into: &b)
        c.arrow(.right, xP - 1, 0, style("fc"), into: &b)
        c.text("+", xP, 0, node, into: &b)
        c.labelledWire(xP + 1, xT - 1, 0, text: number(wires["c"]), style("c"), into: &b)
        c.joint("┳", xT, 0, style("c"), into: &b)
        c.horizontal(xT + 1, xT + 3, 0, style("c"), into: &b)
        c.arrow(.right, xT + 4, 0, style("c"), into: &b)
        c.text(label("cₜ", "c_t"), xT + 6, 0, theme.muted, into: &b)
        // f up into the first ⊙.
        c.arrow(.up, xF, 1, style("f"), into: &b)
        c.vertical(xF, 2, 6, style("f"), into: &b)
        c.textRight("f " + number(wires["f"]), endingAt: xF - 2, 2, style("f"), into: &b)
        // i ⊙ g up into +.
        c.arrow(.up, xP, 1, style("ig"), into: &b)
        c.vertical(xP, 2, 2, style("ig"), into: &b)
        c.textRight(label("i⊙g ", "i*g ") + number(wires["ig"]), endingAt: xP - 2, 2, style("ig"), into: &b)
        c.text(label("⊙", "*"), xP, 3, node, into: &b)
        c.arrow(.left, xP + 1, 3, style("g"), into: &b)
        c.labelledWire(xP + 2, xG - 1, 3, text: "g " + number(wires["g"]), style("g"), into: &b)
        c.joint("┓", xG, 3, style("g"), into: &b)
        c.vertical(xG, 4, 6, style("g"), into: &b)
        c.arrow(.up, xP, 4, style("i"), into: &b)
        c.vertical(xP, 5, 6, style("i"), into: &b)
        c.textRight("i " + number(wires["i"]), endingAt: xP - 2, 5, style("i"), into: &b)
        // c_t through tanh, times o, out as h_t.
        c.vertical(xT, 1, 1, style("c"), into: &b)
        c.text("tanh", xT - 1, 2, node, into: &b)
        c.vertical(xT, 3, 3, style("tc"), into: &b)
        c.text(number(wires["tc"]), xT + 2, 3, style("tc"), into: &b)
        c.arrow(.down, xT, 4, style("tc"), into: &b)
        c.text(label("⊙", "*"), xT, 5, node, into: &b)
        c.labelledWire(xT + 1, xT + 10, 5, text: number(wires["h"]), style("h"), into: &b)
        c.arrow(.right, xT + 11, 5, style("h"), into: &b)
        c.text(label("hₜ", "h_t"), xT + 13, 5, theme.muted, into: &b)
        c.arrow(.up, xT, 6, style("o"), into: &b)
        c.text("o " + number(wires["o"]), xT + 2, 6, style("o"), into: &b)
        // The stacked weights: one matrix W, four nonlinearities.
        c.box(xF - 4, 7, xT + 3, 10, frame, into: &b)
        for (x, name) in [(xF, "f"), (xP, "i"), (xG, "g"), (xT, "o")] { c.joint("┻", x, 7, style(name), into: &b) }
        for x in [xF, xP, xT] { c.text(label("σ", "s"), x, 8, node, into: &b) }
        c.text("tanh", xG - 1, 8, node, into: &b)
        c.text(label("W (hₜ₋₁; xₜ) + b", "W (h_t-1; x_t) + b"), xF + 4, 9, theme.text, into: &b)
        input(label("hₜ₋₁", "h_t-1"), "hp", row: 8, boxAt: xF - 4, into: &b)
        input(label("xₜ", "x_t"), "x", row: 9, boxAt: xF - 4, into: &b)
        unitLabel(row: 10, into: &b)
    }

    /// ```
    /// hₜ₋₁ ━ +0.200 ━┳━━━━━━━━━━━━━━━━▶⊙━━ +0.150 ━━━━━━━━━━▶+━━ +0.281 ━━▶ hₜ
    ///                ┃                 ▲                     ▲
    ///                ┃         z +0.750┃                     ┃ (1−z)⊙h̃ +0.131
    ///                ┃                 ┣━━━ 1−z +0.250 ━━━━━▶⊙
    ///                ┃                 ┃                     ▲
    ///                ┃                 ┃                     ┃ h̃ +0.523
    ///   (the box: z's σ, h̃'s tanh, r's σ feeding the candidate; x_t from the left)
    /// ```
    func gru(into b: inout Buffer) {
        let c = canvas
        let xB = 16, xZ = 33, xP = 53
        c.text(label("hₜ₋₁", "h_t-1"), 0, 0, theme.muted, into: &b)
        c.labelledWire(6, xB - 1, 0, text: number(wires["hp"]), style("hp"), into: &b)
        c.joint("┳", xB, 0, style("hp"), into: &b)
        c.horizontal(xB + 1, xZ - 2, 0, style("hp"), into: &b)
        c.arrow(.right, xZ - 1, 0, style("hp"), into: &b)
        c.text(label("⊙", "*"), xZ, 0, node, into: &b)
        c.labelledWire(xZ + 1, xP - 2, 0, text: number(wires["zh"]), style("zh"), into: &b)
        c.arrow(.right, xP - 1, 0, style("zh"), into: &b)
        c.text("+", xP, 0, node, into: &b)
        c.labelledWire(xP + 1, xP + 12, 0, text: number(wires["h"]), style("h"), into: &b)
        c.arrow(.right, xP + 13, 0, style("h"), into: &b)
        c.text(label("hₜ", "h_t"), xP + 15, 0, theme.muted, into: &b)
        // h_{t-1} down into the weights.
        c.vertical(xB, 1, 5, style("hp"), into: &b)
        // z up into the ⊙ with h_{t-1}; 1 − z to the right.
        c.arrow(.up, xZ, 1, style("z"), into: &b)
        c.vertical(xZ, 2, 2, style("z"), into: &b)
        c.textRight("z " + number(wires["z"]), endingAt: xZ - 2, 2, style("z"), into: &b)
        c.joint("┣", xZ, 3, style("z"), into: &b)
        c.vertical(xZ, 4, 5, style("z"), into: &b)
        c.labelledWire(xZ + 1, xP - 2, 3, text: label("1−z ", "1-z ") + number(wires["omz"]), style("omz"), into: &b)
        c.arrow(.right, xP - 1, 3, style("omz"), into: &b)
        // (1 − z) ⊙ h̃ up into +.
        c.arrow(.up, xP, 1, style("omzn"), into: &b)
        c.vertical(xP, 2, 2, style("omzn"), into: &b)
        c.text(label("(1−z)⊙h̃ ", "(1-z)*h~ ") + number(wires["omzn"]), xP + 2, 2, style("omzn"), into: &b)
        c.text(label("⊙", "*"), xP, 3, node, into: &b)
        c.arrow(.up, xP, 4, style("n"), into: &b)
        c.vertical(xP, 5, 5, style("n"), into: &b)
        c.text(label("h̃ ", "h~ ") + number(wires["n"]), xP + 2, 5, style("n"), into: &b)
        // The weights: z's σ, the candidate's tanh, and r feeding the candidate.
        c.box(xB - 3, 6, xP + 5, 9, frame, into: &b)
        for (x, name) in [(xB, "hp"), (xZ, "z"), (xP, "n")] { c.joint("┻", x, 6, style(name), into: &b) }
        c.text(label("σ", "s"), xZ, 7, node, into: &b)
        c.text("tanh", xP - 1, 7, node, into: &b)
        c.text(label("W (hₜ₋₁; xₜ)", "W(h_t-1;x_t)"), xB + 2, 7, theme.text, into: &b)
        c.text(label("σ", "s"), xB + 2, 8, node, into: &b)
        c.labelledWire(xB + 3, xP - 1, 8, text: "r " + number(wires["r"]), style("r"), into: &b)
        c.joint("┛", xP, 8, style("r"), into: &b)
        input(label("xₜ", "x_t"), "x", row: 8, boxAt: xB - 3, into: &b)
        unitLabel(row: 9, into: &b)
    }

    /// `hₜ₋₁ +0.200 ━▶` into the box's left side.
    private func input(_ name: String, _ key: String, row: Int, boxAt x: Int, into b: inout Buffer) {
        canvas.text(name, 0, row, theme.muted, into: &b)
        canvas.textRight(number(wires[key]), endingAt: x - 3, row, style(key), into: &b)
        canvas.horizontal(x - 2, x - 2, row, style(key), into: &b)
        canvas.arrow(.right, x - 1, row, style(key), into: &b)
    }

    private func unitLabel(row: Int, into b: inout Buffer) {
        canvas.text("unit \(wires.unit + 1) of \(hidden)", 0, row, theme.heading, into: &b)
    }
}
