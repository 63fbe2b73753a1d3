/// A heatmap of units (rows) by time steps (columns): gate activations on a sequential ramp,
/// hidden or cell states on a diverging one.
///
/// With colour and Unicode, each cell shows two units with the half block `▀` (foreground = upper unit,
/// background = lower unit) whenever one unit per row does not fit; otherwise one unit per
/// row as a coloured blank. Without colour, one unit per row as a shade glyph (` ░▒▓█`, or
/// ` .:-=+*#%@` in ASCII). Steps stretch to fill the width (up to 4 columns a step) or, when
/// there are more steps than columns, are sampled evenly (or, with `scrolls`, a window of
/// consecutive steps follows the current one). Row labels sit on the left; under the map,
/// a row marks the current step and a legend shows the value scale.
public struct Heatmap: Widget {
    /// Values as (units, steps): `values[u][t]`. Ragged rows read missing steps as NaN.
    public var values: [[Double]]
    /// One label per unit: `h1`, `h2`, ... or gate names.
    public var rowLabels: [String]
    /// How values map to colours (and shades without colour).
    public var ramp: ColorRamp
    /// The current step, marked under the map (in step numbers, see `firstStep`).
    public var current: Int?
    /// The step number of column 0 of `values` (the lecture counts from 1).
    public var firstStep: Int
    /// Draws the value scale under the map when there is room.
    public var showLegend: Bool
    /// With more steps than columns: false samples the whole sequence evenly; true shows one
    /// column a step in a window that keeps the current step in view (long sequences).
    public var scrolls: Bool
    /// Only the first `visibleCount` steps are drawn; later columns stay empty (not computed
    /// yet, as when the lab advances time). nil draws every step. A NaN inside the visible
    /// part is a missing value and shows as `?`.
    public var visibleCount: Int?
    /// Draws the steps from `visibleCount` on too, faint (grey shades of their values), so
    /// the map never opens empty and the part up to the current step stands out.
    public var faintRest = false

    /// A heatmap; labels default to `h1`, `h2`, ...
    public init(values: [[Double]], rowLabels: [String]? = nil, ramp: ColorRamp = .states,
                current: Int? = nil, showLegend: Bool = true, scrolls: Bool = false, firstStep: Int = 0,
                visibleCount: Int? = nil) {
        self.values = values
        self.rowLabels = rowLabels ?? (0..<values.count).map { "h\($0 + 1)" }
        self.ramp = ramp
        self.current = current
        self.showLegend = showLegend
        self.scrolls = scrolls
        self.firstStep = firstStep
        self.visibleCount = visibleCount
    }

    /// Number of rows of data (units).
    public var units: Int { values.count }
    /// Number of time steps (the longest row).
    public var steps: Int { values.map(\.count).max() ?? 0 }

    @inline(__always)
    func value(_ u: Int, _ t: Int) -> Double {
        guard u >= 0, u < values.count, t >= 0, t < values[u].count else { return .nan }
        return values[u][t]
    }

    /// How steps map to columns in a map `width` columns wide: (columns per step, columns used).
    func columnsPerStep(width: Int) -> (Int, Int) {
        let n = steps
        guard n > 0, width > 0 else { return (1, 0) }
        if n >= width { return (1, width) }
        let per = min(4, width / n)
        return (per, per * n)
    }

