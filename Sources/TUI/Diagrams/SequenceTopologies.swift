/// The five sequence topologies of the lecture (after the cs231n figure): one to one, one
/// to many, many to one, many to many (encoder-decoder) and many to many (synced). Each is a
/// small grid: inputs (red, `x`) at the bottom, hidden states (green, `h`) chained left to
/// right, outputs (blue, `y`) on top, with its example underneath.
///
/// Panels flow left to right and wrap onto a second band when the width is short. With no
/// colour the letters carry the meaning; when even one panel cannot fit, a plain list is drawn.
public struct SequenceTopologies: Widget, Sendable {
    /// One topology: which time steps take an input and which give an output.
    public struct Topology: Hashable, Sendable {
        public var title: String
        public var example: String
        public var inputs: [Bool]
        public var outputs: [Bool]
        public var steps: Int { inputs.count }
    }

    public static let all: [Topology] = [
        Topology(title: "one to one", example: "vanilla neural network", inputs: [true], outputs: [true]),
        Topology(title: "one to many", example: "image captioning: image -> words", inputs: [true, false, false], outputs: [true, true, true]),
        Topology(title: "many to one", example: "sentiment classification: words -> sentiment", inputs: [true, true, true], outputs: [false, false, true]),
        Topology(title: "many to many", example: "machine translation: words -> words", inputs: [true, true, true, false, false], outputs: [false, false, false, true, true]),
        Topology(title: "many to many", example: "video classification on frame level", inputs: [true, true, true], outputs: [true, true, true]),
    ]

    /// The topology to highlight (index into `all`), e.g. the one a lesson step talks about.
    public var highlighted: Int?
    public var palette: DiagramPalette

    public init(highlighted: Int? = nil, palette: DiagramPalette = .standard) {
        self.highlighted = highlighted
        self.palette = palette
    }

    /// Rows one band of panels takes: title, five grid rows, three rows of example.
    static let bandHeight = 9
    static let pitch = 4

    static func gridWidth(_ t: Topology) -> Int { t.steps * pitch - 1 }

    /// The width of a panel: its grid or title, and at least 18 so examples wrap in three rows.
    static func panelWidth(_ t: Topology) -> Int { max(gridWidth(t), TextWidth.of(t.title), 18) }

    /// Panels per band for a width: greedy, with two columns between panels.
    static func bands(width: Int) -> [[Int]] {
        var bands: [[Int]] = [[]]
        var used = 0
        for (i, t) in all.enumerated() {
            let w = panelWidth(t)
            let need = bands[bands.count - 1].isEmpty ? w : used + 2 + w
            if need > width, !bands[bands.count - 1].isEmpty {
                bands.append([i])
                used = w
            } else {
                bands[bands.count - 1].append(i)
                used = need
            }
        }
        return bands
    }

