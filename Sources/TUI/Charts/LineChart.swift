import Foundation

/// One line of a chart: a name for the legend and its samples. Sample `i` sits at
/// x = `xStart + i` (the lecture counts steps from 1: pass `xStart: 1`).
public struct ChartSeries: Hashable, Sendable {
    /// The name shown in the legend.
    public var name: String
    /// Samples; NaN is a gap, ±Inf an edge mark.
    public var values: [Double]
    /// A colour of its own (e.g. to match a diagram); nil takes the palette's colour for the
    /// series' position. Either way it is mapped down to what the output shows.
    public var color: Color?
    /// The x of the first sample.
    public var xStart: Double
    /// Context rather than data: drawn dim grey (a `·` pen where pens are used), e.g. the
    /// whole run behind the part reached so far, given again as a bright series. A faint
    /// series takes no palette colour or pen, so the bright series keep theirs.
    public var faint: Bool
    /// A series of samples at x = xStart, xStart + 1, ...
    public init(name: String, values: [Double], color: Color? = nil, xStart: Double = 0, faint: Bool = false) {
        self.name = name
        self.values = values
        self.color = color
        self.xStart = xStart.isFinite ? xStart : 0
        self.faint = faint
    }
}

/// A line chart of several series on braille dots (2x4 per cell), with axes, tick labels in
/// data units (linear or log10), a legend and a marker for the current time step.
///
/// - Colour: series `i` uses `SeriesPalette.color(i)`. When two series share a cell, the one
///   drawn last (the later in `series`) gives the cell its colour; its dots and the earlier
///   series' dots are all shown.
/// - ASCII, or no colour with more than one series: one pen glyph per cell column
///   (`* # $ % o x`), since braille dots cannot be told apart without colour.
/// - NaN is a gap. Values outside the y range (and ±Inf) leave a mark on the edge they
///   crossed; lines to them are clipped. On a log axis, 0 is a mark at the bottom and
///   negative values are gaps.
/// - A fixed x domain (`xRange`, e.g. 0...T) with `visibleCount` draws only the first t
///   samples: the learner watches the lines grow as time advances.
///
/// ```swift
/// // Lesson 1: each hidden unit is a series; the learner is at step t of T.
/// LineChart(series: trace.units.map { ChartSeries(name: $0.name, values: $0.values) },
///           yRange: -1...1, xRange: 0...Double(T - 1), visibleCount: t + 1, marker: Double(t),
///           xLabel: "t", yLabel: "hₜ")
///     .render(in: area, into: &frame, capabilities: caps)
/// ```
public struct LineChart: Widget {
    /// The lines, drawn in order (later ones on top).
    public var series: [ChartSeries]
    /// Linear or log10 y axis.
    public var yScale: ScaleKind
    /// A fixed y range; nil fits the visible data with nice round ends.
    public var yRange: ClosedRange<Double>?
    /// A fixed x domain; nil spans the longest series.
    public var xRange: ClosedRange<Double>?
    /// Only samples with index < visibleCount are drawn (nil: all).
    public var visibleCount: Int?
    /// The current step, marked with a vertical line.
    public var marker: Double?
    /// Horizontal reference lines in data units (e.g. a clipping threshold `c`), drawn dim
    /// and dashed under the data.
    public var references: [Double]
    /// Centred on the top row when there is room.
    public var title: String?
    /// Printed at the right end of the x tick labels.
    public var xLabel: String?
    /// Printed top left, above the y axis.
    public var yLabel: String?
    /// Draws the legend on the bottom row when there is room.
    public var showLegend: Bool
    /// Also draws the samples from `visibleCount` on, faint: the whole run shows from the
    /// first frame and the part up to the current step stands out.
    public var faintRest = false
    /// The x axis counts whole things (time steps): no ticks at 2.5 or 0.5.
    public var wholeNumberX = false

    /// A line chart; every setting but the series is optional.
    public init(series: [ChartSeries], yScale: ScaleKind = .linear, yRange: ClosedRange<Double>? = nil,
                xRange: ClosedRange<Double>? = nil, visibleCount: Int? = nil, marker: Double? = nil,
                references: [Double] = [], title: String? = nil, xLabel: String? = nil, yLabel: String? = nil, showLegend: Bool = true) {
        self.series = series
        self.yScale = yScale
        self.yRange = yRange
        self.xRange = xRange
        self.visibleCount = visibleCount
        self.marker = marker
        self.references = references
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.showLegend = showLegend
    }

    /// Number of samples of a series that are drawn.
    func visible(_ s: ChartSeries) -> Int { min(s.values.count, max(0, visibleCount ?? Int.max)) }

