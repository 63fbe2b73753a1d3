/// One changed cell, as sent to a backend.
public struct CellChange: Hashable, Sendable {
    public var x: Int
    public var y: Int
    public var cell: Cell
    public init(x: Int, y: Int, cell: Cell) {
        self.x = x
        self.y = y
        self.cell = cell
    }
}

/// A whole frame of styled cells, independent of any terminal.
///
/// Widgets render into a buffer; a backend receives only the cells that changed since the
/// previous frame (`diff(from:)`); tests compare `text()` or `styledText()` with golden files.
public struct Buffer: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]

    public init(size: Size, fill: Cell = .blank) {
        self.size = size
        self.cells = Array(repeating: fill, count: size.width * size.height)
    }
    public init(width: Int, height: Int) { self.init(size: Size(width: width, height: height)) }

    /// A buffer whose rows are the given lines (unstyled); shorter lines are padded.
    public init(lines: [String]) {
        let width = lines.map { TextWidth.of($0) }.max() ?? 0
        self.init(size: Size(width: width, height: lines.count))
        for (y, line) in lines.enumerated() { put(line, x: 0, y: y) }
    }

    public var area: Rect { Rect(size: size) }
    public var width: Int { size.width }
    public var height: Int { size.height }

    @inline(__always) private func index(_ x: Int, _ y: Int) -> Int? {
        guard x >= 0, y >= 0, x < size.width, y < size.height else { return nil }
        return y * size.width + x
    }

    /// The cell at a position; outside the buffer reads as blank and writes are dropped.
    public subscript(x: Int, y: Int) -> Cell {
        get { index(x, y).map { cells[$0] } ?? .blank }
        set {
            guard let i = index(x, y) else { return }
            cells[i] = newValue
        }
    }

    /// Writes text from (x, y) on one line, grapheme by grapheme, wide ones taking two cells.
    /// Stops at the buffer's edge, at `maxWidth` columns, or at the right edge of `clip`.
    /// A wide grapheme that does not fit whole is not drawn. Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, maxWidth: Int? = nil, clip: Rect? = nil) -> Int {
        var limitX = size.width
        if let maxWidth { limitX = min(limitX, x + max(0, maxWidth)) }
        if let clip {
            guard y >= clip.minY, y < clip.maxY else { return 0 }
            limitX = min(limitX, clip.maxX)
        }
        guard y >= 0, y < size.height else { return 0 }
        let minX = max(0, clip?.minX ?? 0)
        var cx = x
        for g in text {
            let w = TextWidth.of(g)
            if w == 0 { continue }
            if cx + w > limitX { break }
            if cx >= minX {
                self[cx, y] = Cell(String(g), style: style)
                if w == 2 { self[cx + 1, y] = .continuation(style: style) }
            }
            cx += w
        }
        return cx - x
    }

    /// Sets one cell from a single grapheme.
    public mutating func set(_ x: Int, _ y: Int, _ symbol: String, style: Style = .plain) {
        self[x, y] = Cell(symbol, style: style)
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        let r = rect.intersection(area)
        guard !r.isEmpty else { return }
        for yy in r.minY..<r.maxY { for xx in r.minX..<r.maxX { self[xx, yy] = cell } }
    }

    /// The cells that differ from `old`; every cell when the sizes differ.
    public func diff(from old: Buffer) -> [CellChange] {
        var changes: [CellChange] = []
        let sameSize = old.size == size
        for y in 0..<size.height {
            for x in 0..<size.width {
                let i = y * size.width + x
                if !sameSize || old.cells[i] != cells[i] { changes.append(CellChange(x: x, y: y, cell: cells[i])) }
            }
        }
        return changes
    }

    /// One string per row; continuation cells add nothing. Trailing blanks are trimmed unless asked.
    public func lines(trimmingTrailing: Bool = true) -> [String] {
        (0..<size.height).map { y in
            var line = ""
            for x in 0..<size.width {
                let c = cells[y * size.width + x]
                line += c.symbol
            }
            if trimmingTrailing {
                while line.last == " " { line.removeLast() }
            }
            return line
        }
    }

    /// The frame as plain text, rows joined by newlines.
    public func text(trimmingTrailing: Bool = true) -> String {
        lines(trimmingTrailing: trimmingTrailing).joined(separator: "\n")
    }

    /// Golden-file text: the rows between quotes, then one line per run of cells whose style
    /// differs from plain, as `y x0-x1 style`.
    public func styledText() -> String {
        var out = lines(trimmingTrailing: false).map { "\"\($0)\"" }
        var runs: [String] = []
        for y in 0..<size.height {
            var x = 0
            while x < size.width {
                let s = cells[y * size.width + x].style
                var end = x + 1
                while end < size.width && cells[y * size.width + end].style == s { end += 1 }
                if s != .plain { runs.append("\(y) \(x)-\(end - 1) \(s)") }
                x = end
            }
        }
        if !runs.isEmpty {
            out.append("styles:")
            out.append(contentsOf: runs)
        }
        return out.joined(separator: "\n")
    }
}
