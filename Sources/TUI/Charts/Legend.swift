/// One entry of a legend: a sample glyph in the series' style, then its name.
public struct LegendEntry: Hashable, Sendable {
    /// The series' name.
    public var label: String
    /// The swatch or pen drawn before the name.
    public var symbol: String
    /// The swatch's style (its colour).
    public var style: Style
    /// One legend entry.
    public init(label: String, symbol: String, style: Style) {
        self.label = label
        self.symbol = symbol
        self.style = style
    }
}

/// A one-line legend: `── h1  ── h2  ── h3`, each swatch in its series' colour (or pen when
/// there is no colour). Entries that do not fit whole are dropped and replaced by `…` / `~`.
public struct Legend: Widget {
    /// The entries, left to right.
    public var entries: [LegendEntry]
    /// A legend of the given entries.
    public init(entries: [LegendEntry]) { self.entries = entries }

    /// The legend of a set of chart series, as a line chart draws them.
    public init(series names: [String], usePens: Bool, capabilities caps: Capabilities) {
        self.entries = names.enumerated().map { i, name in
            let sym = usePens ? SeriesPalette.pen(i, caps) : String(repeating: caps.glyphTable.lineSwatch, count: 2)
            return LegendEntry(label: name, symbol: sym, style: SeriesPalette.style(i, caps))
        }
    }

    /// Columns the whole legend takes on one line.
    public var width: Int {
        entries.reduce(0) { $0 + TextWidth.of($1.symbol) + 1 + TextWidth.of($1.label) } + max(0, entries.count - 1) * 2
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        guard area.width > 0, area.height > 0 else { return }
        var x = area.x
        let y = area.y
        for (k, e) in entries.enumerated() {
            let w = TextWidth.of(e.symbol) + 1 + TextWidth.of(e.label)
            let sep = k == 0 ? 0 : 2
            // Keep room for the "more" mark unless this is the last entry.
            let reserve = k == entries.count - 1 ? 0 : 2
            if x + sep + w + reserve > area.maxX {
                let more = caps.glyphTable.ellipsis
                if x + sep < area.maxX { buffer.put(more, x: x + sep, y: y, style: SeriesPalette.axisStyle(caps), clip: area) }
                return
            }
            x += sep
            x += buffer.put(e.symbol, x: x, y: y, style: caps.resolve(e.style), clip: area)
            x += 1
            x += buffer.put(e.label, x: x, y: y, style: .plain, clip: area)
        }
    }
}