    /// The x scale: the fixed domain, or 0 ... the longest series' last index.
    public var xAxis: Scale {
        if let r = xRange { return Scale(lower: r.lowerBound, upper: r.upperBound) }
        let lo = series.map(\.xStart).min() ?? 0
        let hi = series.map { $0.xStart + Double($0.values.count - 1) }.max() ?? 1
        return Scale(lower: lo, upper: max(hi, lo + 1))
    }

    /// The y scale: fixed, or fitted to the visible samples.
    public var yAxis: Scale {
        if let r = yRange { return Scale(kind: yScale, lower: r.lowerBound, upper: r.upperBound) }
        return Scale.fitting(series.lazy.flatMap { $0.values.prefix(self.faintRest ? Int.max : self.visible($0)) }, kind: yScale)
    }

    /// Whether this output plots pens (one glyph per column) instead of braille.
    public func usesPens(_ caps: Capabilities) -> Bool {
        !caps.unicode || (caps.colors == .none && series.count > 1)
    }

    /// Where the parts go inside `area`.
    struct Layout {
        var title: Rect?
        var plot: Rect
        var yLabels: Rect?
        var xAxis: Rect?
        var xLabels: Rect?
        var legend: Rect?
    }

    func layout(_ area: Rect, yLabelWidth: Int) -> Layout {
        var rest = area
        var l = Layout(plot: area)
        // Small areas get the plot alone: axes would leave no room for data.
        guard area.width >= 14, area.height >= 5 else { return l }
        if title != nil || yLabel != nil, rest.height >= 8 {
            let (t, r) = rest.splitTop(1); l.title = t; rest = r
        }
        if showLegend, !series.isEmpty, rest.height >= 7 {
            let (r, g) = rest.splitBottom(1); l.legend = g; rest = r
        }
        let (r1, xl) = rest.splitBottom(1); l.xLabels = xl
        let (r2, xa) = r1.splitBottom(1)
        let (yl, p) = r2.splitLeft(yLabelWidth + 1)
        l.yLabels = yl
        l.plot = p
        l.xAxis = Rect(x: yl.maxX - 1, y: xa.y, width: xa.width - yl.width + 1, height: 1)
        l.xLabels = Rect(x: yl.x, y: xl.y, width: xl.width, height: 1)
        return l
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        let area = area.intersection(buffer.area)
        guard area.width > 0, area.height > 0 else { return }
        let ys = yAxis, xs = xAxis
        let g = caps.glyphTable
        let axisStyle = SeriesPalette.axisStyle(caps)
        // Tick count depends on the plot height, which depends on the label width: lay out
        // with a guess, count ticks for the real plot height, and lay out again.
        var yTicks = ys.ticks(maxCount: max(2, min(7, (area.height - 4) / 2 + 1)))
        var l = layout(area, yLabelWidth: yTicks.map { TextWidth.of($0.label) }.max() ?? 1)
        yTicks = ys.ticks(maxCount: max(2, min(7, l.plot.height / 2 + 1)))
        l = layout(area, yLabelWidth: yTicks.map { TextWidth.of($0.label) }.max() ?? 1)
        let plot = l.plot
        guard plot.width > 0, plot.height > 0 else { return }
        let dotW = plot.width * 2, dotH = plot.height * 4

        if let t = l.title {
            var x = t.x
            if let yLabel { x += buffer.put(yLabel, x: x, y: t.y, style: axisStyle, clip: t) + 2 }
            if let title { buffer.put(title, x: max(x, t.x + (t.width - TextWidth.of(title)) / 2), y: t.y, style: Style.plain.bold, clip: t) }
        }

        // Y axis: a vertical rule with ticks, labels right-aligned in data units.
        if let yl = l.yLabels {
            let axisX = yl.maxX - 1
            for r in 0..<plot.height { buffer.set(axisX, plot.y + r, g.vertical, style: axisStyle) }
            var used = Set<Int>()
            for t in yTicks {
                guard let f = ys.fraction(of: t.value), f >= -1e-9, f <= 1 + 1e-9 else { continue }
                let row = Int(((1 - f) * Double(dotH - 1)).rounded()) / 4
                guard row >= 0, row < plot.height, !used.contains(row) else { continue }
                used.insert(row)
                buffer.set(axisX, plot.y + row, g.teeLeft, style: axisStyle)
                let w = TextWidth.of(t.label)
                buffer.put(t.label, x: axisX - w, y: plot.y + row, style: axisStyle, clip: yl)
            }
        }

        // X axis: a horizontal rule with ticks, labels centred under them.
        if let xa = l.xAxis, let xl = l.xLabels {
            buffer.set(xa.x, xa.y, g.bottomLeft, style: axisStyle)
            for c in 1..<max(1, xa.width) { buffer.set(xa.x + c, xa.y, g.horizontal, style: axisStyle) }
            var xLabelRoom = xl
            if let xLabel {
                let w = TextWidth.of(xLabel)
                if w + 8 < xl.width {
                    buffer.put(xLabel, x: xl.maxX - w, y: xl.y, style: axisStyle.italic, clip: xl)
                    xLabelRoom = xl.inset(right: w + 1)
                }
            }
            let xTicks = xs.ticks(maxCount: max(2, plot.width / 8), wholeNumbers: wholeNumberX)
            var lastEnd = Int.min
            for t in xTicks {
                guard let f = xs.fraction(of: t.value), f >= -1e-9, f <= 1 + 1e-9 else { continue }
                let col = Int((f * Double(dotW - 1)).rounded()) / 2
                buffer.set(plot.x + col, xa.y, g.teeDown, style: axisStyle)
                let w = TextWidth.of(t.label)
                let x0 = min(max(xl.x, plot.x + col - w / 2), xLabelRoom.maxX - w)
                if x0 > lastEnd, x0 >= xLabelRoom.x {
                    buffer.put(t.label, x: x0, y: xl.y, style: axisStyle, clip: xLabelRoom)
                    lastEnd = x0 + w
                }
            }
        }

        // Reference lines: dashed, dim, only where the data leaves room.
        for r in references {
            guard let f = ys.fraction(of: r), f >= 0, f <= 1 else { continue }
            let row = Int(((1 - f) * Double(dotH - 1)).rounded()) / 4
            for c in 0..<plot.width { buffer.set(plot.x + c, plot.y + row, g.dottedHorizontal, style: axisStyle.dim) }
        }

        // The current step: a dim vertical line under the data, an arrow on the axis.
        if let m = marker, let f = xs.fraction(of: m), f.isFinite, f >= 0, f <= 1 {
            let col = Int((f * Double(dotW - 1)).rounded()) / 2
            let ms = SeriesPalette.markerStyle(caps)
            for r in 0..<plot.height { buffer.set(plot.x + col, plot.y + r, g.markerVertical, style: ms) }
            if let xa = l.xAxis { buffer.set(plot.x + col, xa.y, g.arrowUp, style: ms) }
        }

        if usesPens(caps) {
            drawPens(plot, xs: xs, ys: ys, into: &buffer, caps: caps)
        } else {
            var canvas = BrailleCanvas(columns: plot.width, rows: plot.height)
            draw(on: &canvas, xs: xs, ys: ys)
            // Ink k < count is series k; ink count + k is the faint rest of series k.
            let count = series.count
            canvas.render(in: plot, into: &buffer) { $0 < count ? self.seriesStyle($0, caps) : self.seriesStyle($0 - count, caps).dim }
        }

        if let lg = l.legend {
            Legend(entries: legendEntries(caps))
                .render(in: lg.inset(left: min(lg.width, (l.yLabels?.width ?? 0))), into: &buffer, capabilities: caps)
        }
    }

