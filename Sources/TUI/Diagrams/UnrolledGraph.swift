/// The unrolled computational graph of an RNN: for each time step an `f_W` box with the
/// input `xₜ` below, the output `yₜ` above, the hidden state flowing left to right between
/// the boxes, and one weight line `W` feeding every box (the same W at every step).
///
/// ```
///           y₁            y₂
///           ↑             ↑
///       ┌───┴───┐ h₁  ┌───┴───┐ h₂
///  h₀ ─→│  f_W  │────→│  f_W  │────→
///       └───┬──┬┘     └───┬──┬┘
///           ↑  │          ↑  │
///           x₁ │          x₂ │
///  W ──────────┴─────────────┘ shared
/// ```
/// The number of steps drawn fits the width; with more steps than fit, a window around the
/// current step is shown (the labels keep the true indices). `.backward` reverses the
/// arrows: the gradient flows from the outputs back along h, right to left (BPTT).
public struct UnrolledGraph: Widget, Sendable {
    public enum Direction: Hashable, Sendable { case forward, backward }

    /// A number written into one box instead of `f_W` (e.g. ‖∂L/∂hₜ‖ as the backward pass
    /// reaches it), and optionally a shade for the box's inside.
    public struct BoxNote: Hashable, Sendable {
        /// At most 7 columns (the box's inside); longer text is cut.
        public var text: String
        /// 0 … 1 on the sequential ramp (dark: small, bright: large); nil: no shade.
        public var level: Double?

        public init(_ text: String, level: Double? = nil) {
            self.text = text
            self.level = level
        }
    }

    /// The sequence length.
    public var steps: Int
    /// The highlighted step, 1-based (nil: none).
    public var current: Int?
    public var direction: Direction
    public var palette: DiagramPalette
    /// Notes for some boxes, by step t (1-based); the other boxes show `f_W`.
    public var notes: [Int: BoxNote]

    public init(steps: Int, current: Int? = nil, direction: Direction = .forward, palette: DiagramPalette = .standard,
                notes: [Int: BoxNote] = [:]) {
        self.steps = max(1, steps)
        self.current = current
        self.direction = direction
        self.palette = palette
        self.notes = notes
    }

    static let boxWidth = 9
    /// Rows the full drawing needs.
    public static let fullHeight = 8

    /// Columns between boxes: room for the `hₜ` label over the arrow.
    func gap(unicode: Bool) -> Int {
        max(5, TextWidth.of(DiagramLabel.indexed("h", steps, unicode: unicode)) + 2)
    }

    /// How many steps fit in `width` columns in the full drawing.
    public func stepsThatFit(width: Int, capabilities: Capabilities = .full) -> Int {
        let g = gap(unicode: capabilities.unicode)
        return max(0, min(steps, (width - g) / (UnrolledGraph.boxWidth + g)))
    }

