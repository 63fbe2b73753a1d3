/// A box drawn around an area, with an optional title in its top line and an optional
/// footer at the right of its bottom line (after ratatui's `Block`).
///
/// `draw` returns the area inside the lines, where the caller renders whatever the frame
/// holds; `inner(_:)` gives the same area without drawing. Titles and footers are folded to
/// ASCII for ASCII output and cut with the glyph set's ellipsis when they do not fit.
/// Works for any area: below 2x2 nothing is drawn and the inside is empty.
public struct Frame: Widget, Sendable {
    /// Which lines the box is drawn with (see `Glyphs.border`, `focusBorder`, `heavyBorder`).
    public enum Lines: Hashable, Sendable {
        /// `┌─┐` / `+-+`.
        case light
        /// `┏━┓` / `#=#`: shows focus with no colour, in ASCII too.
        case focus
        /// `┏━┓` / `+-+`: heavy where Unicode has it, light in ASCII.
        case heavy
    }

    /// Set into the top line after the corner and one line, as ` title `.
    public var title: String?
    /// Set into the bottom line before the last line and corner, as ` footer `.
    public var footer: String?
    public var lines: Lines
    /// The lines.
    public var style: Style
    public var titleStyle: Style
    public var footerStyle: Style

    /// A frame; the title defaults to the lines' style in bold, the footer to the lines' style.
    public init(title: String? = nil, footer: String? = nil, lines: Lines = .light, style: Style = .plain,
                titleStyle: Style? = nil, footerStyle: Style? = nil) {
        self.title = title
        self.footer = footer
        self.lines = lines
        self.style = style
        self.titleStyle = titleStyle ?? style.bold
        self.footerStyle = footerStyle ?? style
    }

    /// The area inside a frame drawn in `area`: one cell in from every side, or an empty
    /// rectangle at `area`'s origin when `area` is too small for a frame.
    public static func inner(_ area: Rect) -> Rect {
        area.width >= 2 && area.height >= 2 ? area.inset(by: 1) : Rect(x: area.x, y: area.y, width: 0, height: 0)
    }

    /// The pieces these lines are drawn with.
    public func borderSet(_ glyphs: Glyphs) -> BorderSet {
        switch lines {
        case .light: return glyphs.border
        case .focus: return glyphs.focusBorder
        case .heavy: return glyphs.heavyBorder
        }
    }

    /// Draws the frame into `area` (clipped to it) and returns the area inside it.
    @discardableResult
    public func draw(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) -> Rect {
        let inside = Frame.inner(area)
        guard area.width >= 2, area.height >= 2 else { return inside }
        let g = caps.glyphTable
        let b = borderSet(g)
        let lineStyle = caps.resolve(style)
        let run = String(repeating: b.horizontal, count: area.width - 2)
        buffer.put(b.topLeft + run + b.topRight, x: area.x, y: area.y, style: lineStyle, clip: area)
        buffer.put(b.bottomLeft + run + b.bottomRight, x: area.x, y: area.maxY - 1, style: lineStyle, clip: area)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.put(b.vertical, x: area.x, y: y, style: lineStyle, clip: area)
            buffer.put(b.vertical, x: area.maxX - 1, y: y, style: lineStyle, clip: area)
        }
        if let title, let label = Frame.label(title, width: area.width, caps: caps) {
            buffer.put(label, x: area.x + 2, y: area.y, style: caps.resolve(titleStyle), clip: area)
        }
        if let footer, let label = Frame.label(footer, width: area.width, caps: caps) {
            buffer.put(label, x: area.maxX - 2 - TextWidth.of(label), y: area.maxY - 1, style: caps.resolve(footerStyle), clip: area)
        }
        return inside
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        draw(in: area, into: &buffer, capabilities: caps)
    }

    /// ` text ` as set into a frame line `width` columns wide, cut with an ellipsis to leave a
    /// corner and a line on each side; nil when the text is empty or the line is shorter
    /// than 7 columns (at 7 only the ellipsis fits between the spaces).
    static func label(_ text: String, width: Int, caps: Capabilities) -> String? {
        let room = width - 4
        guard !text.isEmpty, room >= 3 else { return nil }
        let shown = ASCIIFold.fitting(text, caps)
        return " " + TextWidth.truncate(shown, to: room - 2, ellipsis: caps.glyphTable.ellipsis) + " "
    }
}
