/// A small drawing surface for circuit-like diagrams (a cell's wires, gates and ⊙ nodes):
/// coordinates relative to an origin, everything clipped to an area, each wire in its own
/// style (the cell diagram colours a wire by the value it carries).
///
/// Unicode draws heavy box lines (`━ ┃ ▶ ▲`); ASCII draws `- | > ^`.
public struct WireCanvas {
    public let origin: (x: Int, y: Int)
    public let clip: Rect
    public let unicode: Bool

    public init(origin: (x: Int, y: Int), clip: Rect, unicode: Bool) {
        self.origin = origin
        self.clip = clip
        self.unicode = unicode
    }

    /// Which way an arrow head points.
    public enum Heading: Sendable { case right, left, up, down }

    /// A horizontal wire from column x0 to x1 (inclusive) on row y.
    public func horizontal(_ x0: Int, _ x1: Int, _ y: Int, _ style: Style, into buffer: inout Buffer) {
        guard x1 >= x0 else { return }
        for x in x0...x1 { put(unicode ? "━" : "-", x, y, style, &buffer) }
    }

    /// A vertical wire from row y0 to y1 (inclusive) in column x.
    public func vertical(_ x: Int, _ y0: Int, _ y1: Int, _ style: Style, into buffer: inout Buffer) {
        guard y1 >= y0 else { return }
        for y in y0...y1 { put(unicode ? "┃" : "|", x, y, style, &buffer) }
    }

    /// An arrow head.
    public func arrow(_ heading: Heading, _ x: Int, _ y: Int, _ style: Style, into buffer: inout Buffer) {
        let glyph: String
        switch heading {
        case .right: glyph = unicode ? "▶" : ">"
        case .left: glyph = unicode ? "◀" : "<"
        case .up: glyph = unicode ? "▲" : "^"
        case .down: glyph = unicode ? "▼" : "v"
        }
        put(glyph, x, y, style, &buffer)
    }

    /// A box-drawing joint or corner given by its Unicode glyph (`┳ ┻ ┫ ┣ ┏ ┓ ┗ ┛`); `+` in ASCII.
    public func joint(_ glyph: String, _ x: Int, _ y: Int, _ style: Style, into buffer: inout Buffer) {
        put(unicode ? glyph : "+", x, y, style, &buffer)
    }

    /// A wire with a value written into it: `━━ +0.412 ━━` from x0 to x1, the text centred.
    public func labelledWire(_ x0: Int, _ x1: Int, _ y: Int, text: String, _ style: Style, into buffer: inout Buffer) {
        horizontal(x0, x1, y, style, into: &buffer)
        let w = TextWidth.of(text) + 2
        guard x1 - x0 + 1 >= w else { return }
        let start = x0 + (x1 - x0 + 1 - w) / 2
        self.text(" " + text + " ", start, y, style, into: &buffer)
    }

    /// A rectangle of box lines from (x0, y0) to (x1, y1).
    public func box(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int, _ style: Style, into buffer: inout Buffer) {
        horizontal(x0 + 1, x1 - 1, y0, style, into: &buffer)
        horizontal(x0 + 1, x1 - 1, y1, style, into: &buffer)
        vertical(x0, y0 + 1, y1 - 1, style, into: &buffer)
        vertical(x1, y0 + 1, y1 - 1, style, into: &buffer)
        joint("┏", x0, y0, style, into: &buffer)
        joint("┓", x1, y0, style, into: &buffer)
        joint("┗", x0, y1, style, into: &buffer)
        joint("┛", x1, y1, style, into: &buffer)
    }

    /// Text at (x, y), clipped.
    public func text(_ s: String, _ x: Int, _ y: Int, _ style: Style, into buffer: inout Buffer) {
        buffer.put(s, x: origin.x + x, y: origin.y + y, style: style, clip: clip)
    }

    /// Text ending at column x (inclusive), clipped.
    public func textRight(_ s: String, endingAt x: Int, _ y: Int, _ style: Style, into buffer: inout Buffer) {
        text(s, x - TextWidth.of(s) + 1, y, style, into: &buffer)
    }

    private func put(_ glyph: String, _ x: Int, _ y: Int, _ style: Style, _ buffer: inout Buffer) {
        let px = origin.x + x, py = origin.y + y
        guard clip.contains(x: px, y: py) else { return }
        buffer.set(px, py, glyph, style: style)
    }
}