    /// The first step shown when `count` steps fit: a window that keeps `current` visible
    /// (centred; with notes on a backward graph, a quarter from the left, so that more of the
    /// boxes the backward pass has already reached stay in view).
    func firstStep(showing count: Int) -> Int {
        guard count < steps, let c = current else { return 1 }
        let before = direction == .backward && !notes.isEmpty ? (count - 1) / 4 : count / 2
        return min(max(1, c - before), steps - count + 1)
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        guard !area.isEmpty else { return }
        let count = stepsThatFit(width: area.width, capabilities: caps)
        if area.height < UnrolledGraph.fullHeight || count < 1 {
            renderCompact(in: area, into: &buffer, caps: caps)
            return
        }
        let p = palette.resolved(for: caps)
        let g = caps.glyphTable
        let u = caps.unicode
        let gap = gap(unicode: u)
        let bw = UnrolledGraph.boxWidth
        let first = firstStep(showing: count)
        let back = direction == .backward
        let flow = back ? p.gradient : p.hidden
        // Centre the drawing (with the note at the end of the weight line) horizontally.
        let busNote = back ? (u ? " ∂L/∂W = Σₜ" : " dL/dW = sum") : " shared"
        let total = gap + count * (bw + gap) - gap + 1 + TextWidth.of(busNote)
        let x0 = area.x + max(0, (area.width - total) / 2)
        let y0 = area.y
        func put(_ s: String, _ x: Int, _ y: Int, _ st: Style) { buffer.put(s, x: x, y: y, style: st, clip: area) }
        // Inputs and outputs as coloured blocks (red x, blue y, as in the cs231n figures);
        // with no colour, a plain label (bold for the current step).
        let colour = caps.colors != .none
        func node(_ label: String, _ style: Style, _ cx: Int, _ y: Int, _ current: Bool) {
            let w = TextWidth.of(label)
            guard colour else {
                put(label, cx - (w - 1) / 2, y, current ? style.bold : style)
                return
            }
            let text = w <= 3 ? " \(label) " : label  // padding only where it cannot reach the W line
            let block = p.block(style, caps: caps, current: current)
            put(text, cx - (TextWidth.of(text) - 1) / 2, y, block)
        }

        // A note fills the box's inside (7 columns), centred, on its shade when there is colour.
        func putNote(_ note: BoxNote, x: Int, y: Int, current: Bool) {
            let inner = UnrolledGraph.boxWidth - 2
            let text = TextWidth.truncate(note.text, to: inner, ellipsis: g.ellipsis)
            let pad = inner - TextWidth.of(text)
            let padded = String(repeating: " ", count: pad / 2) + text + String(repeating: " ", count: pad - pad / 2)
            var style = current ? p.current.reversed : p.label
            if caps.colors != .none, let level = note.level {
                let shade = ColorRamp(kind: .sequential, lower: 0, upper: 1).color(level, caps)
                // Dark text on the bright end of the ramp, light text on the dark end.
                style = caps.resolve(Style(foreground: level > 0.6 ? .black : .white, background: shade))
                if current { style = style.bold.underline }
            }
            put(padded, x, y, style)
        }

        // The weight bus along the bottom, labelled at its left end.
        let busY = y0 + 7
        let lastW = x0 + gap + (count - 1) * (bw + gap) + bw - 2
        put("W", x0, busY, p.weights.bold)
        put(String(repeating: g.horizontal, count: max(0, lastW - x0 - 2)), x0 + 2, busY, p.weights)
        // The note goes only where it fits whole: a cut-off formula would mislead.
        if lastW + 1 + TextWidth.of(busNote) <= area.maxX { put(busNote, lastW + 1, busY, p.weights) }

        for k in 0..<count {
            let t = first + k
            let left = x0 + gap + k * (bw + gap)
            let cx = left + 4, wx = left + bw - 2
            let isCurrent = t == current
            let frame = isCurrent ? p.current : p.hidden
            // The current step in heavy lines (light in ASCII, where its reversed label marks it).
            let b = isCurrent ? g.heavyBorder : g.border
            // Output above.
            node(DiagramLabel.indexed("y", t, unicode: u), p.output, cx, y0, isCurrent)
            put(back ? g.arrowDown : g.arrowUp, cx, y0 + 1, back ? p.gradient : p.output)
            // The box.
            let top = b.topLeft + String(repeating: b.horizontal, count: bw - 2) + b.topRight
            let bottom = b.bottomLeft + String(repeating: b.horizontal, count: bw - 2) + b.bottomRight
            put(top, left, y0 + 2, frame)
            put(b.teeUp, cx, y0 + 2, frame)
            put(b.vertical, left, y0 + 3, frame)
            put(b.vertical, left + bw - 1, y0 + 3, frame)
            let label = isCurrent ? p.current.reversed : p.label.bold
            if let note = notes[t] {
                putNote(note, x: left + 1, y: y0 + 3, current: isCurrent)
            } else {
                put("  f_W  ", left + 1, y0 + 3, isCurrent ? label : p.label)
                if !isCurrent { put("f_W", left + 3, y0 + 3, label) }
            }
            put(bottom, left, y0 + 4, frame)
            put(b.teeDown, cx, y0 + 4, frame)
            put(b.teeDown, wx, y0 + 4, frame)
            // Input below and the weight line down to the bus.
            put(g.arrowUp, cx, y0 + 5, p.input)
            node(DiagramLabel.indexed("x", t, unicode: u), p.input, cx, y0 + 6, isCurrent)
            put(g.vertical, wx, y0 + 5, p.weights)
            put(g.vertical, wx, y0 + 6, p.weights)
            put(k == count - 1 ? g.bottomRight : g.teeUp, wx, busY, p.weights)
            if back { put(g.arrowDown, wx, y0 + 5, p.gradient) }
        }
        // The hidden state between boxes (and into the first, out of the last).
        for k in 0...count {
            let gx = x0 + k * (bw + gap)
            let t = first + k - 1
            let label = DiagramLabel.indexed("h", t, unicode: u)
            put(label, gx + (gap - label.count) / 2, y0 + 2, t == current ? flow.bold : flow)
            let line = String(repeating: g.horizontal, count: gap - 1)
            put(back ? g.arrowLeft + line : line + g.arrowRight, gx, y0 + 3, flow)
        }
    }

    /// One or two rows: `h₀ → [f_W] → h₁ → …` with the current step reversed.
    private func renderCompact(in area: Rect, into buffer: inout Buffer, caps: Capabilities) {
        let p = palette.resolved(for: caps)
        let g = caps.glyphTable
        let u = caps.unicode
        let arrow = direction == .backward ? g.arrowLeft : g.arrowRight
        let flow = direction == .backward ? p.gradient : p.hidden
        // Steps that fit: each takes " → [f] → hₜ" roughly.
        let piece = 7 + DiagramLabel.indexed("h", steps, unicode: u).count
        let count = max(1, min(steps, (area.width - 3) / piece))
        let first = firstStep(showing: count)
        var x = area.x
        func put(_ s: String, _ st: Style) {
            x += buffer.put(s, x: x, y: area.y, style: st, clip: area)
        }
        put(DiagramLabel.indexed("h", first - 1, unicode: u), flow)
        for k in 0..<count {
            let t = first + k
            put(" " + arrow + " ", flow)
            put("[f]", t == current ? p.current.reversed : p.hidden)
            put(" " + arrow + " ", flow)
            put(DiagramLabel.indexed("h", t, unicode: u), t == current ? flow.bold : flow)
        }
        if first + count - 1 < steps { put(" " + g.ellipsis, flow) }
        if area.height >= 2 {
            buffer.put("W: the same weights in every f", x: area.x, y: area.y + 1, style: p.weights, clip: area)
        }
    }
}