    /// Series `k`'s style: faint grey, its own colour, or the palette's, resolved for the output.
    public func seriesStyle(_ k: Int, _ caps: Capabilities) -> Style {
        if series.indices.contains(k), series[k].faint { return LineChart.faintStyle(caps) }
        guard series.indices.contains(k), let c = series[k].color else { return SeriesPalette.style(paletteSlot(k), caps) }
        return Style(foreground: caps.resolve(c))
    }

    /// Series `k`'s pen where pens are used: the palette's, or `·` (`.`) for a faint series.
    public func seriesPen(_ k: Int, _ caps: Capabilities) -> String {
        if series.indices.contains(k), series[k].faint { return caps.unicode ? "·" : "." }
        return SeriesPalette.pen(paletteSlot(k), caps)
    }

    /// The palette entry of series `k`: its position among the series that are not faint.
    func paletteSlot(_ k: Int) -> Int { series.prefix(max(0, k)).filter { !$0.faint }.count }

    /// Dim grey, darker than the axes.
    static func faintStyle(_ caps: Capabilities) -> Style {
        switch caps.colors {
        case .none: return Style.plain.dim
        case .eight: return Style(foreground: .white).dim
        case .full: return Style(foreground: .indexed(240))
        }
    }

    /// The legend as this chart draws it: pens or colour swatches, with the series' names.
    public func legendEntries(_ caps: Capabilities) -> [LegendEntry] {
        let pens = usesPens(caps)
        return series.indices.map { k in
            LegendEntry(label: series[k].name, symbol: pens ? seriesPen(k, caps) : String(repeating: caps.glyphTable.lineSwatch, count: 2),
                        style: seriesStyle(k, caps))
        }
    }

