/// Equations drawn one under another, each given its natural height and centred together
/// in the area; those that no longer fit are left out whole rather than cut.
struct GalleryStack: Widget {
    var equations: [Equation]
    init(_ equations: [Equation]) { self.equations = equations }

    func render(in area: Rect, into buffer: inout Buffer, capabilities caps: Capabilities) {
        guard !area.isEmpty else { return }
        let heights = equations.map { Equation.rendered($0.tex, glyphs: caps.glyphs).height }
        var shown = 0, total = 0
        for h in heights {
            let next = total + (shown > 0 ? 1 : 0) + h
            if next > area.height { break }
            total = next
            shown += 1
        }
        // Too small for even the first: let it clip rather than show nothing.
        if shown == 0 {
            equations.first?.render(in: area, into: &buffer, capabilities: caps)
            return
        }
        var y = area.y + (area.height - total) / 2
        for k in 0..<shown {
            equations[k].render(in: Rect(x: area.x, y: y, width: area.width, height: heights[k]), into: &buffer, capabilities: caps)
            y += heights[k] + 1
        }
    }
}
