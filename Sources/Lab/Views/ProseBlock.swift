import TUI

/// A step's Markdown prose, laid out for a width and drawn from a scroll offset.
///
/// The one place the Lab hands Markdown to the text widgets: everything else asks this type
/// for heights and drawing.
struct ProseBlock {
    let markdown: String

    /// Rows the prose needs at this width.
    func height(width: Int, capabilities: Capabilities) -> Int {
        wrapped(width: width).count
    }

    /// Draws the rows from `scroll` on into `area`.
    func render(in area: Rect, into buffer: inout Buffer, scroll: Int, theme: LabTheme) {
        let rows = wrapped(width: area.width)
        for (i, row) in rows.dropFirst(scroll).prefix(area.height).enumerated() {
            buffer.put(row, x: area.x, y: area.y + i, style: theme.text, clip: area)
        }
    }

    // Interim: source lines wrapped at spaces, until the Prose widget (branch `text`) is merged.
    private func wrapped(width: Int) -> [String] {
        guard width > 0 else { return [] }
        var out: [String] = []
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var current = ""
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                let candidate = current.isEmpty ? String(word) : current + " " + word
                if TextWidth.of(candidate) > width && !current.isEmpty {
                    out.append(current)
                    current = String(word)
                } else {
                    current = candidate
                }
            }
            out.append(current)
        }
        return out
    }
}
