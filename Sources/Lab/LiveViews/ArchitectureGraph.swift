import TUI

/// The unrolled graph of the `architecture` view: one box per step, the input x_t under it,
/// the output ŷ_t over it and, where the step has a target, its loss L_t above the output,
/// every L_t joined into L by a line along the top, as the lecture's figures draw them.
///
/// ```
///   L ──┬──────┬──────┐
/// L_t  0.094  0.011  0.004
/// ŷ_t  +0.61  +0.80  +0.72
///        ↑      ↑      ↑
///  h₀ ─→[ f ]─→[ f ]─→[ f ]
///        ↑      ↑      ↑
/// x_t  +0.35  +0.61  +0.80
/// ```
/// The encoder-decoder draws `[enc]` boxes without outputs, the hand-over `h_T`, then `[dec]`
/// boxes (its loss and output rows are L_s and ŷ_s, the decoder's steps); too many steps for the width keep the first and the last ones with `…` between.
struct ArchitectureGraph {
    struct Column {
        /// The step index shown in labels (1-based, per part).
        var t: Int
        var box: String
        var input: String?
        /// The input is the previous step's output, fed back (one-to-many).
        var fedBack = false
        var output: String?
        var correct: Bool?
        var loss: Double?
        /// Encoder-decoder: this is the decoder's first step (the hand-over comes before it).
        var handover = false
    }

    var columns: [Column]
    /// Whether outputs are fed back as the next inputs (one-to-many): drawn as loops.
    var feedsBack: Bool { columns.contains { $0.fedBack } }
    /// The label of the handed-over state (`h₅`).
    var handoverLabel: String?

    /// Rows of the full drawing, and of the compact one (no bus, no arrows).
    static let fullHeight = 7
    static let compactHeight = 4

    /// The graph of a run's probe.
    static func make(_ run: ArchitectureRun, unicode: Bool) -> ArchitectureGraph {
        let p = run.probe
        var cols: [Column] = []
        let decoder = !p.decoderInputs.isEmpty
        if decoder {
            for (t, x) in p.inputs.enumerated() { cols.append(Column(t: t + 1, box: "enc", input: x)) }
            for s in p.decoderInputs.indices {
                cols.append(Column(t: s + 1, box: "dec", input: p.decoderInputs[s], output: p.outputs[s],
                                   correct: p.correct[s], loss: p.stepLosses[s], handover: s == 0))
            }
            return ArchitectureGraph(columns: cols, handoverLabel: indexed("h", p.inputs.count, unicode: unicode))
        }
        for t in p.stepLosses.indices {
            cols.append(Column(t: t + 1, box: " f ", input: t < p.inputs.count ? p.inputs[t] : nil,
                               fedBack: run.shape == .oneToMany && t > 0, output: p.outputs[t], correct: p.correct[t], loss: p.stepLosses[t]))
        }
        return ArchitectureGraph(columns: cols, handoverLabel: nil)
    }

    /// `h₅` (Unicode) or `h_5`.
    static func indexed(_ name: String, _ index: Int, unicode: Bool) -> String {
        guard unicode else { return "\(name)_\(index)" }
        let subscripts = Array("₀₁₂₃₄₅₆₇₈₉")
        return name + String(String(index).compactMap { $0.wholeNumberValue.map { subscripts[$0] } })
    }

    /// A loss in at most 6 columns: `0.094`, `2.3e-4`.
    static func lossText(_ v: Double) -> String {
        for digits in [2, 1] {
            let s = ChartNumber.compact(v, significant: digits)
            if s.count <= 6 { return s }
        }
        return ChartNumber.compact(v, significant: 1)
    }

    /// A column's text as it fits `width` (a space as `␣`, a minus as the theme's).
    static func cellText(_ s: String, width: Int, theme: LabTheme) -> String {
        var s = s == " " ? (theme.capabilities.unicode ? "␣" : "_") : s
        if s.hasPrefix("-") { s = theme.glyphs.minus + s.dropFirst() }
        return TextWidth.truncate(s, to: max(1, width), ellipsis: theme.glyphs.ellipsis)
    }

    /// Which columns to draw in `slots` places: all of them, or the first ones, an ellipsis
    /// (nil) and the last `keepLast`.
    static func window(_ count: Int, slots: Int, keepLast: Int) -> [Int?] {
        guard count > slots else { return (0..<count).map { $0 } }
        let tail = min(keepLast, max(1, slots - 2))
        let head = max(0, slots - 1 - tail)
        return (0..<head).map { $0 } + [nil] + ((count - tail)..<count).map { $0 }
    }

