import TUI

/// The key reference, drawn as a framed box over the centre of the current screen.
/// Any key closes it (q still quits).
struct HelpOverlay {
    /// Keys and what they do, for where the learner is (from `KeyBindings`).
    let rows: [(keys: String, action: String)]

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        let keysWidth = rows.map { TextWidth.of($0.keys) }.max() ?? 0
        let actionWidth = rows.map { TextWidth.of($0.action) }.max() ?? 0
        let footer = "press any key to close"
        let innerWidth = max(keysWidth + 3 + actionWidth, TextWidth.of(footer))
        let box = Rect(x: area.x + max(0, (area.width - innerWidth - 6) / 2),
                       y: area.y + max(0, (area.height - rows.count - 6) / 2),
                       width: min(area.width, innerWidth + 6), height: min(area.height, rows.count + 6))
        guard box.width >= 4, box.height >= 3 else { return }
        // A blank margin around the frame keeps it apart from the chart or text behind.
        buffer.fill(box.inset(top: 0, left: -1, bottom: 0, right: -1), with: .blank)
        Frame(title: "Keys", style: theme.border, titleStyle: theme.heading).draw(in: box, into: &buffer, capabilities: theme.capabilities)
        let inner = box.inset(top: 2, left: 3, bottom: 2, right: 3)
        for (i, row) in rows.enumerated() where inner.y + i < inner.maxY {
            buffer.put(row.keys, x: inner.x, y: inner.y + i, style: theme.key, clip: inner)
            buffer.put(row.action, x: inner.x + keysWidth + 3, y: inner.y + i, style: theme.text, clip: inner)
        }
        ScreenChrome.centred(footer, row: box.maxY - 2, in: box.inset(by: 1), into: &buffer, style: theme.muted)
    }
}
