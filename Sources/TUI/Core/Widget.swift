/// Something that draws itself into a rectangle of a buffer.
///
/// Widgets never touch the terminal: they write styled cells into a `Buffer`, using the
/// `Capabilities` they are given to choose colours and glyphs. A widget must stay inside
/// `area` and must not crash for any size, down to 0x0.
public protocol Widget {
    func render(in area: Rect, into buffer: inout Buffer, capabilities: Capabilities)
}

extension Widget {
    /// Renders into a fresh buffer of the given size (for tests, `render` and the gallery).
    public func rendered(size: Size, capabilities: Capabilities = .full) -> Buffer {
        var b = Buffer(size: size)
        render(in: b.area, into: &b, capabilities: capabilities)
        return b
    }
}
