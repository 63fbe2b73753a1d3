/// One cell of a laid-out formula: a grapheme (empty for the right half of a wide one) and
/// whether it is bold (`\mathbf`).
public struct MathCell: Hashable, Sendable {
    public var symbol: String
    public var bold: Bool
    /// Shown as TeX source (`_{`, an unknown command's name) because the layout has no
    /// better drawing for it: lesson validation refuses formulas with such cells.
    public var verbatim: Bool
    public init(_ symbol: String, bold: Bool = false, verbatim: Bool = false) {
        self.symbol = symbol
        self.bold = bold
        self.verbatim = verbatim
    }
    public static let blank = MathCell(" ")
}

/// A rectangle of cells with a baseline: the unit of the 2-D formula layout (as in TeX's
/// boxes). Boxes are joined side by side on their baselines and stacked for fractions,
/// limits and matrices.
public struct MathBox: Hashable, Sendable {
    public private(set) var width: Int
    /// Rows of exactly `width` cells.
    public private(set) var rows: [[MathCell]]
    /// The row that lines up with neighbours' baselines.
    public var baseline: Int

    public var height: Int { rows.count }
    /// Rows above the baseline.
    public var ascent: Int { baseline }
    /// Rows below the baseline.
    public var descent: Int { max(0, height - 1 - baseline) }

    /// A blank box.
    public init(width: Int, height: Int, baseline: Int = 0) {
        self.width = max(0, width)
        self.rows = Array(repeating: Array(repeating: .blank, count: max(0, width)), count: max(1, height))
        self.baseline = min(max(0, baseline), max(0, height - 1))
    }

    /// One row of text; wide graphemes take two cells.
    public init(text: String, bold: Bool = false, verbatim: Bool = false) {
        var row: [MathCell] = []
        for g in text {
            let w = TextWidth.of(g)
            if w == 0 {
                // A lone combining mark: keep it on the previous cell rather than drop it.
                if !row.isEmpty { row[row.count - 1].symbol += String(g) }
                continue
            }
            row.append(MathCell(String(g), bold: bold, verbatim: verbatim))
            if w == 2 { row.append(MathCell("", bold: bold, verbatim: verbatim)) }
        }
        self.width = row.count
        self.rows = [row]
        self.baseline = 0
    }

    public static let empty = MathBox(width: 0, height: 1)

    /// True when the box is one row.
    public var isSingleRow: Bool { rows.count == 1 }

    /// True when some cell is shown as TeX source (see `MathCell.verbatim`).
    public var hasVerbatim: Bool { rows.contains { $0.contains(where: \.verbatim) } }

    /// The text of one row (continuation cells add nothing).
    public func line(_ y: Int) -> String { rows[y].map(\.symbol).joined() }

    /// All rows as text.
    public var lines: [String] { (0..<height).map(line) }

    /// Copies `box` into this one with its top-left corner at (x, y); cells outside are dropped.
    public mutating func place(_ box: MathBox, x: Int, y: Int) {
        for (dy, row) in box.rows.enumerated() {
            let yy = y + dy
            guard yy >= 0, yy < rows.count else { continue }
            for (dx, cell) in row.enumerated() {
                let xx = x + dx
                guard xx >= 0, xx < width else { continue }
                rows[yy][xx] = cell
            }
        }
    }

    /// Writes text at (x, y).
    public mutating func put(_ text: String, x: Int, y: Int, bold: Bool = false) {
        place(MathBox(text: text, bold: bold), x: x, y: y)
    }

    /// Marks every cell bold.
    public func emboldened() -> MathBox {
        var b = self
        for y in b.rows.indices { for x in b.rows[y].indices { b.rows[y][x].bold = true } }
        return b
    }

    /// Boxes side by side, lined up on their baselines.
    public static func horizontal(_ boxes: [MathBox]) -> MathBox {
        let parts = boxes.filter { $0.width > 0 }
        guard !parts.isEmpty else { return .empty }
        let ascent = parts.map(\.ascent).max() ?? 0
        let descent = parts.map(\.descent).max() ?? 0
        let width = parts.reduce(0) { $0 + $1.width }
        // Rows are built by appending each part's cells (blank above and below a shorter
        // part): one pass over the cells, rather than a blank box written over cell by cell.
        var rows = [[MathCell]](repeating: [], count: ascent + descent + 1)
        for y in rows.indices { rows[y].reserveCapacity(width) }
        for b in parts {
            let top = ascent - b.baseline
            for y in rows.indices {
                let by = y - top
                if by >= 0, by < b.height {
                    rows[y].append(contentsOf: b.rows[by])
                } else {
                    rows[y].append(contentsOf: repeatElement(MathCell.blank, count: b.width))
                }
            }
        }
        var out = MathBox(width: 0, height: 1)
        out.width = width
        out.rows = rows
        out.baseline = ascent
        return out
    }

    /// How a box sits across the width of a vertical stack.
    public enum Alignment: Sendable { case left, center, right }

    /// Boxes one above the other; `baselineOf` picks which part's baseline is the stack's.
    public static func vertical(_ boxes: [MathBox], align: Alignment = .center, baselineOf index: Int) -> MathBox {
        guard !boxes.isEmpty else { return .empty }
        let width = boxes.map(\.width).max() ?? 0
        var out = MathBox(width: width, height: boxes.reduce(0) { $0 + $1.height })
        var y = 0
        var baseline = 0
        for (k, b) in boxes.enumerated() {
            let x: Int
            switch align {
            case .left: x = 0
            case .center: x = (width - b.width) / 2
            case .right: x = width - b.width
            }
            out.place(b, x: x, y: y)
            if k == index { baseline = y + b.baseline }
            y += b.height
        }
        out.baseline = baseline
        return out
    }

    /// The box widened to `width` with blank columns, placed per `align`.
    public func padded(toWidth w: Int, align: Alignment) -> MathBox {
        guard w > width else { return self }
        var out = MathBox(width: w, height: height, baseline: baseline)
        let x: Int
        switch align {
        case .left: x = 0
        case .center: x = (w - width) / 2
        case .right: x = w - width
        }
        out.place(self, x: x, y: 0)
        return out
    }

    /// The box with blank rows added above and below so that its ascent and descent are at least the given ones.
    public func padded(ascent a: Int, descent d: Int) -> MathBox {
        let top = max(0, a - ascent), bottom = max(0, d - descent)
        guard top > 0 || bottom > 0 else { return self }
        var out = MathBox(width: width, height: height + top + bottom, baseline: baseline + top)
        out.place(self, x: 0, y: top)
        return out
    }

    /// Removes blank columns at both ends (spacing left by leading relations).
    public func trimmed() -> MathBox {
        func blankColumn(_ x: Int) -> Bool { rows.allSatisfy { $0[x].symbol == " " } }
        var lo = 0, hi = width
        while lo < hi, blankColumn(lo) { lo += 1 }
        while hi > lo, blankColumn(hi - 1) { hi -= 1 }
        guard lo > 0 || hi < width else { return self }
        var out = MathBox(width: hi - lo, height: height, baseline: baseline)
        for y in 0..<height { out.rows[y] = Array(rows[y][lo..<hi]) }
        return out
    }
}