    /// Draws the graph in `area`: full when it has `fullHeight` rows, else compact. Returns
    /// the rows used.
    @discardableResult
    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) -> Int {
        guard area.width >= 16, area.height >= 1, !columns.isEmpty else { return 0 }
        let caps = theme.capabilities
        let g = theme.glyphs
        let u = caps.unicode
        let palette = DiagramPalette.standard.resolved(for: caps)
        let full = area.height >= Self.fullHeight
        let compact = !full && area.height >= Self.compactHeight
        let start = Self.indexed("h", 0, unicode: u)
        let handWidth = handoverLabel.map { TextWidth.of($0) + 1 } ?? 0
        // Row labels (`Lₜ`, 4 columns with their gap) when there is room for them: every column
        // at 7, else at 6 (a graph that feeds its outputs back keeps the width its loops need),
        // else without labels; a graph too long for the width anyway is windowed, labels kept.
        let labelWidth = 4
        func needed(_ cw: Int, labels: Bool) -> Int { (labels ? labelWidth : 0) + TextWidth.of(start) + handWidth + columns.count * cw }
        let narrowest = feedsBack ? 7 : 6
        let fits = [(7, true), (narrowest, true), (7, false), (narrowest, false)].first { needed($0.0, labels: $0.1) <= area.width }
        let (cw, labels) = fits ?? (narrowest, true)
        let margin = labels ? labelWidth : 0
        let slots = max(2, (area.width - margin - TextWidth.of(start) - handWidth) / cw)
        let keepLast = columns.contains { $0.handover } ? columns.count - (columns.firstIndex { $0.handover } ?? 0) + 1 : 1
        let shown = Self.window(columns.count, slots: slots, keepLast: keepLast)

        let rowBus = area.y, rowLoss = area.y + (full ? 1 : 0), rowY = area.y + (full ? 2 : compact ? 1 : 0)
        let rowBox = area.y + (full ? 4 : compact ? 2 : 0), rowX = area.y + (full ? 6 : compact ? 3 : 0)
        func put(_ s: String, _ x: Int, _ y: Int, _ style: Style) { buffer.put(s, x: x, y: y, style: style, clip: area) }
        func centred(_ s: String, _ cx: Int, _ y: Int, _ style: Style) { put(s, cx - (TextWidth.of(s) - 1) / 2, y, style) }

        if labels && (full || compact) {
            // The losses and predictions of an encoder-decoder are the decoder's, at its steps s.
            let s = handoverLabel != nil
            let sub = { (n: String, s: Bool) in u ? n + (s ? "ₛ" : "ₜ") : n + (s ? "_s" : "_t") }
            put(sub("L", s), area.x, rowLoss, theme.muted)
            put(sub(u ? "ŷ" : "y", s), area.x, rowY, theme.muted)
            put(sub("x", false), area.x, rowX, theme.muted)
        }
        var x = area.x + margin
        put(start, x, rowBox, palette.hidden)
        x += TextWidth.of(start)
        var lossCentres: [Int] = []
        var loops: [Int] = []
        for (k, index) in shown.enumerated() {
            guard let i = index else {
                // The steps left out.
                put(String(repeating: g.horizontal, count: cw - 2) + g.ellipsis + g.horizontal, x, rowBox, palette.hidden)
                x += cw
                continue
            }
            let c = columns[i]
            if c.handover, let label = handoverLabel {
                put(g.horizontal, x, rowBox, palette.hidden)
                put(label, x + 1, rowBox, palette.hidden.bold)
                x += handWidth
            }
            let arrow = String(repeating: g.horizontal, count: cw - 6) + g.arrowRight
            put(arrow, x, rowBox, palette.hidden)
            let bx = x + cw - 5, cx = bx + 2
            put("[" + c.box + "]", bx, rowBox, palette.hidden.bold)
            if let input = c.input, full || compact {
                centred(Self.cellText(input, width: cw - 1, theme: theme), cx, rowX, c.fedBack ? palette.output : palette.input)
                if full { put(g.arrowUp, cx, rowBox + 1, palette.input) }
            }
            if let output = c.output, full || compact {
                var style = palette.output
                if c.correct == false { style = caps.colors == .none ? style.reversed : theme.warning }
                // Alone on its row (many to one's class name) it may spread into its neighbours'
                // room, kept inside the area at the right edge.
                let alone = !shown.contains { j in j.map { $0 != i && abs($0 - i) == 1 && columns[$0].output != nil } ?? false }
                let text = Self.cellText(output, width: alone ? 2 * cw - 3 : cw - 1, theme: theme)
                let w = TextWidth.of(text)
                put(text, min(cx - (w - 1) / 2, area.x + area.width - w), rowY, style)
                if full { put(g.arrowUp, cx, rowBox - 1, palette.output) }
            }
            if let loss = c.loss, full || compact {
                centred(Self.lossText(loss), cx, rowLoss, palette.gradient)
                lossCentres.append(cx)
            }
            if full, cw >= 7, k + 1 < shown.count, let next = shown[k + 1], next == i + 1, columns[next].fedBack { loops.append(cx) }
            x += cw
        }
        // One-to-many: each output travels round to be the next step's input, crossing h.
        for cx in loops {
            let lx = cx + 3
            put(g.horizontal + g.horizontal + g.topRight, cx + 1, rowY, palette.output)
            put(g.vertical, lx, rowBox - 1, palette.output)
            put(g.cross, lx, rowBox, palette.output)
            put(g.vertical, lx, rowBox + 1, palette.output)
            put(g.bottomLeft + g.horizontal + g.horizontal + g.arrowRight, lx, rowX, palette.output)
        }
        // L = Σ L_t: a line along the top joining every loss shown.
        if full, let last = lossCentres.last {
            let x0 = area.x + margin
            put("L", x0, rowBus, palette.gradient.bold)
            var line = Array(repeating: g.horizontal, count: max(0, last - x0 - 1))
            for c in lossCentres where c - x0 - 2 >= 0 && c - x0 - 2 < line.count { line[c - x0 - 2] = g.teeDown }
            put(line.joined(), x0 + 2, rowBus, palette.gradient)
            put(u ? "┐" : "+", last, rowBus, palette.gradient)
        }
        return full ? Self.fullHeight : compact ? Self.compactHeight : 1
    }
}
