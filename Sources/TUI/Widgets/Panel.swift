/// A titled `Frame` around a child widget, with an optional footer (e.g. key hints).
///
/// A focused panel draws its frame highlighted: a coloured frame with heavy lines in
/// Unicode, `=` and `#` in ASCII (`Frame.Lines.focus`), so focus shows with no colour too.
/// An area under 2x2 has no room for a frame: the child gets all of it.
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
    public static func inner(_ area: Rect) -> Rect { Frame.inner(area) }

    public func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        guard area.width >= 2, area.height >= 2 else {
            child.render(in: area, into: &buffer, capabilities: caps)  // no room for a frame
            return
        }
        let frameStyle = focused ? focusStyle : style
        let frame = Frame(title: title, footer: footer, lines: focused ? .focus : .light, style: frameStyle)
        child.render(in: frame.draw(in: area, into: &buffer, capabilities: caps), into: &buffer, capabilities: caps)
    }
}

/// A widget that draws nothing (a panel with no content yet).
public struct EmptyWidget: Widget, Sendable {
    public init() {}
    public func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities) {}
}