    /// The step each column of a map `used` columns wide shows.
    func stepsOfColumns(per: Int, used: Int, steps: Int) -> [Int] {
        guard used > 0 else { return [] }
        if steps <= used { return (0..<used).map { $0 / per } }
        if scrolls {
            // Keep the current step three quarters of the way across, so some history shows.
            let cur = min(max(0, current.map { $0 - firstStep } ?? steps - 1), steps - 1)
            let first = min(max(0, cur - used * 3 / 4), steps - used)
            return (0..<used).map { first + $0 }
        }
        return (0..<used).map { $0 * steps / used }
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        let area = area.intersection(buffer.area)
        let steps = self.steps  // computed from the rows: read once, not per cell
        guard area.width > 0, area.height > 0, units > 0, steps > 0 else { return }
        var rest = area
        var legendRow: Rect? = nil, markerRow: Rect? = nil
        if showLegend, rest.height >= 4, rest.width >= 16 { (rest, legendRow) = rest.splitBottom(1) }
        // The row under the map: step numbers and the current-step marker.
        if rest.height >= 3 { (rest, markerRow) = rest.splitBottom(1) }
        let colours = ramp.colors(caps)
        // ASCII has no half block: with colour there, one unit per row as coloured blanks.
        let halfBlock = !colours.isEmpty && caps.unicode && units > rest.height
        let unitsPerRow = halfBlock ? 2 : 1
        // Half-block rows carry two units: label them as a pair, "h1/h2".
        let rowTexts: [String] = stride(from: 0, to: units, by: unitsPerRow).map { u in
            let a = rowLabels.indices.contains(u) ? rowLabels[u] : ""
            guard halfBlock, u + 1 < units else { return a }
            return a + "/" + (rowLabels.indices.contains(u + 1) ? rowLabels[u + 1] : "")
        }
        let labelW = area.width >= 12 ? min(rowTexts.map { TextWidth.of($0) }.max() ?? 0, area.width / 4) : 0
        let (labels, map0) = rest.splitLeft(labelW > 0 ? labelW + 1 : 0)
        let (per, used) = columnsPerStep(width: map0.width)
        let map = Rect(x: map0.x, y: map0.y, width: used, height: map0.height)
        guard !map.isEmpty else { return }
        let columnStep = stepsOfColumns(per: per, used: used, steps: steps)
        // Few units in a tall area: each unit gets up to 3 rows, so gates read on a projector.
        let stretch = halfBlock ? 1 : max(1, min(3, map.height / max(1, rowTexts.count)))
        let shownRows = min(map.height, rowTexts.count * stretch)
        let labelStyle = SeriesPalette.axisStyle(caps)

        for r in 0..<shownRows {
            let y = map.y + r
            let u0 = (r / stretch) * unitsPerRow
            if labelW > 0, r % stretch == stretch / 2 {
                let text = rowTexts[r / stretch]
                let w = min(labelW, TextWidth.of(text))
                buffer.put(text, x: labels.x + labelW - w, y: y, style: labelStyle, maxWidth: labelW)
            }
            // Colours are looked up per step once per row, not per cell.
            let faint = caps.resolve(Style(foreground: .gray).dim)
            for c in 0..<map.width {
                let t = columnStep[c]
                if let visibleCount, t >= visibleCount {
                    let v = value(u0, t)
                    buffer[map.x + c, y] = faintRest && !v.isNaN ? Cell(ramp.shade(v, caps), style: faint) : .blank
                } else if colours.isEmpty {
                    buffer.set(map.x + c, y, ramp.shade(value(u0, t), caps))
                } else if halfBlock {
                    let top = colourOf(value(u0, t), colours)
                    // An odd unit count leaves the last lower half empty (terminal background).
                    let bottom = u0 + 1 < units ? colourOf(value(u0 + 1, t), colours) : .default
                    buffer[map.x + c, y] = Cell("▀", style: Style(foreground: top, background: bottom))
                } else {
                    let v = value(u0, t)
                    buffer[map.x + c, y] = Cell(v.isNaN ? "?" : " ", style: Style(background: colourOf(v, colours)))
                }
            }
        }

        // Units that did not fit: say how many, under the labels, rather than drop them silently.
        let hiddenUnits = units - min(units, (shownRows + stretch - 1) / stretch * unitsPerRow)
        if hiddenUnits > 0, labelW > 0 {
            let note = "+\(hiddenUnits)"
            let y = markerRow?.y ?? legendRow?.y
            if let y, TextWidth.of(note) <= labelW { buffer.put(note, x: labels.x, y: y, style: labelStyle.dim, maxWidth: labelW) }
        }

        if let mr = markerRow {
            var busy: [Range<Int>] = []  // columns the marker and its label take
            if let cur = current.map({ $0 - firstStep }), cur >= 0, cur < steps {
                let ms = SeriesPalette.markerStyle(caps)
                // Sampled maps may skip the current step's own column: mark the column it falls in.
                let exact = (0..<map.width).filter { columnStep[$0] == cur }
                let cols = !exact.isEmpty ? exact : (scrolls ? [] : [min(map.width - 1, cur * used / steps)])
                if let first = cols.first, let last = cols.last {
                    for c in cols { buffer.set(map.x + c, mr.y, caps.glyphTable.arrowUp, style: ms) }
                    let label = "t=\(cur + firstStep)"
                    let w = TextWidth.of(label)
                    let after = map.x + last + 2
                    let x = after + w <= mr.maxX ? after : map.x + first - w - 1
                    if x >= mr.x { buffer.put(label, x: x, y: mr.y, style: ms, clip: mr) }
                    busy.append(min(x, map.x + first)..<max(x + w, map.x + last + 1))
                }
            }
            drawStepNumbers(in: mr, map: map, columnStep: columnStep, steps: steps, avoiding: busy, into: &buffer, caps: caps)
        }

        if let lr = legendRow {
            renderLegend(in: Rect(x: map.x, y: lr.y, width: lr.maxX - map.x, height: 1), into: &buffer, caps: caps)
        }
    }

