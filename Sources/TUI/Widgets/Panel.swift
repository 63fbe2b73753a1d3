/// A titled box around a child widget, with an optional footer (e.g. key hints).
///
/// A focused panel draws its frame highlighted: a bold, coloured frame with heavy lines in
/// Unicode, `=` and `#` in ASCII, so focus shows with no colour too.
public struct Panel<Child: Widget>: Widget {
    /// Set into the top frame line; truncated with an ellipsis.
    public var title: String
    /// Set into the bottom frame line at the right (key hints, a scroll position).
    public var footer: String?
    /// Drawn inside the frame (`Panel.inner(area)`).
    public var child: Child
    /// Draws the frame highlighted (heavy lines, bold, `focusStyle`).
    public var focused: Bool
    /// The frame when not focused.
    public var style: Style
    /// The frame when focused.
    public var focusStyle: Style

    public init(title: String, footer: String? = nil, focused: Bool = false, style: Style = .fg(.indexed(244)),
                focusStyle: Style = Style.fg(.indexed(214)).bold, child: Child) {
        self.title = title
        self.footer = footer
        self.child = child
        self.focused = focused
        self.style = style
        self.focusStyle = focusStyle
    }

    /// The area left for the child inside a frame drawn in `area`.
    public static func inner(_ area: Rect) -> Rect {
        area.width >= 2 && area.height >= 2 ? area.inset(by: 1) : Rect(x: area.x, y: area.y, width: 0, height: 0)
    }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        guard area.width >= 2, area.height >= 2 else {
            child.render(in: area, into: &buffer, capabilities: caps)  // no room for a frame
            return
        }
        let g = caps.glyphTable
        let frameStyle = caps.resolve(focused ? focusStyle : style)
        let pieces: (h: String, v: String, tl: String, tr: String, bl: String, br: String)
        switch (focused, caps.unicode) {
        case (true, true): pieces = ("━", "┃", "┏", "┓", "┗", "┛")
        case (true, false): pieces = ("=", "#", "#", "#", "#", "#")
        default: pieces = (g.horizontal, g.vertical, g.topLeft, g.topRight, g.bottomLeft, g.bottomRight)
        }
        let inner = String(repeating: pieces.h, count: area.width - 2)
        buffer.put(pieces.tl + inner + pieces.tr, x: area.x, y: area.y, style: frameStyle, clip: area)
        buffer.put(pieces.bl + inner + pieces.br, x: area.x, y: area.maxY - 1, style: frameStyle, clip: area)
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.put(pieces.v, x: area.x, y: y, style: frameStyle, clip: area)
            buffer.put(pieces.v, x: area.maxX - 1, y: y, style: frameStyle, clip: area)
        }
        label(ASCIIFold.fitting(title, caps), y: area.y, area: area, style: frameStyle.bold, ellipsis: g.ellipsis, into: &buffer, right: false)
        if let footer { label(ASCIIFold.fitting(footer, caps), y: area.maxY - 1, area: area, style: frameStyle, ellipsis: g.ellipsis, into: &buffer, right: true) }
        child.render(in: Panel.inner(area), into: &buffer, capabilities: caps)
    }

    /// A label set into the frame line as ` title `, truncated with an ellipsis.
    private func label(_ text: String, y: Int, area: Rect, style: Style, ellipsis: String, into buffer: inout Buffer, right: Bool) {
        let room = area.width - 4  // a corner and a line on each side
        guard !text.isEmpty, room >= 3 else { return }
        let fitted = TextWidth.of(text) + 2 <= room ? " \(text) " : " " + Table.fit(text, width: room - 2, alignment: .left, ellipsis: ellipsis) + " "
        let w = TextWidth.of(fitted)
        let x = right ? area.maxX - 2 - w : area.x + 2
        buffer.put(fitted, x: x, y: y, style: style, clip: area)
    }
}

/// A widget that draws nothing (a panel with no content yet).
public struct EmptyWidget: Widget, Sendable {
    public init() {}
    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {}
}
