/// A grid of braille dots, 2 wide and 4 tall per cell, with one colour slot per cell.
///
/// Dots are plain bits in a `[UInt8]` (one byte per cell, added to U+2800 when emitted), so
/// plotting a point allocates nothing. Dot (dx, dy) inside a cell has the bit
/// `dx == 0: 0x01 0x02 0x04 0x40`, `dx == 1: 0x08 0x10 0x20 0x80` for dy = 0...3 (top down).
/// Each cell keeps the colour of the last series that set a dot in it ("last writer wins"):
/// a terminal cell has a single foreground colour.
public struct BrailleCanvas: Sendable {
    /// Size in cells.
    public let columns: Int
    /// Rows of cells.
    public let rows: Int
    /// Dot bits per cell, row-major.
    public private(set) var bits: [UInt8]
    /// Colour slot per cell: 0 none, else series index + 1.
    public private(set) var ink: [UInt8]

    /// Width and height in dots.
    public var dotWidth: Int { columns * 2 }
    /// Height in dots (4 a cell).
    public var dotHeight: Int { rows * 4 }

    /// An empty canvas of `columns` x `rows` cells.
    public init(columns: Int, rows: Int) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        bits = Array(repeating: 0, count: self.columns * self.rows)
        ink = Array(repeating: 0, count: self.columns * self.rows)
    }

    /// Bit for the dot (dx, dy) inside a cell.
    public static let dotBits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
    /// Flattened as `dy * 2 + dx` for the hot path.
    @usableFromInline static let flatBits: [UInt8] = [0x01, 0x08, 0x02, 0x10, 0x04, 0x20, 0x40, 0x80]

    /// The 256 braille characters, built once so emitting a cell never formats a string.
    public static let characters: [String] = (0..<256).map { String(UnicodeScalar(0x2800 + $0)!) }

    /// Sets one dot; dots outside the canvas are ignored. `y` counts from the top.
    @inline(__always)
    public mutating func set(x: Int, y: Int, series: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let i = (y >> 2) * columns + (x >> 1)
        bits[i] |= BrailleCanvas.flatBits[(y & 3) * 2 + (x & 1)]
        ink[i] = UInt8(truncatingIfNeeded: series + 1)
    }

    /// Whether the dot is set.
    public func isSet(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return false }
        return bits[(y >> 2) * columns + (x >> 1)] & BrailleCanvas.flatBits[(y & 3) * 2 + (x & 1)] != 0
    }

    /// Draws a line between two dots (Bresenham), endpoints included.
    public mutating func line(x0: Int, y0: Int, x1: Int, y1: Int, series: Int) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        while true {
            set(x: x, y: y, series: series)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
        }
    }

    /// Draws the part of a segment, given in continuous dot coordinates, that lies inside the
    /// canvas (Liang-Barsky clipping), so far-off or huge values never loop over millions of dots.
    public mutating func clippedLine(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, series: Int) {
        guard let (p, q) = BrailleCanvas.clip(ax, ay, bx, by, width: Double(dotWidth), height: Double(dotHeight)) else { return }
        // Clipping huge coordinates leaves rounding error far larger than the canvas: clamp
        // before converting, or Int() traps on values beyond Int.max.
        let limitX = Double(dotWidth - 1), limitY = Double(dotHeight - 1)
        func cx(_ v: Double) -> Int { Int(min(limitX, max(0, v.isNaN ? 0 : v))) }
        func cy(_ v: Double) -> Int { Int(min(limitY, max(0, v.isNaN ? 0 : v))) }
        line(x0: cx(p.0), y0: cy(p.1), x1: cx(q.0), y1: cy(q.1), series: series)
    }

    /// Clips a segment to [0, width] x [0, height]; nil when nothing is inside.
    static func clip(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double, width: Double, height: Double)
        -> ((Double, Double), (Double, Double))? {
        guard x0.isFinite, y0.isFinite, x1.isFinite, y1.isFinite, width > 0, height > 0 else { return nil }
        let maxX = width.nextDown, maxY = height.nextDown
        let dx = x1 - x0, dy = y1 - y0
        var t0 = 0.0, t1 = 1.0
        for (p, q) in [(-dx, x0), (dx, maxX - x0), (-dy, y0), (dy, maxY - y0)] {
            if p == 0 {
                if q < 0 { return nil }
            } else {
                let r = q / p
                if p < 0 { if r > t1 { return nil }; if r > t0 { t0 = r } } else { if r < t0 { return nil }; if r < t1 { t1 = r } }
            }
        }
        return ((x0 + t0 * dx, y0 + t0 * dy), (x0 + t1 * dx, y0 + t1 * dy))
    }

    /// Writes every non-empty cell into `area` of the buffer, coloured by `style(series)`.
    /// Empty cells are left untouched, so axes or markers drawn before stay visible.
    public func render(in area: Rect, into buffer: inout Buffer, style: (Int) -> Style) {
        let w = min(columns, area.width), h = min(rows, area.height)
        guard w > 0, h > 0 else { return }
        // Series styles are looked up once per series, not per cell.
        var styles: [Style?] = Array(repeating: nil, count: 257)
        for r in 0..<h {
            for c in 0..<w {
                let i = r * columns + c
                let b = bits[i]
                if b == 0 { continue }
                let s = Int(ink[i])
                if styles[s] == nil { styles[s] = style(s - 1) }
                buffer[area.x + c, area.y + r] = Cell(BrailleCanvas.characters[Int(b)], style: styles[s]!)
            }
        }
    }
}