    /// Step numbers on a round stride (0, 10, 20, ...) under the columns that show them,
    /// skipping any that would touch the marker or each other.
    func drawStepNumbers(in row: Rect, map: Rect, columnStep: [Int], steps: Int, avoiding busy: [Range<Int>],
                         into buffer: inout Buffer, caps: Capabilities) {
        guard map.width >= 10, steps > 1, let firstShown = columnStep.first, let lastShown = columnStep.last else { return }
        let every = max(1, Int(Scale.niceStep(span: Double(lastShown - firstShown), count: max(1, map.width / 8)).rounded()))
        let style = SeriesPalette.axisStyle(caps).dim
        var taken = busy
        // Round step numbers (as the lesson counts them); v is the column index into `values`.
        let firstNumber = firstShown + firstStep
        var number = firstNumber >= 0 ? (firstNumber + every - 1) / every * every : -((-firstNumber) / every * every)
        while number - firstStep <= lastShown {
            let v = number - firstStep
            defer { number += every }
            // The column that holds step v: its first column when stretched, the one whose
            // range of steps contains it when sampled, its offset in a scrolling window.
            let c: Int
            if steps <= map.width { c = columnStep.firstIndex(of: v) ?? -1 } else if scrolls { c = v - firstShown } else { c = v * map.width / steps }
            if c >= 0, c < map.width {
                let label = String(number)
                let x = map.x + c
                let span = (x - 1)..<(x + label.count + 1)
                if x + label.count <= row.maxX, !taken.contains(where: { $0.overlaps(span) }) {
                    buffer.put(label, x: x, y: row.y, style: style, clip: row)
                    taken.append(x..<(x + label.count))
                }
            }
        }
    }

    /// The ramp colour for a value from a precomputed colour list; `.default` for NaN.
    @inline(__always)
    func colourOf(_ v: Double, _ colours: [Color]) -> Color {
        guard let f = ramp.fraction(v) else { return .default }
        return colours[ColorRamp.level(f, count: colours.count)]
    }

    /// `-1 ▇▇▇▇▇▇▇▇▇▇▇ 1`: the ramp's colours (or shades) between its two ends.
    func renderLegend(in r: Rect, into buffer: inout Buffer, caps: Capabilities) {
        let lo = ChartNumber.compact(ramp.lower), hi = ChartNumber.compact(ramp.upper)
        let colours = ramp.colors(caps)
        let shades = caps.glyphTable.shades
        let levels = colours.isEmpty ? shades.count : colours.count
        let swatchW = min(levels * 2, r.width - TextWidth.of(lo) - TextWidth.of(hi) - 2)
        guard swatchW >= levels / 2, swatchW > 0 else { return }
        let style = SeriesPalette.axisStyle(caps)
        var x = r.x + buffer.put(lo, x: r.x, y: r.y, style: style, clip: r) + 1
        for i in 0..<swatchW {
            let f = (Double(i) + 0.5) / Double(swatchW)
            let k = ColorRamp.level(f, count: levels)
            if colours.isEmpty {
                buffer.set(x + i, r.y, shades[k])
            } else {
                buffer.set(x + i, r.y, " ", style: Style(background: colours[k]))
            }
        }
        x += swatchW + 1
        buffer.put(hi, x: x, y: r.y, style: style, clip: r)
    }
}
