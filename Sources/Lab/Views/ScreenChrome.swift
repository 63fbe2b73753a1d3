import TUI

/// The title bar and the status line shared by every screen.
enum ScreenChrome {
    /// A full-width bar: `left` from the start, `right` flush right; `left` is cut with an
    /// ellipsis when both do not fit.
    static func titleBar(left: String, right: String, in area: Rect, into buffer: inout Buffer, theme: LabTheme) {
        guard !area.isEmpty else { return }
        let style = theme.titleBar
        buffer.fill(area, with: Cell(" ", style: style))
        let rightWidth = TextWidth.of(right)
        let room = area.width - rightWidth - 3
        buffer.put(fitted(left, room, theme), x: area.x + 1, y: area.y, style: style, maxWidth: max(0, room))
        buffer.put(right, x: area.maxX - rightWidth - 1, y: area.y, style: style)
    }

    /// The keys line: pairs of (keys, action), keys highlighted. When they do not all fit, the
    /// last `keep` (at least help and quit) always stay and items before them are left out
    /// from the end, so the way out is always on screen.
    static func statusBar(_ items: [(String, String)], right: String = "", keep: Int = 2, in area: Rect, into buffer: inout Buffer,
                          theme: LabTheme) {
        guard !area.isEmpty else { return }
        buffer.fill(area, with: theme.barFill)
        let rightWidth = TextWidth.of(right)
        let limit = area.maxX - (rightWidth > 0 ? rightWidth + 2 : 0)
        func width(_ item: (String, String)) -> Int { TextWidth.of(item.0) + 1 + TextWidth.of(item.1) + 2 }
        var shown = items
        let kept = min(max(2, keep), items.count)
        while shown.count > kept, area.x + 1 + shown.map(width).reduce(0, +) - 2 > limit {
            shown.remove(at: shown.count - kept - 1)
        }
        var x = area.x + 1
        for (keys, action) in shown {
            let w = TextWidth.of(keys) + 1 + TextWidth.of(action)
            if x + w > limit { break }
            buffer.put(keys, x: x, y: area.y, style: theme.statusKey)
            buffer.put(action, x: x + TextWidth.of(keys) + 1, y: area.y, style: theme.statusBar)
            x += w + 2
        }
        if rightWidth > 0 {
            buffer.put(right, x: area.maxX - rightWidth - 1, y: area.y, style: theme.statusKey)
        }
    }

    /// Columns the last `count` status items take (with their gaps and the left margin).
    static func statusWidth(_ items: [(String, String)], last count: Int) -> Int {
        1 + items.suffix(count).map { TextWidth.of($0.0) + 1 + TextWidth.of($0.1) + 2 }.reduce(0, +)
    }

    /// `text` cut to `width` columns with the glyph set's ellipsis.
    static func fitted(_ text: String, _ width: Int, _ theme: LabTheme) -> String {
        TextWidth.truncate(text, to: width, ellipsis: theme.glyphs.ellipsis)
    }

    /// Text written centred on a row of `area`.
    static func centred(_ text: String, row y: Int, in area: Rect, into buffer: inout Buffer, style: Style) {
        let w = TextWidth.of(text)
        let x = area.x + max(0, (area.width - w) / 2)
        buffer.put(text, x: x, y: y, style: style, maxWidth: area.width)
    }
}
