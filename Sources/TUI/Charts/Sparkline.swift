/// A compact trend line of eighth blocks `▁▂▃▄▅▆▇█`, one value per column, newest on the right.
///
/// With more values than columns the most recent ones are shown. Taller areas stack blocks,
/// so a 3-row sparkline has 24 levels. NaN is an empty column; +Inf a full one. ASCII uses
/// its own ladder ` _.-=*#` (the core table's `.` before `_` reads upside down in a trend).
public struct Sparkline: Widget {
    /// The samples, oldest first.
    public var values: [Double]
    /// A fixed range; nil fits the data (linear: from min(0, min) to max).
    public var range: ClosedRange<Double>?
    /// Linear, or log10 for magnitudes.
    public var scale: ScaleKind
    /// The blocks' colour (mapped down for the output).
    public var color: Color
    /// A name printed before the blocks, e.g. `loss`.
    public var label: String?
    /// Prints the newest value after the blocks, compactly (`0.23`, `1.5e-7`).
    public var showsLast: Bool

    /// A sparkline; `range` nil fits the shown values.
    public init(values: [Double], range: ClosedRange<Double>? = nil, scale: ScaleKind = .linear,
                color: Color = .indexed(SeriesPalette.full[1]), label: String? = nil, showsLast: Bool = false) {
        self.values = values
        self.range = range
        self.scale = scale
        self.color = color
        self.label = label
        self.showsLast = showsLast
    }

    /// The scale the bars are measured on.
    public var axis: Scale { axis(for: values) }

    /// The scale fitted to the values actually shown (the newest that fit the width).
    public func axis<C: Collection>(for shown: C) -> Scale where C.Element == Double {
        if let r = range { return Scale(kind: scale, lower: r.lowerBound, upper: r.upperBound) }
        var lo = Double.infinity, hi = -Double.infinity
        for v in shown where v.isFinite && (scale == .linear || v > 0) { lo = min(lo, v); hi = max(hi, v) }
        if lo > hi { return Scale(kind: scale, lower: scale == .log10 ? 1 : 0, upper: scale == .log10 ? 10 : 1) }
        // Linear sparklines start at zero when all values are positive, so bar heights compare.
        if scale == .linear { lo = min(lo, 0) }
        return Scale(kind: scale, lower: lo, upper: hi)
    }

    /// The height of value `v` in eighths of a cell, 0 ... rows * 8.
    public func eighths(_ v: Double, rows: Int, axis: Scale) -> Int {
        guard let f = axis.fraction(of: v) else { return 0 }
        let c = min(1, max(0, f))
        return Int((c * Double(rows * 8)).rounded())
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        let area = area.intersection(buffer.area)
        guard area.width > 0, area.height > 0, !values.isEmpty else { return }
        // Label and value go on the bottom row, and only when the blocks keep 8 columns.
        var blocks = area
        let textStyle = SeriesPalette.axisStyle(caps)
        if let label, TextWidth.of(label) + 1 + 8 <= blocks.width {
            let w = buffer.put(label, x: area.x, y: area.maxY - 1, style: textStyle, clip: area)
            blocks = blocks.inset(left: w + 1)
        }
        if showsLast, let last = values.last {
            let t = ChartNumber.compact(last)
            if TextWidth.of(t) + 1 + 8 <= blocks.width {
                buffer.put(t, x: area.maxX - TextWidth.of(t), y: area.maxY - 1, style: Style.plain.bold, clip: area)
                blocks = blocks.inset(right: TextWidth.of(t) + 1)
            }
        }
        render(blocksIn: blocks, into: &buffer, capabilities: caps)
    }

    /// The blocks alone, newest value in the rightmost column.
    func render(blocksIn area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        let shown = values.suffix(area.width)
        let ax = axis(for: shown)
        let glyphs = caps.glyphTable.verticalEighths
        let style = Style(foreground: caps.resolve(color))
        let x0 = area.maxX - shown.count
        for (k, v) in shown.enumerated() {
            var e = eighths(v, rows: area.height, axis: ax)
            var row = area.maxY - 1
            while e > 0, row >= area.y {
                buffer.set(x0 + k, row, glyphs[min(8, e)], style: style)
                e -= 8
                row -= 1
            }
        }
    }
}