    /// Rows needed at a width (for layout by the caller).
    public static func height(width: Int) -> Int { bands(width: width).count * bandHeight }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        guard !area.isEmpty else { return }
        let bands = SequenceTopologies.bands(width: area.width)
        let widest = SequenceTopologies.all.map(SequenceTopologies.panelWidth).max() ?? 0
        if area.width < widest || area.height < bands.count * SequenceTopologies.bandHeight {
            // Too small for all five: the highlighted one drawn alone (n/p walk through
            // them), the list of all five under it when there is room; else the list alone.
            guard let index = highlighted, SequenceTopologies.all.indices.contains(index) else {
                renderList(in: area, into: &buffer, caps: caps)
                return
            }
            let chosen = SequenceTopologies.all[index]
            let w = SequenceTopologies.panelWidth(chosen)
            guard area.width >= w, area.height >= SequenceTopologies.bandHeight else {
                renderList(in: area, into: &buffer, caps: caps)
                return
            }
            let panel = Rect(x: area.x + (area.width - w) / 2, y: area.y, width: w, height: SequenceTopologies.bandHeight)
            drawPanel(chosen, index: index, in: panel, clip: area, into: &buffer, caps: caps)
            let rest = area.inset(top: SequenceTopologies.bandHeight)
            if rest.height >= SequenceTopologies.all.count { renderList(in: rest, into: &buffer, caps: caps) }
            return
        }
        var y = area.y
        for band in bands {
            let total = band.map { SequenceTopologies.panelWidth(SequenceTopologies.all[$0]) }.reduce(0, +) + 2 * (band.count - 1)
            // Spread the panels evenly over the width.
            let spare = area.width - total
            let between = band.count > 1 ? 2 + spare / (band.count + 1) : 0
            var x = area.x + (band.count > 1 ? spare / (band.count + 1) : spare / 2)
            for i in band {
                let t = SequenceTopologies.all[i]
                let w = SequenceTopologies.panelWidth(t)
                drawPanel(t, index: i, in: Rect(x: x, y: y, width: w, height: SequenceTopologies.bandHeight), clip: area, into: &buffer, caps: caps)
                x += w + between
            }
            y += SequenceTopologies.bandHeight
        }
    }

    private func drawPanel(_ t: Topology, index: Int, in r: Rect, clip: Rect, into buffer: inout Buffer, caps: Capabilities) {
        let p = palette.resolved(for: caps)
        let g = caps.glyphTable
        func put(_ s: String, _ x: Int, _ y: Int, _ st: Style) { buffer.put(s, x: x, y: y, style: st, clip: clip) }
        let titleStyle = index == highlighted ? p.current.reversed : p.label.bold
        put(t.title, r.x + (r.width - TextWidth.of(t.title)) / 2, r.y, titleStyle)
        let gx = r.x + (r.width - SequenceTopologies.gridWidth(t)) / 2
        let colour = caps.colors != .none
        func node(_ letter: String, _ style: Style, _ x: Int, _ y: Int) {
            if colour {
                // A coloured block with the letter: reads on a projector and in print.
                put(" \(letter) ", x, y, p.block(style, caps: caps))
            } else {
                put("[\(letter)]", x, y, style.bold)
            }
        }
        for s in 0..<t.steps {
            let x = gx + s * SequenceTopologies.pitch
            if t.outputs[s] {
                node("y", p.output, x, r.y + 1)
                put(g.vertical, x + 1, r.y + 2, p.output)
            }
            node("h", p.hidden, x, r.y + 3)
            if s < t.steps - 1 { put(g.arrowRight, x + 3, r.y + 3, p.hidden) }
            if t.inputs[s] {
                put(g.vertical, x + 1, r.y + 4, p.input)
                node("x", p.input, x, r.y + 5)
            }
        }
        // The example, wrapped over two rows (ASCII arrow in the source; → in Unicode).
        let example = t.example.replacingArrow(with: caps.glyphTable.textArrowRight)
        let lines = WordWrap.wrap({ var tk: [WordWrap.Token] = []; WordWrap.tokenize(example, style: p.label, into: &tk); return tk }(), width: r.width)
        for (k, line) in lines.prefix(3).enumerated() {
            let text = line.map(\.symbol).joined()
            put(text, r.x + (r.width - TextWidth.of(text)) / 2, r.y + 6 + k, index == highlighted ? p.label.bold : p.label.italic)
        }
    }

    /// The fallback for small areas: one line per topology.
    private func renderList(in area: Rect, into buffer: inout Buffer, caps: Capabilities) {
        let p = palette.resolved(for: caps)
        for (i, t) in SequenceTopologies.all.enumerated() where i < area.height {
            let ex = t.example.replacingArrow(with: caps.glyphTable.textArrowRight)
            let x = area.x + buffer.put(t.title + ": ", x: area.x, y: area.y + i, style: i == highlighted ? p.current.reversed : p.label.bold, clip: area)
            buffer.put(ex, x: x, y: area.y + i, style: p.label, clip: area)
        }
    }
}

extension String {
    /// Every `->` written as `arrow` (`→` in Unicode; ASCII keeps `->`).
    fileprivate func replacingArrow(with arrow: String) -> String {
        let c = Array(self)
        var out = ""
        var i = 0
        while i < c.count {
            if c[i] == "-", i + 1 < c.count, c[i + 1] == ">" {
                out += arrow
                i += 2
            } else {
                out.append(c[i])
                i += 1
            }
        }
        return out
    }
}
