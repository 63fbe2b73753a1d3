import Foundation

/// One bar: a label, its value, and an optional colour of its own.
public struct BarItem: Hashable, Sendable {
    /// The text left of the bar (cut to a third of the width).
    public var label: String
    /// The value in data units; printed compactly right of the bar.
    public var value: Double
    /// A colour of its own; nil takes the chart's.
    public var color: Color?
    /// A bar named `label` of length `value`.
    public init(_ label: String, _ value: Double, color: Color? = nil) {
        self.label = label
        self.value = value
        self.color = color
    }
}

/// Horizontal bars with labels on the left and compact values on the right, measured to an
/// eighth of a cell (`▏▎▍▌▋▊▉█`).
///
/// On a log10 scale bars start at the lowest decade, so gradient norms from 1e-12 to 1e+12
/// share one chart; a tick row under the bars labels the decades. Values with no length
/// (NaN, or <= 0 on a log scale) get no bar but still print their value; values beyond the
/// range fill the bar and end in an arrow (`▸` / `>`) to show they were clipped.
public struct BarChart: Widget {
    /// The bars, top to bottom.
    public var items: [BarItem]
    /// Linear (from 0) or log10 (from the lowest decade).
    public var scale: ScaleKind
    /// A fixed range; nil fits the data (linear: 0 ... max, log: whole decades).
    public var range: ClosedRange<Double>?
    /// The bars' colour unless an item has its own.
    public var color: Color
    /// Draws a row of tick labels under the bars when there is room.
    public var showAxis: Bool

    /// A bar chart; `range` nil fits the data.
    public init(items: [BarItem], scale: ScaleKind = .linear, range: ClosedRange<Double>? = nil,
                color: Color = .indexed(SeriesPalette.full[1]), showAxis: Bool = true) {
        self.items = items
        self.scale = scale
        self.range = range
        self.color = color
        self.showAxis = showAxis
    }

    /// The scale bar lengths are measured on: fixed, or fitted to the data.
    public var axis: Scale {
        if let r = range { return Scale(kind: scale, lower: r.lowerBound, upper: r.upperBound) }
        return Scale.fitting(items.map(\.value), kind: scale, includeZero: true)
    }

    /// Bar length in eighths of a cell for a bar `width` cells long; nil when it has none,
    /// and whether it was clipped at the end.
    public func eighths(_ v: Double, width: Int, axis: Scale) -> (Int, clipped: Bool)? {
        guard let f = axis.fraction(of: v), f > -.infinity else { return nil }
        let clipped = f > 1 + 1e-9
        let c = min(1, max(0, f))
        return (Int((c * Double(width * 8)).rounded()), clipped)
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        let area = area.intersection(buffer.area)
        guard area.width > 0, area.height > 0, !items.isEmpty else { return }
        let ax = axis
        let g = caps.glyphTable
        let axisStyle = SeriesPalette.axisStyle(caps)
        let valueTexts = items.map { ChartNumber.compact($0.value) }
        var labelW = min(items.map { TextWidth.of($0.label) }.max() ?? 0, area.width / 3)
        // Values are never cut (a cut "2.5e-12" would read "2.5"): all shown whole, or none.
        var valueW = valueTexts.map { TextWidth.of($0) }.max() ?? 0
        if valueW > area.width / 3 { valueW = 0 }
        if area.width < 10 { labelW = 0; valueW = 0 }
        let gapL = labelW > 0 ? 1 : 0, gapR = valueW > 0 ? 1 : 0
        let barX = area.x + labelW + gapL
        let barW = area.width - labelW - gapL - valueW - gapR
        guard barW > 0 else { return }
        let axisRow = showAxis && area.height > items.count && barW >= 12
        let rows = min(items.count, area.height - (axisRow ? 1 : 0))

        // Bars that do not fit: the last row says how many more there are.
        let cut = rows < items.count && rows >= 2
        let barRows = cut ? rows - 1 : rows
        if cut {
            let more = "\(caps.glyphTable.ellipsis) +\(items.count - barRows) more"
            buffer.put(more, x: area.x, y: area.y + barRows, style: axisStyle, clip: area)
        }
        for (k, item) in items.prefix(barRows).enumerated() {
            let y = area.y + k
            if labelW > 0 { buffer.put(item.label, x: area.x, y: y, maxWidth: labelW) }
            let style = Style(foreground: caps.resolve(item.color ?? color))
            if let (e, clipped) = eighths(item.value, width: barW, axis: ax) {
                let full = e / 8, part = e % 8
                for c in 0..<full { buffer.set(barX + c, y, g.horizontalEighths[8], style: style) }
                if part > 0 { buffer.set(barX + full, y, g.horizontalEighths[part], style: style) }
                if clipped { buffer.set(barX + barW - 1, y, g.overflowMarker, style: style) }
            }
            if valueW > 0 {
                let t = valueTexts[k]
                buffer.put(t, x: area.maxX - TextWidth.of(t), y: y, style: axisStyle, clip: area)
            }
        }

        if axisRow {
            let y = area.y + rows
            let ticks = ax.ticks(maxCount: max(2, barW / 8))
            var lastEnd = Int.min
            for t in ticks {
                guard let f = ax.fraction(of: t.value), f >= -1e-9, f <= 1 + 1e-9 else { continue }
                let col = min(barW - 1, Int(f * Double(barW)))
                let w = TextWidth.of(t.label)
                let x0 = min(max(barX, barX + col - w / 2), barX + barW - w)
                if x0 > lastEnd {
                    buffer.put(t.label, x: x0, y: y, style: axisStyle, clip: area)
                    lastEnd = x0 + w
                }
            }
        }
    }
}
