/// A display equation: TeX rendered as a block of Unicode (or ASCII) text.
///
/// ```swift
/// let eq = Equation("h_t = \\tanh(W_{hh} h_{t-1} + W_{xh} x_t)")
/// eq.render(in: area, into: &buffer, capabilities: caps)   // centred, clipped
/// Equation.lines("c_t = f \\odot c_{t-1}", glyphs: .ascii)  // ["c_t = f * c_{t-1}"]
/// ```
public struct Equation: Widget, Sendable {
    /// The TeX source, without `$$`.
    public var tex: String
    /// The style of the equation's cells; `\mathbf` parts add bold.
    public var style: Style
    /// How the equation sits across the area when it is narrower.
    public var alignment: MathBox.Alignment
    /// One row (linear style), as for inline math.
    public var inline: Bool

    /// The parsed formula.
    public let node: MathNode

    /// Parses `tex` once (surrounding `$$` or `$` are accepted and dropped).
    public init(_ tex: String, style: Style = .plain, alignment: MathBox.Alignment = .center, inline: Bool = false) {
        self.tex = tex
        self.style = style
        self.alignment = alignment
        self.inline = inline
        self.node = MathParser.parse(Equation.strippingDollars(tex))
    }

    /// The formula without the `$$ … $$` or `$ … $` around it, if the caller left them on.
    static func strippingDollars(_ tex: String) -> String {
        var s = Substring(tex.markdownTrimmed)
        for d in ["$$", "$"] where s.hasPrefix(d) && s.hasSuffix(d) && s.count >= 2 * d.count {
            s = s.dropFirst(d.count).dropLast(d.count)
            break
        }
        return String(s)
    }

    /// The laid-out box for a glyph set.
    public func box(glyphs: GlyphSet) -> MathBox {
        MathLayout(glyphs: glyphs, linear: inline).layout(node)
    }

    /// Size of the rendered equation.
    public func size(glyphs: GlyphSet) -> Size {
        let b = box(glyphs: glyphs)
        return Size(width: b.width, height: b.width == 0 ? 0 : b.height)
    }

    /// Commands the renderer does not know (lesson validation warns about these).
    public var unknownCommands: [String] { node.unknownCommands }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {
        Equation.draw(box(glyphs: capabilities.glyphs), in: area, into: &buffer, style: capabilities.resolve(style), alignment: alignment, ellipsis: capabilities.glyphTable.ellipsis)
    }

    /// Draws a laid-out box into `area`: aligned across, centred vertically, clipped. When the
    /// box is wider than the area the left part shows and the last column becomes an ellipsis;
    /// when it is taller, the rows around its baseline show.
    public static func draw(_ box: MathBox, in area: Rect, into buffer: inout Buffer, style: Style, alignment: MathBox.Alignment = .center, ellipsis: String = "…") {
        guard !area.isEmpty, box.width > 0 else { return }
        let clipped = box.width > area.width
        var x0 = area.x
        if !clipped {
            switch alignment {
            case .left: break
            case .center: x0 += (area.width - box.width) / 2
            case .right: x0 += area.width - box.width
            }
        }
        // Centred vertically too; when too short, the rows around the baseline show.
        let slack = area.height - box.height
        let top = slack >= 0 ? slack / 2 : 0
        let skip = slack >= 0 ? 0 : min(-slack, max(0, box.baseline - (area.height - 1) / 2))
        for y in skip..<min(box.height, skip + area.height) {
            let row = area.y + top + y - skip
            var x = x0
            for cell in box.rows[y] {
                defer { x += 1 }
                if cell.symbol.isEmpty { continue }  // continuation of a wide grapheme
                let w = max(1, TextWidth.of(cell.symbol))
                guard x + w <= area.maxX else { break }
                buffer[x, row] = Cell(cell.symbol, style: cell.bold ? style.bold : style)
                if w == 2 { buffer[x + 1, row] = .continuation(style: cell.bold ? style.bold : style) }
            }
            if clipped, area.width > 1 {
                buffer[area.maxX - 1, row] = Cell(ellipsis, style: style)
            }
        }
    }

    // MARK: - Functions for other modules

    /// The rendered rows of a formula as text.
    public static func lines(_ tex: String, glyphs: GlyphSet = .unicode, inline: Bool = false) -> [String] {
        Equation(tex, inline: inline).box(glyphs: glyphs).lines
    }

    /// The rendered rows with the width and height, for callers that lay out around them.
    public static func rendered(_ tex: String, glyphs: GlyphSet = .unicode, inline: Bool = false) -> (lines: [String], width: Int, height: Int) {
        let b = Equation(tex, inline: inline).box(glyphs: glyphs)
        return (b.lines, b.width, b.width == 0 ? 0 : b.height)
    }

    /// Names of unknown commands in a formula (without the backslash).
    public static func unknownCommands(in tex: String) -> [String] {
        MathParser.parse(strippingDollars(tex)).unknownCommands
    }
}
