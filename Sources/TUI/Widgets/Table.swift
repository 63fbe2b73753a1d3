/// A column of a `Table`: its title, how cells align, and how it grows.
public struct TableColumn: Hashable, Sendable {
    public enum Alignment: Hashable, Sendable { case left, center, right }
    public var title: String
    public var alignment: Alignment
    /// Columns never shrink below this (unless the whole table cannot fit).
    public var minWidth: Int

    public init(_ title: String, alignment: Alignment = .left, minWidth: Int = 1) {
        self.title = title
        self.alignment = alignment
        self.minWidth = max(1, minWidth)
    }
}

/// A table with a header row, aligned columns and optional borders.
///
/// Columns take their natural width; when the area is too narrow the widest columns shrink
/// first and cells that do not fit end with an ellipsis. Rows beyond the area's height are
/// cut (scroll with `firstRow`).
public struct Table: Widget, Sendable {
    public var columns: [TableColumn]
    /// Cells by row; missing cells are blank, extra cells ignored.
    public var rows: [[String]]
    /// Draws a box and lines between columns; without it columns are separated by two spaces.
    public var borders: Bool
    /// A row to highlight (reversed), e.g. the current time step.
    public var highlightedRow: Int?
    /// The first data row shown.
    public var firstRow: Int
    public var headerStyle: Style
    public var style: Style
    public var borderStyle: Style

    public init(columns: [TableColumn], rows: [[String]], borders: Bool = true, highlightedRow: Int? = nil, firstRow: Int = 0,
                headerStyle: Style = Style.fg(.indexed(75)).bold, style: Style = .plain, borderStyle: Style = .fg(.indexed(240))) {
        self.columns = columns
        self.rows = rows
        self.borders = borders
        self.highlightedRow = highlightedRow
        self.firstRow = firstRow
        self.headerStyle = headerStyle
        self.style = style
        self.borderStyle = borderStyle
    }

    /// Rows the table needs: header, its rule, data rows and the box lines.
    public var naturalHeight: Int { rows.count + 2 + (borders ? 2 : 0) }

    /// The natural width of every column (widest cell or title).
    public var naturalWidths: [Int] {
        columns.indices.map { c in
            max(columns[c].minWidth, TextWidth.of(columns[c].title), rows.map { c < $0.count ? TextWidth.of($0[c]) : 0 }.max() ?? 0)
        }
    }

    /// Width of the separators and box for `n` columns.
    private func chrome(_ n: Int) -> Int { borders ? n + 1 : 2 * max(0, n - 1) }

    /// Column widths fitted to `available` columns: the widest shrink first.
    public func columnWidths(fitting available: Int) -> [Int] {
        var widths = naturalWidths
        guard !widths.isEmpty else { return [] }
        var excess = widths.reduce(0, +) + chrome(widths.count) - available
        // Shrink the widest column by one until it fits or every column is at its minimum.
        while excess > 0 {
            var best = -1
            for c in widths.indices where widths[c] > columns[c].minWidth && (best < 0 || widths[c] > widths[best]) { best = c }
            if best < 0 { break }
            widths[best] -= 1
            excess -= 1
        }
        while excess > 0 {  // still too wide: go below the minimums, down to one column each
            guard let best = widths.indices.filter({ widths[$0] > 1 }).max(by: { widths[$0] < widths[$1] }) else { break }
            widths[best] -= 1
            excess -= 1
        }
        return widths
    }

    /// Text fitted to `width` columns: truncated with an ellipsis, then aligned.
    public static func fit(_ text: String, width: Int, alignment: TableColumn.Alignment, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        let s = TextWidth.truncate(text, to: width, ellipsis: ellipsis)
        let pad = max(0, width - TextWidth.of(s))
        switch alignment {
        case .left: return s + String(repeating: " ", count: pad)
        case .right: return String(repeating: " ", count: pad) + s
        case .center: return String(repeating: " ", count: pad / 2) + s + String(repeating: " ", count: pad - pad / 2)
        }
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        guard !area.isEmpty, !columns.isEmpty else { return }
        let g = caps.glyphTable
        // Widths are measured on the text as it will be shown (ASCII folding can lengthen it).
        let shown = caps.unicode ? self : Table(columns: columns.map { var c = $0; c.title = ASCIIFold.fold(c.title); return c },
                                                rows: rows.map { $0.map(ASCIIFold.fold) }, borders: borders)
        let widths = shown.columnWidths(fitting: area.width)
        let border = caps.resolve(borderStyle), text = caps.resolve(style), header = caps.resolve(headerStyle)
        var y = area.y
        func line(_ left: String, _ mid: String, _ right: String, _ fill: String) {
            guard y < area.maxY else { return }
            var s = borders ? left : ""
            for (c, w) in widths.enumerated() {
                if c > 0 { s += borders ? mid : fill + fill }
                s += String(repeating: fill, count: w)
            }
            if borders { s += right }
            buffer.put(s, x: area.x, y: y, style: border, clip: area)
            y += 1
        }
        func row(_ cells: [String], style: Style) {
            guard y < area.maxY else { return }
            var x = area.x
            if borders { buffer.put(g.vertical, x: x, y: y, style: border, clip: area); x += 1 }
            for (c, w) in widths.enumerated() {
                if c > 0 {
                    if borders { buffer.put(g.vertical, x: x, y: y, style: border, clip: area); x += 1 } else {
                        buffer.put("  ", x: x, y: y, style: style, clip: area); x += 2
                    }
                }
                let t = Table.fit(ASCIIFold.fitting(c < cells.count ? cells[c] : "", caps), width: w, alignment: columns[c].alignment, ellipsis: g.ellipsis)
                buffer.put(t, x: x, y: y, style: style, clip: area)
                x += w
            }
            if borders { buffer.put(g.vertical, x: x, y: y, style: border, clip: area) }
            y += 1
        }
        if borders { line(g.topLeft, g.teeDown, g.topRight, g.horizontal) }
        row(shown.columns.map(\.title), style: header)
        if borders { line(g.teeRight, g.cross, g.teeLeft, g.horizontal) } else { line("", "", "", g.horizontal) }
        let bottomRows = borders ? 1 : 0
        var r = max(0, firstRow)
        while r < rows.count, y < area.maxY - bottomRows {
            row(rows[r], style: r == highlightedRow ? text.reversed : text)
            r += 1
        }
        if borders { line(g.bottomLeft, g.teeUp, g.bottomRight, g.horizontal) }
    }
}
