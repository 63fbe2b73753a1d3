/// The box around each gallery panel, with its title in the top line.
///
/// The gallery draws its own light frame (rather than `Panel`) because its entries are
/// heterogeneous widgets held as closures and `Panel` is generic over one child type.
enum GalleryFrame {
    /// The area inside a frame drawn in `area` (nothing when it is too small for a frame).
    static func inner(_ area: Rect) -> Rect {
        area.width >= 4 && area.height >= 3 ? area.inset(by: 1) : Rect(x: area.x, y: area.y, width: 0, height: 0)
    }

    static func draw(title: String, in area: Rect, into buffer: inout Buffer, caps: Capabilities) {
        guard area.width >= 4, area.height >= 3 else { return }
        let g = caps.glyphTable
        let style = caps.resolve(Style.fg(.indexed(240)))
        buffer.set(area.x, area.y, g.topLeft, style: style)
        buffer.set(area.maxX - 1, area.y, g.topRight, style: style)
        buffer.set(area.x, area.maxY - 1, g.bottomLeft, style: style)
        buffer.set(area.maxX - 1, area.maxY - 1, g.bottomRight, style: style)
        for x in (area.x + 1)..<(area.maxX - 1) {
            buffer.set(x, area.y, g.horizontal, style: style)
            buffer.set(x, area.maxY - 1, g.horizontal, style: style)
        }
        for y in (area.y + 1)..<(area.maxY - 1) {
            buffer.set(area.x, y, g.vertical, style: style)
            buffer.set(area.maxX - 1, y, g.vertical, style: style)
        }
        let room = area.width - 4
        guard room >= 3 else { return }
        var t = " " + title + " "
        if TextWidth.of(t) > room {
            // Cut whole graphemes and mark the cut.
            var cut = ""
            for ch in title {
                if TextWidth.of(cut) + TextWidth.of(ch) + 3 > room { break }
                cut.append(ch)
            }
            t = " " + cut + g.ellipsis + " "
        }
        buffer.put(t, x: area.x + 2, y: area.y, style: Style.plain.bold, clip: area)
    }
}
