import TUI

/// The key reference, drawn as a framed box over the centre of the current screen.
/// Any key closes it (q still quits).
struct HelpOverlay {
    /// Keys and what they do, for where the learner is (from `KeyBindings`).
    let rows: [(keys: String, action: String)]

    func render(in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        let keysWidth = rows.map { TextWidth.of($0.keys) }.max() ?? 0
        let footer = "press any key to close"
        // An action longer than the screen allows wraps onto the next rows, under itself.
        let actionRoom = max(10, area.width - 6 - keysWidth - 3)
        let lines: [(keys: String, action: String)] = rows.flatMap { row -> [(keys: String, action: String)] in
            guard TextWidth.of(row.action) > actionRoom else { return [(row.keys, row.action)] }
            let parts = ExerciseView.wrapped(row.action, width: actionRoom, style: theme.text)
            return parts.enumerated().map { i, part in (i == 0 ? row.keys : "", part) }
        }
        let actionWidth = lines.map { TextWidth.of($0.action) }.max() ?? 0
        let innerWidth = max(keysWidth + 3 + actionWidth, TextWidth.of(footer))
        let box = Rect(x: area.x + max(0, (area.width - innerWidth - 6) / 2),
                       y: area.y + max(0, (area.height - lines.count - 6) / 2),
                       width: min(area.width, innerWidth + 6), height: min(area.height, lines.count + 6))
        guard box.width >= 4, box.height >= 3 else { return }
        // A blank margin around the frame keeps it apart from the chart or text behind.
        buffer.fill(box.inset(top: 0, left: -1, bottom: 0, right: -1), with: .blank)
        Frame(title: "Keys", style: theme.border, titleStyle: theme.heading).draw(in: box, into: &buffer, capabilities: theme.capabilities)
        let inner = box.inset(top: 2, left: 3, bottom: 2, right: 3)
        for (i, row) in lines.enumerated() where inner.y + i < inner.maxY {
            buffer.put(row.keys, x: inner.x, y: inner.y + i, style: theme.key, clip: inner)
            buffer.put(row.action, x: inner.x + keysWidth + 3, y: inner.y + i, style: theme.text, clip: inner)
        }
        ScreenChrome.centred(footer, row: box.maxY - 2, in: box.inset(by: 1), into: &buffer, style: theme.muted)
    }
}