    /// Plots every series on the canvas in dot space: lines between neighbouring finite
    /// samples, marks on the edge for samples outside the y range.
    func draw(on canvas: inout BrailleCanvas, xs: Scale, ys: Scale) {
        if faintRest {
            // The rest of each run first, from the last visible sample on, so the bright part
            // is drawn over it (a cell takes the colour of its last writer).
            for (k, s) in series.enumerated() {
                plot(s, from: max(0, visible(s) - 1), to: s.values.count, ink: series.count + k, on: &canvas, xs: xs, ys: ys)
            }
        }
        for (k, s) in series.enumerated() {
            plot(s, from: 0, to: visible(s), ink: k, on: &canvas, xs: xs, ys: ys)
        }
    }

    /// Samples `from ..< to` of one series as joined dots in colour slot `ink`.
    private func plot(_ s: ChartSeries, from start: Int, to end: Int, ink k: Int, on canvas: inout BrailleCanvas, xs: Scale, ys: Scale) {
        let maxX = Double(canvas.dotWidth - 1), maxY = Double(canvas.dotHeight - 1)
        guard maxX >= 0, maxY >= 0, start < end else { return }
        var prev: (Double, Double)? = nil
        for i in start..<end {
            guard let fx = xs.fraction(of: s.xStart + Double(i)), let fy = ys.fraction(of: s.values[i]) else { prev = nil; continue }
            let px = fx * maxX
            if !fy.isFinite {
                // ±Inf: a mark on the edge, and no line through it.
                if px >= 0, px <= maxX { canvas.set(x: Int(px.rounded()), y: fy > 0 ? 0 : Int(maxY), series: k) }
                prev = nil
                continue
            }
            // Far-off values keep their direction but not their distance: a million dots
            // away is off any screen, and keeps the clipping arithmetic exact enough.
            let py = min(1e6, max(-1e6, (1 - fy) * maxY))
            if py < 0 || py > maxY, px >= 0, px <= maxX {
                canvas.set(x: Int(px.rounded()), y: py < 0 ? 0 : Int(maxY), series: k)
            }
            if let (qx, qy) = prev {
                canvas.clippedLine(qx + 0.5, qy + 0.5, px + 0.5, py + 0.5, series: k)
            } else if py >= 0, py <= maxY {
                canvas.set(x: Int(px.rounded()), y: Int(py.rounded()), series: k)
            }
            prev = (px, py)
        }
    }

    /// Pen mode: one glyph per series per cell column, at the series' value interpolated to
    /// the column's centre. Later series overwrite earlier ones in a shared cell.
    func drawPens(_ plot: Rect, xs: Scale, ys: Scale, into buffer: inout Buffer, caps: Capabilities) {
        for (k, s) in series.enumerated() {
            let n = visible(s)
            if faintRest && n < s.values.count {
                pens(s, upTo: s.values.count, after: n - 1, pen: seriesPen(k, caps), style: seriesStyle(k, caps).dim,
                     plot, xs: xs, ys: ys, into: &buffer)
            }
            pens(s, upTo: n, after: nil, pen: seriesPen(k, caps), style: seriesStyle(k, caps), plot, xs: xs, ys: ys, into: &buffer)
        }
    }

    /// The pens of samples `0 ..< n` of one series, only in columns past sample `after` when given.
    private func pens(_ s: ChartSeries, upTo n: Int, after: Int?, pen: String, style: Style, _ plot: Rect, xs: Scale, ys: Scale,
                      into buffer: inout Buffer) {
        guard n > 0 else { return }
        let dotW = plot.width * 2
        for c in 0..<plot.width {
            let f = dotW > 1 ? (Double(2 * c) + 0.5) / Double(dotW - 1) : 0.5
            let x = xs.value(atFraction: f) - s.xStart  // in sample indices
            // Columns before the first or after the last drawn sample stay empty.
            guard x >= -0.5, x <= Double(n - 1) + 0.5 else { continue }
            if let after, x <= Double(after) + 0.5 { continue }
            let i0 = max(0, min(n - 1, Int(floor(x)))), i1 = min(n - 1, i0 + 1)
            let u = min(1, max(0, x - Double(i0)))
            let a = s.values[i0], b = s.values[i1]
            let v: Double
            if a.isFinite && b.isFinite { v = a + (b - a) * u } else { v = u < 0.5 ? a : b }
            guard let fy = ys.fraction(of: v) else { continue }
            let clamped = min(1, max(0, fy))
            let row = Int(((1 - clamped) * Double(plot.height - 1)).rounded())
            buffer.set(plot.x + c, plot.y + row, pen, style: style)
        }
    }
}
